data "appauth_appfabric_app_authorizations" "all" {
  app_bundle_arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
}

# Authorizations that need attention.
output "not_connected" {
  value = [for a in data.appauth_appfabric_app_authorizations.all.app_authorizations : a.arn if a.status != "Connected"]
}
