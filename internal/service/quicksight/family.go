package quicksight

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// notConfigured is the one diagnostic a QuickSight resource gives when AWS access is not usable.
const notConfigured = "QuickSight is not configured"

const configHint = "Configure AWS access in provider \"appauth\" { aws { region, access_key/secret_key or profile, account_id, " +
	"endpoints { quicksight } } } or with AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, " +
	"APPAUTH_AWS_ACCOUNT_ID and AWS_ENDPOINT_URL_QUICKSIGHT."

// family holds the provider configuration given to each QuickSight resource and data source; the
// client is built on first use, once per provider configuration.
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

// client returns the shared QuickSight client, or adds one diagnostic saying how to configure it.
func (f *family) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	if f.meta == nil {
		diags.AddError(notConfigured, "The provider was not configured before use.")
		return nil
	}
	c, err := f.meta.Client("quicksight", func() (any, error) { return newClient(ctx, f.meta) })
	if err != nil {
		diags.AddError(notConfigured, err.Error()+"\n\n"+configHint)
		return nil
	}
	return c.(*Client)
}

// account is the configured account id, or the provider's.
func (f *family) account(ctx context.Context, c *Client, configured string, diags *diag.Diagnostics) string {
	if configured != "" {
		return configured
	}
	acct, err := c.AccountID(ctx)
	if err != nil {
		diags.AddError(notConfigured, err.Error()+"\n\n"+configHint)
		return ""
	}
	return acct
}
