// Package flex converts wire values to Terraform values the same way in every family: empty strings as
// null, times as RFC 3339, optional maps that keep `{}` or null as configured.
package flex

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// StringOrNull is s, or null when it is empty.
func StringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// Timestamp is t in RFC 3339 (UTC, whole seconds), or null for the zero time.
func Timestamp(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

// OptionalMap turns a map the API leaves out when empty into an optional attribute's value: when it is
// empty, a null or `{}` prior value (the state, or the plan being applied) is kept as it was, so that
// both spellings of "none" plan empty; an unknown one becomes null.
func OptionalMap(ctx context.Context, remote map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(remote) == 0 {
		if prior.IsNull() || prior.IsUnknown() {
			// A new null value: a zero types.Map has no element type.
			return types.MapNull(types.StringType)
		}
		if len(prior.Elements()) == 0 {
			return prior
		}
	}
	return Map(ctx, remote, diags)
}

// Map is m as a known map value, `{}` when m is empty.
func Map(ctx context.Context, m map[string]string, diags *diag.Diagnostics) types.Map {
	if m == nil {
		m = map[string]string{}
	}
	v, d := types.MapValueFrom(ctx, types.StringType, m)
	diags.Append(d...)
	return v
}
