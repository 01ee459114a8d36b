resource "appauth_appfabric_app_bundle" "main" {}

# An OAuth2 authorization for Slack. The client secret is write-only: it is sent
# to AppFabric but never stored in the plan or state. Bump credential_wo_version
# to rotate it; AppFabric then needs a new connect.
resource "appauth_appfabric_app_authorization" "slack" {
  app_bundle_arn = appauth_appfabric_app_bundle.main.arn
  app            = "SLACK"
  auth_type      = "oauth2"

  tenant = {
    tenant_identifier   = "T01234567"
    tenant_display_name = "Example workspace"
  }

  credential = {
    oauth2 = {
      client_id        = "1234567890.1234567890"
      client_secret_wo = var.slack_client_secret
    }
  }
  credential_wo_version = 1

  tags = {
    team = "security"
  }
}

# An API key authorization for Zoom.
resource "appauth_appfabric_app_authorization" "zoom" {
  app_bundle_arn = appauth_appfabric_app_bundle.main.arn
  app            = "ZOOM"
  auth_type      = "apiKey"

  tenant = {
    tenant_identifier   = "zoom-account-id"
    tenant_display_name = "Zoom"
  }

  credential = {
    api_key = {
      api_key_wo = var.zoom_api_key
    }
  }
  credential_wo_version = 1
}

variable "slack_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "zoom_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}
