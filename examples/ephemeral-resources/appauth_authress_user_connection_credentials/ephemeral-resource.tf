# The token an Authress user received from the identity provider behind the
# "github" connection at their latest login. Ephemeral: never written to plan or state.
ephemeral "appauth_authress_user_connection_credentials" "github" {
  connection_id = "github"
  user_id       = "oauth2|github|12345"
}

# Ephemeral values may be used in provider configurations and in write-only
# arguments, which never store them either. Here the user's token becomes the
# API key of an AppFabric authorization.
resource "appauth_appfabric_app_bundle" "main" {}

resource "appauth_appfabric_app_authorization" "github" {
  app_bundle_arn = appauth_appfabric_app_bundle.main.arn
  app            = "GITHUB"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "example-org"
    tenant_display_name = "Example organisation"
  }
  credential = {
    api_key = {
      api_key_wo = ephemeral.appauth_authress_user_connection_credentials.github.access_token
    }
  }
  credential_wo_version = 1
}
