package appfabric_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccAppFabricAppAuthorizationDataSource(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 31})
	const addr = "data.appauth_appfabric_app_authorization.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
data "appauth_appfabric_app_authorization" "test" {
  arn = "not-an-arn"
}`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`arn must be an AppFabric app authorization ARN`),
			},
			{
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("ds-key", 1), `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
}

data "appauth_appfabric_app_authorization" "test" {
  arn = appauth_appfabric_app_authorization_connection.test.app_authorization_arn
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), authzAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("app_bundle_arn"), bundleAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("app"), knownvalue.StringExact("ZOOM")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_type"), knownvalue.StringExact("apiKey")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tenant"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"tenant_identifier": knownvalue.StringExact("zoom-1"), "tenant_display_name": knownvalue.StringExact("Zoom"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("persona"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_url"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapSizeExact(0)),
				},
			},
		},
	})
}
