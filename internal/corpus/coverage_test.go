package corpus

import (
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// families are the parts of the corpus that cover the provider's types (the provider part covers its
// own block).
var families = map[string]func(*core.Server) corpus{
	"authress": authressCorpus, "appfabric": appfabricCorpus, "quicksight": quicksightCorpus, "apig": apigCorpus,
}

// Every resource, data source and ephemeral resource the provider registers is the only type of at
// least one invalid configuration, and every importable resource has invalid import ids: a new type
// fails this test until the corpus covers it.
func TestCorpusCoversEveryType(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 79})
	covered, imported := map[string]bool{}, map[string]bool{}
	for _, part := range families {
		c := part(srv)
		for _, tc := range c.configs {
			if declared := acctest.Declared(tc.config); len(declared) == 1 {
				for q := range declared {
					covered[q] = true
				}
			}
		}
		for _, tc := range c.imports {
			typ, _, _ := strings.Cut(tc.resource, ".")
			imported[typ] = true
		}
	}
	types := acctest.RegisteredTypes()
	missing, unknown := types.Uncovered(covered)
	for _, q := range missing {
		t.Errorf("no invalid configuration is about %s alone", q)
	}
	for _, q := range unknown {
		t.Errorf("the corpus declares %s, which the provider does not register", q)
	}
	for _, typ := range types.Importable {
		if !imported[typ] {
			t.Errorf("no invalid import id for %s", typ)
		}
	}
}
