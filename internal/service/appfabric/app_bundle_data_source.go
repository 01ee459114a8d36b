package appfabric

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var _ datasource.DataSourceWithConfigure = &appBundleDataSource{}

// NewAppBundleDataSource reads one AppFabric app bundle by ARN.
func NewAppBundleDataSource() datasource.DataSource { return &appBundleDataSource{} }

type appBundleDataSource struct {
	conns.DataSourceBase
}

func (d *appBundleDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_bundle"
}

func (d *appBundleDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an AWS AppFabric app bundle.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The app bundle ARN, `arn:aws:appfabric:<region>:<account>:appbundle/<uuid>`.",
				Validators:          []validator.String{bundleARNValidator()},
			},
			"id":                       schema.StringAttribute{Computed: true, MarkdownDescription: "The app bundle ARN."},
			"customer_managed_key_arn": schema.StringAttribute{Computed: true, MarkdownDescription: "The KMS key that encrypts the bundle's data; null for an AWS owned key."},
			"tags":                     tags.DataSourceAttribute(),
		},
	}
}

func (d *appBundleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data appBundleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := client.GetAppBundle(ctx, data.ARN.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app bundle failed", err))
		return
	}
	remote, err := client.ListTags(ctx, b.ARN)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app bundle's tags failed", err))
		return
	}
	data.flatten(b)
	data.Tags = tags.FlattenComputed(ctx, remote, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
