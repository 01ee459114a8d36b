data "appauth_authress_connection" "okta" {
  connection_id = "okta-corp"
}

output "okta_login_url" {
  value = data.appauth_authress_connection.okta.authentication_url
}
