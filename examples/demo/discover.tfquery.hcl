# What `make demo` discovers with `terraform query` (Terraform 1.14 and later) after the apply: the
# objects the demo created, as list resources find them, with their identities.

variable "appfabric_app_bundle_arn" {
  type        = string
  description = "The bundle whose app authorizations and connections to list: AppFabric lists them per bundle."
}

list "appauth_appfabric_app_bundle" "all" {
  provider = appauth
}

list "appauth_appfabric_app_authorization" "demo" {
  provider = appauth
  config {
    app_bundle_arn = var.appfabric_app_bundle_arn
  }
}

list "appauth_appfabric_app_authorization_connection" "demo" {
  provider = appauth
  config {
    app_bundle_arn = var.appfabric_app_bundle_arn
  }
}

list "appauth_quicksight_action_connector" "all" {
  provider = appauth
}

list "appauth_authress_connection" "all" {
  provider = appauth
}

list "appauth_apig_app_authorization" "demo" {
  provider = appauth
  config {
    instance_id = var.apig_instance_id
  }
}
