package authress

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var objectAsOptions = basetypes.ObjectAsOptions{}

func stringValue(p *string) types.String { return types.StringPointerValue(p) }

// objectValue builds an object from build() when present, else a null object.
func objectValue(ctx context.Context, attrTypes map[string]attr.Type, present bool, build func() any, diags *diag.Diagnostics) types.Object {
	if !present {
		return types.ObjectNull(attrTypes)
	}
	v, d := types.ObjectValueFrom(ctx, attrTypes, build())
	diags.Append(d...)
	return v
}

func backticked(values []string) string {
	out := ""
	for i, v := range values {
		if i > 0 {
			out += ", "
		}
		out += "`" + v + "`"
	}
	return out
}

func quote(s string) string { return strconv.Quote(s) }
