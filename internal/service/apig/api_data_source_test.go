package apig_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// The lookups feed the resource, so the configuration holds no ids but the instance's.
func TestAccAPIGAPIDataSource_withLookups(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 23)
	other := a.CreateGroup(inst, "others")
	a.CreateAPI(inst, other, "get_order", "APP", release)
	config := acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_environment" "dev" {
  instance_id = %[1]q
  name        = "DEV"
}
data "appauth_apig_app" "demo" {
  instance_id = %[1]q
  name        = "demo_app"
}
data "appauth_apig_api" "list" {
  instance_id = %[1]q
  name        = "list_orders"
}
data "appauth_apig_api" "get" {
  instance_id = %[1]q
  name        = "get_order"
  group_id    = %[2]q
}
resource "appauth_apig_app_authorization" "test" {
  instance_id = %[1]q
  env_id      = data.appauth_apig_environment.dev.id
  app_id      = data.appauth_apig_app.demo.id
  api_ids     = [data.appauth_apig_api.list.id, data.appauth_apig_api.get.id]
}`, inst, emuapig.FixtureGroupID))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, emuapig.FixtureEnvID),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_apig_api.list", tfjsonpath.New("id"), knownvalue.StringExact(listOrders)),
					statecheck.ExpectKnownValue("data.appauth_apig_api.list", tfjsonpath.New("auth_type"), knownvalue.StringExact("APP")),
					statecheck.ExpectKnownValue("data.appauth_apig_api.list", tfjsonpath.New("group_name"), knownvalue.StringExact("orders")),
					statecheck.ExpectKnownValue("data.appauth_apig_api.list", tfjsonpath.New("published_env_names"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("RELEASE"), knownvalue.StringExact("DEV")})),
					statecheck.ExpectKnownValue("data.appauth_apig_api.list", tfjsonpath.New("published_env_ids"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(release), knownvalue.StringExact(emuapig.FixtureEnvID)})),
					statecheck.ExpectKnownValue("data.appauth_apig_api.get", tfjsonpath.New("id"), knownvalue.StringExact(getOrder)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders, getOrder)),
				},
				Check: expectBound(a, app, emuapig.FixtureEnvID, listOrders, getOrder),
			},
			{
				// Two groups have a get_order: the lookup asks for the group.
				Config: acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_api" "ambiguous" {
  instance_id = %q
  name        = "get_order"
}`, inst)),
				ExpectError: regexp.MustCompile(`(?s)Several APIs have this name.*set group_id`),
			},
		},
	})
}
