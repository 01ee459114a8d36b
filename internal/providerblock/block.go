// Package providerblock builds the blocks of the provider's configuration. Each family owns its
// block (the AWS families share the aws block): its schema, its checks, its environment fallbacks and
// the settings its client is built from. The provider only lists the families.
package providerblock

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

var _ conns.ProviderBlock = (*Block[struct{}, struct{}])(nil)

// Block is one block of the provider configuration. Its model M has a tfsdk field per attribute and
// nested block and embeds HTTPModel; S holds the settings the family's client is built from.
type Block[M, S any] struct {
	// Name is the block's name in the provider configuration, e.g. "authress".
	Name string
	// Description is the block's MarkdownDescription.
	Description string
	// Attributes are the block's own; the retry and request-rate settings every block takes are
	// added to them.
	Attributes map[string]schema.Attribute
	// RateDefaults says which request rates apply when max_requests_per_second is unset, and where
	// they come from.
	RateDefaults string
	// Blocks are the nested blocks, if any.
	Blocks map[string]schema.Block
	// Validators check the configuration with no network call; that retry_wait_min does not exceed
	// retry_wait_max is checked for every block.
	Validators []provider.ConfigValidator
	// Read turns the block's configuration into settings, taking unset values from their
	// environment variables; m is never nil (every value is null when the block is absent). It may
	// add warnings.
	Read func(m *M, diags *diag.Diagnostics) S
}

// Schema returns the block's name and schema.
func (b *Block[M, S]) Schema() (string, schema.Block) {
	return b.Name, schema.SingleNestedBlock{
		MarkdownDescription: b.Description,
		Attributes:          withHTTPAttributes(b.RateDefaults, b.Attributes),
		Blocks:              b.Blocks,
	}
}

// ConfigValidators returns the block's validators.
func (b *Block[M, S]) ConfigValidators() []provider.ConfigValidator {
	return append(slices.Clone(b.Validators), retryWaitOrder{block: b.Name})
}

// Configure reads the block from the provider configuration and keeps its settings in meta.
func (b *Block[M, S]) Configure(ctx context.Context, config tfsdk.Config, meta *conns.Meta, diags *diag.Diagnostics) {
	var m *M
	if d := config.GetAttribute(ctx, path.Root(b.Name), &m); d.HasError() {
		diags.Append(d...)
		return
	}
	if m == nil {
		m = new(M)
	}
	meta.SetSettings(b.Name, b.Read(m, diags))
}

// Settings returns the block's settings kept in meta; the zero S when the provider has not
// configured them.
func (b *Block[M, S]) Settings(meta *conns.Meta) S {
	s, _ := meta.Settings(b.Name).(S)
	return s
}

// NewMeta returns a provider configuration holding s as the block's settings, as Configure would
// leave it: tests build one per case.
func (b *Block[M, S]) NewMeta(version string, s S) *conns.Meta {
	meta := &conns.Meta{Version: version}
	meta.SetSettings(b.Name, s)
	return meta
}
