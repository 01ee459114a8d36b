package acctest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// QueryImport is what QueryGenerateImport measured.
type QueryImport struct {
	// Imported is the number of import blocks `terraform query` generated.
	Imported int
	// Query, Apply and Plan are how long each command took.
	Query, Apply, Plan time.Duration
}

// QueryGenerateImport runs the terraform CLI (from PATH, 1.14 or later, else the test is skipped)
// on query (list blocks) against srv, as a user would: `terraform query -generate-config-out`
// writes configuration, which must hold none of secrets, an apply imports what it names, and the
// next plan must be empty.
func QueryGenerateImport(t *testing.T, srv *core.Server, query string, secrets ...string) QueryImport {
	t.Helper()
	SkipBelowCLI(t, 14)
	dir := t.TempDir()
	files := map[string]string{
		"main.tf":              "terraform {\n  required_providers {\n    appauth = { source = \"appauth/appauth\" }\n  }\n}\n" + ProviderConfig(srv),
		"discover.tfquery.hcl": query,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cli := &CLI{T: t, Dir: dir, Env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + DevOverridesConfig(t, ProviderBinary(t)),
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "AWS_EC2_METADATA_DISABLED=true",
	}}
	var out QueryImport
	timed := func(d *time.Duration, args ...string) {
		t.Helper()
		start := time.Now()
		cli.Must(append(args, "-no-color")...)
		*d = time.Since(start)
	}
	timed(&out.Query, "query", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatalf("terraform query wrote no configuration: %v", err)
	}
	out.Imported = len(importBlock.FindAll(generated, -1))
	for _, secret := range secrets {
		if strings.Contains(string(generated), secret) {
			t.Errorf("the generated configuration holds the secret %q", secret)
		}
	}
	timed(&out.Apply, "apply", "-auto-approve", "-input=false")
	start := time.Now()
	stdout, stderr, err := cli.Run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	out.Plan = time.Since(start)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		t.Errorf("the plan after importing the generated configuration is not empty:\n%s\ngenerated:\n%s", stdout, generated)
	case err != nil:
		t.Fatalf("terraform plan: %v\n%s\n%s", err, stdout, stderr)
	}
	t.Logf("%d imported: query -generate-config-out %s, apply %s, plan %s", out.Imported,
		out.Query.Round(time.Millisecond), out.Apply.Round(time.Millisecond), out.Plan.Round(time.Millisecond))
	return out
}

var importBlock = regexp.MustCompile(`(?m)^import \{`)

// SkipBelowCLI skips the test when the terraform on PATH (which CLI tests run) is older than
// 1.<minor>, as tfversion checks skip the tests the framework runs; it fails when there is no
// terraform to ask.
func SkipBelowCLI(t *testing.T, minor int) {
	t.Helper()
	if major, got := cliVersion(t, "terraform"); major == 1 && got < minor {
		t.Skipf("terraform on PATH is 1.%d; this test needs 1.%d or later", got, minor)
	}
}
