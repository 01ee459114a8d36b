variable "apig_instance_id" {
  type = string
}

data "appauth_apig_environment" "dev" {
  instance_id = var.apig_instance_id
  name        = "DEV"
}

output "dev_env_id" {
  value = data.appauth_apig_environment.dev.id
}
