package examplecheck

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

const requiredProviders = `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
`

// Every example directory must be a configuration that terraform validate accepts on its own. Snippets
// without a terraform block get one naming this provider.
func TestExamplesValidate(t *testing.T) {
	acctest.PreCheck(t)
	cliConfig := acctest.DevOverridesConfig(t, acctest.ProviderBinary(t))
	dirs := map[string][]string{}
	err := filepath.WalkDir("../../examples", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tf") {
			dirs[filepath.Dir(path)] = append(dirs[filepath.Dir(path)], path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("found %d example directories; the walk is looking in the wrong place", len(dirs))
	}
	for dir, files := range dirs {
		t.Run(strings.TrimPrefix(dir, "../../"), func(t *testing.T) {
			t.Parallel()
			work := t.TempDir()
			hasTerraformBlock := false
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				hasTerraformBlock = hasTerraformBlock || strings.Contains(string(b), "required_providers")
				if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if !hasTerraformBlock {
				if err := os.WriteFile(filepath.Join(work, "zz_required_providers.tf"), []byte(requiredProviders), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "terraform", "validate", "-no-color")
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("terraform validate: %v\n%s", err, out)
			}
		})
	}
}
