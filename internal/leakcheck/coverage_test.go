package leakcheck

import (
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

// The leak check's configuration declares every resource, data source and ephemeral resource the
// provider registers, in both its forms: a new type fails this test until the check covers it.
func TestConfigurationCoversEveryType(t *testing.T) {
	t.Parallel()
	types := acctest.RegisteredTypes()
	for _, sensitive := range []bool{false, true} {
		missing, unknown := types.Uncovered(acctest.Declared(configuration(sensitive)))
		for _, q := range missing {
			t.Errorf("the configuration (sensitive %t) declares no %s", sensitive, q)
		}
		for _, q := range unknown {
			t.Errorf("the configuration (sensitive %t) declares %s, which the provider does not register", sensitive, q)
		}
	}
}
