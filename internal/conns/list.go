package conns

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Listed is one remote object a list resource found; M is the resource's model.
type Listed[M any] struct {
	// DisplayName names the object in `terraform query` output.
	DisplayName string
	// Identity is the resource's identity (a struct of its identity schema's tfsdk fields).
	Identity any
	// Read sets the model, which starts as an import starts it (every attribute null), to what a
	// refresh after that import would store: the resource's own read code, and never a secret (none is
	// ever read back), so that configuration generated from it imports without changes. It runs only
	// when the query asks for resources (include_resource), and may read more.
	Read func(context.Context, *M, *diag.Diagnostics)
}

// ListResults streams found as results, one at a time and at most req.Limit of them when Terraform
// sets a limit: objects past the limit, or after Terraform stops reading, are never described.
func ListResults[T, M any](ctx context.Context, req list.ListRequest, found []T, describe func(T) Listed[M]) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for i, item := range found {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			l := describe(item)
			result := req.NewListResult(ctx)
			result.DisplayName = l.DisplayName
			result.Diagnostics.Append(result.Identity.Set(ctx, l.Identity)...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				setResource(ctx, result.Resource, l.Read, &result.Diagnostics)
			}
			if !push(result) {
				return
			}
		}
	}
}

// setResource fills r through read, from the state an import starts with.
func setResource[M any](ctx context.Context, r *tfsdk.Resource, read func(context.Context, *M, *diag.Diagnostics), diags *diag.Diagnostics) {
	// Setting an attribute of a null resource makes every other attribute null, as ImportState's
	// response state is; every resource of the provider has an id.
	diags.Append(r.SetAttribute(ctx, path.Root("id"), types.StringNull())...)
	var model M
	diags.Append(r.Get(ctx, &model)...)
	if diags.HasError() {
		return
	}
	read(ctx, &model, diags)
	if !diags.HasError() {
		diags.Append(r.Set(ctx, &model)...)
	}
}

// ListFailed is the stream of a list that failed before it found anything.
func ListFailed(diags diag.Diagnostics) iter.Seq[list.ListResult] {
	return list.ListResultsStreamDiagnostics(diags)
}
