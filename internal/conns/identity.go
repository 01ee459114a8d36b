package conns

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// SetIdentity records a resource's identity (a struct of the identity schema's tfsdk fields) in a
// response. Resources call it on create, read and update whatever the CLI: the framework hands every
// resource with an identity schema an identity to fill, and a Terraform before 1.12 ignores it; a
// response without one (a resource without identity) has nothing to record.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, value any, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, value)...)
}

// RemoveResource removes from state, in a read, a resource that no longer exists. The framework fails
// a read that ends with no identity, even one that removes the resource; a state made by a CLI or a
// release without identity holds none, so identity (the resource's, from its state) is recorded first.
// An identity already held is kept: the framework also fails a read that changes it.
func RemoveResource(ctx context.Context, resp *resource.ReadResponse, identity any) {
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		SetIdentity(ctx, resp.Identity, identity, &resp.Diagnostics)
	}
	resp.State.RemoveResource(ctx)
}

// ImportID is the id an import names: the import id itself, or, for an import block that gives an
// identity instead (Terraform 1.12+), the id toID builds from that identity, so that both imports
// take the same checks and the same path.
func ImportID[T any](ctx context.Context, req resource.ImportStateRequest, toID func(T) string, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var identity T
	diags.Append(req.Identity.Get(ctx, &identity)...)
	if diags.HasError() {
		return ""
	}
	return toID(identity)
}
