package authress

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ list.ListResourceWithConfigure = &connectionListResource{}

// NewConnectionListResource lists Authress connections for `terraform query`.
func NewConnectionListResource() list.ListResource { return &connectionListResource{} }

type connectionListResource struct {
	conns.ListResourceBase
}

type connectionListModel struct {
	Filter types.String `tfsdk:"filter"`
}

func (l *connectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authress_connection"
}

func (l *connectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the account's Authress SSO connections, reading every page.",
		Attributes: map[string]schema.Attribute{
			"filter": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Authress's case-insensitive text search over the connections' fields. Not empty: leave it out " +
					"to find every connection.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (l *connectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config connectionListModel
	diags := req.Config.Get(ctx, &config)
	client := family.Client(ctx, l.Meta, &diags)
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	found, err := client.ListConnections(ctx, config.Filter.ValueString())
	if err != nil {
		stream.Results = conns.ListFailed(diag.Diagnostics{httpclient.Diagnostic("Listing Authress connections failed", err)})
		return
	}
	stream.Results = conns.ListResults(ctx, req, found, func(c Connection) conns.Listed[connectionResourceModel] {
		return conns.Listed[connectionResourceModel]{
			DisplayName: connectionDisplayName(&c),
			Identity:    connectionIdentity{ConnectionID: stringValue(c.ConnectionID)},
			// As Read: the list answers what a read does, secrets left out.
			Read: func(ctx context.Context, m *connectionResourceModel, diags *diag.Diagnostics) {
				m.flatten(ctx, &c, m.connectionFields, diags)
			},
		}
	})
}

// connectionDisplayName is the connection's name where it has one, with its id.
func connectionDisplayName(c *Connection) string {
	id := stringValue(c.ConnectionID).ValueString()
	if c.Data != nil && c.Data.Name != nil && *c.Data.Name != "" {
		return *c.Data.Name + " (" + id + ")"
	}
	return id
}
