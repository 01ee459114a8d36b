package conns

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// Listed is one remote object a list resource found.
type Listed struct {
	// DisplayName names the object in `terraform query` output.
	DisplayName string
	// Identity is the resource's identity (a struct of its identity schema's tfsdk fields).
	Identity any
	// Resource returns the resource's model as a refresh after an import would store it (no
	// secret: none is ever read back), so that configuration generated from it imports without
	// changes. It runs only when the query asks for resources (include_resource), and may read more.
	Resource func(context.Context, *diag.Diagnostics) any
}

// ListResults streams found as results, one at a time and at most req.Limit of them when Terraform
// sets a limit: objects past the limit, or after Terraform stops reading, are never read.
func ListResults[T any](ctx context.Context, req list.ListRequest, found []T, describe func(T) Listed) iter.Seq[list.ListResult] {
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
				if model := l.Resource(ctx, &result.Diagnostics); !result.Diagnostics.HasError() {
					result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

// ListFailed is the stream of a list that failed before it found anything.
func ListFailed(d diag.Diagnostic) iter.Seq[list.ListResult] {
	return list.ListResultsStreamDiagnostics(diag.Diagnostics{d})
}
