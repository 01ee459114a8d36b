package authress_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuauthress "github.com/appauth/terraform-provider-appauth/internal/emulator/authress"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
)

const connectionAddr = "appauth_authress_connection.test"

// testClient talks to the emulator directly, to change things behind Terraform's back.
func testClient(t *testing.T, srv *core.Server) *authress.Client {
	t.Helper()
	c, err := authress.NewTestClient(srv.URL(), srv.Credentials().AuthressAccessKey)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// storedConnection is the connection as the emulator holds it, secret included, or nil.
func storedConnection(srv *core.Server, id string) map[string]any {
	family, _ := srv.State()["authress"].(map[string]any)
	all, _ := family["connections"].(map[string]any)
	c, _ := all[id].(map[string]any)
	return c
}

func checkConnectionsDestroyed(srv *core.Server) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "appauth_authress_connection" && storedConnection(srv, rs.Primary.ID) != nil {
				return fmt.Errorf("connection %s still exists", rs.Primary.ID)
			}
		}
		return nil
	}
}

func TestAccAuthressConnection_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 1})
	config := acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
  token_url          = "https://idp.example.com/token"
  client_id          = "client-1"
  data = {
    name = "Example IdP"
  }
}`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^con_[A-Za-z0-9]{22}$`))),
					statecheck.CompareValuePairs(connectionAddr, tfjsonpath.New("id"), connectionAddr, tfjsonpath.New("connection_id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("type"), knownvalue.StringExact("OAUTH2")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("data").AtMapKey("name"), knownvalue.StringExact("Example IdP")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("data").AtMapKey("user_id_expression"), knownvalue.StringExact("{sub}")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("default_connection_properties").AtMapKey("scope"), knownvalue.StringExact("profile email openid")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("conditions").AtMapKey("authentication_leeway_duration"), knownvalue.StringExact("PT5M")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("is_active_connection"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("created_at"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("linking_configuration"), knownvalue.Null()),
				},
			},
			{
				// Re-applying the same configuration changes nothing.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      connectionAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    connectionAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				Config:          config,
			},
		},
	})
}

func TestAccAuthressConnection_update(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 2})
	config := func(authURL, name, connectionID string, extra string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_authress_connection" "test" {
  connection_id      = %[3]q
  authentication_url = %[1]q
  client_id          = "client-1"
  data = {
    name = %[2]q
  }
  %[4]s
}`, authURL, name, connectionID, extra))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("https://idp.example.com/a", "first", "corp-sso", `tags = { team = "platform" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("id"), knownvalue.StringExact("corp-sso")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("platform")})),
				},
			},
			{
				Config: config("https://idp.example.com/b", "second", "corp-sso", `
  tags = { team = "identity", env = "prod" }
  conditions = {
    require_business_account       = true
    authentication_leeway_duration = "PT10M"
  }
  linking_configuration = { type = "EXPLICIT" }
  user_data_configuration = { location = "DEU" }
  default_connection_properties = {
    scope      = "openid email"
    parameters = { prompt = "login" }
  }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("authentication_url"), knownvalue.StringExact("https://idp.example.com/b")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("data").AtMapKey("name"), knownvalue.StringExact("second")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("conditions").AtMapKey("authentication_leeway_duration"), knownvalue.StringExact("PT10M")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("linking_configuration").AtMapKey("type"), knownvalue.StringExact("EXPLICIT")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("user_data_configuration").AtMapKey("location"), knownvalue.StringExact("DEU")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("default_connection_properties"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"scope":      knownvalue.StringExact("openid email"),
						"parameters": knownvalue.MapExact(map[string]knownvalue.Check{"prompt": knownvalue.StringExact("login")}),
					})),
				},
			},
			{
				// Removing optional objects clears them on the service (PUT is a full replace).
				Config: config("https://idp.example.com/b", "second", "corp-sso", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("tags"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("linking_configuration"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("default_connection_properties").AtMapKey("scope"), knownvalue.StringExact("profile email openid")),
				},
			},
			{
				Config: config("https://idp.example.com/b", "second", "corp-sso-2", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if storedConnection(srv, "corp-sso") != nil {
						return fmt.Errorf("the replaced connection corp-sso still exists")
					}
					return nil
				},
			},
			{
				// A type change replaces the connection.
				Config: acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id        = "corp-sso-2"
  type                 = "SAML2"
  authentication_url   = "https://idp.example.com/sso"
  issuer_url           = "urn:example:idp"
  provider_certificate = "MIIBexample"
}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("type"), knownvalue.StringExact("SAML2")),
				},
			},
		},
	})
}

func TestAccAuthressConnection_writeOnlySecret(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 3})
	config := func(secret string, version int) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_authress_connection" "test" {
  connection_id            = "wo"
  authentication_url       = "https://idp.example.com/authorize"
  client_id                = "client-1"
  client_secret_wo         = %q
  client_secret_wo_version = %d
}`, secret, version))
	}
	storedSecret := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := storedConnection(srv, "wo")["clientSecret"]; got != want {
				return fmt.Errorf("the emulator holds client secret %v, want %q", got, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("first-secret-value", 1),
				Check:  storedSecret("first-secret-value"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("client_secret_wo_version"), knownvalue.Int64Exact(1)),
				},
			},
			{
				// A new value alone is not a change Terraform can see...
				Config: config("second-secret-value", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: storedSecret("first-secret-value"),
			},
			{
				// ...a new version sends it.
				Config: config("second-secret-value", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionUpdate)},
				},
				Check: storedSecret("second-secret-value"),
			},
			{
				ResourceName:            connectionAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret_wo_version"},
			},
		},
	})
}

func TestAccAuthressConnection_sensitiveSecret(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 4})
	config := func(secret, url string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_authress_connection" "test" {
  connection_id      = "sensitive"
  authentication_url = %q
  client_secret      = %q
}`, url, secret))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("plain-secret", "https://idp.example.com/a"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(connectionAddr, tfjsonpath.New("client_secret")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("client_secret"), knownvalue.StringExact("plain-secret")),
				},
			},
			{
				// An update of another field still sends the secret, since PUT replaces the whole connection.
				Config: config("plain-secret", "https://idp.example.com/b"),
				Check: func(*terraform.State) error {
					if got := storedConnection(srv, "sensitive")["clientSecret"]; got != "plain-secret" {
						return fmt.Errorf("after an update the emulator holds client secret %v", got)
					}
					return nil
				},
			},
			{
				ResourceName:            connectionAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"client_secret"},
			},
		},
	})
}

func TestAccAuthressConnection_drift(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 5})
	client := testClient(t, srv)
	config := acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id      = "drift"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
}`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: config},
			{
				// Changed behind Terraform's back: the plan puts it back.
				PreConfig: func() {
					_, err := client.UpdateConnection(context.Background(), "drift", authress.Connection{
						AuthenticationURL: ptr("https://evil.example.com/authorize"),
						ClientID:          ptr("client-1"),
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("authentication_url"), knownvalue.StringExact("https://idp.example.com/authorize")),
					},
				},
			},
			{
				// Deleted behind Terraform's back: the plan creates it again.
				PreConfig: func() {
					if err := client.DeleteConnection(context.Background(), "drift"); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccAuthressConnection_invalidConfig(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 6})
	long := func(n int) string { return strings.Repeat("a", n) }
	testCases := []struct {
		body string
		want string
	}{
		{`type = "OIDC"`, `(?s)type.*value must be one of:.*"OAUTH2"`},
		{`connection_id = "has space"`, `(?s)connection_id.*must contain only letters, digits`},
		{`connection_id = "` + long(65) + `"`, `(?s)connection_id.*length must be between 1 and 64`},
		{`authentication_url = "http://idp.example.com/authorize"`, `(?s)authentication_url must be an absolute https:// URL`},
		{`authentication_url = "idp.example.com"`, `(?s)authentication_url must be an absolute https:// URL`},
		{`token_url = "https://idp.example.com/` + long(120) + `"`, `(?s)token_url.*length must be between 1 and 128`},
		{`issuer_url = "` + long(129) + `"`, `(?s)issuer_url.*length must be between 1 and 128`},
		{`provider_certificate = ""`, `(?s)provider_certificate.*length must be between 1 and 4096`},
		{`client_secret = "` + long(2049) + `"`, `(?s)client_secret.*length must be between 1 and 2048`},
		{"client_secret = \"a\"\nclient_secret_wo = \"b\"\nclient_secret_wo_version = 1", `(?s)"client_secret_wo" cannot be specified when "client_secret"`},
		{`client_secret_wo = "b"`, `(?s)client_secret_wo_version.*must be specified when.*client_secret_wo`},
		{`client_secret_wo_version = 1`, `(?s)client_secret_wo_version without a write-only value.*versions the write-only client_secret_wo: set it`},
		{`data = { supported_content_type = "text/plain" }`, `(?s)supported_content_type.*value must be one of`},
		{`data = { name = "` + long(65) + `" }`, `(?s)data.name.*length must be between 1 and 64`},
		{`data = { tenant_id = "bad tenant!" }`, `(?s)data.tenant_id.*must contain only letters`},
		{`conditions = { authentication_leeway_duration = "PT2H" }`, `(?s)authentication_leeway_duration must be an ISO 8601 duration.*from PT1M to PT1H`},
		{`linking_configuration = { type = "MANUAL" }`, `(?s)linking_configuration.type.*value must be one of:.*"EXPLICIT"`},
		{`user_data_configuration = { location = "XYZ" }`, `(?s)user_data_configuration.location.*value must be one of`},
		{`default_connection_properties = { parameters = { scope = "x" } }`, `(?s)parameters.*"scope"`},
		{`tags = { team = "` + long(129) + `" }`, `(?s)tags.*length must be at most 128`},
		{`unknown_argument = "x"`, `An argument named "unknown_argument" is not expected here`},
	}
	steps := make([]resource.TestStep, len(testCases))
	for i, tc := range testCases {
		steps[i] = resource.TestStep{
			Config:      acctest.Config(srv, "resource \"appauth_authress_connection\" \"test\" {\n"+tc.body+"\n}"),
			ExpectError: regexp.MustCompile(tc.want),
			PlanOnly:    true,
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}

func TestAccAuthressConnection_notConfigured(t *testing.T) {
	t.Setenv("AUTHRESS_KEY", "")
	t.Setenv("AUTHRESS_API_URL", "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "appauth" {}
resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
}`,
				ExpectError: regexp.MustCompile(`(?s)authress block is not configured.*AUTHRESS_KEY`),
			},
		},
	})
}

func ptr[T any](v T) *T { return &v }

func authressOnlyProvider(srv *core.Server, accessKey string) string {
	return fmt.Sprintf(`
provider "appauth" {
  authress {
    api_url    = %q
    access_key = %q
  }
}
`, srv.URL(), accessKey)
}

// A JWT given as the access key is passed through as the bearer token, end to end: one minted from a
// service-client key, or one of an OIDC identity Authress trusts, whose audience is the account's API
// host (as CI tokens for Authress name it).
func TestAccAuthressConnection_jwtAccessKey(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		seed  int64
		token func(t *testing.T, srv *core.Server) string
	}{
		"minted from the service-client key": {seed: 7, token: func(t *testing.T, srv *core.Server) string {
			token, err := authress.MintToken(srv.Credentials().AuthressAccessKey, srv.URL())
			if err != nil {
				t.Fatal(err)
			}
			return token
		}},
		"of a trusted identity": {seed: 11, token: func(t *testing.T, srv *core.Server) string {
			account := strings.Split(srv.Credentials().AuthressAccessKey, ".")[2]
			audience := "https://" + account + ".api.authress.io"
			pub, priv, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			emuauthress.TrustIdentity(srv, "https://token.ci.example", audience, pub)
			now := time.Now()
			token, err := jwt.NewWithClaims(jwt.SigningMethodEdDSA, jwt.MapClaims{
				"iss": "https://token.ci.example", "sub": "repo:example/infra", "aud": audience,
				"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
			}).SignedString(priv)
			if err != nil {
				t.Fatal(err)
			}
			return token
		}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartEmulator(t, emulator.Options{Seed: tc.seed})
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkConnectionsDestroyed(srv),
				Steps: []resource.TestStep{
					{
						Config: authressOnlyProvider(srv, tc.token(t, srv)) + `
resource "appauth_authress_connection" "test" {
  connection_id      = "from-jwt"
  authentication_url = "https://idp.example.com/authorize"
}`,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("id"), knownvalue.StringExact("from-jwt")),
						},
						Check: func(*terraform.State) error {
							if storedConnection(srv, "from-jwt") == nil {
								return fmt.Errorf("the emulator holds no connection from-jwt")
							}
							return nil
						},
					},
				},
			})
		})
	}
}

// Wrong credentials fail once, with the family and the setting named, and are not retried.
func TestAccAuthressConnection_wrongCredentials(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 8})
	other := acctest.StartEmulator(t, emulator.Options{Seed: 9})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: authressOnlyProvider(srv, other.Credentials().AuthressAccessKey) + `
resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
}`,
				ExpectError: regexp.MustCompile(`(?s)HTTP 401.*rejected the credentials.*authress\s+block`),
			},
		},
	})
	if n := srv.Stats().Total(); n != 1 {
		t.Errorf("the emulator received %d requests, want exactly 1 (no retries on 401)", n)
	}
}

// Provider settings that are unknown at plan time (they come from a resource) do not stop planning a
// new connection, and the apply, configured with the known value, creates it.
func TestAccAuthressConnection_providerConfigUnknownAtPlan(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 10})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "terraform_data" "key" {
  input = %q
}

provider "appauth" {
  authress {
    api_url    = %q
    access_key = terraform_data.key.output
  }
}

resource "appauth_authress_connection" "test" {
  authentication_url = "https://idp.example.com/authorize"
}`, srv.Credentials().AuthressAccessKey, srv.URL()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("id"), knownvalue.NotNull()),
				},
			},
		},
	})
}
