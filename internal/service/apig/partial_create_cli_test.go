package apig_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// What a user sees through the terraform CLI when APIG refuses one API of a create: the apply
// completes with a warning naming the API; once the API is published, a plan (with or without
// refreshing) is an in-place update, never a replacement; applying it authorizes the missing API
// without revoking any.
func TestAPIGAppAuthorizationPartialCreateCLI(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	srv, a := startFixtures(t, 16)
	draft := emuapig.FixtureAPIs["draft_refunds"]
	dir := t.TempDir()
	config := `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
` + acctest.Config(srv, authConfig("test", release, app, listOrders, draft))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := &acctest.CLI{T: t, Dir: dir, Env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + acctest.DevOverridesConfig(t, acctest.ProviderBinary(t)),
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
	}}
	// run returns what terraform printed (both streams) and its exit code.
	run := func(args ...string) (string, int) {
		t.Helper()
		stdout, stderr, err := cli.Run(append(args, "-input=false", "-no-color")...)
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
		}
		return string(stdout) + string(stderr), code
	}
	expect := func(what, out string, code, wantCode int, patterns ...string) {
		t.Helper()
		if code != wantCode {
			t.Fatalf("%s: exit code %d, want %d\n%s", what, code, wantCode, out)
		}
		for _, p := range patterns {
			// Terraform wraps long lines: a space matches any run of white space.
			if !regexp.MustCompile(`(?s)` + strings.ReplaceAll(p, " ", `\s+`)).MatchString(out) {
				t.Errorf("%s: the output does not match %q\n%s", what, p, out)
			}
		}
		if strings.Contains(out, "must be replaced") || strings.Contains(out, "is tainted") {
			t.Errorf("%s: the output plans a replacement\n%s", what, out)
		}
	}

	out, code := run("apply", "-auto-approve")
	expect("apply", out, code, 0, `Warning: API `+draft+` was not authorized`, `APIG\.3015`, `in-place update that authorizes only the APIs still missing`, `Apply complete! Resources: 1 added`)
	if got := boundAPIs(a, app, release); len(got) != 1 || got[0] != listOrders {
		t.Fatalf("after the apply the emulator has %v bound, want only list_orders", got)
	}

	a.Publish(inst, draft, release)
	out, code = run("plan", "-refresh=false", "-detailed-exitcode")
	expect("plan without refresh", out, code, 2, `will be updated in-place`, `Plan: 0 to add, 1 to change, 0 to destroy`)
	out, code = run("plan", "-detailed-exitcode")
	expect("plan", out, code, 2, `will be updated in-place`, `api_ids = \[\n\s+\+ "`+draft+`",`, `Plan: 0 to add, 1 to change, 0 to destroy`)

	out, code = run("apply", "-refresh=false", "-auto-approve")
	expect("apply without refresh", out, code, 0, `Apply complete! Resources: 0 added, 1 changed, 0 destroyed`)
	if got := boundAPIs(a, app, release); len(got) != 2 {
		t.Fatalf("after the second apply the emulator has %v bound, want list_orders and draft_refunds", got)
	}
	out, code = run("plan", "-detailed-exitcode")
	expect("plan after the fix", out, code, 0, `No changes`)
	if err := expectNothingRevoked(srv)(nil); err != nil {
		t.Error(err)
	}
	out, code = run("destroy", "-auto-approve")
	expect("destroy", out, code, 0, `Destroy complete! Resources: 1 destroyed`)
	if got := boundAPIs(a, app, release); len(got) != 0 {
		t.Errorf("after destroy the emulator has %v bound", got)
	}
}
