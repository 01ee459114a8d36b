package apig_test

import (
	"fmt"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// 200 authorizations made outside Terraform (50 apps, each authorized for three APIs in RELEASE and
// one in DEV) are found by one list (100 results), written out as configuration by `terraform query
// -generate-config-out`, imported, and the next plan is empty. The test logs how long each command
// took.
func TestAPIGAppAuthorizationListAtScale(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 32)
	const apps = 50
	for i := range apps {
		id := a.CreateApp(inst, fmt.Sprintf("scale_app_%02d", i))
		for _, api := range []string{listOrders, getOrder, createOrder} {
			a.Authorize(inst, id, api, release)
		}
		a.Authorize(inst, id, listOrders, emuapig.FixtureEnvID)
	}
	if n := len(a.Auths(inst)); n != 4*apps {
		t.Fatalf("the emulator holds %d authorizations, want %d", n, 4*apps)
	}
	got := acctest.QueryGenerateImport(t, srv, fmt.Sprintf(`
list "appauth_apig_app_authorization" "all" {
  provider         = appauth
  include_resource = true
  limit            = 1000
  config {
    instance_id = %q
  }
}`, inst))
	if got.Imported != 2*apps {
		t.Errorf("generated %d import blocks, want %d", got.Imported, 2*apps)
	}
}
