package authress_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccAuthressConnection_identity(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 1})
	resources := `
resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
  token_url          = "https://idp.example.com/token"
  client_id          = "client-1"
  data = {
    name = "Example IdP"
  }
}`
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		CheckDestroy:           checkConnectionsDestroyed(srv),
		Steps: acctest.IdentitySteps(srv, resources, connectionAddr, map[string]knownvalue.Check{
			"connection_id": knownvalue.StringRegexp(regexp.MustCompile(`^con_[A-Za-z0-9]+$`)),
		}),
	})
}
