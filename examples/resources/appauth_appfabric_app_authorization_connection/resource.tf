resource "appauth_appfabric_app_bundle" "main" {}

resource "appauth_appfabric_app_authorization" "zoom" {
  app_bundle_arn = appauth_appfabric_app_bundle.main.arn
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
}

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
}

variable "zoom_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "slack_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Connect an API key authorization: AppFabric validates the key with the
# application. replace_triggered_by reconnects in the same apply whenever the
# credential or tenant changes (which puts the authorization back to PendingConnect).
resource "appauth_appfabric_app_authorization_connection" "zoom" {
  app_authorization_arn = appauth_appfabric_app_authorization.zoom.arn

  timeouts {
    create = "10m"
  }

  lifecycle {
    replace_triggered_by = [appauth_appfabric_app_authorization.zoom.updated_at]
  }
}

# Connect an OAuth2 authorization: an administrator opens the authorization's
# auth_url, approves, and the application redirects back with a code. The code
# works once, so it is write-only; bump code_wo_version to connect again.
resource "appauth_appfabric_app_authorization_connection" "slack" {
  app_authorization_arn = appauth_appfabric_app_authorization.slack.arn

  auth_request = {
    redirect_uri = "https://example.com/appfabric/callback"
    code_wo      = var.slack_oauth_code
  }
  code_wo_version = 1
}

variable "slack_oauth_code" {
  type      = string
  sensitive = true
  ephemeral = true
}
