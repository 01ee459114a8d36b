package conns

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// providerData keeps the provider configuration handed to Configure. It is shared by the bases of
// every kind of type the provider serves; each kind gets a base of its own with its Configure.
type providerData struct {
	// Meta is nil before the provider is configured (e.g. during validation).
	Meta *Meta
}

func (p *providerData) keep(data any, diags *diag.Diagnostics) {
	if data == nil {
		return
	}
	meta, ok := data.(*Meta)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *conns.Meta, got %T. Please report this issue to the provider developers.", data))
		return
	}
	p.Meta = meta
}

// ResourceBase is embedded in every resource: its Configure keeps the provider configuration in Meta.
type ResourceBase struct{ providerData }

func (r *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.keep(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase is embedded in every data source: its Configure keeps the provider configuration in Meta.
type DataSourceBase struct{ providerData }

func (d *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.keep(req.ProviderData, &resp.Diagnostics)
}

// EphemeralResourceBase is embedded in every ephemeral resource: its Configure keeps the provider
// configuration in Meta.
type EphemeralResourceBase struct{ providerData }

func (e *EphemeralResourceBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.keep(req.ProviderData, &resp.Diagnostics)
}

// ListResourceBase is embedded in every list resource: its Configure keeps the provider configuration
// in Meta. A list resource is configured with the resource's request types.
type ListResourceBase struct{ providerData }

func (l *ListResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.keep(req.ProviderData, &resp.Diagnostics)
}

// ActionBase is embedded in every action: its Configure keeps the provider configuration in Meta.
type ActionBase struct{ providerData }

func (a *ActionBase) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.keep(req.ProviderData, &resp.Diagnostics)
}

// Family describes one family of the provider to the shared machinery: how its client is built, and
// how to tell, with no network call, that its settings cannot work.
type Family[C any] struct {
	// Name keys the family's client in Meta's cache, e.g. "appfabric".
	Name string
	// Title names the family in diagnostics: "<Title> is not configured".
	Title string
	// Hint says how to configure the family (the provider block, the environment variables); it
	// follows the reason in every "not configured" diagnostic.
	Hint string
	// Check returns why the settings cannot work, with no network call; nil when they could, when in
	// doubt, or when some are unknown until apply (Build then explains).
	Check func(context.Context, *Meta) error
	// Build makes the family's client; it runs once per provider configuration.
	Build func(context.Context, *Meta) (C, error)
}

func (f *Family[C]) summary() string { return f.Title + " is not configured" }

func (f *Family[C]) detail(err error) string {
	if f.Hint == "" {
		return err.Error()
	}
	return err.Error() + "\n\n" + f.Hint
}

// settings runs Check once per provider configuration; first is true for the one caller that ran it.
func (f *Family[C]) settings(ctx context.Context, meta *Meta) (first bool, err error) {
	_, err = meta.Client(f.Name+" settings", func() (any, error) {
		first = true
		return nil, f.Check(ctx, meta)
	})
	return first, err
}

// PlanCheck fails a plan (or the refresh before it) whose family cannot work, with one diagnostic
// per family and provider configuration however many objects the plan holds: only the first caller
// reports the error, and every caller gets false and must stop. That is safe only where the whole
// operation fails with the first error and nothing is stored: ModifyPlan and Read.
func (f *Family[C]) PlanCheck(ctx context.Context, meta *Meta, diags *diag.Diagnostics) bool {
	if meta == nil {
		// Not configured yet: there is nothing to check, and Client explains at apply.
		return true
	}
	first, err := f.settings(ctx, meta)
	if err == nil {
		return true
	}
	if first {
		diags.AddError(httpclient.Headline(err, f.summary()), f.detail(err)+"\n\nThis holds for every "+f.Title+" object of the configuration; it is reported once.")
	}
	return false
}

// ReadClient is Client for Read (the refresh before a plan): settings that cannot work are reported
// once, as PlanCheck does; a client that cannot be built, to every caller.
func (f *Family[C]) ReadClient(ctx context.Context, meta *Meta, diags *diag.Diagnostics) C {
	if !f.PlanCheck(ctx, meta, diags) {
		var zero C
		return zero
	}
	return f.Client(ctx, meta, diags)
}

// Client returns the family's client, built once per provider configuration, or the zero C. When it
// cannot be built it adds an error diagnostic to every caller: at apply, each object that cannot be
// changed says so.
func (f *Family[C]) Client(ctx context.Context, meta *Meta, diags *diag.Diagnostics) C {
	var zero C
	if meta == nil {
		diags.AddError(f.summary(), "The provider was not configured before use.")
		return zero
	}
	if _, err := f.settings(ctx, meta); err != nil {
		diags.AddError(httpclient.Headline(err, f.summary()), f.detail(err))
		return zero
	}
	c, err := meta.Client(f.Name, func() (any, error) { return f.Build(ctx, meta) })
	if err != nil {
		diags.AddError(httpclient.Headline(err, f.summary()), f.detail(err))
		return zero
	}
	client, ok := c.(C)
	if !ok {
		diags.AddError(f.summary(), fmt.Sprintf("The %s client cache holds a %T. Please report this issue to the provider developers.", f.Name, c))
		return zero
	}
	return client
}

// CheckByBuilding is the Check of a family whose Build makes no request: a build whose client is
// dropped, skipped while unknown reports settings that are unknown until apply.
func CheckByBuilding[C any](unknown func(*Meta) Unknown, build func(context.Context, *Meta) (C, error)) func(context.Context, *Meta) error {
	return func(ctx context.Context, m *Meta) error {
		if len(unknown(m)) > 0 {
			return nil
		}
		_, err := build(ctx, m)
		return err
	}
}
