package authress

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var _ datasource.DataSourceWithConfigure = &connectionsDataSource{}

// NewConnectionsDataSource lists Authress connections.
func NewConnectionsDataSource() datasource.DataSource { return &connectionsDataSource{} }

type connectionsDataSource struct {
	conns.DataSourceBase
}

type connectionsDataSourceModel struct {
	ID          types.String `tfsdk:"id"`
	Filter      types.String `tfsdk:"filter"`
	Connections types.List   `tfsdk:"connections"`
}

func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authress_connections"
}

func (d *connectionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's Authress SSO connections, reading every page.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The filter used, or `all`."},
			"filter": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Authress's case-insensitive text search over the connections' fields. Authress describes " +
					"its results as optimised, so they may change over time. Not empty: leave it out to list every connection.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"connections": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The connections, in the order Authress returns them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: connectionComputedAttributes()},
			},
		},
	}
}

func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data connectionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	list, err := client.ListConnections(ctx, data.Filter.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Listing Authress connections failed", err))
		return
	}
	items := make([]connectionFields, len(list))
	for i := range list {
		items[i].flatten(ctx, &list[i], connectionFields{}, &resp.Diagnostics)
		items[i].Tags = tags.FlattenComputed(ctx, list[i].Tags, &resp.Diagnostics)
	}
	connections, diags := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: connectionAttrTypes}, items)
	resp.Diagnostics.Append(diags...)
	data.Connections = connections
	data.ID = types.StringValue("all")
	if !data.Filter.IsNull() {
		data.ID = data.Filter
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
