resource "appauth_appfabric_app_bundle" "demo" {
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

output "appfabric_app_authorization_status" {
  value = appauth_appfabric_app_authorization_connection.demo.status
}

output "appfabric_app_authorizations_found" {
  value = length(data.appauth_appfabric_app_authorizations.demo.app_authorizations)
}
