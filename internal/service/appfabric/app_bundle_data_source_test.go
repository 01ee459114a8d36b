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

func TestAccAppFabricAppBundleDataSource(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 30})
	const addr = "data.appauth_appfabric_app_bundle.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
resource "appauth_appfabric_app_bundle" "test" {
  tags = { team = "security" }
}

data "appauth_appfabric_app_bundle" "test" {
  arn = appauth_appfabric_app_bundle.test.arn
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(addr, tfjsonpath.New("id"), bundleAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("customer_managed_key_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("security")})),
				},
			},
			{
				Config: acctest.Config(srv, `
data "appauth_appfabric_app_bundle" "test" {
  arn = "arn:aws:appfabric:us-east-1:`+srv.Credentials().AWSAccountID+`:appbundle/00000000-0000-4000-8000-000000000000"
}`),
				ExpectError: regexp.MustCompile(`ResourceNotFoundException`),
			},
		},
	})
}
