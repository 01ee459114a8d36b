package appfabric_test

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// actions need Terraform 1.14; OpenTofu has none.
var actionsVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

// triggeredAuthorizationHCL is an apiKey authorization whose creation and every update invoke the
// connect action.
func triggeredAuthorizationHCL(key string, version int) string {
	return strings.Replace(apiKeyAuthorizationHCL(key, version), "credential_wo_version", `lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.appauth_appfabric_connect.test]
    }
  }
  credential_wo_version`, 1) + `

action "appauth_appfabric_connect" "test" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.test.arn
    timeouts { invoke = "1m" }
  }
}`
}

// checkConnectedAfterUpdates verifies that the one authorization is Connected, that the emulator
// answered connects connect requests, and that the last one came after the last credential update.
func checkConnectedAfterUpdates(t *testing.T, srv *core.Server, connects int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		arns := allAuthorizationARNs(t, srv)
		if len(arns) != 1 {
			return fmt.Errorf("authorizations: %v", arns)
		}
		if got := emuappfabric.Of(srv).Status(arns[0]); got != "Connected" {
			return fmt.Errorf("the emulator reports %s, want Connected", got)
		}
		if err := checkConnects(srv, connects)(s); err != nil {
			return err
		}
		lastUpdate, lastConnect := -1, -1
		for i, r := range srv.Requests() {
			switch r.Route {
			case "appfabric.UpdateAppAuthorization":
				lastUpdate = i
			case "appfabric.ConnectAppAuthorization":
				lastConnect = i
			}
		}
		if lastConnect < lastUpdate {
			return fmt.Errorf("the last connect (request %d) came before the last update (request %d)", lastConnect, lastUpdate)
		}
		return nil
	}
}

// An action_trigger on the authorization connects it once created and again after each update: a
// credential update leaves it PendingConnect, and the action connects it in the same apply.
func TestAccAppFabricConnectAction_trigger(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 60})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   actionsVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL, triggeredAuthorizationHCL("key-1", 1)),
				Check:  checkConnectedAfterUpdates(t, srv, 1),
			},
			{
				Config: acctest.Config(srv, bundleHCL, triggeredAuthorizationHCL("key-2", 2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConnectedAfterUpdates(t, srv, 2),
					func(*terraform.State) error {
						if got, _ := emuappfabric.Of(srv).Credential(allAuthorizationARNs(t, srv)[0]); !strings.Contains(fmt.Sprint(got), "key-2") {
							return fmt.Errorf("the emulator holds the credential %v, want key-2", got)
						}
						return nil
					},
				),
			},
			{
				// Nothing changes: nothing is invoked.
				Config:           acctest.Config(srv, bundleHCL, triggeredAuthorizationHCL("key-2", 2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkConnects(srv, 2),
			},
		},
	})
}

// oauth2TriggeredHCL is an oauth2 authorization connected by the action once created, with code.
func oauth2TriggeredHCL(code, timeout string) string {
	return oauth2AuthorizationHCL("test", `lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.appauth_appfabric_connect.test]
    }
  }`) + fmt.Sprintf(`

action "appauth_appfabric_connect" "test" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.test.arn
    auth_request = {
      redirect_uri = "https://example.com/oauth/callback"
      code         = %q
    }
    timeouts { invoke = %q }
  }
}`, code, timeout)
}

// When the wait for Connected runs out after the OAuth2 code was sent, the action fails saying that
// the code is spent and how to get a new one; it sent the code once, and the apply that follows
// (the authorization exists, no trigger fires) sends nothing.
func TestAccAppFabricConnectAction_waitFails(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 61})
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1000})
	config := acctest.Config(srv, bundleHCL, oauth2TriggeredHCL("slow-code", "2s"))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   actionsVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(strings.ReplaceAll(`The AppFabric app authorization did not connect(?s).*was sent, but waiting for it to leave PendingConnect did not finish`+
					`(?s).*AppFabric reports PendingConnect(?s).*a code works once: the action does not send it again(?s).*visit the authorization's auth_url for a new code`, " ", `\s+`)),
			},
			{
				Config: config,
				Check:  checkConnects(srv, 1),
			},
		},
	})
}

func TestAccAppFabricConnectAction_invalid(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 62})
	authz := unknownAuthorizationARN(srv)
	config := func(arn, authRequest, extra string) string {
		return acctest.Config(srv, fmt.Sprintf(`
action "appauth_appfabric_connect" "test" {
  config {
    app_authorization_arn = %q
    %s
    %s
  }
}

resource "terraform_data" "test" {
  lifecycle {
    action_trigger {
      events  = [before_create]
      actions = [action.appauth_appfabric_connect.test]
    }
  }
}`, arn, authRequest, extra))
	}
	testCases := map[string]planError{
		"bundle ARN instead of authorization": {config(strings.Split(authz, "/appauthorization")[0], "", ""), `app_authorization_arn must be an AppFabric app authorization ARN`},
		"http redirect":                       {config(authz, `auth_request = { redirect_uri = "http://example.com/cb", code = "c" }`, ""), `auth_request.redirect_uri must be an https:// URL`},
		"code too long":                       {config(authz, `auth_request = { redirect_uri = "https://example.com/cb", code = "`+strings.Repeat("c", 2049)+`" }`, ""), `auth_request.code string length must be between 1 and 2048`},
		"empty code":                          {config(authz, `auth_request = { redirect_uri = "https://example.com/cb", code = "" }`, ""), `auth_request.code string length must be between 1 and 2048`},
		"no code":                             {config(authz, `auth_request = { redirect_uri = "https://example.com/cb" }`, ""), `attribute "code" is required`},
		"bad timeout":                         {config(authz, "", `timeouts { invoke = "soon" }`), `Invalid Attribute Value Time Duration(?s).*"soon"`},
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		TerraformVersionChecks:   actionsVersionChecks,
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    planErrorSteps(testCases),
	})
	acctest.ExpectNoRequests(t, srv)
}

// `terraform apply -invoke` runs the action alone: it connects an apiKey authorization; with an
// OAuth2 code the application refuses, it fails saying what to do, having sent the code once, and
// the code is in none of what Terraform prints or logs (TF_LOG=trace, provider included).
func TestAccAppFabricConnectAction_invoke(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SkipBelowCLI(t, 14)
	bin := acctest.ProviderBinary(t)
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 63})
	const refused = "invalid-code-6f1d2c"
	config := strings.Replace(acctest.Config(srv, bundleHCL), `provider "appauth" {`, `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}

provider "appauth" {`, 1) + apiKeyAuthorizationHCL("key-1", 1) + oauth2AuthorizationHCL("oauth2", "") + `

variable "code" {
  type      = string
  sensitive = true
  ephemeral = true
}

action "appauth_appfabric_connect" "api_key" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.test.arn
  }
}

action "appauth_appfabric_connect" "oauth2" {
  config {
    app_authorization_arn = appauth_appfabric_app_authorization.oauth2.arn
    auth_request = {
      redirect_uri = "https://example.com/oauth/callback"
      code         = var.code
    }
  }
}
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "trace.log")
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+acctest.DevOverridesConfig(t, bin), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"TF_VAR_code="+refused, "TF_LOG=trace", "TF_LOG_PATH="+logPath)
	tf := &acctest.CLI{T: t, Dir: dir, Env: env}

	tf.Must("apply", "-auto-approve", "-input=false", "-no-color")
	status := func(addr string) string {
		t.Helper()
		arn := regexp.MustCompile(`appbundle/[a-f0-9-]{36}/appauthorization/[a-f0-9-]{36}`).Find(tf.Must("state", "show", "-no-color", addr))
		for _, a := range allAuthorizationARNs(t, srv) {
			if strings.HasSuffix(a, string(arn)) {
				return emuappfabric.Of(srv).Status(a)
			}
		}
		t.Fatalf("%s is not in the emulator", addr)
		return ""
	}
	if got := status("appauth_appfabric_app_authorization.test"); got != "PendingConnect" {
		t.Fatalf("before the action the apiKey authorization is %s, want PendingConnect", got)
	}

	out := tf.Must("apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.appauth_appfabric_connect.api_key")
	if got := status("appauth_appfabric_app_authorization.test"); got != "Connected" {
		t.Errorf("after the action the apiKey authorization is %s, want Connected", got)
	}
	if !mentions(out, "AppFabric reports Connected") {
		t.Errorf("the action reported no progress:\n%s", out)
	}

	// The code is write-only: a saved plan of the invocation holds none of it.
	tf.Must("plan", "-input=false", "-no-color", "-out=invoke.tfplan", "-invoke=action.appauth_appfabric_connect.oauth2")
	savedPlan := planFileContents(t, filepath.Join(dir, "invoke.tfplan"))

	stdout, stderr, err := tf.Run("apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.appauth_appfabric_connect.oauth2")
	if err == nil {
		t.Fatalf("the action connected with a code the application refuses:\n%s", stdout)
	}
	printed := append(stdout, stderr...)
	if !mentions(printed, "AppFabric reports ConnectionValidationFailed") || !mentions(printed, "a code works once: the action does not send it again") {
		t.Errorf("the failure does not say what happened and what to do:\n%s", printed)
	}
	if got := srv.Stats().Route("appfabric.ConnectAppAuthorization"); got != 2 {
		t.Errorf("%d connect requests, want 2 (one per invocation)", got)
	}
	logged, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(logged) == 0 {
		t.Fatal("TF_LOG_PATH holds no log")
	}
	for name, text := range map[string][]byte{"the output": printed, "the trace log": logged, "the saved plan": savedPlan} {
		if strings.Contains(string(text), refused) {
			t.Errorf("the OAuth2 code is in %s", name)
		}
	}
}

// planFileContents returns every file of the saved plan at path (a zip archive), uncompressed and
// joined.
func planFileContents(t *testing.T, path string) []byte {
	t.Helper()
	archive, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer archive.Close()
	var all []byte
	for _, f := range archive.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		_ = r.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	if len(all) == 0 {
		t.Fatalf("the saved plan %s is empty", path)
	}
	return all
}
