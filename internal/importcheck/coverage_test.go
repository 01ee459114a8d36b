package importcheck

import (
	"slices"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

// Every resource the provider registers with import support has a configuration in importable, and
// importable names no other type: a new importable resource fails this test until it is covered.
func TestImportableCoversEveryImportableResource(t *testing.T) {
	t.Parallel()
	registered := acctest.RegisteredTypes().Importable
	if len(registered) == 0 {
		t.Fatal("the provider registers no importable resource; the check would prove nothing")
	}
	for _, typ := range registered {
		if _, ok := importable[typ]; !ok {
			t.Errorf("%s can be imported but has no configuration in importable", typ)
		}
	}
	for typ, config := range importable {
		if !slices.Contains(registered, typ) {
			t.Errorf("importable lists %s, which the provider does not register as importable", typ)
		}
		if !acctest.Declared(config)["resource."+typ] {
			t.Errorf("the configuration of %s declares no %s resource", typ, typ)
		}
	}
}
