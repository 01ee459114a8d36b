# An OpenID Connect provider. The client secret is write-only: it is sent to
# Authress but never stored in the plan or state. Bump the version to rotate it.
resource "appauth_authress_connection" "okta" {
  connection_id      = "okta-corp"
  authentication_url = "https://corp.okta.com/oauth2/v1/authorize"
  token_url          = "https://corp.okta.com/oauth2/v1/token"
  issuer_url         = "https://corp.okta.com"
  client_id          = "0oa1example"

  client_secret_wo         = var.okta_client_secret
  client_secret_wo_version = 1

  data = {
    name = "Corporate Okta"
  }

  default_connection_properties = {
    scope      = "openid profile email"
    parameters = { prompt = "login" }
  }

  conditions = {
    require_business_account       = true
    authentication_leeway_duration = "PT10M"
  }

  linking_configuration = {
    type = "EXPLICIT"
  }

  tags = {
    team = "identity"
  }
}

# A SAML identity provider.
resource "appauth_authress_connection" "adfs" {
  type                 = "SAML2"
  authentication_url   = "https://adfs.example.com/adfs/ls/"
  issuer_url           = "http://adfs.example.com/adfs/services/trust"
  provider_certificate = var.adfs_signing_certificate

  data = {
    name = "ADFS"
  }
}

variable "okta_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "adfs_signing_certificate" {
  type        = string
  description = "The IdP's SAML signing certificate (PEM body)."
}
