package stateupgrade

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestRenames(t *testing.T) {
	t.Parallel()
	upgrader := Renames(map[string]string{"created_time": "created_at", "last_updated": "updated_at"})
	testCases := map[string]struct {
		stored  string
		want    map[string]any
		wantErr bool
	}{
		"renamed": {stored: `{"id":"c1","created_time":"2025-01-01T00:00:00Z","last_updated":null,"tags":{"a":"b"}}`,
			want: map[string]any{"id": "c1", "created_at": "2025-01-01T00:00:00Z", "updated_at": nil, "tags": map[string]any{"a": "b"}}},
		"already without them": {stored: `{"id":"c1"}`, want: map[string]any{"id": "c1"}},
		"not an object":        {stored: `[1]`, wantErr: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := &resource.UpgradeStateResponse{}
			upgrader.StateUpgrader(context.Background(), resource.UpgradeStateRequest{RawState: &tfprotov6.RawState{JSON: []byte(tc.stored)}}, resp)
			if resp.Diagnostics.HasError() != tc.wantErr {
				t.Fatalf("diagnostics %v", resp.Diagnostics)
			}
			if tc.wantErr {
				return
			}
			var got map[string]any
			if err := json.Unmarshal(resp.DynamicValue.JSON, &got); err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("upgraded to %s (%v), want %v", resp.DynamicValue.JSON, err, tc.want)
			}
		})
	}
}
