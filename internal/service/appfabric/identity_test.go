package appfabric_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccAppFabricAppBundle_identity(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 1})
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		Steps: acctest.IdentitySteps(srv, bundleHCL, bundleAddr, map[string]knownvalue.Check{
			"arn": knownvalue.StringRegexp(bundleARNRegexp),
		}),
	})
}

func TestAccAppFabricAppAuthorization_identity(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 10})
	steps := acctest.IdentitySteps(srv, bundleHCL+apiKeyAuthorizationHCL("key-1", 1), authzAddr, map[string]knownvalue.Check{
		"arn": knownvalue.StringRegexp(authzARNRegexp),
	})
	// AppFabric never returns the credential: the import plans to record its write-only version
	// (without sending it), as the import by id does.
	steps[2].ExpectNonEmptyPlan = true
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		Steps:                  steps,
	})
}

func TestAccAppFabricAppAuthorizationConnection_identity(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 20})
	connection := `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
}`
	steps := acctest.IdentitySteps(srv, bundleHCL+apiKeyAuthorizationHCL("key-1", 1)+connection, connectionAddr, map[string]knownvalue.Check{
		"app_authorization_arn": knownvalue.StringRegexp(authzARNRegexp),
	})
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		Steps:                  steps,
	})
}
