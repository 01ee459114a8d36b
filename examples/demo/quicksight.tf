resource "appauth_quicksight_action_connector" "quicksight_demo" {
  action_connector_id = "demo-ticketing"
  name                = "Demo ticketing"
  type                = "GENERIC_HTTP"
  description         = "Demo connector created by make demo."

  authentication_config = {
    authentication_type = "OAUTH2_CLIENT_CREDENTIALS"
    client_credentials_grant = {
      base_endpoint    = "https://tickets.example.com/api"
      client_id        = "demo-client"
      client_secret_wo = "demo-client-secret"
      token_endpoint   = "https://tickets.example.com/oauth/token"
    }
  }
  authentication_config_wo_version = 1

  tags = {
    purpose = "demo"
  }
}

data "appauth_quicksight_action_connectors" "quicksight_demo" {
  filter = {
    name     = "ACTION_CONNECTOR_NAME"
    operator = "StringLike"
    value    = "Demo"
  }
  depends_on = [appauth_quicksight_action_connector.quicksight_demo]
}

output "quicksight_action_connector_arn" {
  value = appauth_quicksight_action_connector.quicksight_demo.arn
}

output "quicksight_action_connector_status" {
  value = appauth_quicksight_action_connector.quicksight_demo.status
}

output "quicksight_action_connectors_found" {
  value = length(data.appauth_quicksight_action_connectors.quicksight_demo.action_connectors)
}
