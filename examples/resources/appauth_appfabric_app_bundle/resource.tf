# An app bundle encrypted with an AWS owned key. AppFabric allows one app bundle
# per AWS account and Region, and the quota cannot be raised.
resource "appauth_appfabric_app_bundle" "main" {
  tags = {
    team = "security"
  }
}

# A second bundle needs another Region (or account): a provider configuration of
# its own. AppFabric exists in us-east-1, eu-west-1 and ap-northeast-1.
provider "appauth" {
  alias = "eu_west_1"
  aws {
    region = "eu-west-1"
  }
}

# This one is encrypted with your own KMS key, in its Region. Changing the key
# replaces the bundle.
resource "appauth_appfabric_app_bundle" "cmk" {
  provider                 = appauth.eu_west_1
  customer_managed_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  timeouts {
    delete = "10m"
  }
}
