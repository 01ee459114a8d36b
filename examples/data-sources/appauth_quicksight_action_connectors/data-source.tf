# Every action connector of the provider's account.
data "appauth_quicksight_action_connectors" "all" {}

# Only the Slack connectors (SearchActionConnectors with one filter).
data "appauth_quicksight_action_connectors" "slack" {
  filter = {
    name     = "ACTION_CONNECTOR_TYPE"
    operator = "StringEquals"
    value    = "SLACK"
  }
}

output "slack_connector_ids" {
  value = data.appauth_quicksight_action_connectors.slack.action_connectors[*].action_connector_id
}
