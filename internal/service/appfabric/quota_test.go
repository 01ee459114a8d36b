package appfabric_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
)

// mentions matches text as Terraform prints it: every space may be a line break.
func mentions(out []byte, text string) bool {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`)).Match(out)
}

// AppFabric allows one app bundle per account and Region: a configuration spreads its bundles over
// Regions and accounts with a provider configuration each (real terraform and provider processes,
// one per provider configuration). A plan creating two bundles, or 51 authorizations, with one
// provider configuration warns, and the apply error states the quota and names the bundle to import.
func TestAccAppFabric_bundlesPerAccountAndRegion(t *testing.T) {
	acctest.PreCheck(t)
	bin := acctest.ProviderBinary(t)
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 44, AWSAccounts: 2})
	second := srv.AWSAccounts()[1]
	providers := fmt.Sprintf(`
terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}

provider "appauth" {}

provider "appauth" {
  alias = "west"
  aws {
    region = "eu-west-1"
  }
}

provider "appauth" {
  alias = "second"
  aws {
    region     = "us-east-1"
    access_key = %q
    secret_key = %q
    account_id = %q
  }
}

resource "appauth_appfabric_app_bundle" "east" {}

resource "appauth_appfabric_app_bundle" "west" {
  provider = appauth.west
}

resource "appauth_appfabric_app_bundle" "second" {
  provider = appauth.second
}

resource "appauth_appfabric_app_authorization" "second" {
  provider       = appauth.second
  app_bundle_arn = appauth_appfabric_app_bundle.second.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Zoom"
  }
  credential = { api_key = { api_key = "k" } }
}
`, second.AccessKeyID, second.SecretAccessKey, second.AccountID)
	dir := t.TempDir()
	write := func(config string) {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), srv.Env()...)
	env = append(env, "TF_CLI_CONFIG_FILE="+acctest.DevOverridesConfig(t, bin), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	tf := &acctest.CLI{T: t, Dir: dir, Env: env}

	write(providers)
	tf.Must("apply", "-auto-approve", "-input=false", "-no-color")
	state := fmt.Sprint(srv.State()["appfabric"])
	acct := srv.Credentials().AWSAccountID
	for _, prefix := range []string{"arn:aws:appfabric:us-east-1:" + acct, "arn:aws:appfabric:eu-west-1:" + acct, "arn:aws:appfabric:us-east-1:" + second.AccountID} {
		if strings.Count(state, prefix+":appbundle/") < 1 {
			t.Errorf("no bundle %s:appbundle/... in the emulator: %s", prefix, state)
		}
	}
	if b, a := emuappfabric.Of(srv).Counts(); b != 3 || a != 1 {
		t.Fatalf("the emulator holds %d bundles and %d authorizations, want 3 and 1", b, a)
	}
	eastARN := strings.TrimSpace(string(tf.Must("state", "show", "-no-color", "appauth_appfabric_app_bundle.east")))
	eastARN = regexp.MustCompile(`arn:aws:appfabric:us-east-1:\d{12}:appbundle/[a-f0-9-]{36}`).FindString(eastARN)

	// 51 authorizations with one provider configuration: the plan warns.
	write(providers + `
resource "appauth_appfabric_app_authorization" "many" {
  count          = 51
  app_bundle_arn = appauth_appfabric_app_bundle.east.arn
  app            = "OKTA"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "org-${count.index}"
    tenant_display_name = "Org ${count.index}"
  }
  credential = { api_key = { api_key = "k" } }
}
`)
	plan := tf.Must("plan", "-input=false", "-no-color")
	if !mentions(plan, "More AppFabric app authorizations are planned in one account and Region than AppFabric allows") ||
		!mentions(plan, "AppFabric allows 50 app authorizations per AWS account and Region, counted over all its app bundles, and the quota cannot be raised.") {
		t.Errorf("the plan of 51 authorizations does not warn about the quota:\n%s", plan)
	}

	// Two more bundles with the default provider configuration: the plan warns, the apply fails with
	// the quota and the bundle to import.
	write(providers + `
resource "appauth_appfabric_app_bundle" "east2" {}

resource "appauth_appfabric_app_bundle" "east3" {}
`)
	plan = tf.Must("plan", "-input=false", "-no-color")
	if !mentions(plan, "More than one AppFabric app bundle is planned in one account and Region") ||
		!mentions(plan, "AppFabric allows 1 app bundle per AWS account and Region, and the quota cannot be raised.") {
		t.Errorf("the plan does not warn about the quota:\n%s", plan)
	}
	stdout, stderr, err := tf.Run("apply", "-auto-approve", "-input=false", "-no-color")
	out := append(stdout, stderr...)
	if err == nil || !mentions(out, "The AWS account already has an AppFabric app bundle in this Region") ||
		!mentions(out, "AppFabric allows 1 app bundle per AWS account and Region, and the quota cannot be raised.") ||
		eastARN == "" || !strings.Contains(string(out), eastARN) {
		t.Errorf("apply of bundles beyond the quota: %v; want the quota and %s named:\n%s", err, eastARN, out)
	}
	if b, _ := emuappfabric.Of(srv).Counts(); b != 3 {
		t.Errorf("the emulator holds %d bundles, want 3", b)
	}

	write(providers)
	tf.Must("destroy", "-auto-approve", "-input=false", "-no-color")
	if b, a := emuappfabric.Of(srv).Counts(); b != 0 || a != 0 {
		t.Fatalf("destroy left %d bundles and %d authorizations", b, a)
	}
}
