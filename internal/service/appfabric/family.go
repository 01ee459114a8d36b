package appfabric

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// family is embedded in each AppFabric resource and data source.
type family struct {
	conns.Family
}

const configHint = "Set region and credentials in provider \"appauth\" { aws { ... } } (region, access_key/secret_key or profile, " +
	"endpoints { appfabric }) or the AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_ENDPOINT_URL_APPFABRIC)."

// client returns the shared AppFabric client, or adds one diagnostic saying how to configure it.
func (f *family) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	c, _ := conns.ClientFor(&f.Family, "appfabric", "AppFabric is not configured", configHint,
		func(m *conns.Meta) (*Client, error) { return NewClient(ctx, m) }, diags)
	return c
}
