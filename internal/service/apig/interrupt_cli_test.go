package apig_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// interruptBound is how long terraform may take to exit after Ctrl-C while the IAM token request
// hangs: the provider must abandon the fetch at once, not when IAM answers (here, after two minutes).
const interruptBound = 30 * time.Second

// Ctrl-C during an IAM outage: the apply is waiting for a token that IAM does not hand out; an
// interrupt ends it promptly, and nothing is authorized.
func TestAPIGInterruptDuringTokenOutageCLI(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	srv, a := startFixtures(t, 17)
	srv.SetFaults(core.FaultConfig{
		Rate: 1, Kinds: []string{core.FaultLatency}, LatencyMS: int((2 * time.Minute).Milliseconds()),
		Routes: []string{"iam.KeystoneCreateUserTokenByPassword"},
	})
	dir := t.TempDir()
	config := `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
` + acctest.Config(srv, authConfig("test", release, app, listOrders))
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "provider.log")
	cmd := exec.Command("terraform", "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + acctest.DevOverridesConfig(t, acctest.ProviderBinary(t)),
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG_PROVIDER=DEBUG", "TF_LOG_PATH=" + logPath,
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	// Interrupt once the provider has sent the token request that IAM holds.
	sent := time.NewTicker(100 * time.Millisecond)
	defer sent.Stop()
	deadline := time.After(90 * time.Second)
	for !tokenRequested(logPath) {
		select {
		case err := <-exited:
			t.Fatalf("terraform exited (%v) before asking IAM for a token:\n%s", err, out.String())
		case <-deadline:
			t.Fatalf("the provider sent no token request within 90s:\n%s", out.String())
		case <-sent.C:
		}
	}
	interrupted := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		t.Logf("terraform exited %s after the interrupt", time.Since(interrupted).Round(time.Millisecond))
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Errorf("terraform exited with %v after the interrupt, want a failed apply", err)
		}
	case <-time.After(interruptBound):
		t.Fatalf("terraform was still running %s after the interrupt:\n%s", interruptBound, out.String())
	}
	if !strings.Contains(out.String(), "Interrupt received") {
		t.Errorf("terraform did not report the interrupt:\n%s", out.String())
	}
	if got := boundAPIs(a, app, release); len(got) != 0 {
		t.Errorf("after the interrupted apply the emulator has %v bound, want none", got)
	}
}

// tokenRequested reports whether the provider log at path shows a request to IAM's token route.
func tokenRequested(path string) bool {
	b, err := os.ReadFile(path)
	return err == nil && bytes.Contains(b, []byte("/v3/auth/tokens"))
}
