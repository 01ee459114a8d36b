# APIG: authorize the emulator's fixture app "demo_app" for two APIs in the DEV environment, found by
# name. The emulator (-apig-fixtures) prints TF_VAR_apig_instance_id with the fixture gateway's id.
variable "apig_instance_id" {
  type        = string
  description = "Id of the APIG dedicated gateway."
}

data "appauth_apig_environment" "apig_dev" {
  instance_id = var.apig_instance_id
  name        = "DEV"
}

data "appauth_apig_app" "apig_demo" {
  instance_id = var.apig_instance_id
  name        = "demo_app"
}

data "appauth_apig_api" "apig_list_orders" {
  instance_id = var.apig_instance_id
  name        = "list_orders"
}

data "appauth_apig_api" "apig_get_order" {
  instance_id = var.apig_instance_id
  name        = "get_order"
}

resource "appauth_apig_app_authorization" "apig_demo_dev" {
  instance_id = var.apig_instance_id
  env_id      = data.appauth_apig_environment.apig_dev.id
  app_id      = data.appauth_apig_app.apig_demo.id
  api_ids = [
    data.appauth_apig_api.apig_list_orders.id,
    data.appauth_apig_api.apig_get_order.id,
  ]
}

output "apig_authorization_id" {
  value = appauth_apig_app_authorization.apig_demo_dev.id
}

output "apig_bound_api_ids" {
  value = appauth_apig_app_authorization.apig_demo_dev.bound_api_ids
}
