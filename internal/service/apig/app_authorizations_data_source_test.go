package apig_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

func TestAccAPIGAppAuthorizationsDataSource(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 24)
	first := a.Authorize(inst, app, listOrders, release)
	a.Authorize(inst, app, getOrder, release)
	a.Authorize(inst, app, listOrders, emuapig.FixtureEnvID)
	config := acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_app_authorizations" "all" {
  instance_id = %[1]q
  app_id      = %[2]q
}
data "appauth_apig_app_authorizations" "release" {
  instance_id = %[1]q
  app_id      = %[2]q
  env_id      = %[3]q
}`, inst, app, release))
	all := "data.appauth_apig_app_authorizations.all"
	rel := "data.appauth_apig_app_authorizations.release"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(all, tfjsonpath.New("authorizations"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(rel, tfjsonpath.New("id"), knownvalue.StringExact(inst+"/"+release+"/"+app)),
					statecheck.ExpectKnownValue(rel, tfjsonpath.New("authorizations"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(rel, tfjsonpath.New("authorizations").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":         knownvalue.StringExact(first),
						"api_id":     knownvalue.StringExact(listOrders),
						"api_name":   knownvalue.StringExact("list_orders"),
						"group_id":   knownvalue.StringExact(emuapig.FixtureGroupID),
						"group_name": knownvalue.StringExact("orders"),
						"env_id":     knownvalue.StringExact(release),
						"env_name":   knownvalue.StringExact("RELEASE"),
						"created_at": knownvalue.NotNull(),
					})),
				},
			},
		},
	})
}
