package importcheck

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// importable lists each importable resource type with a configuration creating one of them as
// "<type>.test". Secrets are write-only, so the generated configuration (which cannot know them)
// still imports without changes.
var importable = map[string]string{
	"appauth_authress_connection": `
resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
  data               = { name = "Generated" }
  tags               = { team = "identity" }
}`,
	"appauth_appfabric_app_bundle": `
resource "appauth_appfabric_app_bundle" "test" {
  tags = { team = "identity" }
}`,
	"appauth_appfabric_app_authorization": `
resource "appauth_appfabric_app_bundle" "b" {}

resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.b.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Zoom"
  }
  credential = {
    api_key = { api_key_wo = "generated-api-key" }
  }
  credential_wo_version = 1
}`,
	"appauth_appfabric_app_authorization_connection": `
resource "appauth_appfabric_app_bundle" "b" {}

resource "appauth_appfabric_app_authorization" "a" {
  app_bundle_arn = appauth_appfabric_app_bundle.b.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Zoom"
  }
  credential = {
    api_key = { api_key_wo = "generated-api-key" }
  }
  credential_wo_version = 1
}

resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.a.arn
}`,
	"appauth_quicksight_action_connector": `
resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = "generated"
  name                = "Generated"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }
  }
}`,
	"appauth_apig_app_authorization": `
variable "apig_instance_id" {
  type    = string
  default = "` + emuapig.FixtureInstanceID + `"
}

data "appauth_apig_environment" "dev" {
  instance_id = var.apig_instance_id
  name        = "DEV"
}

data "appauth_apig_app" "demo" {
  instance_id = var.apig_instance_id
  name        = "demo_app"
}

data "appauth_apig_api" "orders" {
  instance_id = var.apig_instance_id
  name        = "list_orders"
}

resource "appauth_apig_app_authorization" "test" {
  instance_id = var.apig_instance_id
  env_id      = data.appauth_apig_environment.dev.id
  app_id      = data.appauth_apig_app.demo.id
  api_ids     = [data.appauth_apig_api.orders.id]
}`,
}

func TestAccGenerateConfig(t *testing.T) {
	t.Parallel()
	for typ, config := range importable {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartEmulator(t, emulator.Options{Seed: 91, APIGFixtures: true, QuickSightPolls: 1})
			addr := typ + ".test"
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: acctest.Config(srv, config)},
					{
						// The configuration keeps only the provider: the resource block comes from
						// -generate-config-out and must plan a no-op import.
						Config:          acctest.ProviderConfig(srv),
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						GenerateConfig:  true,
						ImportStateIdFunc: func(s *terraform.State) (string, error) {
							return s.RootModule().Resources[addr].Primary.ID, nil
						},
					},
				},
			})
		})
	}
}
