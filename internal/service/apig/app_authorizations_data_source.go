package apig

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &appAuthorizationsDataSource{}

// NewAppAuthorizationsDataSource lists every API an app is authorized for.
func NewAppAuthorizationsDataSource() datasource.DataSource { return &appAuthorizationsDataSource{} }

type appAuthorizationsDataSource struct {
	conns.DataSourceBase
}

type appAuthorizationsModel struct {
	ID             types.String        `tfsdk:"id"`
	InstanceID     types.String        `tfsdk:"instance_id"`
	AppID          types.String        `tfsdk:"app_id"`
	EnvID          types.String        `tfsdk:"env_id"`
	Authorizations []authorizationItem `tfsdk:"authorizations"`
}

type authorizationItem struct {
	ID        types.String `tfsdk:"id"`
	APIID     types.String `tfsdk:"api_id"`
	APIName   types.String `tfsdk:"api_name"`
	GroupID   types.String `tfsdk:"group_id"`
	GroupName types.String `tfsdk:"group_name"`
	EnvID     types.String `tfsdk:"env_id"`
	EnvName   types.String `tfsdk:"env_name"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *appAuthorizationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_app_authorizations"
}

func (d *appAuthorizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every API an APIG app is authorized for, in every environment or in one, whoever made the authorization.",
		Attributes: map[string]schema.Attribute{
			"id":          computed("`<instance_id>/<app_id>`, or `<instance_id>/<env_id>/<app_id>` with `env_id`."),
			"instance_id": instanceIDAttribute(),
			"app_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Id of the app (32 lowercase hexadecimal characters).",
				Validators: []validator.String{idValidator("an app id")},
			},
			"env_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Only authorizations in this environment (`DEFAULT_ENVIRONMENT_RELEASE_ID` for `RELEASE`).",
				Validators: []validator.String{envIDValidator()},
			},
			"authorizations": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The authorizations, oldest first.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":         computed("Id of the authorization record."),
					"api_id":     computed("Id of the API."),
					"api_name":   computed("Name of the API."),
					"group_id":   computed("Id of the API's group."),
					"group_name": computed("Name of the API's group."),
					"env_id":     computed("Id of the environment."),
					"env_name":   computed("Name of the environment."),
					"created_at": computed("When the authorization was made (RFC 3339)."),
				}},
			},
		},
	}
}

func (d *appAuthorizationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data appAuthorizationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	list, err := c.ListBoundAPIs(ctx, data.InstanceID.ValueString(), data.AppID.ValueString(), data.EnvID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not list the app's authorizations", err))
		return
	}
	id := data.InstanceID.ValueString() + "/" + data.AppID.ValueString()
	if !data.EnvID.IsNull() {
		id = data.InstanceID.ValueString() + "/" + data.EnvID.ValueString() + "/" + data.AppID.ValueString()
	}
	data.ID = types.StringValue(id)
	data.Authorizations = make([]authorizationItem, 0, len(list))
	for _, a := range list {
		data.Authorizations = append(data.Authorizations, authorizationItem{
			ID: types.StringValue(a.ID), APIID: types.StringValue(a.APIID), APIName: types.StringValue(a.APIName),
			GroupID: types.StringValue(a.GroupID), GroupName: types.StringValue(a.GroupName),
			EnvID: types.StringValue(a.EnvID), EnvName: types.StringValue(a.EnvName), CreatedAt: types.StringValue(a.AuthTime),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
