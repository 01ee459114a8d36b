package appfabric

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &appAuthorizationsDataSource{}

// NewAppAuthorizationsDataSource lists every app authorization of an AppFabric app bundle.
func NewAppAuthorizationsDataSource() datasource.DataSource { return &appAuthorizationsDataSource{} }

type appAuthorizationsDataSource struct {
	conns.DataSourceBase
}

type appAuthorizationsDataSourceModel struct {
	ID                types.String                   `tfsdk:"id"`
	AppBundleARN      types.String                   `tfsdk:"app_bundle_arn"`
	AppAuthorizations []appAuthorizationSummaryModel `tfsdk:"app_authorizations"`
}

type appAuthorizationSummaryModel struct {
	ARN       types.String `tfsdk:"arn"`
	App       types.String `tfsdk:"app"`
	Tenant    *tenantModel `tfsdk:"tenant"`
	Status    types.String `tfsdk:"status"`
	UpdatedAt types.String `tfsdk:"updated_at"`
}

func (d *appAuthorizationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorizations"
}

func (d *appAuthorizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every app authorization of an AWS AppFabric app bundle (all pages), with its status.",
		Attributes: map[string]schema.Attribute{
			"app_bundle_arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ARN of the app bundle.",
				Validators:          []validator.String{bundleARNValidator()},
			},
			"id": str("The app bundle ARN."),
			"app_authorizations": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The bundle's app authorizations, ordered by ARN.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"arn":        str("The app authorization ARN."),
						"app":        str("Name of the application."),
						"tenant":     tenantDataSourceAttribute(),
						"status":     str("`PendingConnect`, `Connected`, `ConnectionValidationFailed` or `TokenAutoRotationFailed`."),
						"updated_at": str("When the authorization last changed (RFC 3339)."),
					},
				},
			},
		},
	}
}

func (d *appAuthorizationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data appAuthorizationsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := client.ListAppAuthorizations(ctx, data.AppBundleARN.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Listing the AppFabric app authorizations failed", err))
		return
	}
	// A stable order keeps the list from showing changes when the API's order moves.
	sort.Slice(list, func(i, j int) bool { return list[i].AppAuthorizationARN < list[j].AppAuthorizationARN })
	data.ID = data.AppBundleARN
	data.AppAuthorizations = make([]appAuthorizationSummaryModel, len(list))
	for i, a := range list {
		data.AppAuthorizations[i] = appAuthorizationSummaryModel{
			ARN:       types.StringValue(a.AppAuthorizationARN),
			App:       types.StringValue(a.App),
			Tenant:    flattenTenant(a.Tenant),
			Status:    types.StringValue(a.Status),
			UpdatedAt: flex.Timestamp(a.UpdatedAt),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
