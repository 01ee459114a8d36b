package authress_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuauthress "github.com/appauth/terraform-provider-appauth/internal/emulator/authress"
)

func TestAccAuthressConnectionDataSource_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 11})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id      = "read-me"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
  client_secret      = "never-read-back"
  tags               = { team = "platform" }
}

data "appauth_authress_connection" "test" {
  connection_id = appauth_authress_connection.test.connection_id
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_authress_connection.test", tfjsonpath.New("client_id"), knownvalue.StringExact("client-1")),
					statecheck.ExpectKnownValue("data.appauth_authress_connection.test", tfjsonpath.New("type"), knownvalue.StringExact("OAUTH2")),
					statecheck.ExpectKnownValue("data.appauth_authress_connection.test", tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("platform")})),
					statecheck.ExpectKnownValue("data.appauth_authress_connection.test", tfjsonpath.New("data").AtMapKey("supported_content_type"), knownvalue.StringExact("application/json")),
				},
			},
		},
	})
}

// More connections than one page holds, so the data source must follow the cursor.
func TestAccAuthressConnectionsDataSource_pagination(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 12})
	// Made in the emulator directly: through the API, creates go at Authress's 1 a second.
	const total = 130
	for i := 0; i < total; i++ {
		name := fmt.Sprintf("bulk-%03d", i)
		if i%10 == 0 {
			name = fmt.Sprintf("special-%03d", i)
		}
		emuauthress.AddConnection(srv, fmt.Sprintf("conn-%03d", i), name, "")
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
data "appauth_authress_connections" "all" {}

data "appauth_authress_connections" "special" {
  filter = "SPECIAL"
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_authress_connections.all", tfjsonpath.New("connections"), knownvalue.ListSizeExact(total)),
					statecheck.ExpectKnownValue("data.appauth_authress_connections.special", tfjsonpath.New("connections"), knownvalue.ListSizeExact(total/10)),
					statecheck.ExpectKnownValue("data.appauth_authress_connections.special", tfjsonpath.New("connections").AtSliceIndex(0).AtMapKey("data").AtMapKey("name"), knownvalue.StringRegexp(regexpSpecial)),
				},
			},
		},
	})
	if pages := srv.Stats().Route("authress.GetConnections"); pages < 3 {
		t.Errorf("listing %d connections took %d page requests, want at least 2 for the unfiltered list", total, pages)
	}
}
