package quicksight_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/service/quicksight"
)

// makeConnectors makes three connectors behind Terraform's back: two GENERIC_HTTP ones whose names
// hold "API" (one with an API key) and a JIRA_CLOUD one; it returns the account.
func makeConnectors(t *testing.T, srv *core.Server) string {
	t.Helper()
	client, acct := quicksight.TestClient(t, srv)
	none := func(host string) quicksight.AuthConfig {
		return quicksight.AuthConfig{AuthenticationType: "NONE", AuthenticationMetadata: quicksight.AuthenticationMetadata{
			NoneConnectionMetadata: &quicksight.NoneConnectionMetadata{BaseEndpoint: "https://" + host},
		}}
	}
	for _, in := range []quicksight.CreateActionConnectorInput{
		{ActionConnectorID: "orders-1", Name: "Orders API", Type: "GENERIC_HTTP", AuthenticationConfig: none("orders.example.com")},
		{ActionConnectorID: "billing-1", Name: "Billing API", Type: "GENERIC_HTTP", AuthenticationConfig: quicksight.AuthConfig{
			AuthenticationType: "API_KEY", AuthenticationMetadata: quicksight.AuthenticationMetadata{
				APIKeyConnectionMetadata: &quicksight.APIKeyConnectionMetadata{BaseEndpoint: "https://billing.example.com", APIKey: "listed-secret"},
			}}},
		{ActionConnectorID: "jira-1", Name: "Tickets", Type: "JIRA_CLOUD", AuthenticationConfig: none("jira.example.com")},
	} {
		if _, err := client.CreateActionConnector(context.Background(), acct, in); err != nil {
			t.Fatal(err)
		}
		if _, err := client.WaitForStatus(context.Background(), acct, in.ActionConnectorID, quicksight.StatusCreationSuccessful, quicksight.StatusCreationFailed); err != nil {
			t.Fatal(err)
		}
	}
	return acct
}

// The list finds every connector, or those a search by name or by type finds; each with the
// resource as a read stores it, the API key left out. A name and a type together are refused at
// plan: the search takes one filter.
func TestAccActionConnectorList_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 40, QuickSightPolls: 1})
	acct := makeConnectors(t, srv)
	id := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"aws_account_id": knownvalue.StringExact(acct), "action_connector_id": knownvalue.StringExact(id),
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
				Config: `
list "appauth_quicksight_action_connector" "all" {
  provider = appauth
}

list "appauth_quicksight_action_connector" "apis" {
  provider         = appauth
  include_resource = true
  config {
    name = "API"
  }
}

list "appauth_quicksight_action_connector" "jira" {
  provider = appauth
  config {
    type = "JIRA_CLOUD"
  }
}`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("appauth_quicksight_action_connector.all", 3),
					querycheck.ExpectLength("appauth_quicksight_action_connector.apis", 2),
					querycheck.ExpectResourceDisplayName("appauth_quicksight_action_connector.apis", id("billing-1"), knownvalue.StringExact("Billing API (billing-1)")),
					querycheck.ExpectResourceKnownValues("appauth_quicksight_action_connector.apis", id("billing-1"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(acct + ",billing-1")},
						{Path: tfjsonpath.New("type"), KnownValue: knownvalue.StringExact("GENERIC_HTTP")},
						{Path: tfjsonpath.New("authentication_config").AtMapKey("api_key").AtMapKey("base_endpoint"),
							KnownValue: knownvalue.StringExact("https://billing.example.com")},
						{Path: tfjsonpath.New("authentication_config").AtMapKey("api_key").AtMapKey("api_key"), KnownValue: knownvalue.Null()},
					}),
					querycheck.ExpectLength("appauth_quicksight_action_connector.jira", 1),
					querycheck.ExpectIdentity("appauth_quicksight_action_connector.jira", map[string]knownvalue.Check{
						"aws_account_id": knownvalue.StringExact(acct), "action_connector_id": knownvalue.StringExact("jira-1"),
					}),
				},
			},
			{
				Query: true,
				Config: `
list "appauth_quicksight_action_connector" "both" {
  provider = appauth
  config {
    name = "API"
    type = "JIRA_CLOUD"
  }
}`,
				ExpectError: regexp.MustCompile(`Attribute "type" cannot be specified when "name" is specified`),
			},
		},
	})
}

// What `terraform query -generate-config-out` writes from the list imports the connectors without
// a secret with no change, the API key left out.
func TestActionConnectorListGeneratesConfig(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 41, QuickSightPolls: 1})
	makeConnectors(t, srv)
	got := acctest.QueryGenerateImport(t, srv, `
list "appauth_quicksight_action_connector" "none" {
  provider         = appauth
  include_resource = true
  config {
    name = "Orders"
  }
}

list "appauth_quicksight_action_connector" "jira" {
  provider         = appauth
  include_resource = true
  config {
    type = "JIRA_CLOUD"
  }
}`, "listed-secret")
	if got.Imported != 2 {
		t.Errorf("generated %d import blocks, want 2", got.Imported)
	}
}
