package appfabric

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var _ datasource.DataSourceWithConfigure = &appAuthorizationDataSource{}

// NewAppAuthorizationDataSource reads one AppFabric app authorization by ARN.
func NewAppAuthorizationDataSource() datasource.DataSource { return &appAuthorizationDataSource{} }

type appAuthorizationDataSource struct {
	conns.DataSourceBase
}

type appAuthorizationDataSourceModel struct {
	appAuthorizationFields
	Tags types.Map `tfsdk:"tags"`
}

func (d *appAuthorizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorization"
}

// tenantDataSourceAttribute describes a tenant as read back.
func tenantDataSourceAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The application tenant.",
		Attributes: map[string]schema.Attribute{
			"tenant_identifier":   schema.StringAttribute{Computed: true, MarkdownDescription: "The tenant's id in the application."},
			"tenant_display_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The tenant's display name."},
		},
	}
}

func (d *appAuthorizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an AWS AppFabric app authorization. AppFabric never returns its credential.",
		Attributes: map[string]schema.Attribute{
			"arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The app authorization ARN; the app bundle is part of it.",
				Validators:          []validator.String{authorizationARNValidator()},
			},
			"id":             str("The app authorization ARN."),
			"app_bundle_arn": str("ARN of the app bundle."),
			"app":            str("Name of the application."),
			"auth_type":      str("`oauth2` or `apiKey`."),
			"tenant":         tenantDataSourceAttribute(),
			"status":         str("`PendingConnect`, `Connected`, `ConnectionValidationFailed` or `TokenAutoRotationFailed`."),
			"persona":        str("The user persona (`admin`)."),
			"auth_url":       str("For `oauth2`: the application's URL where an administrator grants AppFabric access."),
			"created_at":     str("When the authorization was created (RFC 3339)."),
			"updated_at":     str("When the authorization last changed (RFC 3339)."),
			"tags":           tags.DataSourceAttribute(),
		},
	}
}

func (d *appAuthorizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data appAuthorizationDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	bundle, err := BundleARNOf(data.ARN.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("Invalid app authorization ARN", err.Error())
		return
	}
	a, err := client.GetAppAuthorization(ctx, bundle, data.ARN.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
		return
	}
	remote, err := client.ListTags(ctx, a.AppAuthorizationARN)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization's tags failed", err))
		return
	}
	data.flatten(a)
	data.Tags = tags.FlattenComputed(ctx, remote, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
