import {
  to = appauth_authress_connection.okta
  identity = {
    connection_id = "okta-corp"
  }
}
