package appfabric

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// family holds the provider configuration given to each AppFabric resource and data source; the
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

// client returns the shared AppFabric client, or adds one diagnostic saying how to configure it.
func (f *family) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	if f.meta == nil {
		diags.AddError("AppFabric is not configured", "The provider was not configured before use.")
		return nil
	}
	c, err := f.meta.Client("appfabric", func() (any, error) { return NewClient(ctx, f.meta) })
	if err != nil {
		diags.AddError("AppFabric is not configured",
			"The aws block is not usable: "+err.Error()+". Set region and credentials in provider \"appauth\" { aws { ... } } "+
				"(region, access_key/secret_key or profile, endpoints { appfabric }) or the AWS environment "+
				"(AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_ENDPOINT_URL_APPFABRIC).")
		return nil
	}
	return c.(*Client)
}
