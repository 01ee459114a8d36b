package appfabric_test

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
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/service/appfabric"
)

// listFixture is a bundle with two authorizations made behind Terraform's back: an apiKey one,
// connected, and an oauth2 one with tags, not connected.
type listFixture struct{ bundle, connected, pending string }

func makeListFixture(t *testing.T, srv *core.Server) listFixture {
	t.Helper()
	ctx, client := context.Background(), apiClient(t, srv)
	b, err := client.CreateAppBundle(ctx, "", map[string]string{"team": "security"})
	if err != nil {
		t.Fatal(err)
	}
	zoom, err := client.CreateAppAuthorization(ctx, b.ARN, appfabric.CreateAppAuthorizationInput{
		App: "ZOOM", AuthType: "apiKey", Credential: appfabric.Credential{APIKey: &appfabric.APIKeyCredential{APIKey: "listed-secret"}},
		Tenant: appfabric.Tenant{TenantIdentifier: "zoom-1", TenantDisplayName: "Zoom"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.ConnectAndWait(ctx, b.ARN, zoom.AppAuthorizationARN, nil, nil); err != nil {
		t.Fatal(err)
	}
	slack, err := client.CreateAppAuthorization(ctx, b.ARN, appfabric.CreateAppAuthorizationInput{
		App: "SLACK", AuthType: "oauth2", Credential: appfabric.Credential{OAuth2: &appfabric.OAuth2Credential{ClientID: "client-1", ClientSecret: "listed-secret"}},
		Tenant: appfabric.Tenant{TenantIdentifier: "T0001", TenantDisplayName: "Acme"}, Tags: map[string]string{"env": "test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return listFixture{bundle: b.ARN, connected: zoom.AppAuthorizationARN, pending: slack.AppAuthorizationARN}
}

// listQuery lists the bundles, and the authorizations and connections of bundle, with resources.
func listQuery(bundle string) string {
	return fmt.Sprintf(`
list "appauth_appfabric_app_bundle" "all" {
  provider         = appauth
  include_resource = true
}

list "appauth_appfabric_app_authorization" "all" {
  provider         = appauth
  include_resource = true
  config {
    app_bundle_arn = %[1]q
  }
}

list "appauth_appfabric_app_authorization_connection" "all" {
  provider         = appauth
  include_resource = true
  config {
    app_bundle_arn = %[1]q
  }
}`, bundle)
}

// The bundle list finds the bundle; the authorization list both authorizations of the bundle; the
// connection list only the connected one; each with the resource as a read stores it, the
// credential left out.
func TestAccAppFabricList_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 30})
	f := makeListFixture(t, srv)
	arn := func(key, value string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{key: knownvalue.StringExact(value)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   acctest.ListVersions,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(srv)},
			{
				Query:  true,
				Config: listQuery(f.bundle),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("appauth_appfabric_app_bundle.all", 1),
					querycheck.ExpectResourceKnownValues("appauth_appfabric_app_bundle.all", arn("arn", f.bundle), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(f.bundle)},
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("security")})},
					}),
					querycheck.ExpectLength("appauth_appfabric_app_authorization.all", 2),
					querycheck.ExpectResourceDisplayName("appauth_appfabric_app_authorization.all", arn("arn", f.pending),
						knownvalue.StringExact("SLACK Acme")),
					querycheck.ExpectResourceKnownValues("appauth_appfabric_app_authorization.all", arn("arn", f.pending), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("app_bundle_arn"), KnownValue: knownvalue.StringExact(f.bundle)},
						{Path: tfjsonpath.New("app"), KnownValue: knownvalue.StringExact("SLACK")},
						{Path: tfjsonpath.New("auth_type"), KnownValue: knownvalue.StringExact("oauth2")},
						{Path: tfjsonpath.New("tenant").AtMapKey("tenant_identifier"), KnownValue: knownvalue.StringExact("T0001")},
						{Path: tfjsonpath.New("credential"), KnownValue: knownvalue.Null()},
						{Path: tfjsonpath.New("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("test")})},
					}),
					querycheck.ExpectLength("appauth_appfabric_app_authorization_connection.all", 1),
					querycheck.ExpectResourceKnownValues("appauth_appfabric_app_authorization_connection.all", arn("app_authorization_arn", f.connected),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("status"), KnownValue: knownvalue.StringExact("Connected")},
							{Path: tfjsonpath.New("app"), KnownValue: knownvalue.StringExact("ZOOM")},
						}),
				},
			},
		},
	})
}

// What `terraform query -generate-config-out` writes from the three lists imports the bundle, its
// authorizations and its connection with no change, their credentials left out.
func TestAppFabricListGeneratesConfig(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 31})
	f := makeListFixture(t, srv)
	got := acctest.QueryGenerateImport(t, srv, listQuery(f.bundle), "listed-secret")
	if got.Imported != 4 {
		t.Errorf("generated %d import blocks, want 4", got.Imported)
	}
}
