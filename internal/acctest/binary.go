package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// ProviderBinary builds the provider binary into a directory of the test's own and returns that
// directory, for tests that run the terraform CLI themselves.
func ProviderBinary(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-appauth"), ".")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	return dir
}

// DevOverridesConfig writes a CLI configuration that points Terraform at the provider in binDir, and
// returns its path for TF_CLI_CONFIG_FILE; the user's own configuration is never touched.
func DevOverridesConfig(t *testing.T, binDir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "terraformrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"appauth/appauth\" = %q\n  }\n  direct {}\n}\n", binDir)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
