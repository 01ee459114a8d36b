# Import by connection id. Authress never returns the client secret: set
# client_secret_wo (or client_secret) in the configuration after importing.
terraform import appauth_authress_connection.okta okta-corp
