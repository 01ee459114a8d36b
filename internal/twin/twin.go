// Package twin is a benchmark-only provider, "appauthtwin": every appauth resource under the same
// name and the very same schema (the real resource's own Metadata and Schema), whose Create and
// Update store the plan with its unknown values made known, and whose Read and Delete do nothing.
// It sends no request and runs none of the provider's code past the schema, so a benchmark of a
// resource next to its twin measures exactly what the HTTP calls and the resource's own code cost:
// Terraform's work on the same schema and state is the same on both sides. `make bench` builds it
// with `go build -tags twin`.
package twin

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TypeName is the twin provider's name; its resources are appauthtwin_<the real resource's suffix>.
const TypeName = "appauthtwin"

// New returns the twin of the provider whose resources original lists.
func New(original provider.Provider) func() provider.Provider {
	return func() provider.Provider { return &twinProvider{real: original} }
}

type twinProvider struct {
	real provider.Provider
}

func (p *twinProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
}

func (p *twinProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *twinProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *twinProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, newReal := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return &echoResource{real: newReal()} })
	}
	return out
}

func (p *twinProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// echoResource has real's name and schema and keeps whatever Terraform plans.
type echoResource struct {
	real resource.Resource
}

func (r *echoResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *echoResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

func (r *echoResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	echo(req.Plan, &resp.State, &resp.Diagnostics)
}

// Read keeps the state as it is: there is nothing behind it to read.
func (r *echoResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *echoResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	echo(req.Plan, &resp.State, &resp.Diagnostics)
}

// echo stores plan as the new state, its unknown values made known.
func echo(plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	raw, err := Known(plan.Raw)
	if err != nil {
		diags.AddError("Echoing the plan failed", err.Error())
		return
	}
	state.Raw = raw
}

// Delete has nothing to delete; the framework then removes the resource from state.
func (r *echoResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// Known returns planned with every unknown value replaced by a known one that depends only on the
// planned value and the attribute's path: a string of 16 hexadecimal digits (about the size of the
// ids and timestamps the services return), false, 0, or a null object or collection.
func Known(planned tftypes.Value) (tftypes.Value, error) {
	seed := fnv.New64a()
	_, _ = seed.Write([]byte(planned.String()))
	base := seed.Sum64()
	return tftypes.Transform(planned, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		typ := v.Type()
		switch {
		case typ.Is(tftypes.String):
			h := fnv.New64a()
			_ = binary.Write(h, binary.LittleEndian, base)
			_, _ = h.Write([]byte(p.String()))
			return tftypes.NewValue(typ, fmt.Sprintf("%016x", h.Sum64())), nil
		case typ.Is(tftypes.Bool):
			return tftypes.NewValue(typ, false), nil
		case typ.Is(tftypes.Number):
			return tftypes.NewValue(typ, new(big.Float)), nil
		default:
			return tftypes.NewValue(typ, nil), nil
		}
	})
}
