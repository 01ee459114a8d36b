package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &actionConnectorsDataSource{}

// NewActionConnectorsDataSource lists or searches QuickSight action connectors.
func NewActionConnectorsDataSource() datasource.DataSource { return &actionConnectorsDataSource{} }

type actionConnectorsDataSource struct {
	conns.DataSourceBase
}

type actionConnectorsDataSourceModel struct {
	AWSAccountID     types.String                  `tfsdk:"aws_account_id"`
	Filter           *searchFilterModel            `tfsdk:"filter"`
	PageSize         types.Int64                   `tfsdk:"page_size"`
	ActionConnectors []actionConnectorSummaryModel `tfsdk:"action_connectors"`
}

type searchFilterModel struct {
	Name     types.String `tfsdk:"name"`
	Operator types.String `tfsdk:"operator"`
	Value    types.String `tfsdk:"value"`
}

type actionConnectorSummaryModel struct {
	Arn               types.String `tfsdk:"arn"`
	ActionConnectorID types.String `tfsdk:"action_connector_id"`
	Type              types.String `tfsdk:"type"`
	Name              types.String `tfsdk:"name"`
	Status            types.String `tfsdk:"status"`
	ErrorMessage      types.String `tfsdk:"error_message"`
	CreatedAt         types.String `tfsdk:"created_at"`
	UpdatedAt         types.String `tfsdk:"updated_at"`
}

func (d *actionConnectorsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_quicksight_action_connectors"
}

func (d *actionConnectorsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the QuickSight action connectors of an account (ListActionConnectors), or those matching one " +
			"filter (SearchActionConnectors). Every page is read.",
		Attributes: map[string]schema.Attribute{
			"aws_account_id": schema.StringAttribute{
				MarkdownDescription: "AWS account id (12 digits). Defaults to the provider's account.",
				Optional:            true,
				Computed:            true,
				Validators:          accountIDValidators(),
			},
			"filter": schema.SingleNestedAttribute{
				MarkdownDescription: "Search instead of listing everything.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "What to match: " + backticked(SearchFilterNames) + ".",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(SearchFilterNames...)},
					},
					"operator": schema.StringAttribute{
						MarkdownDescription: "`StringEquals` (exact) or `StringLike` (contains).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(SearchOperators...)},
					},
					"value": schema.StringAttribute{
						MarkdownDescription: "Value to match (a name, a type, or a user or group ARN).",
						Required:            true,
					},
				},
			},
			"page_size": schema.Int64Attribute{
				MarkdownDescription: "Connectors per API call (1 to 100); the service's default when unset. All pages are read either way.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 100)},
			},
			"action_connectors": schema.ListNestedAttribute{
				MarkdownDescription: "The connectors, in the order the API returns them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"arn":                 computedString("ARN of the connector."),
					"action_connector_id": computedString("Id of the connector."),
					"type":                computedString("Connector type, e.g. `GENERIC_HTTP`."),
					"name":                computedString("Display name."),
					"status":              computedString("Status, e.g. `CREATION_SUCCESSFUL`."),
					"error_message":       computedString("Why the last create or update failed, when it did."),
					"created_at":          computedString("Creation time (RFC 3339)."),
					"updated_at":          computedString("Last update time (RFC 3339)."),
				}},
			},
		},
	}
}

func (d *actionConnectorsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m actionConnectorsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	acct := account(ctx, client, m.AWSAccountID.ValueString(), &resp.Diagnostics)
	if acct == "" {
		return
	}
	pageSize := int(m.PageSize.ValueInt64())
	var summaries []ActionConnectorSummary
	var err error
	if f := m.Filter; f != nil {
		summaries, err = client.SearchActionConnectors(ctx, acct, SearchFilter{
			Name: f.Name.ValueString(), Operator: f.Operator.ValueString(), Value: f.Value.ValueString(),
		}, pageSize)
	} else {
		summaries, err = client.ListActionConnectors(ctx, acct, pageSize)
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Listing QuickSight action connectors failed", err))
		return
	}
	m.AWSAccountID = types.StringValue(acct)
	m.ActionConnectors = make([]actionConnectorSummaryModel, 0, len(summaries))
	for _, s := range summaries {
		e := actionConnectorSummaryModel{
			Arn: types.StringValue(s.Arn), ActionConnectorID: types.StringValue(s.ActionConnectorID), Type: types.StringValue(s.Type), Name: types.StringValue(s.Name),
			Status: flex.StringOrNull(s.Status), ErrorMessage: errorMessage(s.Error),
			CreatedAt: epochTimestamp(s.CreatedTime), UpdatedAt: epochTimestamp(s.LastUpdatedTime),
		}
		m.ActionConnectors = append(m.ActionConnectors, e)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
