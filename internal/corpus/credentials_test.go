package corpus

import (
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_wrongCredentials applies one resource of each family with one wrong credential: the
// apply must fail with an error naming the family and the setting to check, after exactly one
// request to the service that refused it and none to any other (a refused credential is not retried).
func TestAccCorpus_wrongCredentials(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 76})
	c := srv.Credentials()
	u := srv.URL()
	other := core.DefaultCredentials(77)
	const hex = "0123456789abcdef0123456789abcdef"
	good := acctest.ProviderConfig(srv)
	with := func(secret, wrong string) string {
		if !strings.Contains(good, secret) {
			t.Fatalf("the provider block does not hold %q", secret)
		}
		return strings.Replace(good, secret, wrong, 1)
	}
	apigAKSK := `
provider "appauth" {
  apig {
    endpoint   = "` + u + `"
    project_id = "` + c.APIGProjectID + `"
    access_key = "` + c.APIGAccessKey + `"
    secret_key = "` + other.APIGSecretKey + `"
  }
}`
	bundle := `resource "appauth_appfabric_app_bundle" "test" {}`
	connector := `
resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = "c-1"
  name                = "Connector"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "NONE"
    none                = { base_endpoint = "https://api.example.com" }
  }
}`
	connection := `resource "appauth_authress_connection" "test" { connection_id = "con_1" }`
	authorization := `
resource "appauth_apig_app_authorization" "test" {
  instance_id = "` + hex + `"
  env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
  app_id      = "` + hex + `"
  api_ids     = ["` + hex + `"]
}`

	const awsHint = `Check the provider's aws block \(access_key/secret_key, profile\)`
	testCases := []struct {
		name, config, wantErr string
		// family is the emulator family that must receive exactly one request.
		family string
	}{
		{"AppFabric with a wrong AWS secret key", with(c.AWSSecretAccessKey, other.AWSSecretAccessKey) + bundle, `Creating the AppFabric app bundle failed.*HTTP 403 InvalidSignatureException.*` + awsHint, "appfabric"},
		{"QuickSight with a wrong AWS secret key", with(c.AWSSecretAccessKey, other.AWSSecretAccessKey) + connector, `Creating the QuickSight action connector failed.*HTTP 403 InvalidSignatureException.*` + awsHint, "quicksight"},
		{"Authress with another account's key", with(c.AuthressAccessKey, other.AuthressAccessKey) + connection, `Creating the Authress connection failed.*HTTP 401 Unauthorized.*Check access_key \(and api_url for a custom domain\) in the provider's authress block`, "authress"},
		{"APIG with a wrong IAM password", with(c.APIGPassword, other.APIGPassword) + authorization, `obtaining an IAM token: apig: POST /auth/tokens: HTTP 401 Unauthorized: The username or password is wrong.*Check the apig block's user_name, password, domain_name and project_name`, "iam"},
		{"APIG with a wrong AK/SK secret key", apigAKSK + authorization, `apig: GET .*/app-auths/binded-apis: HTTP 401 APIGW\.0301: Incorrect IAM authentication information: verify aksk signature fail.*the apig block's access_key and secret_key \(OS_ACCESS_KEY, OS_SECRET_KEY\)`, "apig"},
	}
	for _, tc := range testCases {
		// Subtests run one after another: each counts the requests its own apply made.
		t.Run(tc.name, func(t *testing.T) {
			before := srv.Stats().ByFamily
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: errorPattern(tc.wantErr)}},
			})
			after := srv.Stats().ByFamily
			got := map[string]int{}
			for fam := range maps.Keys(after) {
				if n := after[fam] - before[fam]; n != 0 {
					got[fam] = n
				}
			}
			if len(got) != 1 || got[tc.family] != 1 {
				t.Errorf("requests by family %v, want exactly one to %s", got, tc.family)
			}
		})
	}
}
