package apig_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// Authorizations made behind Terraform's back: demo_app in RELEASE (two APIs) and DEV (one), and
// partner_app in RELEASE. The list finds one result per app and environment; filtered by app,
// environment or API name, and each result holds every API authorized there.
func TestAccAPIGAppAuthorizationList_basic(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 30)
	partner, dev := emuapig.FixturePartnerID, emuapig.FixtureEnvID
	a.Authorize(inst, app, listOrders, release)
	a.Authorize(inst, app, createOrder, release)
	a.Authorize(inst, app, getOrder, dev)
	a.Authorize(inst, partner, getOrder, release)
	group := func(appID, env string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"project_id": knownvalue.StringExact(srv.Credentials().APIGProjectID), "instance_id": knownvalue.StringExact(inst),
			"env_id": knownvalue.StringExact(env), "app_id": knownvalue.StringExact(appID),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   acctest.ListVersions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(srv)},
			{
				Query: true,
				Config: fmt.Sprintf(`
list "appauth_apig_app_authorization" "all" {
  provider         = appauth
  include_resource = true
  config {
    instance_id = %[1]q
  }
}

list "appauth_apig_app_authorization" "demo_dev" {
  provider = appauth
  config {
    instance_id = %[1]q
    app_id      = %[2]q
    env_id      = %[3]q
  }
}

list "appauth_apig_app_authorization" "create_order" {
  provider         = appauth
  include_resource = true
  config {
    instance_id = %[1]q
    api_name    = "create"
  }
}`, inst, app, dev),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("appauth_apig_app_authorization.all", 3),
					querycheck.ExpectResourceDisplayName("appauth_apig_app_authorization.all", group(partner, release), knownvalue.StringExact("partner_app in RELEASE")),
					querycheck.ExpectResourceKnownValues("appauth_apig_app_authorization.all", group(app, release), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(inst + "/" + release + "/" + app)},
						{Path: tfjsonpath.New("api_ids"), KnownValue: stringSetExact(listOrders, createOrder)},
						{Path: tfjsonpath.New("bound_api_ids"), KnownValue: sortedListExact(listOrders, createOrder)},
					}),
					querycheck.ExpectLength("appauth_apig_app_authorization.demo_dev", 1),
					querycheck.ExpectIdentity("appauth_apig_app_authorization.demo_dev", map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(srv.Credentials().APIGProjectID), "instance_id": knownvalue.StringExact(inst),
						"env_id": knownvalue.StringExact(dev), "app_id": knownvalue.StringExact(app),
					}),
					// The API name finds demo_app in RELEASE; the result holds list_orders too.
					querycheck.ExpectLength("appauth_apig_app_authorization.create_order", 1),
					querycheck.ExpectResourceKnownValues("appauth_apig_app_authorization.create_order", group(app, release), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("api_ids"), KnownValue: stringSetExact(listOrders, createOrder)},
					}),
				},
			},
		},
	})
}

// What `terraform query -generate-config-out` writes imports every authorization with no change.
func TestAPIGAppAuthorizationListGeneratesConfig(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 31)
	a.Authorize(inst, app, listOrders, release)
	a.Authorize(inst, app, getOrder, emuapig.FixtureEnvID)
	a.Authorize(inst, emuapig.FixturePartnerID, getOrder, release)
	got := acctest.QueryGenerateImport(t, srv, fmt.Sprintf(`
list "appauth_apig_app_authorization" "all" {
  provider         = appauth
  include_resource = true
  config {
    instance_id = %q
  }
}`, inst))
	if got.Imported != 3 {
		t.Errorf("generated %d import blocks, want 3", got.Imported)
	}
}
