package corpus

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// invalidConfigs maps a case name to a configuration and the error it must produce.
type invalidConfigs map[string]struct{ config, wantErr string }

// invalidImports maps a case name to an import id of resource (whose valid configuration is config)
// and the error it must produce.
type invalidImports map[string]struct{ resource, config, id, wantErr string }

// errorPattern compiles a wanted error. Terraform wraps long messages, so every space matches any run
// of whitespace, and (?s) lets .* cross line breaks.
func errorPattern(want string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(want, " ", `\s+`))
}

// corpus is one part of the bad-input corpus, built for an emulator.
type corpus struct {
	configs invalidConfigs
	imports invalidImports
}

// runCorpus plans every configuration and imports every id, each expecting its error, then checks
// that srv received no request at all.
func runCorpus(t *testing.T, srv *core.Server, c corpus) {
	t.Helper()
	var steps []resource.TestStep
	for _, name := range sortedKeys(c.configs) {
		tc := c.configs[name]
		steps = append(steps, resource.TestStep{
			Config:      tc.config,
			PlanOnly:    true,
			ExpectError: errorPattern(tc.wantErr),
		})
	}
	for _, name := range sortedKeys(c.imports) {
		tc := c.imports[name]
		steps = append(steps, resource.TestStep{
			Config:        tc.config,
			ResourceName:  tc.resource,
			ImportState:   true,
			ImportStateId: tc.id,
			ExpectError:   errorPattern(tc.wantErr),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
