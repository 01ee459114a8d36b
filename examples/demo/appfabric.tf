# AppFabric allows one app bundle per AWS account and Region: this one is the
# default provider's (us-east-1), and a second one lives in eu-west-1 through a
# provider configuration of its own.
resource "appauth_appfabric_app_bundle" "demo" {
  tags = {
    purpose = "demo"
  }
}

provider "appauth" {
  alias = "eu_west_1"
  aws {
    region = "eu-west-1"
  }
}

resource "appauth_appfabric_app_bundle" "demo_eu" {
  provider = appauth.eu_west_1
  tags = {
    purpose = "demo"
  }
}

resource "appauth_appfabric_app_authorization" "demo" {
  app_bundle_arn = appauth_appfabric_app_bundle.demo.arn
  app            = "ZOOM"
  auth_type      = "apiKey"

  tenant = {
    tenant_identifier   = "demo-zoom-account"
    tenant_display_name = "Demo Zoom account"
  }

  credential = {
    api_key = {
      api_key_wo = "demo-zoom-api-key"
    }
  }
  credential_wo_version = 1

  tags = {
    purpose = "demo"
  }
}

resource "appauth_appfabric_app_authorization_connection" "demo" {
  app_authorization_arn = appauth_appfabric_app_authorization.demo.arn

  lifecycle {
    replace_triggered_by = [appauth_appfabric_app_authorization.demo.updated_at]
  }
}

data "appauth_appfabric_app_authorizations" "demo" {
  app_bundle_arn = appauth_appfabric_app_bundle.demo.arn
  depends_on     = [appauth_appfabric_app_authorization_connection.demo]
}

output "appfabric_app_bundle_arn" {
  value = appauth_appfabric_app_bundle.demo.arn
}

output "appfabric_app_bundle_arn_eu" {
  value = appauth_appfabric_app_bundle.demo_eu.arn
}

output "appfabric_app_authorization_status" {
  value = appauth_appfabric_app_authorization_connection.demo.status
}

output "appfabric_app_authorizations_found" {
  value = length(data.appauth_appfabric_app_authorizations.demo.app_authorizations)
}
