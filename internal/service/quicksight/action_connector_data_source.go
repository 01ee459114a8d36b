package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/flex"
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
	AWSAccountID         types.String `tfsdk:"aws_account_id"`
	ActionConnectorID    types.String `tfsdk:"action_connector_id"`
	Arn                  types.String `tfsdk:"arn"`
	Name                 types.String `tfsdk:"name"`
	Type                 types.String `tfsdk:"type"`
	Description          types.String `tfsdk:"description"`
	VpcConnectionArn     types.String `tfsdk:"vpc_connection_arn"`
	Status               types.String `tfsdk:"status"`
	ErrorMessage         types.String `tfsdk:"error_message"`
	CreatedAt            types.String `tfsdk:"created_at"`
	UpdatedAt            types.String `tfsdk:"updated_at"`
	EnabledActions       types.List   `tfsdk:"enabled_actions"`
	AuthenticationConfig types.Object `tfsdk:"authentication_config"`
	Permissions          types.Set    `tfsdk:"permissions"`
	Tags                 types.Map    `tfsdk:"tags"`
}

// The data source shows only what the API returns: no secrets.
var (
	dsAuthCodeType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"base_endpoint": types.StringType, "redirect_url": types.StringType, "client_id": types.StringType,
		"token_endpoint": types.StringType, "authorization_endpoint": types.StringType,
	}}
	dsClientCredsType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"base_endpoint": types.StringType, "client_id": types.StringType, "token_endpoint": types.StringType,
	}}
	dsBasicType  = types.ObjectType{AttrTypes: map[string]attr.Type{"base_endpoint": types.StringType, "username": types.StringType}}
	dsAPIKeyType = types.ObjectType{AttrTypes: map[string]attr.Type{"base_endpoint": types.StringType, "email": types.StringType}}
	dsNoneType   = types.ObjectType{AttrTypes: map[string]attr.Type{"base_endpoint": types.StringType}}
	dsIAMType    = types.ObjectType{AttrTypes: map[string]attr.Type{"role_arn": types.StringType, "source_arn": types.StringType}}
	dsAuthType   = types.ObjectType{AttrTypes: map[string]attr.Type{
		"authentication_type":      types.StringType,
		"authorization_code_grant": dsAuthCodeType,
		"client_credentials_grant": dsClientCredsType,
		"basic":                    dsBasicType,
		"api_key":                  dsAPIKeyType,
		"none":                     dsNoneType,
		"iam":                      dsIAMType,
	}}
)

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
	m.Arn = types.StringValue(ac.Arn)
	m.Name = types.StringValue(ac.Name)
	m.Type = types.StringValue(ac.Type)
	m.Description = types.StringPointerValue(ac.Description)
	m.VpcConnectionArn = types.StringPointerValue(ac.VpcConnectionArn)
	m.Status = flex.StringOrNull(ac.Status)
	m.ErrorMessage = types.StringNull()
	if ac.Error != nil {
		m.ErrorMessage = flex.StringOrNull(ac.Error.Message)
	}
	m.CreatedAt = epochTimestamp(ac.CreatedTime)
	m.UpdatedAt = epochTimestamp(ac.LastUpdatedTime)
	m.EnabledActions = flattenStrings(ctx, ac.EnabledActions, &resp.Diagnostics)
	m.AuthenticationConfig = dsAuthObject(ac.AuthenticationConfig)
	m.Permissions = flattenPermissions(ctx, perms, &resp.Diagnostics)
	m.Tags = tags.FlattenComputed(ctx, remoteTags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func dsObject(t types.ObjectType, vals map[string]string) types.Object {
	attrs := map[string]attr.Value{}
	for k := range t.AttrTypes {
		attrs[k] = flex.StringOrNull(vals[k])
	}
	return types.ObjectValueMust(t.AttrTypes, attrs)
}

// dsAuthObject flattens the read shape into the data source's authentication_config.
func dsAuthObject(read *ReadAuthConfig) types.Object {
	if read == nil {
		return types.ObjectNull(dsAuthType.AttrTypes)
	}
	attrs := map[string]attr.Value{
		"authentication_type":      types.StringValue(read.AuthenticationType),
		"authorization_code_grant": types.ObjectNull(dsAuthCodeType.AttrTypes),
		"client_credentials_grant": types.ObjectNull(dsClientCredsType.AttrTypes),
		"basic":                    types.ObjectNull(dsBasicType.AttrTypes),
		"api_key":                  types.ObjectNull(dsAPIKeyType.AttrTypes),
		"none":                     types.ObjectNull(dsNoneType.AttrTypes),
		"iam":                      types.ObjectNull(dsIAMType.AttrTypes),
	}
	m := read.AuthenticationMetadata
	switch {
	case m.AuthorizationCodeGrantMetadata != nil:
		g := m.AuthorizationCodeGrantMetadata
		v := map[string]string{"base_endpoint": g.BaseEndpoint, "redirect_url": g.RedirectURL}
		if d := g.ReadAuthorizationCodeGrantCredentialsDetails; d != nil && d.ReadAuthorizationCodeGrantDetails != nil {
			v["client_id"] = d.ReadAuthorizationCodeGrantDetails.ClientID
			v["token_endpoint"] = d.ReadAuthorizationCodeGrantDetails.TokenEndpoint
			v["authorization_endpoint"] = d.ReadAuthorizationCodeGrantDetails.AuthorizationEndpoint
		}
		attrs["authorization_code_grant"] = dsObject(dsAuthCodeType, v)
	case m.ClientCredentialsGrantMetadata != nil:
		g := m.ClientCredentialsGrantMetadata
		v := map[string]string{"base_endpoint": g.BaseEndpoint}
		if d := g.ReadClientCredentialsDetails; d != nil && d.ReadClientCredentialsGrantDetails != nil {
			v["client_id"] = d.ReadClientCredentialsGrantDetails.ClientID
			v["token_endpoint"] = d.ReadClientCredentialsGrantDetails.TokenEndpoint
		}
		attrs["client_credentials_grant"] = dsObject(dsClientCredsType, v)
	case m.BasicAuthConnectionMetadata != nil:
		attrs["basic"] = dsObject(dsBasicType, map[string]string{"base_endpoint": m.BasicAuthConnectionMetadata.BaseEndpoint, "username": m.BasicAuthConnectionMetadata.Username})
	case m.APIKeyConnectionMetadata != nil:
		attrs["api_key"] = dsObject(dsAPIKeyType, map[string]string{"base_endpoint": m.APIKeyConnectionMetadata.BaseEndpoint, "email": m.APIKeyConnectionMetadata.Email})
	case m.NoneConnectionMetadata != nil:
		attrs["none"] = dsObject(dsNoneType, map[string]string{"base_endpoint": m.NoneConnectionMetadata.BaseEndpoint})
	case m.IamConnectionMetadata != nil:
		attrs["iam"] = dsObject(dsIAMType, map[string]string{"role_arn": m.IamConnectionMetadata.RoleArn, "source_arn": m.IamConnectionMetadata.SourceArn})
	}
	return types.ObjectValueMust(dsAuthType.AttrTypes, attrs)
}
