# Every connection of the account (all pages).
data "appauth_authress_connections" "all" {}

# Authress's text search over the connections' fields.
data "appauth_authress_connections" "okta" {
  filter = "okta"
}

output "connection_ids" {
  value = data.appauth_authress_connections.all.connections[*].connection_id
}
