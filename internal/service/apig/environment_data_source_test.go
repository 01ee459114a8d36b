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

func TestAccAPIGEnvironmentDataSource(t *testing.T) {
	t.Parallel()
	srv, _ := startFixtures(t, 21)
	config := acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_environment" "release" {
  instance_id = %[1]q
  name        = "RELEASE"
}
data "appauth_apig_environment" "dev" {
  instance_id = %[1]q
  name        = "DEV"
}`, inst))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The service matches "RELEAS" as a substring of RELEASE; only an exact name counts.
				Config: acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_environment" "missing" {
  instance_id = %q
  name        = "RELEAS"
}`, inst)),
				ExpectError: regexp.MustCompile(`has no environment named "RELEAS"`),
			},
			{
				Config: acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_environment" "bad" {
  instance_id = %q
  name        = "1-bad"
}`, inst)),
				ExpectError: regexp.MustCompile(`(?s)name.*must be 3 to 64 letters`),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_apig_environment.release", tfjsonpath.New("id"), knownvalue.StringExact(emuapig.DefaultEnvID)),
					statecheck.ExpectKnownValue("data.appauth_apig_environment.dev", tfjsonpath.New("id"), knownvalue.StringExact(emuapig.FixtureEnvID)),
					statecheck.ExpectKnownValue("data.appauth_apig_environment.dev", tfjsonpath.New("remark"), knownvalue.StringExact("Development environment")),
				},
			},
		},
	})
}
