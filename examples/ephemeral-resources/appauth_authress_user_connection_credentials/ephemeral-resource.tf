# The GitHub token of an Authress user, from their latest login through the
# "github" connection. Ephemeral: never written to plan or state.
ephemeral "appauth_authress_user_connection_credentials" "github" {
  connection_id = "github"
  user_id       = "oauth2|github|12345"
}

# Use it where ephemeral values are accepted, e.g. another provider's configuration.
provider "github" {
  token = ephemeral.appauth_authress_user_connection_credentials.github.access_token
}
