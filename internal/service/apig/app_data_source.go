package apig

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &appDataSource{}

// NewAppDataSource finds an app (credential) by name. The app secret is never read into Terraform.
func NewAppDataSource() datasource.DataSource { return &appDataSource{} }

type appDataSource struct {
	conns.DataSourceBase
}

type appModel struct {
	ID            types.String `tfsdk:"id"`
	InstanceID    types.String `tfsdk:"instance_id"`
	Name          types.String `tfsdk:"name"`
	Remark        types.String `tfsdk:"remark"`
	AppKey        types.String `tfsdk:"app_key"`
	Status        types.Int64  `tfsdk:"status"`
	Creator       types.String `tfsdk:"creator"`
	CreatedAt     types.String `tfsdk:"created_at"`
	BoundAPICount types.Int64  `tfsdk:"bound_api_count"`
}

func (d *appDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_app"
}

func (d *appDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds an APIG app (credential) by its exact name. The app secret is never exposed.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the app."},
			"instance_id": instanceIDAttribute(),
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Exact name of the app: 3 to 64 characters (letters, Chinese characters, digits " +
					"and underscores), starting with a letter or a Chinese character.",
				Validators: []validator.String{stringvalidator.RegexMatches(appNamePattern, appNameRule)},
			},
			"remark":          schema.StringAttribute{Computed: true, MarkdownDescription: "Description of the app."},
			"app_key":         schema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The app's key (AppKey), the public half of its credential."},
			"status":          schema.Int64Attribute{Computed: true, MarkdownDescription: "`1` when the app is valid."},
			"creator":         schema.StringAttribute{Computed: true, MarkdownDescription: "`USER` or `MARKET`."},
			"created_at":      schema.StringAttribute{Computed: true, MarkdownDescription: "When the app was created (RFC 3339)."},
			"bound_api_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many API authorizations the app has, in all environments."},
		},
	}
}

func (d *appDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data appModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	apps, err := c.ListApps(ctx, data.InstanceID.ValueString(), data.Name.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not list apps", err))
		return
	}
	for _, a := range apps {
		if a.Name != data.Name.ValueString() {
			continue
		}
		data.ID, data.Remark, data.AppKey = types.StringValue(a.ID), types.StringValue(a.Remark), types.StringValue(a.AppKey)
		data.Status, data.Creator, data.CreatedAt = types.Int64Value(int64(a.Status)), types.StringValue(a.Creator), types.StringValue(a.RegisterTime)
		data.BoundAPICount = types.Int64Value(int64(a.BindNum))
		resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("name"), "App not found",
		fmt.Sprintf("Gateway %s has no app named %q.", data.InstanceID.ValueString(), data.Name.ValueString()))
}
