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

// RemoveResource records in a read's response that the object is gone. The framework wants an
// identity after every read without error, that of a removed object too: where Terraform kept none
// (before 1.12, or a state written before resources had identity), identity, that of the object
// that was there, is recorded.
func RemoveResource(ctx context.Context, resp *resource.ReadResponse, identity any) {
	resp.State.RemoveResource(ctx)
	if resp.Identity != nil && resp.Identity.Raw.IsFullyNull() {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, identity)...)
	}
}
