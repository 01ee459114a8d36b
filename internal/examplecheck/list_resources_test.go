package examplecheck

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// Every list resource has an example, examples/list-resources/<type>/list-resource.tfquery.hcl (the
// file tfplugindocs shows), that `terraform validate -query` accepts: Terraform 1.14 and later.
func TestListResourceExamplesValidate(t *testing.T) {
	acctest.PreCheck(t)
	acctest.SkipBelowCLI(t, 14)
	cliConfig := acctest.DevOverridesConfig(t, acctest.ProviderBinary(t))
	p := provider.New("test")().(fwprovider.ProviderWithListResources)
	lists := p.ListResources(context.Background())
	if len(lists) == 0 {
		t.Fatal("the provider has no list resources")
	}
	for _, newList := range lists {
		var md resource.MetadataResponse
		newList().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "appauth"}, &md)
		t.Run(md.TypeName, func(t *testing.T) {
			t.Parallel()
			example, err := os.ReadFile(filepath.Join("../../examples/list-resources", md.TypeName, "list-resource.tfquery.hcl"))
			if err != nil {
				t.Fatalf("the list resource has no example: %v", err)
			}
			work := t.TempDir()
			files := map[string]string{"main.tf": requiredProviders + "provider \"appauth\" {}\n", "list-resource.tfquery.hcl": string(example)}
			for name, content := range files {
				if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "terraform", "validate", "-query", "-no-color")
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("terraform validate -query: %v\n%s", err, out)
			}
		})
	}
}
