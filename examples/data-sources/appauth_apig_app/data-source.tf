variable "apig_instance_id" {
  type = string
}

# The app's id and key; its secret is never read.
data "appauth_apig_app" "orders" {
  instance_id = var.apig_instance_id
  name        = "orders_app"
}

output "orders_app_id" {
  value = data.appauth_apig_app.orders.id
}
