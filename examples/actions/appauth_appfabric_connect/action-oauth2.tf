# An OAuth2 authorization, connected on demand once an administrator has
# visited its auth_url and the application returned a code:
#
#   TF_VAR_slack_oauth_code=... terraform apply -invoke=action.appauth_appfabric_connect.slack
resource "appauth_appfabric_app_authorization" "slack" {
  app_bundle_arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
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

action "appauth_appfabric_connect" "slack" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.slack.arn
    auth_request = {
      redirect_uri = "https://example.com/appfabric/callback"
      code         = var.slack_oauth_code
    }
  }
}

variable "slack_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

# Ephemeral: the code goes to a write-only attribute, never to a plan or state.
variable "slack_oauth_code" {
  type      = string
  sensitive = true
  ephemeral = true
}
