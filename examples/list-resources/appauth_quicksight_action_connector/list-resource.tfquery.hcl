# The account's Jira connectors; use name instead of type to search by name (not both: the search
# takes one filter), or leave config out to find every connector.
list "appauth_quicksight_action_connector" "jira" {
  provider         = appauth
  include_resource = true
  config {
    type = "JIRA_CLOUD"
  }
}
