package authress_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

// A state stored before the provider-wide names (schema version 0) is upgraded: created_time and
// last_updated become created_at and updated_at, and every other value is kept.
func TestConnectionUpgradeFromVersion0(t *testing.T) {
	t.Parallel()
	got := acctest.UpgradeState(t, "appauth_authress_connection", 0, map[string]any{
		"id": "con_1", "connection_id": "con_1", "type": "OAUTH2", "authentication_url": "https://idp.example.com/authorize",
		"client_secret": "kept", "client_secret_wo": nil, "client_secret_wo_version": nil,
		"created_time": "2025-01-02T03:04:05.678Z", "last_updated": "2025-02-03T04:05:06.789Z", "is_active_connection": true,
		"tags": map[string]any{},
	})
	for name, want := range map[string]tftypes.Value{
		"created_at":    tftypes.NewValue(tftypes.String, "2025-01-02T03:04:05.678Z"),
		"updated_at":    tftypes.NewValue(tftypes.String, "2025-02-03T04:05:06.789Z"),
		"client_secret": tftypes.NewValue(tftypes.String, "kept"),
		"tags":          tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{}),
	} {
		if !got[name].Equal(want) {
			t.Errorf("%s = %v, want %v", name, got[name], want)
		}
	}
}
