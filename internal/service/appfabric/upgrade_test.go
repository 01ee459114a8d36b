package appfabric_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

// timeouts became a block; a state stored while it was an attribute has the same shape and is read
// as it is.
func TestConnectionTimeoutsStoredAsAttribute(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	got := acctest.UpgradeState(t, "appauth_appfabric_app_authorization_connection", 0, map[string]any{
		"id": arn, "app_authorization_arn": arn, "status": "Connected", "code_wo_version": nil, "auth_request": nil,
		"timeouts": map[string]any{"create": "10m"},
	})
	var timeouts map[string]tftypes.Value
	if err := got["timeouts"].As(&timeouts); err != nil || !timeouts["create"].Equal(tftypes.NewValue(tftypes.String, "10m")) {
		t.Errorf("timeouts = %v (%v)", got["timeouts"], err)
	}
	if !got["status"].Equal(tftypes.NewValue(tftypes.String, "Connected")) {
		t.Errorf("status = %v", got["status"])
	}
}

// The bundle and the authorization got a timeouts block; their states stored before it are read as
// they are, with no timeouts.
func TestStatesStoredBeforeTimeoutsBlocks(t *testing.T) {
	t.Parallel()
	bundle := "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
	got := acctest.UpgradeState(t, "appauth_appfabric_app_bundle", 0, map[string]any{
		"id": bundle, "arn": bundle, "customer_managed_key_arn": nil, "tags": map[string]any{"team": "x"},
	})
	if !got["timeouts"].IsNull() || !got["arn"].Equal(tftypes.NewValue(tftypes.String, bundle)) {
		t.Errorf("bundle: timeouts %v, arn %v", got["timeouts"], got["arn"])
	}
	authz := bundle + "/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	got = acctest.UpgradeState(t, "appauth_appfabric_app_authorization", 0, map[string]any{
		"id": authz, "arn": authz, "app_bundle_arn": bundle, "app": "ZOOM", "auth_type": "apiKey",
		"tenant":                map[string]any{"tenant_identifier": "t", "tenant_display_name": "d"},
		"credential":            map[string]any{"oauth2": nil, "api_key": map[string]any{"api_key": "k", "api_key_wo": nil}},
		"credential_wo_version": nil, "tags": nil, "status": "PendingConnect", "persona": "admin", "auth_url": nil,
		"created_at": "2026-01-02T03:04:05Z", "updated_at": "2026-01-02T03:04:05Z",
	})
	if !got["timeouts"].IsNull() || !got["status"].Equal(tftypes.NewValue(tftypes.String, "PendingConnect")) {
		t.Errorf("authorization: timeouts %v, status %v", got["timeouts"], got["status"])
	}
}
