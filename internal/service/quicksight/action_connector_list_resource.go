package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ list.ListResourceWithConfigure = &actionConnectorListResource{}

// NewActionConnectorListResource lists QuickSight action connectors for `terraform query`.
func NewActionConnectorListResource() list.ListResource { return &actionConnectorListResource{} }

type actionConnectorListResource struct {
	conns.ListResourceBase
}

type actionConnectorListModel struct {
	AWSAccountID types.String `tfsdk:"aws_account_id"`
	Name         types.String `tfsdk:"name"`
	Type         types.String `tfsdk:"type"`
}

func (l *actionConnectorListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_quicksight_action_connector"
}

func (l *actionConnectorListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the QuickSight action connectors of an account: all of them (ListActionConnectors), or those whose " +
			"name or type matches (SearchActionConnectors, which takes one filter). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"aws_account_id": schema.StringAttribute{
				MarkdownDescription: "AWS account id (12 digits). Defaults to the provider's account.",
				Optional:            true,
				Validators:          accountIDValidators(),
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Finds the connectors whose name contains this (the search's `StringLike`). Not with `type`: the " +
					"search takes one filter.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.ConflictsWith(path.MatchRoot("type"))},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Finds the connectors of this type, one of " + backticked(ConnectorTypes) + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ConnectorTypes...)},
			},
		},
	}
}

// searchFilter is the one filter the configuration asks for, or nil to list every connector.
func (m *actionConnectorListModel) searchFilter() *SearchFilter {
	switch {
	case m.Name.ValueString() != "":
		return &SearchFilter{Name: "ACTION_CONNECTOR_NAME", Operator: "StringLike", Value: m.Name.ValueString()}
	case m.Type.ValueString() != "":
		return &SearchFilter{Name: "ACTION_CONNECTOR_TYPE", Operator: "StringEquals", Value: m.Type.ValueString()}
	}
	return nil
}

func (l *actionConnectorListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config actionConnectorListModel
	diags := req.Config.Get(ctx, &config)
	client := family.Client(ctx, l.Meta, &diags)
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	acct := account(ctx, client, config.AWSAccountID.ValueString(), &diags)
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	var found []ActionConnectorSummary
	var err error
	if filter := config.searchFilter(); filter != nil {
		found, err = client.SearchActionConnectors(ctx, acct, *filter, 0)
	} else {
		found, err = client.ListActionConnectors(ctx, acct, 0)
	}
	if err != nil {
		stream.Results = conns.ListFailed(diag.Diagnostics{httpclient.Diagnostic("Listing QuickSight action connectors failed", err)})
		return
	}
	stream.Results = conns.ListResults(ctx, req, found, func(s ActionConnectorSummary) conns.Listed[actionConnectorResourceModel] {
		return conns.Listed[actionConnectorResourceModel]{
			DisplayName: s.Name + " (" + s.ActionConnectorID + ")",
			Identity:    connectorIdentity{AWSAccountID: types.StringValue(acct), ActionConnectorID: types.StringValue(s.ActionConnectorID)},
			// As the Read after an import: from a null prior, an earlier read's VPC connection changes nothing.
			Read: func(ctx context.Context, m *actionConnectorResourceModel, diags *diag.Diagnostics) {
				ac, perms, remoteTags, err := readConnector(ctx, client, acct, s.ActionConnectorID)
				if err != nil {
					diags.Append(httpclient.Diagnostic("Reading the QuickSight action connector failed", err))
					return
				}
				m.read(ctx, acct, ac, perms, remoteTags, false, diags)
			},
		}
	})
}
