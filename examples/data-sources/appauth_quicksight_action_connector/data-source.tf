data "appauth_quicksight_action_connector" "jira" {
  action_connector_id = "jira-cloud"
}

output "jira_connector_status" {
  value = data.appauth_quicksight_action_connector.jira.status
}

output "jira_connector_client_id" {
  value = data.appauth_quicksight_action_connector.jira.authentication_config.authorization_code_grant.client_id
}
