import {
  to = appauth_quicksight_action_connector.jira
  identity = {
    aws_account_id      = "123456789012"
    action_connector_id = "jira-cloud"
  }
}
