package conns

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type testIdentity struct {
	ID types.String `tfsdk:"id"`
}

// A resource removed by a read keeps an identity: the one from its state when the state held none
// (the framework fails a read that ends without one), the one it held otherwise (the framework
// also fails a read that changes it).
func TestRemoveResource(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	idSchema := identityschema.Schema{Attributes: map[string]identityschema.Attribute{"id": identityschema.StringAttribute{RequiredForImport: true}}}
	idType := idSchema.Type().TerraformType(ctx)
	stateSchema := schema.Schema{Attributes: map[string]schema.Attribute{"id": schema.StringAttribute{Computed: true}}}
	stateType := stateSchema.Type().TerraformType(ctx)
	for name, tc := range map[string]struct {
		held tftypes.Value
		want string
	}{
		"no identity held": {held: tftypes.NewValue(idType, nil), want: "from-state"},
		"identity held":    {held: tftypes.NewValue(idType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "held")}), want: "held"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := resource.ReadResponse{
				State:    tfsdk.State{Schema: stateSchema, Raw: tftypes.NewValue(stateType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "x")})},
				Identity: &tfsdk.ResourceIdentity{Schema: idSchema, Raw: tc.held},
			}
			RemoveResource(ctx, &resp, testIdentity{ID: types.StringValue("from-state")})
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.State.Raw.IsNull() {
				t.Errorf("the state is %v, want removed", resp.State.Raw)
			}
			var got testIdentity
			resp.Diagnostics.Append(resp.Identity.Get(ctx, &got)...)
			if got.ID.ValueString() != tc.want {
				t.Errorf("identity %q, want %q", got.ID.ValueString(), tc.want)
			}
		})
	}
	// A CLI that keeps no identity sends none: there is nothing to record.
	resp := resource.ReadResponse{State: tfsdk.State{Schema: stateSchema, Raw: tftypes.NewValue(stateType, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "x")})}}
	RemoveResource(ctx, &resp, testIdentity{ID: types.StringValue("from-state")})
	if resp.Diagnostics.HasError() || !resp.State.Raw.IsNull() {
		t.Errorf("without an identity: %v, state %v", resp.Diagnostics, resp.State.Raw)
	}
}
