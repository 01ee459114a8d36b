package authress_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuauthress "github.com/appauth/terraform-provider-appauth/internal/emulator/authress"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
)

// The list finds every connection over several pages (the API's pages hold at most 100), narrows
// them by Authress's filter, and returns the resource as a read stores it, the secret left out.
func TestAccAuthressConnectionList_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 12})
	const total = 130
	for i := 0; i < total; i++ {
		name := fmt.Sprintf("bulk-%03d", i)
		if i%10 == 0 {
			name = fmt.Sprintf("special-%03d", i)
		}
		emuauthress.AddConnection(srv, fmt.Sprintf("conn-%03d", i), name, "listed-secret")
	}
	connection := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"connection_id": knownvalue.StringExact(id)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   acctest.ListVersions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(srv)},
			{
				Query: true,
				Config: `
list "appauth_authress_connection" "all" {
  provider = appauth
  limit    = 1000
}

list "appauth_authress_connection" "special" {
  provider         = appauth
  include_resource = true
  config {
    filter = "SPECIAL"
  }
}`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("appauth_authress_connection.all", total),
					querycheck.ExpectIdentity("appauth_authress_connection.all", map[string]knownvalue.Check{
						"connection_id": knownvalue.StringExact("conn-129"),
					}),
					querycheck.ExpectLength("appauth_authress_connection.special", total/10),
					querycheck.ExpectResourceDisplayName("appauth_authress_connection.special", connection("conn-120"),
						knownvalue.StringExact("special-120 (conn-120)")),
					querycheck.ExpectResourceKnownValues("appauth_authress_connection.special", connection("conn-120"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("conn-120")},
						{Path: tfjsonpath.New("data").AtMapKey("name"), KnownValue: knownvalue.StringExact("special-120")},
						{Path: tfjsonpath.New("client_secret"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("OAUTH2")},
					}),
				},
			},
		},
	})
}

// What `terraform query -generate-config-out` writes from the list imports every connection with no
// change, their secrets left out.
func TestAuthressConnectionListGeneratesConfig(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 13})
	client := testClient(t, srv)
	for i, typ := range []string{"OAUTH2", "OAUTH2", "SAML2"} {
		id, name, secret := fmt.Sprintf("gen-%d", i), fmt.Sprintf("Generated %d", i), "generated-secret"
		c := authress.Connection{ConnectionID: &id, Type: &typ, Data: &authress.ConnectionData{Name: &name}}
		if typ == "OAUTH2" {
			c.ClientSecret = &secret
		}
		if _, err := client.CreateConnection(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	got := acctest.QueryGenerateImport(t, srv, `
list "appauth_authress_connection" "all" {
  provider         = appauth
  include_resource = true
}`, "generated-secret")
	if got.Imported != 3 {
		t.Errorf("generated %d import blocks, want 3", got.Imported)
	}
}
