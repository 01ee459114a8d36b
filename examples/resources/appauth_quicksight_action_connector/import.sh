# Import by "<aws_account_id>,<action_connector_id>":
terraform import appauth_quicksight_action_connector.jira 123456789012,jira-cloud

# or by the connector id alone, in the provider's account:
terraform import appauth_quicksight_action_connector.jira jira-cloud

# QuickSight never returns secrets: after importing, keep client_secret_wo (with
# authentication_secrets_wo_version) or client_secret in the configuration; the
# first apply sends it.
