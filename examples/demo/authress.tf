resource "appauth_authress_connection" "demo" {
  connection_id      = "demo-oidc"
  authentication_url = "https://idp.example.com/oauth2/authorize"
  token_url          = "https://idp.example.com/oauth2/token"
  issuer_url         = "https://idp.example.com"
  client_id          = "demo-client"

  client_secret_wo         = "demo-client-secret"
  client_secret_wo_version = 1

  data = {
    name = "Demo OIDC provider"
  }

  tags = {
    purpose = "demo"
  }
}

data "appauth_authress_connections" "demo" {
  filter     = "demo"
  depends_on = [appauth_authress_connection.demo]
}

output "authress_connection_id" {
  value = appauth_authress_connection.demo.id
}

output "authress_connections_found" {
  value = length(data.appauth_authress_connections.demo.connections)
}
