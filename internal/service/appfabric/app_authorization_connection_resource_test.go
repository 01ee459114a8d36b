package appfabric_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const connectionAddr = "appauth_appfabric_app_authorization_connection.test"

// apiKeyAuthorizationHCL is an apiKey authorization with a write-only key.
func apiKeyAuthorizationHCL(key string, version int) string {
	return fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Zoom"
  }
  credential = {
    api_key = { api_key_wo = %q }
  }
  credential_wo_version = %d
}`, key, version)
}

func setStatus(t *testing.T, srv *core.Server, status string) func() {
	return func() {
		arns := allAuthorizationARNs(t, srv)
		if len(arns) != 1 || !emuappfabric.Of(srv).SetStatus(arns[0], status) {
			t.Fatalf("cannot set the status of %v", arns)
		}
	}
}

func allAuthorizationARNs(t *testing.T, srv *core.Server) []string {
	t.Helper()
	state, _ := srv.State()["appfabric"].(map[string]any)
	all, _ := state["appAuthorizations"].(map[string]any)
	var arns []string
	for arn := range all {
		arns = append(arns, arn)
	}
	return arns
}

func checkEmulatorStatus(srv *core.Server, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		arn, err := stateAttr(s, connectionAddr, "app_authorization_arn")
		if err != nil {
			return err
		}
		// The emulator's first Get after a connect may still answer PendingConnect; the stored outcome is final.
		if got := emuappfabric.Of(srv).Status(arn); got != want && !(got == "PendingConnect" && want == "Connected") {
			return fmt.Errorf("the emulator reports %s, want %s", got, want)
		}
		return nil
	}
}

func TestAccAppFabricAppAuthorizationConnection_apiKey(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 20})
	connection := `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
  timeouts { create = "1m" }
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-1", 1), connection),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("app"), knownvalue.StringExact("ZOOM")),
					statecheck.CompareValuePairs(connectionAddr, tfjsonpath.New("id"), authzAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.CompareValuePairs(connectionAddr, tfjsonpath.New("app_bundle_arn"), bundleAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
				},
				Check: checkEmulatorStatus(srv, "Connected"),
			},
			{
				Config:           acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-1", 1), connection),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:            connectionAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// An import block adopts the connection as it is: nothing to connect or change.
				ResourceName:    connectionAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-1", 1), `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
}`),
			},
		},
	})
}

// After a credential change or a token rotation failure the authorization is no longer Connected:
// the connection reconnects, in the same apply when linked with replace_triggered_by.
func TestAccAppFabricAppAuthorizationConnection_reconnect(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 23})
	connection := `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
}`
	// replace_triggered_by reconnects in the same apply that changes the credential.
	linked := `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
  lifecycle {
    replace_triggered_by = [appauth_appfabric_app_authorization.test.updated_at]
  }
}`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-1", 1), connection),
				Check:  checkEmulatorStatus(srv, "Connected"),
			},
			{
				// Rotating the key without a link puts the authorization back to PendingConnect: the
				// refresh after apply sees it and plans a reconnect.
				Config:             acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-2", 2), connection),
				ExpectNonEmptyPlan: true,
				Check:              checkEmulatorStatus(srv, "PendingConnect"),
			},
			{
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-2", 2), connection),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionNoop),
					},
				},
				Check: checkEmulatorStatus(srv, "Connected"),
			},
			{
				// With replace_triggered_by the rotation and the reconnect happen in one apply.
				Config: acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-3", 3), linked),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
				Check: checkEmulatorStatus(srv, "Connected"),
			},
			{
				// AppFabric failing to rotate the token is drift: the plan reconnects.
				PreConfig: setStatus(t, srv, "TokenAutoRotationFailed"),
				Config:    acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-3", 3), linked),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
				},
			},
			{
				// A tag-only change keeps updated_at, so the linked connection stays.
				Config: acctest.Config(srv, bundleHCL, strings.Replace(apiKeyAuthorizationHCL("key-3", 3), "credential_wo_version", `tags = { a = "b" }
  credential_wo_version`, 1), linked),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionNoop),
					},
				},
			},
		},
	})
}

// oauth2ConnectionHCL is an oauth2 authorization of the test bundle and its connection with code
// (write-only, at version), extra added to the connection.
func oauth2ConnectionHCL(code string, version int, extra string) string {
	return fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "DROPBOX"
  auth_type      = "oauth2"
  tenant = {
    tenant_identifier   = "db-1"
    tenant_display_name = "Dropbox"
  }
  credential = {
    oauth2 = { client_id = "client", client_secret_wo = "client-secret" }
  }
  credential_wo_version = 1
}

resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
  auth_request = {
    redirect_uri = "https://example.com/oauth/callback"
    code_wo      = %q
  }
  code_wo_version = %d
  %s
}`, code, version, extra)
}

func TestAccAppFabricAppAuthorizationConnection_oauth2(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 21})
	config := func(code string, version int) string {
		return acctest.Config(srv, bundleHCL, oauth2ConnectionHCL(code, version, ""))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("code-1", 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("auth_request").AtMapKey("code_wo"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoSecretInState("code-1", "client-secret"),
					checkEmulatorStatus(srv, "Connected"),
				),
			},
			{
				// A new code version connects again.
				Config: config("code-2", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkNoSecretInState("code-2", "client-secret"),
			},
			{
				// The application refuses the code. The code was spent: the state records the connection
				// with AppFabric's status (the apply warns), so that no later apply sends it again.
				Config: config("invalid-code", 3),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("ConnectionValidationFailed")),
				},
				Check: checkConnects(srv, 3),
			},
			{
				// The same code again: nothing to do but warn.
				Config:           config("invalid-code", 3),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkConnects(srv, 3),
			},
			{
				// A new code connects.
				Config: config("code-4", 4),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
				},
				Check: checkConnects(srv, 4),
			},
		},
	})
}

// checkConnects verifies how many connect requests the emulator answered.
func checkConnects(srv *core.Server, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := srv.Stats().Route("appfabric.ConnectAppAuthorization"); got != want {
			return fmt.Errorf("%d connect requests, want %d", got, want)
		}
		return nil
	}
}

// When the wait for Connected does not finish (here: timeouts.create ends it), the connect was
// still sent: the state records it (the apply warns), the next plans send its OAuth2 code no more,
// and the connection is adopted once AppFabric reports Connected.
func TestAccAppFabricAppAuthorizationConnection_waitFails(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 25})
	// AppFabric takes its time: the authorization stays PendingConnect for many reads.
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1000})
	config := func(code string, version int) string {
		return acctest.Config(srv, bundleHCL, oauth2ConnectionHCL(code, version, `timeouts { create = "2s" }`))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("slow-code", 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("PendingConnect")),
					statecheck.CompareValuePairs(connectionAddr, tfjsonpath.New("id"), authzAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
				},
				Check: checkConnects(srv, 1),
			},
			{
				Config:           config("slow-code", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkConnects(srv, 1),
			},
			{
				// AppFabric finishes: the refresh sees Connected, nothing is sent.
				PreConfig:        setStatus(t, srv, "Connected"),
				Config:           config("slow-code", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
				},
				Check: checkConnects(srv, 1),
			},
		},
	})
}

func TestAccAppFabricAppAuthorizationConnection_invalid(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 22})
	authz := "arn:aws:appfabric:us-east-1:" + srv.Credentials().AWSAccountID +
		":appbundle/0f8fad5b-d9cb-469f-a165-70867728950e/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	config := func(arn, authRequest, extra string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = %q
  %s
  %s
}`, arn, authRequest, extra))
	}
	testCases := map[string]struct {
		config string
		want   string
	}{
		"bundle ARN instead of authorization": {config(strings.Split(authz, "/appauthorization")[0], "", ""), `app_authorization_arn must be an AppFabric app authorization ARN`},
		"http redirect":                       {config(authz, `auth_request = { redirect_uri = "http://example.com/cb", code = "c" }`, ""), `auth_request.redirect_uri must be an https:// URL`},
		"code too long":                       {config(authz, `auth_request = { redirect_uri = "https://example.com/cb", code = "`+strings.Repeat("c", 2049)+`" }`, ""), `auth_request.code string length must be between 1 and 2048`},
		"no code":                             {config(authz, `auth_request = { redirect_uri = "https://example.com/cb" }`, ""), `No attribute specified when one \(and only one\) of \[auth_request.code,auth_request.code_wo\] is required`},
		"code_wo without version":             {config(authz, `auth_request = { redirect_uri = "https://example.com/cb", code_wo = "c" }`, ""), `code_wo_version`},
		"bad timeout":                         {config(authz, "", `timeouts { create = "soon" }`), `Invalid Attribute Value Time Duration(?s).*"soon"`},
	}
	var steps []resource.TestStep
	for _, tc := range testCases {
		want := strings.ReplaceAll(tc.want, " ", `\s+`)
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(want)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}

// An authorization deleted behind Terraform's back takes its connection with it: the plan
// creates both again.
func TestAccAppFabricAppAuthorizationConnection_disappears(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 24})
	config := acctest.Config(srv, bundleHCL, apiKeyAuthorizationHCL("key-1", 1), `
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
}`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					arns := allAuthorizationARNs(t, srv)
					if len(arns) != 1 {
						t.Fatalf("authorizations: %v", arns)
					}
					if err := apiClient(t, srv).DeleteAppAuthorization(context.Background(), bundleARNInEmulator(t, srv), arns[0]); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("status"), knownvalue.StringExact("Connected")),
				},
			},
		},
	})
}
