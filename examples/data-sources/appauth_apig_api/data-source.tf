variable "apig_instance_id" {
  type = string
}

data "appauth_apig_api" "list_orders" {
  instance_id = var.apig_instance_id
  name        = "list_orders"
}

# Only APIs with auth_type "APP" can be authorized, in the environments they are published in.
output "list_orders" {
  value = {
    id           = data.appauth_apig_api.list_orders.id
    auth_type    = data.appauth_apig_api.list_orders.auth_type
    published_in = data.appauth_apig_api.list_orders.published_env_names
  }
}
