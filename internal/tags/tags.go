// Package tags gives every taggable resource and data source the same tags attribute: one rule for an
// empty map (`tags = {}` is the same as no tags: nothing is sent and the plan stays empty, as when a
// module passes `tags = var.tags` defaulting to `{}`), one flatten that keeps `{}` or null as
// configured, and one diff that says what to set and what to remove. Each service's limits are
// parameters.
package tags

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/flex"
)

// Limits are a service's rules for tags; a zero field sets no limit.
type Limits struct {
	// MaxTags is the most tags one object may have.
	MaxTags int
	// KeyMin and KeyMax bound a key's length, ValueMin and ValueMax a value's.
	KeyMin, KeyMax     int
	ValueMin, ValueMax int
}

// Attribute is the optional tags map of a resource, checked against l at plan time. how says how a
// change reaches the service, e.g. "Changes are applied in place through the tagging API.".
func (l Limits) Attribute(how string) schema.MapAttribute {
	return schema.MapAttribute{
		Optional:    true,
		ElementType: types.StringType,
		MarkdownDescription: "Tags of the resource: " + l.describe() + ". `tags = {}` is the same as no tags: nothing is sent and the plan " +
			"stays empty. " + how,
		Validators: l.validators(),
	}
}

// DataSourceAttribute is the tags map a data source reads: `{}` when the object has none.
func DataSourceAttribute() dsschema.MapAttribute {
	return dsschema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The object's tags; `{}` when it has none."}
}

func (l Limits) describe() string {
	var parts []string
	if l.MaxTags > 0 {
		parts = append(parts, fmt.Sprintf("at most %d", l.MaxTags))
	}
	if s := lengthRule("keys", l.KeyMin, l.KeyMax); s != "" {
		parts = append(parts, s)
	}
	if s := lengthRule("values", l.ValueMin, l.ValueMax); s != "" {
		if l.ValueMin == 0 && l.ValueMax > 0 {
			s += " (empty allowed)"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "any number"
	}
	return strings.Join(parts, ", ")
}

func lengthRule(what string, lo, hi int) string {
	switch {
	case lo > 0 && hi > 0:
		return fmt.Sprintf("%s %d to %d characters", what, lo, hi)
	case hi > 0:
		return fmt.Sprintf("%s up to %d characters", what, hi)
	case lo > 0:
		return fmt.Sprintf("%s at least %d characters", what, lo)
	}
	return ""
}

func (l Limits) validators() []validator.Map {
	var out []validator.Map
	if l.MaxTags > 0 {
		out = append(out, mapvalidator.SizeAtMost(l.MaxTags))
	}
	if v := lengthValidator(l.KeyMin, l.KeyMax); v != nil {
		out = append(out, mapvalidator.KeysAre(v))
	}
	if v := lengthValidator(l.ValueMin, l.ValueMax); v != nil {
		out = append(out, mapvalidator.ValueStringsAre(v))
	}
	return out
}

func lengthValidator(lo, hi int) validator.String {
	switch {
	case lo > 0 && hi > 0:
		return stringvalidator.LengthBetween(lo, hi)
	case hi > 0:
		return stringvalidator.LengthAtMost(hi)
	case lo > 0:
		return stringvalidator.LengthAtLeast(lo)
	}
	return nil
}

// Expand reads a tags value: nil when null or unknown, else the map (empty for `tags = {}`).
func Expand(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	m := map[string]string{}
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	return m
}

// Flatten turns the tags an object has into the resource's value. When it has none, a null or `{}`
// prior value (the state, or the plan being applied) is kept as it was, so that both spellings of "no
// tags" plan empty; an unknown one becomes null.
func Flatten(ctx context.Context, remote map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	return flex.OptionalMap(ctx, remote, prior, diags)
}

// FlattenComputed is a data source's tags value: always known, `{}` when the object has none.
func FlattenComputed(ctx context.Context, remote map[string]string, diags *diag.Diagnostics) types.Map {
	return flex.Map(ctx, remote, diags)
}

// Diff says how to go from the tags an object has to the wanted ones: the tags to set (new keys and
// changed values) and the keys to remove, sorted. Both are empty when nothing changes, so nothing
// is sent.
func Diff(have, want map[string]string) (set map[string]string, remove []string) {
	set = map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			set[k] = v
		}
	}
	for k := range have {
		if _, keep := want[k]; !keep {
			remove = append(remove, k)
		}
	}
	slices.Sort(remove)
	return set, remove
}
