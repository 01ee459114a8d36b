# An API key authorization that connects when it is created and again after
# each update (a new credential or tenant puts it back to PendingConnect).
resource "appauth_appfabric_app_authorization" "zoom" {
  app_bundle_arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-account-id"
    tenant_display_name = "Zoom"
  }
  credential = {
    api_key = { api_key_wo = var.zoom_api_key }
  }
  credential_wo_version = 1

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.appauth_appfabric_connect.zoom]
    }
  }
}

action "appauth_appfabric_connect" "zoom" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.zoom.arn

    timeouts {
      invoke = "10m"
    }
  }
}

variable "zoom_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}
