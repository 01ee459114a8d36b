package appfabric_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const faultsConfig = `
resource "appauth_appfabric_app_bundle" "test" {
  tags = { env = "faults" }
}

resource "appauth_appfabric_app_authorization" "test" {
  count          = 3
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "OKTA"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "org-${count.index}"
    tenant_display_name = "Org ${count.index}"
  }
  credential = { api_key = { api_key = "key-${count.index}" } }
  tags       = { n = "${count.index}" }
}

resource "appauth_appfabric_app_authorization_connection" "test" {
  count                 = 3
  app_authorization_arn = appauth_appfabric_app_authorization.test[count.index].arn
}
`

// Under injected throttling, server errors, resets and lost responses, apply and destroy converge
// and the emulator never holds a duplicate or an orphan; the bundle is deleted after its
// authorizations.
func TestAccAppFabric_faults(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 40, Faults: core.FaultConfig{
		Rate: 0.25, Kinds: []string{core.Fault429, core.Fault500, core.Fault503, core.FaultReset, core.FaultCommitDrop},
		Seed: 5, Routes: []string{"appfabric"},
	}})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(checkAllDestroyed(srv), func(*terraform.State) error {
			return checkDeleteOrder(srv)
		}),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, faultsConfig),
				Check: func(*terraform.State) error {
					if b, a := emuappfabric.Of(srv).Counts(); b != 1 || a != 3 {
						return fmt.Errorf("the emulator holds %d bundles and %d authorizations, want 1 and 3", b, a)
					}
					if srv.Stats().Faults[core.FaultCommitDrop] == 0 {
						return fmt.Errorf("no lost response was injected: %+v", srv.Stats().Faults)
					}
					return nil
				},
			},
		},
	})
}

// checkDeleteOrder verifies the bundle was deleted only after every authorization, and never refused.
func checkDeleteOrder(srv *core.Server) error {
	var routes []string
	for _, r := range srv.Requests() {
		if r.Status >= 200 && r.Status < 300 || r.Status == 404 {
			routes = append(routes, r.Route)
		}
		if r.Route == "appfabric.DeleteAppBundle" && r.Status == 409 {
			return fmt.Errorf("DeleteAppBundle was refused: the bundle still had authorizations")
		}
	}
	bundle := slices.Index(routes, "appfabric.DeleteAppBundle")
	last := -1
	for i, r := range routes {
		if r == "appfabric.DeleteAppAuthorization" {
			last = i
		}
	}
	if bundle < 0 || last < 0 || bundle < last {
		return fmt.Errorf("delete order: last DeleteAppAuthorization at %d, DeleteAppBundle at %d", last, bundle)
	}
	return nil
}

// Without an aws block or AWS environment the first AppFabric call fails with one diagnostic that
// says where the configuration goes.
func TestAccAppFabric_notConfigured(t *testing.T) {
	for _, name := range []string{"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL_APPFABRIC", "AWS_ENDPOINT_URL"} {
		t.Setenv(name, "")
	}
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `provider "appauth" {}` + "\n" + `resource "appauth_appfabric_app_bundle" "test" {}`,
				ExpectError: regexp.MustCompile(`(?s)AppFabric is not configured.*no AWS region.*AWS_ENDPOINT_URL_APPFABRIC`),
			},
		},
	})
}

// At TRACE level the provider logs request bodies; secrets sent to AppFabric appear masked.
func TestAccAppFabric_traceLogMasksSecrets(t *testing.T) {
	logPath := t.TempDir() + "/trace.log"
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 41})
	secrets := []string{"trace-client-secret", "trace-oauth-code"}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL, `
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "SLACK"
  auth_type      = "oauth2"
  tenant = {
    tenant_identifier   = "T1"
    tenant_display_name = "Trace"
  }
  credential = {
    oauth2 = { client_id = "trace-client", client_secret_wo = "trace-client-secret" }
  }
  credential_wo_version = 1
}

resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = appauth_appfabric_app_authorization.test.arn
  auth_request = {
    redirect_uri = "https://example.com/cb"
    code_wo      = "trace-oauth-code"
  }
  code_wo_version = 1
}`),
				Check: checkNoSecretInState(secrets...),
			},
		},
	})
	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	var bodies int
	for _, line := range strings.Split(string(raw), "\n") {
		// The test harness echoes the configuration it writes, indented with "|"; that is not provider output.
		if strings.HasPrefix(strings.TrimSpace(line), "|") {
			continue
		}
		for _, secret := range secrets {
			if strings.Contains(line, secret) {
				t.Fatalf("the trace log holds a secret: %.300s", line)
			}
		}
		if strings.Contains(line, "appauth.appfabric") && strings.Contains(line, `\"clientSecret\":\"***\"`) {
			bodies++
		}
	}
	if bodies == 0 {
		t.Fatal("no masked AppFabric request body was logged; the test proves nothing")
	}
}
