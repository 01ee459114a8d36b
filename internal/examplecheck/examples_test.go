package examplecheck

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	goversion "github.com/hashicorp/go-version"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

const requiredProviders = `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
`

// Every example directory must be a configuration that terraform validate accepts on its own. Snippets
// without a terraform block get one naming this provider. The import-by-*.tf files of a directory are
// alternative imports of the same resource: each is validated with the rest of the directory, one at
// a time. A configuration that needs a newer CLI than the one on PATH (actions, import by identity) is
// skipped there and validated on the matrix leg that has it.
func TestExamplesValidate(t *testing.T) {
	acctest.PreCheck(t)
	cli := pathCLI(t)
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
		for name, variant := range importVariants(strings.TrimPrefix(dir, "../../"), files) {
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				validate(t, cli, cliConfig, variant)
			})
		}
	}
}

// importVariants splits a directory's files into the configurations to validate, by name: the files
// other than import-by-*.tf with each of those in turn, or all of them when there is none.
func importVariants(dir string, files []string) map[string][]string {
	var common, imports []string
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "import-by-") {
			imports = append(imports, f)
		} else {
			common = append(common, f)
		}
	}
	if len(imports) == 0 {
		return map[string][]string{dir: common}
	}
	variants := map[string][]string{}
	for _, f := range imports {
		variants[dir+"/"+strings.TrimSuffix(filepath.Base(f), ".tf")] = append(slices.Clone(common), f)
	}
	return variants
}

func validate(t *testing.T, cli cliVersion, cliConfig string, files []string) {
	work := t.TempDir()
	var config strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config.Write(b)
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if reason := cli.cannotRun(config.String()); reason != "" {
		t.Skip(reason)
	}
	if !strings.Contains(config.String(), "required_providers") {
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
}

var (
	actionBlock    = regexp.MustCompile(`(?m)^action\s+"`)
	identityImport = regexp.MustCompile(`(?m)^\s+identity\s*=\s*\{`)
	cliVersionLine = regexp.MustCompile(`(Terraform|OpenTofu) v(\d+\.\d+\.\d+)`)
)

// cliVersion is the terraform on PATH, which the examples are validated with.
type cliVersion struct {
	product string // "Terraform" or "OpenTofu"
	version *goversion.Version
}

func pathCLI(t *testing.T) cliVersion {
	t.Helper()
	out, err := exec.Command("terraform", "version").Output()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	m := cliVersionLine.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("cannot read the version of the terraform on PATH from %q", out)
	}
	return cliVersion{product: m[1], version: goversion.Must(goversion.NewVersion(m[2]))}
}

// cannotRun says why the CLI cannot validate config, or "" when it can: actions need Terraform 1.14
// (OpenTofu has none), import by identity Terraform 1.12 (OpenTofu 1.12 has it).
func (c cliVersion) cannotRun(config string) string {
	switch {
	case actionBlock.MatchString(config) && (c.product == "OpenTofu" || c.version.LessThan(goversion.Must(goversion.NewVersion("1.14.0")))):
		return fmt.Sprintf("%s %s has no actions (Terraform 1.14 or later)", c.product, c.version)
	case identityImport.MatchString(config) && c.product == "Terraform" && c.version.LessThan(goversion.Must(goversion.NewVersion("1.12.0"))):
		return fmt.Sprintf("Terraform %s cannot import by identity (1.12 or later)", c.version)
	}
	return ""
}
