// Package provider defines the appauth provider: it lists the families, and each family brings its
// block of the provider configuration, its resources, data sources and ephemeral resources.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/service/apig"
	"github.com/appauth/terraform-provider-appauth/internal/service/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
	"github.com/appauth/terraform-provider-appauth/internal/service/quicksight"
)

// families are every family of the provider, in the order their types are listed.
var families = []conns.Registration{
	authress.Registration,
	appfabric.Registration,
	quicksight.Registration,
	apig.Registration,
}

var (
	_ provider.Provider                       = &appauthProvider{}
	_ provider.ProviderWithEphemeralResources = &appauthProvider{}
	_ provider.ProviderWithConfigValidators   = &appauthProvider{}
)

// New returns the provider factory for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &appauthProvider{version: version, blocks: blocks(families)} }
}

type appauthProvider struct {
	version string
	blocks  []conns.ProviderBlock
}

// blocks returns the provider blocks the families read, each once: families may share one (the
// aws block). Two different blocks of one name are a programming error.
func blocks(families []conns.Registration) []conns.ProviderBlock {
	var out []conns.ProviderBlock
	byName := map[string]conns.ProviderBlock{}
	for _, f := range families {
		name, _ := f.Block.Schema()
		switch seen, ok := byName[name]; {
		case !ok:
			byName[name] = f.Block
			out = append(out, f.Block)
		case seen != f.Block:
			panic(fmt.Sprintf("provider: two different provider blocks are named %q", name))
		}
	}
	return out
}

func (p *appauthProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "appauth"
	resp.Version = p.version
}

func (p *appauthProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages who and what may call your applications: AWS AppFabric app authorizations, Amazon QuickSight " +
			"action connectors, Authress SSO connections and APIG app authorizations. Every block is optional; each family " +
			"also works from its environment variables alone with an empty `provider \"appauth\" {}`.",
		Blocks: map[string]schema.Block{},
	}
	for _, b := range p.blocks {
		name, block := b.Schema()
		resp.Schema.Blocks[name] = block
	}
}

func (p *appauthProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	var out []provider.ConfigValidator
	for _, b := range p.blocks {
		out = append(out, b.ConfigValidators()...)
	}
	return out
}

func (p *appauthProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	meta := &conns.Meta{Version: p.version}
	for _, b := range p.blocks {
		b.Configure(ctx, req.Config, meta, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = meta
	resp.DataSourceData = meta
	resp.EphemeralResourceData = meta
}

func (p *appauthProvider) Resources(context.Context) []func() resource.Resource {
	return collect(func(f conns.Registration) []func() resource.Resource { return f.Resources })
}

func (p *appauthProvider) DataSources(context.Context) []func() datasource.DataSource {
	return collect(func(f conns.Registration) []func() datasource.DataSource { return f.DataSources })
}

func (p *appauthProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return collect(func(f conns.Registration) []func() ephemeral.EphemeralResource { return f.EphemeralResources })
}

// collect joins one kind of type of every family.
func collect[T any](of func(conns.Registration) []T) []T {
	var out []T
	for _, f := range families {
		out = append(out, of(f)...)
	}
	return out
}
