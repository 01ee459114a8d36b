package authress

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// family holds the provider configuration given to each Authress resource, data source and ephemeral
// resource; the client itself is built on first use, once per provider configuration.
type family struct {
	meta *conns.Meta
}

func (f *family) configure(providerData any, diags *diag.Diagnostics) {
	if providerData == nil {
		return
	}
	meta, ok := providerData.(*conns.Meta)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *conns.Meta, got %T. Please report this issue to the provider developers.", providerData))
		return
	}
	f.meta = meta
}

// client returns the shared Authress client, or adds one diagnostic saying how to configure it.
func (f *family) client(_ context.Context, diags *diag.Diagnostics) *Client {
	if f.meta == nil {
		diags.AddError("Authress is not configured", "The provider was not configured before use.")
		return nil
	}
	c, err := f.meta.Client("authress", func() (any, error) { return newClient(f.meta.Authress, f.meta.UserAgent()) })
	if err != nil {
		diags.AddError("Authress is not configured", err.Error())
		return nil
	}
	client, ok := c.(*Client)
	if !ok {
		diags.AddError("Authress client", fmt.Sprintf("the client cache holds a %T; please report this issue to the provider developers", c))
		return nil
	}
	return client
}

// checkCreatable fails a plan that would create an object while the family is not configured, so the
// mistake shows at plan rather than halfway through an apply. Unknown settings are left to apply time.
func (f *family) checkCreatable(diags *diag.Diagnostics) {
	if f.meta == nil || len(f.meta.Authress.Unknown) > 0 {
		return
	}
	if err := settingsError(f.meta.Authress); err != nil {
		diags.AddError("Authress is not configured", err.Error())
	}
}
