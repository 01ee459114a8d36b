# Every app of the gateway authorized for an API whose name contains "order", one result per app and
# environment, each holding every API authorized there. Leave app_id, env_id and api_name out to
# find every authorization of the gateway.
list "appauth_apig_app_authorization" "orders" {
  provider         = appauth
  include_resource = true
  config {
    instance_id = "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10"
    env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
    api_name    = "order"
  }
}
