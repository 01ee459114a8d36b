package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// notConfigured is the one diagnostic a QuickSight resource gives when AWS access is not usable.
const notConfigured = "QuickSight is not configured"

const configHint = "Configure AWS access in provider \"appauth\" { aws { region, access_key/secret_key or profile, account_id, " +
	"endpoints { quicksight } } } or with AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, " +
	"APPAUTH_AWS_ACCOUNT_ID and AWS_ENDPOINT_URL_QUICKSIGHT."

// family is embedded in each QuickSight resource and data source.
type family struct {
	conns.Family
}

// client returns the shared QuickSight client, or adds one diagnostic saying how to configure it.
func (f *family) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	c, _ := conns.ClientFor(&f.Family, "quicksight", notConfigured, configHint,
		func(m *conns.Meta) (*Client, error) { return newClient(ctx, m) }, diags)
	return c
}

// account is the configured account id, or the provider's.
func (f *family) account(ctx context.Context, c *Client, configured string, diags *diag.Diagnostics) string {
	if configured != "" {
		return configured
	}
	acct, err := c.AccountID(ctx)
	if err != nil {
		diags.AddError(httpclient.Headline(err, notConfigured), err.Error()+"\n\n"+configHint)
		return ""
	}
	return acct
}
