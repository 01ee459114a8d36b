package quicksight_test

import (
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

// A state stored before the provider-wide names (schema version 0) is upgraded: the times become
// created_at and updated_at, the write-only version authentication_config_wo_version, and every
// other value is kept.
func TestActionConnectorUpgradeFromVersion0(t *testing.T) {
	t.Parallel()
	got := acctest.UpgradeState(t, "appauth_quicksight_action_connector", 0, map[string]any{
		"id": "123456789012,c-1", "aws_account_id": "123456789012", "action_connector_id": "c-1", "name": "Connector",
		"type": "GENERIC_HTTP", "arn": "arn:aws:quicksight:us-east-1:123456789012:action-connector/c-1", "status": "CREATION_SUCCESSFUL",
		"authentication_config": map[string]any{
			"authentication_type": "BASIC",
			"basic":               map[string]any{"base_endpoint": "https://api.example.com", "username": "u", "password": nil, "password_wo": nil},
		},
		"authentication_secrets_wo_version": 3,
		"created_time":                      "2025-01-02T03:04:05Z",
		"last_updated_time":                 "2025-02-03T04:05:06Z",
		"tags":                              map[string]any{"team": "ops"},
		"enabled_actions":                   []any{},
		"timeouts":                          map[string]any{"create": "30m", "update": nil, "delete": nil},
	})
	for name, want := range map[string]tftypes.Value{
		"created_at":                       tftypes.NewValue(tftypes.String, "2025-01-02T03:04:05Z"),
		"updated_at":                       tftypes.NewValue(tftypes.String, "2025-02-03T04:05:06Z"),
		"authentication_config_wo_version": tftypes.NewValue(tftypes.Number, big.NewFloat(3)),
		"name":                             tftypes.NewValue(tftypes.String, "Connector"),
		"tags":                             tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"team": tftypes.NewValue(tftypes.String, "ops")}),
	} {
		if !got[name].Equal(want) {
			t.Errorf("%s = %v, want %v", name, got[name], want)
		}
	}
	var timeouts map[string]tftypes.Value
	if err := got["timeouts"].As(&timeouts); err != nil || !timeouts["create"].Equal(tftypes.NewValue(tftypes.String, "30m")) {
		t.Errorf("timeouts = %v (%v)", got["timeouts"], err)
	}
}
