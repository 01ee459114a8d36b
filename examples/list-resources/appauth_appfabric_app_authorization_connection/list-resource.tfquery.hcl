# The connected app authorizations of one bundle.
list "appauth_appfabric_app_authorization_connection" "main" {
  provider         = appauth
  include_resource = true
  config {
    app_bundle_arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
  }
}
