import {
  to = appauth_authress_connection.okta
  id = "okta-corp"
}
