package flex

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestStringOrNull(t *testing.T) {
	t.Parallel()
	if !StringOrNull("").IsNull() || StringOrNull("a").ValueString() != "a" {
		t.Fatal("StringOrNull")
	}
}

func TestTimestamp(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		in   time.Time
		want types.String
	}{
		"zero":            {time.Time{}, types.StringNull()},
		"utc":             {time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), types.StringValue("2025-01-02T03:04:05Z")},
		"other zone":      {time.Date(2025, 1, 2, 5, 4, 5, 0, time.FixedZone("x", 2*3600)), types.StringValue("2025-01-02T03:04:05Z")},
		"fraction (drop)": {time.Date(2025, 1, 2, 3, 4, 5, 600e6, time.UTC), types.StringValue("2025-01-02T03:04:05Z")},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := Timestamp(tc.in); !got.Equal(tc.want) {
				t.Fatalf("Timestamp = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestOptionalMap(t *testing.T) {
	t.Parallel()
	one := types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringValue("1")})
	empty := types.MapValueMust(types.StringType, map[string]attr.Value{})
	null := types.MapNull(types.StringType)
	testCases := map[string]struct {
		remote map[string]string
		prior  types.Map
		want   types.Map
	}{
		"none, prior null":           {nil, null, null},
		"none, prior zero value":     {nil, types.Map{}, null},
		"none, prior empty":          {nil, empty, empty},
		"none, prior unknown":        {nil, types.MapUnknown(types.StringType), null},
		"none, prior had values":     {nil, one, empty},
		"values":                     {map[string]string{"a": "1"}, null, one},
		"values replace prior empty": {map[string]string{"a": "1"}, empty, one},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			if got := OptionalMap(context.Background(), tc.remote, tc.prior, &diags); diags.HasError() || !got.Equal(tc.want) {
				t.Fatalf("OptionalMap = %v (%v), want %v", got, diags, tc.want)
			}
		})
	}
}
