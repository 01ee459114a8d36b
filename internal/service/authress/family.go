package authress

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// family is embedded in each Authress resource, data source and ephemeral resource.
type family struct {
	conns.Family
}

// client returns the shared Authress client, or adds one diagnostic saying how to configure it.
func (f *family) client(_ context.Context, diags *diag.Diagnostics) *Client {
	c, _ := conns.ClientFor(&f.Family, "authress", "Authress is not configured", "",
		func(m *conns.Meta) (*Client, error) { return newClient(m.Authress, m.UserAgent()) }, diags)
	return c
}

// checkCreatable fails a plan that would create an object while the family is not configured, so the
// mistake shows at plan rather than halfway through an apply. Unknown settings are left to apply time.
func (f *family) checkCreatable(diags *diag.Diagnostics) {
	if f.Meta == nil || len(f.Meta.Authress.Unknown) > 0 {
		return
	}
	// Building a client makes no request; it only checks the settings (the access key included).
	if _, err := newClient(f.Meta.Authress, f.Meta.UserAgent()); err != nil {
		diags.AddError(httpclient.Headline(err, "Authress is not configured"), err.Error())
	}
}
