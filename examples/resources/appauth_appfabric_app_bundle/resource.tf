# An app bundle encrypted with an AWS owned key.
resource "appauth_appfabric_app_bundle" "main" {
  tags = {
    team = "security"
  }
}

# An app bundle encrypted with your own KMS key. Changing the key replaces the bundle.
resource "appauth_appfabric_app_bundle" "cmk" {
  customer_managed_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
