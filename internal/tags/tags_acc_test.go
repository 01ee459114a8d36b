package tags_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// taggable is one resource of each taggable type, with tags given by %[1]s.
const taggable = `
resource "appauth_appfabric_app_bundle" "test" {
  tags = %[1]s
}

resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant         = { tenant_identifier = "zoom-1", tenant_display_name = "Zoom" }
  credential     = { api_key = { api_key = "key" } }
  tags           = %[1]s
}

resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = "tags-1"
  name                = "Connector"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "NONE"
    none                = { base_endpoint = "https://api.example.com" }
  }
  tags = %[1]s
}

resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
  tags               = %[1]s
}
`

var taggableAddrs = []string{
	"appauth_appfabric_app_bundle.test", "appauth_appfabric_app_authorization.test",
	"appauth_quicksight_action_connector.test", "appauth_authress_connection.test",
}

// TestAccTags_emptyMap checks the one rule every taggable resource follows: `tags = {}` is accepted,
// sends no tag to the service, is kept as `{}` in state and plans empty afterwards; tags set later are
// sent, and going back to `{}` removes them. After each apply terraform-plugin-testing refreshes and
// plans again, failing on any difference, so the service holds what the state says.
func TestAccTags_emptyMap(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 61, QuickSightPolls: 1})
	stateHas := func(want map[string]knownvalue.Check) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, addr := range taggableAddrs {
			checks = append(checks, statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(want)))
		}
		return checks
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// After the apply, terraform-plugin-testing plans again and fails on any change.
				Config:            acctest.Config(srv, fmt.Sprintf(taggable, "{}")),
				ConfigStateChecks: stateHas(map[string]knownvalue.Check{}),
				Check:             noTagsSent(srv),
			},
			{
				Config:            acctest.Config(srv, fmt.Sprintf(taggable, `{ team = "identity" }`)),
				ConfigStateChecks: stateHas(map[string]knownvalue.Check{"team": knownvalue.StringExact("identity")}),
			},
			{
				Config: acctest.Config(srv, fmt.Sprintf(taggable, "{}")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(taggableAddrs[0], plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: stateHas(map[string]knownvalue.Check{}),
			},
		},
	})
}

// noTagsSent fails when a create carried tags or a tagging call was made.
func noTagsSent(srv *core.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range srv.Requests() {
			if strings.Contains(r.Route, "TagResource") {
				return fmt.Errorf("%s %s was sent for tags = {}", r.Method, r.Path)
			}
			if r.Method != "GET" && (strings.Contains(r.Body, `"tags":`) || strings.Contains(r.Body, `"Tags":`)) {
				return fmt.Errorf("%s %s carried tags for tags = {}: %s", r.Method, r.Path, r.Body)
			}
		}
		return nil
	}
}
