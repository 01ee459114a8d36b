package quicksight_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsqs "github.com/aws/aws-sdk-go-v2/service/quicksight"
	awsqstypes "github.com/aws/aws-sdk-go-v2/service/quicksight/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	emuquicksight "github.com/appauth/terraform-provider-appauth/internal/emulator/quicksight"
	"github.com/appauth/terraform-provider-appauth/internal/service/quicksight"
)

const connectorRes = "appauth_quicksight_action_connector.test"

// connectorHCL is one action connector; auth is the body of authentication_config.
func connectorHCL(id, typ, auth, extra string) string {
	return fmt.Sprintf(`
resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = %q
  name                = "Test connector"
  type                = %q
  authentication_config = {
%s
  }
%s
}
`, id, typ, auth, extra)
}

// emulatorConnector returns the emulator's record of a connector, or nil.
func emulatorConnector(srv *core.Server, id string) map[string]any {
	conns, _ := srv.State()["quicksight"].(map[string]any)["action_connectors"].(map[string]any)
	c, _ := conns[srv.Credentials().AWSAccountID+"/"+id].(map[string]any)
	return c
}

func emulatorCount(srv *core.Server) int {
	conns, _ := srv.State()["quicksight"].(map[string]any)["action_connectors"].(map[string]any)
	return len(conns)
}

// findKey returns the first string value stored under key anywhere in v.
func findKey(v any, key string) (string, bool) {
	switch t := v.(type) {
	case map[string]any:
		if s, ok := t[key].(string); ok {
			return s, true
		}
		for _, child := range t {
			if s, ok := findKey(child, key); ok {
				return s, true
			}
		}
	case []any:
		for _, child := range t {
			if s, ok := findKey(child, key); ok {
				return s, true
			}
		}
	}
	return "", false
}

// checkEmulatorSecret checks that the emulator received secret under key (ClientSecret, Password, ApiKey).
func checkEmulatorSecret(srv *core.Server, id, key, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, ok := findKey(emulatorConnector(srv, id)["AuthenticationConfig"], key)
		if !ok || got != want {
			return fmt.Errorf("emulator holds %s=%q for %s, want %q", key, got, id, want)
		}
		return nil
	}
}

func checkDestroyed(srv *core.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := emulatorCount(srv); n != 0 {
			return fmt.Errorf("%d action connectors left in the emulator", n)
		}
		return nil
	}
}

// sdkClient is the official SDK client, used to change connectors behind Terraform's back.
func sdkClient(srv *core.Server) *awsqs.Client {
	c := srv.Credentials()
	return awsqs.New(awsqs.Options{
		Region: c.AWSRegion, BaseEndpoint: aws.String(srv.URL()),
		Credentials: credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, c.AWSSecretAccessKey, ""),
	})
}

func attr(names ...string) tfjsonpath.Path {
	p := tfjsonpath.New(names[0])
	for _, n := range names[1:] {
		p = p.AtMapKey(n)
	}
	return p
}

// noneAuth is the authentication_config body of a NONE connector calling host.
func noneAuth(host string) string {
	return fmt.Sprintf(`    authentication_type = "NONE"
    none = { base_endpoint = "https://%s" }`, host)
}

// TestAccActionConnector_none covers the lifecycle with NONE authentication: asynchronous create,
// update in place, import in both forms, drift, replacement on a type change, disappearance.
func TestAccActionConnector_none(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 11, QuickSightPolls: 2})
	acct := srv.Credentials().AWSAccountID
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, connectorHCL("none-1", "GENERIC_HTTP", noneAuth("api.example.com"), `description = "First one."`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("id"), knownvalue.StringExact(acct+",none-1")),
					statecheck.ExpectKnownValue(connectorRes, attr("aws_account_id"), knownvalue.StringExact(acct)),
					statecheck.ExpectKnownValue(connectorRes, attr("arn"), knownvalue.StringExact("arn:aws:quicksight:us-east-1:"+acct+":action-connector/none-1")),
					statecheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("CREATION_SUCCESSFUL")),
					statecheck.ExpectKnownValue(connectorRes, attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^20\d\d-`))),
					statecheck.ExpectKnownValue(connectorRes, attr("authentication_config", "none", "base_endpoint"), knownvalue.StringExact("https://api.example.com")),
					statecheck.ExpectKnownValue(connectorRes, attr("permissions"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					// Two in-progress polls, then success.
					if n := srv.Stats().Route("quicksight.DescribeActionConnector"); n < 3 {
						return fmt.Errorf("only %d describes; the create was not polled", n)
					}
					return nil
				},
			},
			{
				Config: acctest.Config(srv, connectorHCL("none-1", "GENERIC_HTTP", noneAuth("api2.example.com"), `description = "Second one."`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
					// The connector's own update moves its status and update time.
					plancheck.ExpectUnknownValue(connectorRes, attr("status")),
					plancheck.ExpectUnknownValue(connectorRes, attr("updated_at")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("UPDATE_SUCCESSFUL")),
					statecheck.ExpectKnownValue(connectorRes, attr("description"), knownvalue.StringExact("Second one.")),
				},
			},
			{
				ResourceName:      connectorRes,
				ImportState:       true,
				ImportStateId:     acct + ",none-1",
				ImportStateVerify: true,
			},
			{
				ResourceName:    connectorRes,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "none-1",
			},
			{
				ResourceName:  connectorRes,
				ImportState:   true,
				ImportStateId: "1234,none-1",
				ExpectError:   regexp.MustCompile(`Import a QuickSight action connector by\s+` + "`" + `<aws_account_id>,<action_connector_id>` + "`"),
			},
		},
	})
}

// TestAccActionConnector_drift shows drift of a non-secret field in the plan and corrects it,
// replaces the connector on a type change, and recreates one deleted outside Terraform.
func TestAccActionConnector_drift(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 18, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: acctest.Config(srv, connectorHCL("none-1", "GENERIC_HTTP", noneAuth("api2.example.com"), `description = "Second one."`))},
			{
				// Drift of a non-secret field made outside Terraform shows in the plan and is corrected.
				PreConfig: func() {
					_, err := sdkClient(srv).UpdateActionConnector(context.Background(), &awsqs.UpdateActionConnectorInput{
						AwsAccountId: aws.String(acct), ActionConnectorId: aws.String("none-1"), Name: aws.String("Test connector"),
						Description: aws.String("Second one."),
						AuthenticationConfig: &awsqstypes.AuthConfig{AuthenticationType: awsqstypes.ConnectionAuthTypeNone,
							AuthenticationMetadata: &awsqstypes.AuthenticationMetadataMemberNoneConnectionMetadata{Value: awsqstypes.NoneConnectionMetadata{BaseEndpoint: aws.String("https://drifted.example.com")}}},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: acctest.Config(srv, connectorHCL("none-1", "GENERIC_HTTP", noneAuth("api2.example.com"), `description = "Second one."`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(connectorRes, attr("authentication_config", "none", "base_endpoint"), knownvalue.StringExact("https://api2.example.com")),
				}},
				Check: func(*terraform.State) error {
					if got, _ := findKey(emulatorConnector(srv, "none-1"), "BaseEndpoint"); got != "https://api2.example.com" {
						return fmt.Errorf("drift not corrected: %s", got)
					}
					return nil
				},
			},
			{
				Config: acctest.Config(srv, connectorHCL("none-1", "SLACK", noneAuth("api2.example.com"), `description = "Second one."`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("type"), knownvalue.StringExact("SLACK")),
				},
			},
			{
				// Deleted outside Terraform: the plan recreates it.
				PreConfig: func() {
					if _, err := sdkClient(srv).DeleteActionConnector(context.Background(), &awsqs.DeleteActionConnectorInput{
						AwsAccountId: aws.String(acct), ActionConnectorId: aws.String("none-1")}); err != nil {
						t.Fatal(err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// authCase describes one authentication type for the shared lifecycle test.
type authCase struct {
	authType, block string
	// secretAttr is the secret's attribute ("" for none), wireKey its member name on the wire.
	secretAttr, wireKey string
	// fields is the non-secret part of the block for a given endpoint host.
	fields func(host string) string
}

var authCases = map[string]authCase{
	"authorization_code_grant": {"OAUTH2_AUTHORIZATION_CODE", "authorization_code_grant", "client_secret", "ClientSecret", func(h string) string {
		return fmt.Sprintf(`base_endpoint = "https://%[1]s"
      redirect_url = "https://us-east-1.quicksight.aws.amazon.com/sn/oauthcallback"
      client_id = "client-%[1]s"
      token_endpoint = "https://%[1]s/oauth/token"
      authorization_endpoint = "https://%[1]s/oauth/authorize"`, h)
	}},
	"client_credentials_grant": {"OAUTH2_CLIENT_CREDENTIALS", "client_credentials_grant", "client_secret", "ClientSecret", func(h string) string {
		return fmt.Sprintf(`base_endpoint = "https://%[1]s"
      client_id = "client-%[1]s"
      token_endpoint = "https://%[1]s/oauth/token"`, h)
	}},
	"basic": {"BASIC", "basic", "password", "Password", func(h string) string {
		return fmt.Sprintf(`base_endpoint = "https://%[1]s"
      username = "bot-%[1]s"`, h)
	}},
	"api_key": {"API_KEY", "api_key", "api_key", "ApiKey", func(h string) string {
		return fmt.Sprintf(`base_endpoint = "https://%[1]s"
      email = "ops@%[1]s"`, h)
	}},
	"iam": {"IAM", "iam", "", "", func(h string) string {
		return fmt.Sprintf(`role_arn = "arn:aws:iam::123456789012:role/%s"`, strings.ReplaceAll(h, ".", "-"))
	}},
}

// hcl renders authentication_config; secret is sent plain or write-only.
func (c authCase) hcl(host, secret string, writeOnly bool) string {
	s := ""
	switch {
	case c.secretAttr == "":
	case writeOnly:
		s = fmt.Sprintf("\n      %s_wo = %q", c.secretAttr, secret)
	default:
		s = fmt.Sprintf("\n      %s = %q", c.secretAttr, secret)
	}
	return fmt.Sprintf(`    authentication_type = %q
    %s = {
      %s%s
    }`, c.authType, c.block, c.fields(host), s)
}

// TestAccActionConnector_authTypes runs create, update in place, switch to a write-only secret,
// rotation, and a type change (replace) for every authentication type with a secret, plus IAM.
func TestAccActionConnector_authTypes(t *testing.T) {
	t.Parallel()
	for name, c := range authCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartEmulator(t, emulator.Options{Seed: 12, QuickSightPolls: 1})
			id := "auth-" + strings.ReplaceAll(name, "_", "-")
			secretPath := attr("authentication_config", c.block, c.secretAttr)
			woPath := attr("authentication_config", c.block, c.secretAttr+"_wo")
			secretChecks := func(plain knownvalue.Check) []statecheck.StateCheck {
				if c.secretAttr == "" {
					return []statecheck.StateCheck{statecheck.ExpectKnownValue(connectorRes, attr("authentication_config", "iam", "source_arn"),
						knownvalue.StringExact("arn:aws:quicksight:us-east-1:"+srv.Credentials().AWSAccountID+":action-connector/"+id))}
				}
				return []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, secretPath, plain),
					statecheck.ExpectKnownValue(connectorRes, woPath, knownvalue.Null()),
				}
			}
			secretCheck := func(want string) resource.TestCheckFunc {
				if c.secretAttr == "" {
					return func(*terraform.State) error { return nil }
				}
				return checkEmulatorSecret(srv, id, c.wireKey, want)
			}
			steps := []resource.TestStep{
				{
					Config:            acctest.Config(srv, connectorHCL(id, "GENERIC_HTTP", c.hcl("one.example.com", "secret-1", false), "")),
					ConfigStateChecks: secretChecks(knownvalue.StringExact("secret-1")),
					Check:             secretCheck("secret-1"),
				},
				{
					Config: acctest.Config(srv, connectorHCL(id, "GENERIC_HTTP", c.hcl("two.example.com", "secret-2", false), "")),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
					}},
					ConfigStateChecks: secretChecks(knownvalue.StringExact("secret-2")),
					Check:             secretCheck("secret-2"),
				},
			}
			if c.secretAttr != "" {
				steps = append(steps,
					resource.TestStep{
						ResourceName:            connectorRes,
						ImportState:             true,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: []string{"authentication_config." + c.block + "." + c.secretAttr},
					},
					resource.TestStep{
						Config: acctest.Config(srv, connectorHCL(id, "GENERIC_HTTP", c.hcl("two.example.com", "wo-secret-1", true), "authentication_config_wo_version = 1")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: secretChecks(knownvalue.Null()),
						Check:             secretCheck("wo-secret-1"),
					},
					resource.TestStep{
						Config: acctest.Config(srv, connectorHCL(id, "GENERIC_HTTP", c.hcl("two.example.com", "wo-secret-2", true), "authentication_config_wo_version = 2")),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: secretChecks(knownvalue.Null()),
						Check:             secretCheck("wo-secret-2"),
					},
				)
			}
			steps = append(steps, resource.TestStep{
				Config: acctest.Config(srv, connectorHCL(id, "ZENDESK_SUITE", c.hcl("two.example.com", "secret-3", false), "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: secretCheck("secret-3"),
			})
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkDestroyed(srv),
				Steps:                    steps,
			})
		})
	}
}

// TestAccActionConnector_permissionsAndTags reconciles permissions by grant/revoke and tags by
// tag/untag.
func TestAccActionConnector_permissionsAndTags(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 13, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	user := func(n string) string { return fmt.Sprintf("arn:aws:quicksight:us-east-1:%s:user/default/%s", acct, n) }
	auth := `    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }`
	step1 := fmt.Sprintf(`
  permissions = [
    { principal = %q, actions = ["quicksight:DescribeActionConnector", "quicksight:UpdateActionConnector", "quicksight:DeleteActionConnector"] },
    { principal = %q, actions = ["quicksight:DescribeActionConnector"] },
  ]
  tags = { team = "ops", env = "dev" }`, user("alice"), user("bob"))
	step2 := fmt.Sprintf(`
  permissions = [
    { principal = %q, actions = ["quicksight:DescribeActionConnector"] },
    { principal = %q, actions = ["quicksight:DescribeActionConnector", "quicksight:UpdateActionConnector"] },
  ]
  tags = { team = "platform", owner = "me" }`, user("alice"), user("carol"))
	permsOf := func(p string) []string {
		for _, e := range emulatorConnector(srv, "perm-1")["Permissions"].([]any) {
			m := e.(map[string]any)
			if m["Principal"] == p {
				var out []string
				for _, a := range m["Actions"].([]any) {
					out = append(out, a.(string))
				}
				return out
			}
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, connectorHCL("perm-1", "GENERIC_HTTP", auth, step1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("permissions"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue(connectorRes, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("ops"), "env": knownvalue.StringExact("dev")})),
				},
				Check: func(*terraform.State) error {
					if got := permsOf(user("alice")); len(got) != 3 {
						return fmt.Errorf("alice has %v", got)
					}
					return nil
				},
			},
			{
				Config: acctest.Config(srv, connectorHCL("perm-1", "GENERIC_HTTP", auth, step2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
					// Permissions and tags have their own calls: what only the connector's own update
					// moves is known at plan.
					plancheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("CREATION_SUCCESSFUL")),
					plancheck.ExpectKnownValue(connectorRes, attr("updated_at"), knownvalue.StringRegexp(regexp.MustCompile(`^20\d\d-`))),
					plancheck.ExpectKnownValue(connectorRes, attr("enabled_actions"), knownvalue.ListExact([]knownvalue.Check{})),
					plancheck.ExpectKnownValue(connectorRes, attr("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^20\d\d-`))),
					plancheck.ExpectKnownValue(connectorRes, attr("arn"), knownvalue.StringRegexp(regexp.MustCompile(`:action-connector/perm-1$`))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"team": knownvalue.StringExact("platform"), "owner": knownvalue.StringExact("me")})),
				},
				Check: func(*terraform.State) error {
					if got := permsOf(user("alice")); len(got) != 1 {
						return fmt.Errorf("alice has %v", got)
					}
					if got := permsOf(user("bob")); got != nil {
						return fmt.Errorf("bob still has %v", got)
					}
					if got := permsOf(user("carol")); len(got) != 2 {
						return fmt.Errorf("carol has %v", got)
					}
					// Only the connector itself was never updated: permissions and tags have their own calls.
					if n := srv.Stats().Route("quicksight.UpdateActionConnector"); n != 0 {
						return fmt.Errorf("%d UpdateActionConnector calls for a permissions/tags change", n)
					}
					return nil
				},
			},
			{
				ResourceName:      connectorRes,
				ImportState:       true,
				ImportStateId:     "perm-1",
				ImportStateVerify: true,
			},
			{
				Config: acctest.Config(srv, connectorHCL("perm-1", "GENERIC_HTTP", auth, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("permissions"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectorRes, attr("tags"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccActionConnector_failedCreate leaves nothing behind when QuickSight reports CREATION_FAILED,
// and the next apply creates the connector.
func TestAccActionConnector_failedCreate(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 14, QuickSightPolls: 2})
	auth := `    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }`
	cfg := acctest.Config(srv, connectorHCL("doomed-1", "GENERIC_HTTP", auth, ""))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { emuquicksight.FailNext(srv, "doomed-1", "the endpoint refused the connection") },
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)CREATION_FAILED for action connector doomed-1:\s+the\s+endpoint\s+refused\s+the\s+connection.*was\s+deleted`),
			},
			{
				PreConfig: func() {
					if n := emulatorCount(srv); n != 0 {
						t.Fatalf("%d connectors left after a failed create", n)
					}
				},
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("CREATION_SUCCESSFUL")),
				},
			},
		},
	})
}

// TestAccActionConnector_failedUpdate reports UPDATE_FAILED with the service's message.
func TestAccActionConnector_failedUpdate(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 15, QuickSightPolls: 1})
	auth := func(host string) string {
		return fmt.Sprintf(`    authentication_type = "NONE"
    none = { base_endpoint = "https://%s" }`, host)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: acctest.Config(srv, connectorHCL("upd-1", "GENERIC_HTTP", auth("a.example.com"), ""))},
			{
				PreConfig:   func() { emuquicksight.FailNext(srv, "upd-1", "the new endpoint is unreachable") },
				Config:      acctest.Config(srv, connectorHCL("upd-1", "GENERIC_HTTP", auth("b.example.com"), "")),
				ExpectError: regexp.MustCompile(`UPDATE_FAILED:\s+the\s+new\s+endpoint\s+is\s+unreachable`),
			},
			{
				// The failed update changed nothing, so the same change is planned again and now succeeds.
				Config: acctest.Config(srv, connectorHCL("upd-1", "GENERIC_HTTP", auth("b.example.com"), "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
				}},
			},
		},
	})
}

// TestAccActionConnector_retriedCreate loses the answer to the first create: the retry meets
// ResourceExistsException and adopts the connector instead of failing or creating a second one.
func TestAccActionConnector_retriedCreate(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 16, QuickSightPolls: 1})
	auth := `    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { quicksight.FaultFirst(srv, core.FaultCommitDrop, "quicksight.CreateActionConnector") },
				Config:    acctest.Config(srv, connectorHCL("retry-1", "GENERIC_HTTP", auth, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("CREATION_SUCCESSFUL")),
				},
				Check: func(*terraform.State) error {
					if n := srv.Stats().Route("quicksight.CreateActionConnector"); n < 2 {
						return fmt.Errorf("%d creates, want the dropped one and its retry", n)
					}
					if n := srv.Stats().Status("409"); n < 1 {
						return fmt.Errorf("no 409 answer; the retry should have met ResourceExistsException")
					}
					if n := emulatorCount(srv); n != 1 {
						return fmt.Errorf("%d connectors", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccActionConnector_invalid rejects bad configurations at plan time without calling the API.
func TestAccActionConnector_invalid(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 17})
	acct := srv.Credentials().AWSAccountID
	none := `    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }`
	basic := func(fields string) string {
		return "    authentication_type = \"BASIC\"\n    basic = {\n" + fields + "\n    }"
	}
	testCases := map[string]struct {
		id, typ, auth, extra string
		err                  string
	}{
		"variant mismatch": {auth: `    authentication_type = "BASIC"
    none = { base_endpoint = "https://api.example.com" }`, err: `authentication_type "BASIC" needs\s+authentication_config.basic`},
		"two variants": {auth: none + `
    iam = { role_arn = "arn:aws:iam::123456789012:role/qs" }`, err: `authentication_config.none and\s+authentication_config.iam`},
		"no variant": {auth: `    authentication_type = "IAM"`, err: `authentication_type "IAM" needs\s+authentication_config.iam`},
		"missing username": {auth: basic(`base_endpoint = "https://a.example.com"
      password = "p"`), err: `attribute "basic":\s+attribute "username" is required`},
		"missing password": {auth: basic(`base_endpoint = "https://a.example.com"
      username = "u"`), err: `(?s)password.*password_wo`},
		"both passwords": {auth: basic(`base_endpoint = "https://a.example.com"
      username = "u"
      password = "p"
      password_wo = "q"`), extra: "authentication_config_wo_version = 1", err: `(?s)password.*password_wo`},
		"write-only without version": {auth: basic(`base_endpoint = "https://a.example.com"
      username = "u"
      password_wo = "q"`), err: `authentication_config_wo_version`},
		"http endpoint": {auth: `    authentication_type = "NONE"
    none = { base_endpoint = "http://api.example.com" }`, err: `authentication_config.none.base_endpoint must start with\s+https://\s+\(lowercase\)`},
		"bad name":          {extra: "", auth: none, err: `Attribute name must start and end`, id: "ok-1"},
		"long description":  {auth: none, extra: `description = "` + strings.Repeat("a", 2049) + `"`, err: `Attribute description string length must be between 1 and 2048`},
		"description chars": {auth: none, extra: `description = "a/b"`, err: `Attribute description may contain only`},
		"empty tag value":   {auth: none, extra: `tags = { team = "" }`, err: `Attribute tags\["team"\] string length must be between 1 and 256`},
		"too many permissions": {auth: none, extra: fmt.Sprintf(`permissions = [for i in range(65) : {
    principal = "arn:aws:quicksight:us-east-1:%s:user/default/u${i}"
    actions   = ["quicksight:DescribeActionConnector"]
  }]`, acct), err: `Attribute permissions set must contain at most 64 elements, got: 65`},
		"namespace principal": {auth: none, extra: fmt.Sprintf(`permissions = [{ principal = "arn:aws:quicksight:us-east-1:%s:namespace/default", actions = ["quicksight:DescribeActionConnector"] }]`, acct),
			err: `must be the ARN of a QuickSight user or group`},
		"bad account":     {auth: none, extra: `aws_account_id = "12345"`, err: `Attribute aws_account_id must be a 12-digit AWS account id`},
		"reserved prefix": {id: "quicksuite-x", auth: none, err: `action_connector_id must not start with "quicksuite-"`},
		"id pattern":      {id: "a b", auth: none, err: `Attribute action_connector_id may contain only letters`},
		"unknown type":    {typ: "MODEL_CONTEXT_PROTOCOL", auth: none, err: `Attribute type value must be one of`},
	}
	var steps []resource.TestStep
	for name, tc := range testCases {
		id, typ := tc.id, tc.typ
		if id == "" {
			id = "bad-1"
		}
		if typ == "" {
			typ = "GENERIC_HTTP"
		}
		hcl := connectorHCL(id, typ, tc.auth, tc.extra)
		if name == "bad name" {
			hcl = strings.Replace(hcl, `"Test connector"`, `"-bad name-"`, 1)
		}
		steps = append(steps, resource.TestStep{
			Config:      acctest.Config(srv, hcl),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.err),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}

// TestAccActionConnector_importConverges imports a connector created elsewhere with an import block:
// the secret is unknown after the import, so the first apply makes one update that sends it, and the
// plan after that is empty.
func TestAccActionConnector_importConverges(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 19, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	if _, err := sdkClient(srv).CreateActionConnector(context.Background(), &awsqs.CreateActionConnectorInput{
		AwsAccountId: aws.String(acct), ActionConnectorId: aws.String("imp-1"), Name: aws.String("Test connector"), Type: awsqstypes.ActionConnectorTypeServicenowNowPlatform,
		AuthenticationConfig: &awsqstypes.AuthConfig{AuthenticationType: awsqstypes.ConnectionAuthTypeBasic,
			AuthenticationMetadata: &awsqstypes.AuthenticationMetadataMemberBasicAuthConnectionMetadata{Value: awsqstypes.BasicAuthConnectionMetadata{
				BaseEndpoint: aws.String("https://example.service-now.com"), Username: aws.String("bot"), Password: aws.String("old-password")}}},
		Tags: []awsqstypes.Tag{{Key: aws.String("team"), Value: aws.String("itsm")}},
	}); err != nil {
		t.Fatal(err)
	}
	cfg := acctest.Config(srv, `
import {
  to = appauth_quicksight_action_connector.test
  id = "imp-1"
}
`, connectorHCL("imp-1", "SERVICENOW_NOW_PLATFORM", `    authentication_type = "BASIC"
    basic = {
      base_endpoint = "https://example.service-now.com"
      username      = "bot"
      password_wo   = "new-password"
    }`, `authentication_config_wo_version = 1
  tags = { team = "itsm" }`))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("authentication_config", "basic", "password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(connectorRes, attr("authentication_config_wo_version"), knownvalue.Int64Exact(1)),
				},
				Check: checkEmulatorSecret(srv, "imp-1", "Password", "new-password"),
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// TestAccActionConnector_faults applies and destroys several connectors while about a third of the
// QuickSight requests fail (throttling, 5xx, resets, committed writes whose answer is lost): the apply
// converges with retries and leaves no duplicate and no orphan.
func TestAccActionConnector_faults(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 20, QuickSightPolls: 1, Faults: core.FaultConfig{
		Rate:   0.3,
		Kinds:  []string{core.Fault429, core.Fault500, core.Fault503, core.FaultReset, core.FaultCommitDrop},
		Routes: []string{"quicksight"},
	}})
	acct := srv.Credentials().AWSAccountID
	cfg := acctest.Config(srv, fmt.Sprintf(`
resource "appauth_quicksight_action_connector" "many" {
  count               = 4
  action_connector_id = "fault-${count.index}"
  name                = "Fault ${count.index}"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "API_KEY"
    api_key = {
      base_endpoint = "https://api.example.com"
      api_key_wo    = "key-${count.index}"
    }
  }
  authentication_config_wo_version = 1
  permissions = [{ principal = "arn:aws:quicksight:us-east-1:%s:user/default/u${count.index}", actions = ["quicksight:DescribeActionConnector"] }]
  tags        = { n = tostring(count.index) }
}
`, acct))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			st := srv.Stats()
			t.Logf("%d requests, faults %v", st.Total(), st.Faults)
			// The order of concurrent requests varies, so which faults land where does too.
			if len(st.Faults) == 0 {
				return fmt.Errorf("no fault was injected")
			}
			return checkDestroyed(srv)(s)
		},
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(*terraform.State) error {
				if n := emulatorCount(srv); n != 4 {
					return fmt.Errorf("%d connectors, want 4", n)
				}
				return checkEmulatorSecret(srv, "fault-3", "ApiKey", "key-3")(nil)
			},
		}},
	})
}

// TestAccActionConnector_createTimeout keeps a connector that is still being created when the create
// timeout ends in state (tainted), so that destroy removes it instead of orphaning it.
func TestAccActionConnector_createTimeout(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 23, QuickSightPolls: 1000})
	auth := `    authentication_type = "NONE"
    none = { base_endpoint = "https://api.example.com" }`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// Destroy must find the connector through state.
		CheckDestroy: checkDestroyed(srv),
		Steps: []resource.TestStep{{
			Config:      acctest.Config(srv, connectorHCL("slow-1", "GENERIC_HTTP", auth, `timeouts { create = "1s" }`)),
			ExpectError: regexp.MustCompile(`(?s)last\s+status\s+CREATION_IN_PROGRESS.*deadline\s+exceeded`),
		}},
	})
}

// TestAccActionConnector_updateTimeout bounds an update by its timeouts block: the service takes 30 s
// to answer the PUT, the update timeout is 3 s, and the apply fails when it ends, not when the service
// answers.
func TestAccActionConnector_updateTimeout(t *testing.T) {
	t.Parallel()
	const latency = 30 * time.Second
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 24, QuickSightPolls: 1})
	var started time.Time
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: acctest.Config(srv, connectorHCL("slow-update", "GENERIC_HTTP", noneAuth("api.example.com"), `timeouts { update = "3s" }`))},
			{
				PreConfig: func() {
					srv.SetFaults(core.FaultConfig{
						Rate: 1, Kinds: []string{core.FaultLatency}, LatencyMS: int(latency / time.Millisecond),
						Routes: []string{"quicksight.UpdateActionConnector"},
					})
					started = time.Now()
				},
				Config:      acctest.Config(srv, connectorHCL("slow-update", "GENERIC_HTTP", noneAuth("api2.example.com"), `timeouts { update = "3s" }`)),
				ExpectError: regexp.MustCompile(`deadline\s+exceeded`),
			},
			{
				PreConfig: func() {
					// Terraform's own plan and apply around the update take a few seconds more.
					if took := time.Since(started); took > 3*time.Second+10*time.Second {
						t.Errorf("the apply with an update timeout of 3s took %v against a PUT that answers after %v", took, latency)
					}
					srv.SetFaults(core.FaultConfig{})
				},
				Config: acctest.Config(srv, connectorHCL("slow-update", "GENERIC_HTTP", noneAuth("api2.example.com"), `timeouts { update = "3s" }`)),
			},
		},
	})
}

// emulatorRecordJSON is the emulator's record of a connector as JSON, to see whether it changed.
func emulatorRecordJSON(t *testing.T, srv *core.Server, id string) string {
	t.Helper()
	b, err := json.Marshal(emulatorConnector(srv, id))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAccActionConnector_existingConnector meets a connector made through the API before the apply,
// with the same id and the very configuration the resource describes: the provider did not create
// it, so the create fails on action_connector_id with how to import it, and neither the failed apply
// nor the destroy touches it.
func TestAccActionConnector_existingConnector(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 25, QuickSightPolls: -1})
	acct := srv.Credentials().AWSAccountID
	if _, err := sdkClient(srv).CreateActionConnector(context.Background(), &awsqs.CreateActionConnectorInput{
		AwsAccountId: aws.String(acct), ActionConnectorId: aws.String("taken-1"), Name: aws.String("Test connector"), Type: awsqstypes.ActionConnectorTypeGenericHttp,
		AuthenticationConfig: &awsqstypes.AuthConfig{AuthenticationType: awsqstypes.ConnectionAuthTypeNone,
			AuthenticationMetadata: &awsqstypes.AuthenticationMetadataMemberNoneConnectionMetadata{Value: awsqstypes.NoneConnectionMetadata{BaseEndpoint: aws.String("https://api.example.com")}}},
	}); err != nil {
		t.Fatal(err)
	}
	before := emulatorRecordJSON(t, srv, "taken-1")
	untouched := func() error {
		if after := emulatorRecordJSON(t, srv, "taken-1"); after != before {
			return fmt.Errorf("the existing connector changed:\n%s\n%s", before, after)
		}
		return nil
	}
	cfg := acctest.Config(srv, connectorHCL("taken-1", "GENERIC_HTTP", noneAuth("api.example.com"), ""))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return untouched() },
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// The error is on action_connector_id (Terraform shows its line) and says how to import.
				ExpectError: regexp.MustCompile(`(?s)Action connector already exists.*action_connector_id = "taken-1".*` +
					`already holds an action connector\s+"taken-1".*did\s+not\s+make\s+it.*import \{.*id = "` + acct + `,taken-1".*terraform\s+import`),
			},
			{
				PreConfig: func() {
					if err := untouched(); err != nil {
						t.Fatal(err)
					}
				},
				// Nothing was recorded: the next plan still wants to create it.
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if n := srv.Stats().Route("quicksight.DeleteActionConnector") + srv.Stats().Route("quicksight.UpdateActionConnector"); n != 0 {
		t.Errorf("%d deletes or updates of a connector the provider did not create", n)
	}
}

// TestAccActionConnector_partialUpdate fails the permissions or the tags step of an update whose
// connector change (a new password) succeeded: the state records the new configuration and what
// the failed step left, so the next apply sends only what is left and no second UpdateActionConnector.
func TestAccActionConnector_partialUpdate(t *testing.T) {
	t.Parallel()
	for step, route := range map[string]string{"permissions": "quicksight.UpdateActionConnectorPermissions", "tags": "quicksight.TagResource"} {
		t.Run(step, func(t *testing.T) {
			t.Parallel()
			srv := acctest.StartEmulator(t, emulator.Options{Seed: 26, QuickSightPolls: 1})
			acct := srv.Credentials().AWSAccountID
			cfg := func(password, principal, team string) string {
				return acctest.Config(srv, connectorHCL("partial-1", "GENERIC_HTTP", fmt.Sprintf(`    authentication_type = "BASIC"
    basic = {
      base_endpoint = "https://api.example.com"
      username      = "bot"
      password      = %q
    }`, password), fmt.Sprintf(`
  permissions = [{ principal = "arn:aws:quicksight:us-east-1:%s:user/default/%s", actions = ["quicksight:DescribeActionConnector"] }]
  tags        = { team = %q }`, acct, principal, team)))
			}
			// No retries, so that one injected failure fails the step.
			noRetries := func(hcl string) string { return strings.Replace(hcl, "  aws {\n", "  aws {\n    max_retries = 0\n", 1) }
			var puts int
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				CheckDestroy:             checkDestroyed(srv),
				Steps: []resource.TestStep{
					{Config: cfg("p-1", "alice", "a")},
					{
						PreConfig: func() {
							srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.Fault500}, Routes: []string{route}})
						},
						Config:      noRetries(cfg("p-2", "bob", "b")),
						ExpectError: regexp.MustCompile(`Updating the QuickSight action connector's ` + step + ` failed`),
					},
					{
						PreConfig: func() {
							srv.SetFaults(core.FaultConfig{})
							puts = srv.Stats().Route("quicksight.UpdateActionConnector")
							if puts != 1 {
								t.Fatalf("%d UpdateActionConnector calls before the retried apply, want the one that succeeded", puts)
							}
						},
						Config: cfg("p-2", "bob", "b"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
							// The connector's own configuration is done, so its status is not going to move.
							plancheck.ExpectKnownValue(connectorRes, attr("status"), knownvalue.StringExact("UPDATE_SUCCESSFUL")),
						}},
						Check: resource.ComposeTestCheckFunc(
							checkEmulatorSecret(srv, "partial-1", "Password", "p-2"),
							func(*terraform.State) error {
								if n := srv.Stats().Route("quicksight.UpdateActionConnector"); n != puts {
									return fmt.Errorf("the connector was updated again (%d calls, want %d): the state lost the change made before the failure", n, puts)
								}
								if got, _ := findKey(emulatorConnector(srv, "partial-1")["Permissions"], "Principal"); !strings.HasSuffix(got, "/bob") {
									return fmt.Errorf("permissions hold %q, want bob", got)
								}
								if got, _ := findKey(emulatorConnector(srv, "partial-1")["Tags"], "Value"); got != "b" {
									return fmt.Errorf("tag team is %q, want b", got)
								}
								return nil
							},
						),
					},
				},
			})
		})
	}
}

// TestAccActionConnector_vpcConnectionDrift removes the VPC connection behind Terraform's back: the
// refresh shows it gone and the apply puts it back.
func TestAccActionConnector_vpcConnectionDrift(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 27, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	vpc := "arn:aws:quicksight:us-east-1:" + acct + ":vpcConnection/vpc-1"
	cfg := acctest.Config(srv, connectorHCL("vpc-1", "GENERIC_HTTP", noneAuth("api.example.com"), fmt.Sprintf(`vpc_connection_arn = %q`, vpc)))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("vpc_connection_arn"), knownvalue.StringExact(vpc)),
				},
			},
			{
				PreConfig: func() {
					// The same configuration without the VPC connection.
					if _, err := sdkClient(srv).UpdateActionConnector(context.Background(), &awsqs.UpdateActionConnectorInput{
						AwsAccountId: aws.String(acct), ActionConnectorId: aws.String("vpc-1"), Name: aws.String("Test connector"),
						AuthenticationConfig: &awsqstypes.AuthConfig{AuthenticationType: awsqstypes.ConnectionAuthTypeNone,
							AuthenticationMetadata: &awsqstypes.AuthenticationMetadataMemberNoneConnectionMetadata{Value: awsqstypes.NoneConnectionMetadata{BaseEndpoint: aws.String("https://api.example.com")}}},
					}); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(connectorRes, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(connectorRes, attr("vpc_connection_arn"), knownvalue.StringExact(vpc)),
				}},
				Check: func(*terraform.State) error {
					if got := emulatorConnector(srv, "vpc-1")["VpcConnectionArn"]; got != vpc {
						return fmt.Errorf("the emulator holds VPC connection %v, want %s", got, vpc)
					}
					return nil
				},
			},
		},
	})
}

// TestAccActionConnector_emptyPermissions accepts `permissions = []` (with `tags = {}`, as modules
// pass them from variables defaulting to empty): nothing is sent, the plan stays empty, and going
// from and back to `[]` grants and revokes.
func TestAccActionConnector_emptyPermissions(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 28, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	cfg := func(permissions string) string {
		return acctest.Config(srv, connectorHCL("empty-1", "GENERIC_HTTP", noneAuth("api.example.com"), "permissions = "+permissions+"\n  tags = {}"))
	}
	alice := fmt.Sprintf(`[{ principal = "arn:aws:quicksight:us-east-1:%s:user/default/alice", actions = ["quicksight:DescribeActionConnector"] }]`, acct)
	permissionsHeld := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			held, _ := emulatorConnector(srv, "empty-1")["Permissions"].([]any)
			if len(held) != want {
				return fmt.Errorf("the connector holds %d permissions, want %d", len(held), want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(srv),
		Steps: []resource.TestStep{
			{
				// After the apply, terraform-plugin-testing plans again and fails on any change.
				Config: cfg("[]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("permissions"), knownvalue.SetExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(connectorRes, attr("tags"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				},
				Check: func(*terraform.State) error {
					for _, r := range srv.Requests() {
						if (strings.Contains(r.Route, "Permissions") && r.Method != "GET") || strings.Contains(r.Body, `"Permissions"`) {
							return fmt.Errorf("%s %s sent permissions for permissions = []: %s", r.Method, r.Path, r.Body)
						}
					}
					return permissionsHeld(0)(nil)
				},
			},
			{
				Config: cfg(alice),
				Check:  permissionsHeld(1),
			},
			{
				Config: cfg("[]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectorRes, attr("permissions"), knownvalue.SetExact([]knownvalue.Check{})),
				},
				Check: permissionsHeld(0),
			},
		},
	})
}
