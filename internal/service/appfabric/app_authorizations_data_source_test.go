package appfabric_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccAppFabricAppAuthorizationsDataSource(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 32})
	const addr = "data.appauth_appfabric_app_authorizations.test"
	tenant := func(id string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"app":    knownvalue.StringExact("ASANA"),
			"status": knownvalue.StringExact("PendingConnect"),
			"tenant": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"tenant_identifier": knownvalue.StringExact(id), "tenant_display_name": knownvalue.StringExact("Workspace " + id),
			}),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL, `
resource "appauth_appfabric_app_authorization" "test" {
  count          = 3
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "ASANA"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "w${count.index}"
    tenant_display_name = "Workspace w${count.index}"
  }
  credential = { api_key = { api_key = "k${count.index}" } }
}

data "appauth_appfabric_app_authorizations" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  depends_on     = [appauth_appfabric_app_authorization.test]
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("app_authorizations"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("app_authorizations"), knownvalue.SetPartial([]knownvalue.Check{
						tenant("w0"), tenant("w1"), tenant("w2"),
					})),
				},
			},
		},
	})
}
