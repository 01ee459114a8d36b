# The connections Authress's text search finds for "okta"; leave config out to find them all.
# Terraform returns at most 100 results unless limit says otherwise.
list "appauth_authress_connection" "okta" {
  provider         = appauth
  include_resource = true
  limit            = 1000
  config {
    filter = "okta"
  }
}
