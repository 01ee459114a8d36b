variable "apig_instance_id" {
  type = string
}

data "appauth_apig_app" "orders" {
  instance_id = var.apig_instance_id
  name        = "orders_app"
}

# Every API the app may call, in every environment, whoever authorized it.
data "appauth_apig_app_authorizations" "orders" {
  instance_id = var.apig_instance_id
  app_id      = data.appauth_apig_app.orders.id
}

# Only in the RELEASE environment.
data "appauth_apig_app_authorizations" "orders_release" {
  instance_id = var.apig_instance_id
  app_id      = data.appauth_apig_app.orders.id
  env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
}

output "orders_release_apis" {
  value = [for a in data.appauth_apig_app_authorizations.orders_release.authorizations : a.api_name]
}
