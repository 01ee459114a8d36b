# Import by connection id. Authress never returns the client secret: set
# client_secret_wo and client_secret_wo_version in the configuration before the
# first update, or that update removes the secret from the connection.
terraform import appauth_authress_connection.okta okta-corp
