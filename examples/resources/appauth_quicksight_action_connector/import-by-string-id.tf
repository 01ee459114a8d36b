import {
  to = appauth_quicksight_action_connector.jira
  id = "123456789012,jira-cloud"
}
