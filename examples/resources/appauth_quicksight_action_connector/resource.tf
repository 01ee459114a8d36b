variable "jira_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "salesforce_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "servicenow_password" {
  type      = string
  sensitive = true
}

variable "pagerduty_api_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

# OAuth 2.0 authorization-code grant. The client secret is write-only: it is sent
# to QuickSight but never stored in plan or state. Bump the version to rotate it.
resource "appauth_quicksight_action_connector" "jira" {
  action_connector_id = "jira-cloud"
  name                = "Jira Cloud"
  type                = "JIRA_CLOUD"
  description         = "Create and update Jira issues."

  authentication_config = {
    authentication_type = "OAUTH2_AUTHORIZATION_CODE"
    authorization_code_grant = {
      base_endpoint          = "https://api.atlassian.com/ex/jira/11111111-2222-3333-4444-555555555555"
      redirect_url           = "https://us-east-1.quicksight.aws.amazon.com/sn/oauthcallback"
      client_id              = "jira-client-id"
      client_secret_wo       = var.jira_client_secret
      token_endpoint         = "https://auth.atlassian.com/oauth/token"
      authorization_endpoint = "https://auth.atlassian.com/authorize"
    }
  }
  authentication_config_wo_version = 1

  permissions = [
    {
      principal = "arn:aws:quicksight:us-east-1:123456789012:group/default/support"
      actions   = ["quicksight:DescribeActionConnector"]
    },
    {
      principal = "arn:aws:quicksight:us-east-1:123456789012:user/default/admin"
      actions = [
        "quicksight:DescribeActionConnector",
        "quicksight:UpdateActionConnector",
        "quicksight:DeleteActionConnector",
        "quicksight:UpdateActionConnectorPermissions",
      ]
    },
  ]

  tags = {
    team = "support"
  }

  timeouts {
    create = "30m"
    update = "30m"
  }
}

# OAuth 2.0 client-credentials grant.
resource "appauth_quicksight_action_connector" "salesforce" {
  action_connector_id = "salesforce-crm"
  name                = "Salesforce"
  type                = "SALESFORCE_CRM"

  authentication_config = {
    authentication_type = "OAUTH2_CLIENT_CREDENTIALS"
    client_credentials_grant = {
      base_endpoint    = "https://example.my.salesforce.com"
      client_id        = "salesforce-client-id"
      client_secret_wo = var.salesforce_client_secret
      token_endpoint   = "https://login.salesforce.com/services/oauth2/token"
    }
  }
  authentication_config_wo_version = 1
}

# HTTP basic authentication, with the password kept in state (sensitive).
resource "appauth_quicksight_action_connector" "servicenow" {
  action_connector_id = "servicenow"
  name                = "ServiceNow"
  type                = "SERVICENOW_NOW_PLATFORM"

  authentication_config = {
    authentication_type = "BASIC"
    basic = {
      base_endpoint = "https://example.service-now.com"
      username      = "quicksight-bot"
      password      = var.servicenow_password
    }
  }
}

# API key.
resource "appauth_quicksight_action_connector" "pagerduty" {
  action_connector_id = "pagerduty"
  name                = "PagerDuty"
  type                = "PAGERDUTY_ADVANCE"

  authentication_config = {
    authentication_type = "API_KEY"
    api_key = {
      base_endpoint = "https://api.pagerduty.com"
      api_key_wo    = var.pagerduty_api_key
      email         = "oncall@example.com"
    }
  }
  authentication_config_wo_version = 1
}

# No authentication.
resource "appauth_quicksight_action_connector" "status" {
  action_connector_id = "status-page"
  name                = "Status page"
  type                = "GENERIC_HTTP"

  authentication_config = {
    authentication_type = "NONE"
    none = {
      base_endpoint = "https://status.example.com/api"
    }
  }
}

# IAM role for an AWS service; source_arn is reported by QuickSight.
resource "appauth_quicksight_action_connector" "s3" {
  action_connector_id = "reports-bucket"
  name                = "Reports bucket"
  type                = "AMAZON_S3"

  authentication_config = {
    authentication_type = "IAM"
    iam = {
      role_arn = "arn:aws:iam::123456789012:role/quicksight-actions-s3"
    }
  }
}

output "s3_connector_source_arn" {
  value = appauth_quicksight_action_connector.s3.authentication_config.iam.source_arn
}
