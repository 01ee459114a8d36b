# Let the "orders_app" app call two APIs in the DEV environment. Lookups by name keep ids out of the
# configuration; the APIs must use app authentication and be published in the environment.
variable "apig_instance_id" {
  type = string
}

data "appauth_apig_environment" "dev" {
  instance_id = var.apig_instance_id
  name        = "DEV"
}

data "appauth_apig_app" "orders" {
  instance_id = var.apig_instance_id
  name        = "orders_app"
}

data "appauth_apig_api" "list_orders" {
  instance_id = var.apig_instance_id
  name        = "list_orders"
}

data "appauth_apig_api" "get_order" {
  instance_id = var.apig_instance_id
  name        = "get_order"
}

resource "appauth_apig_app_authorization" "orders_dev" {
  instance_id = var.apig_instance_id
  env_id      = data.appauth_apig_environment.dev.id
  app_id      = data.appauth_apig_app.orders.id
  api_ids = [
    data.appauth_apig_api.list_orders.id,
    data.appauth_apig_api.get_order.id,
  ]
}

# The default RELEASE environment has a fixed id.
resource "appauth_apig_app_authorization" "orders_release" {
  instance_id = var.apig_instance_id
  env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
  app_id      = data.appauth_apig_app.orders.id
  api_ids     = [data.appauth_apig_api.list_orders.id]
}
