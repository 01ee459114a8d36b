# The app bundle of the provider's account and Region (AppFabric allows one per Region).
list "appauth_appfabric_app_bundle" "all" {
  provider         = appauth
  include_resource = true
}
