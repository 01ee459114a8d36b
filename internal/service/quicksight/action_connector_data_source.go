package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var _ datasource.DataSourceWithConfigure = &actionConnectorDataSource{}

// NewActionConnectorDataSource reads one QuickSight action connector.
func NewActionConnectorDataSource() datasource.DataSource { return &actionConnectorDataSource{} }

type actionConnectorDataSource struct {
	conns.DataSourceBase
}

type actionConnectorDataSourceModel struct {
	AWSAccountID         types.String      `tfsdk:"aws_account_id"`
	ActionConnectorID    types.String      `tfsdk:"action_connector_id"`
	ErrorMessage         types.String      `tfsdk:"error_message"`
	AuthenticationConfig *authConfigFields `tfsdk:"authentication_config"`
	Tags                 types.Map         `tfsdk:"tags"`
	connectorFields
}

func (d *actionConnectorDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_quicksight_action_connector"
}

func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

func computedObject(description string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{MarkdownDescription: description, Computed: true, Attributes: attrs}
}

func (d *actionConnectorDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	base := func() schema.StringAttribute { return computedString("Base URL of the service.") }
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Amazon QuickSight action connector with its permissions and tags. Secrets are never returned.",
		Attributes: map[string]schema.Attribute{
			"aws_account_id": schema.StringAttribute{
				MarkdownDescription: "AWS account id (12 digits). Defaults to the provider's account.",
				Optional:            true,
				Computed:            true,
				Validators:          accountIDValidators(),
			},
			"action_connector_id": schema.StringAttribute{
				MarkdownDescription: "Id of the connector.",
				Required:            true,
				Validators:          connectorIDValidators(),
			},
			"arn":                computedString("ARN of the connector."),
			"name":               computedString("Display name."),
			"type":               computedString("Connector type."),
			"description":        computedString("Description."),
			"vpc_connection_arn": computedString("ARN of the VPC connection, if any."),
			"status":             computedString("Status, e.g. `CREATION_SUCCESSFUL`."),
			"error_message":      computedString("Why the last create or update failed, when it did."),
			"created_at":         computedString("Creation time (RFC 3339)."),
			"updated_at":         computedString("Last update time (RFC 3339)."),
			"enabled_actions": schema.ListAttribute{
				MarkdownDescription: "Actions QuickSight has enabled on the connector.", Computed: true, ElementType: types.StringType,
			},
			"authentication_config": computedObject("Authentication settings without secrets; only the block of `authentication_type` is set.", map[string]schema.Attribute{
				"authentication_type": computedString("Authentication type."),
				"authorization_code_grant": computedObject("OAuth 2.0 authorization-code grant.", map[string]schema.Attribute{
					"base_endpoint": base(), "redirect_url": computedString("OAuth redirect URL."), "client_id": computedString("OAuth client id."),
					"token_endpoint": computedString("OAuth token endpoint."), "authorization_endpoint": computedString("OAuth authorization endpoint."),
				}),
				"client_credentials_grant": computedObject("OAuth 2.0 client-credentials grant.", map[string]schema.Attribute{
					"base_endpoint": base(), "client_id": computedString("OAuth client id."), "token_endpoint": computedString("OAuth token endpoint."),
				}),
				"basic": computedObject("HTTP basic authentication.", map[string]schema.Attribute{
					"base_endpoint": base(), "username": computedString("User name."),
				}),
				"api_key": computedObject("API-key authentication.", map[string]schema.Attribute{
					"base_endpoint": base(), "email": computedString("Email address the key belongs to."),
				}),
				"none": computedObject("No authentication.", map[string]schema.Attribute{"base_endpoint": base()}),
				"iam": computedObject("IAM role authentication.", map[string]schema.Attribute{
					"role_arn": computedString("ARN of the IAM role."), "source_arn": computedString("Source ARN QuickSight reports for the IAM connection."),
				}),
			}),
			"permissions": schema.SetNestedAttribute{
				MarkdownDescription: "Principals and the actions granted to them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"principal": computedString("ARN of a QuickSight user or group."),
					"actions":   schema.SetAttribute{MarkdownDescription: "Granted actions.", Computed: true, ElementType: types.StringType},
				}},
			},
			"tags": tags.DataSourceAttribute(),
		},
	}
}

func (d *actionConnectorDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m actionConnectorDataSourceModel
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
	ac, perms, remoteTags, err := readConnector(ctx, client, acct, m.ActionConnectorID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the QuickSight action connector failed", err))
		return
	}
	m.AWSAccountID = types.StringValue(acct)
	m.flatten(ctx, ac, perms, types.SetNull(permissionType), &resp.Diagnostics)
	m.ErrorMessage = errorMessage(ac.Error)
	m.AuthenticationConfig = flattenAuthFields(ac.AuthenticationConfig)
	m.Tags = tags.FlattenComputed(ctx, remoteTags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
