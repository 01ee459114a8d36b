package conns

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Registration is a family as the provider lists it: the provider block it reads and its types.
type Registration struct {
	// Block is the family's block of the provider configuration. Families that share one (the aws
	// block) hold the same value.
	Block              ProviderBlock
	Resources          []func() resource.Resource
	DataSources        []func() datasource.DataSource
	EphemeralResources []func() ephemeral.EphemeralResource
}

// ProviderBlock is one block of the provider configuration, built with internal/providerblock.
type ProviderBlock interface {
	// Schema returns the block's name and schema.
	Schema() (string, schema.Block)
	// ConfigValidators check the block with no network call.
	ConfigValidators() []provider.ConfigValidator
	// Configure reads the block from the provider configuration and keeps its settings in meta.
	Configure(ctx context.Context, config tfsdk.Config, meta *Meta, diags *diag.Diagnostics)
}
