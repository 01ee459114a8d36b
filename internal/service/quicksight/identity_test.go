package quicksight_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccActionConnector_identity(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 11, QuickSightPolls: 2})
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		Steps: acctest.IdentitySteps(srv, connectorHCL("none-1", "GENERIC_HTTP", noneAuth("api.example.com"), ""), connectorRes,
			map[string]knownvalue.Check{
				"aws_account_id":      knownvalue.StringExact(srv.Credentials().AWSAccountID),
				"action_connector_id": knownvalue.StringExact("none-1"),
			}),
	})
}
