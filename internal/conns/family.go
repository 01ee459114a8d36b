package conns

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// Family is embedded in every resource, data source and ephemeral resource: it keeps the provider
// configuration handed to Configure, from which the family's client is built on first use.
type Family struct {
	Meta *Meta
}

// SetProviderData stores the provider configuration; it is nil before the provider is configured
// (e.g. during validation), which is not an error.
func (f *Family) SetProviderData(providerData any, diags *diag.Diagnostics) {
	if providerData == nil {
		return
	}
	meta, ok := providerData.(*Meta)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *conns.Meta, got %T. Please report this issue to the provider developers.", providerData))
		return
	}
	f.Meta = meta
}

// ClientFor returns the family's client, built once per provider configuration by build. When it
// cannot be built it adds one error diagnostic titled summary, with the reason followed by hint.
func ClientFor[C any](f *Family, name, summary, hint string, build func(*Meta) (C, error), diags *diag.Diagnostics) (C, bool) {
	var zero C
	if f.Meta == nil {
		diags.AddError(summary, "The provider was not configured before use.")
		return zero, false
	}
	c, err := f.Meta.Client(name, func() (any, error) { return build(f.Meta) })
	if err != nil {
		detail := err.Error()
		if hint != "" {
			detail += "\n\n" + hint
		}
		diags.AddError(httpclient.Headline(err, summary), detail)
		return zero, false
	}
	client, ok := c.(C)
	if !ok {
		diags.AddError(summary, fmt.Sprintf("The %s client cache holds a %T. Please report this issue to the provider developers.", name, c))
		return zero, false
	}
	return client, true
}
