package authress_test

import (
	"fmt"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuauthress "github.com/appauth/terraform-provider-appauth/internal/emulator/authress"
)

// 500 connections made outside Terraform (five pages of the API) are found by one list, written out
// as configuration by `terraform query -generate-config-out`, imported, and the next plan is empty.
// The test logs how long each command took.
func TestAuthressConnectionListAtScale(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 14})
	const total = 500
	for i := range total {
		emuauthress.AddConnection(srv, fmt.Sprintf("scale-%03d", i), fmt.Sprintf("Scale %03d", i), "scale-secret")
	}
	got := acctest.QueryGenerateImport(t, srv, `
list "appauth_authress_connection" "all" {
  provider         = appauth
  include_resource = true
  limit            = 1000
}`, "scale-secret")
	if got.Imported != total {
		t.Errorf("generated %d import blocks, want %d", got.Imported, total)
	}
}
