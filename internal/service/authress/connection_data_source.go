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

var _ datasource.DataSourceWithConfigure = &connectionDataSource{}

// NewConnectionDataSource reads one Authress connection by id.
func NewConnectionDataSource() datasource.DataSource { return &connectionDataSource{} }

type connectionDataSource struct {
	conns.DataSourceBase
}

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authress_connection"
}

// connectionComputedAttributes describes a connection as read back, for both data sources. The client
// secret is never part of it: Authress does not return it.
func connectionComputedAttributes() map[string]schema.Attribute {
	str := func(d string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: d}
	}
	boolean := func(d string) schema.BoolAttribute {
		return schema.BoolAttribute{Computed: true, MarkdownDescription: d}
	}
	return map[string]schema.Attribute{
		"id":                   str("The connection id."),
		"connection_id":        str("The connection id."),
		"type":                 str("Protocol: `OAUTH2`, `SAML2`, `WebAuthN`, `PASSWORD` or `OPENID-LEGACY`."),
		"authentication_url":   str("Where users log in."),
		"token_url":            str("The OAuth token endpoint."),
		"issuer_url":           str("The token issuer, or the SAML Entity ID."),
		"provider_certificate": str("The provider's SAML signing certificate."),
		"client_id":            str("The client id at the identity provider."),
		"client_secret_id":     str("Identifier of the client secret."),
		"data": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Display name and claim-mapping settings.",
			Attributes: map[string]schema.Attribute{
				"name":                   str("Name shown in the Authress portal."),
				"tenant_id":              str("Tenant the connection belongs to."),
				"developer_account_id":   str("Developer account id."),
				"supported_content_type": str("How token requests are encoded."),
				"oidc_user_endpoint_url": str("User-info endpoint."),
				"user_id_expression":     str("Expression that yields the user id."),
				"trust_identity_user_id": boolean("Whether the provider's user id is used."),
			},
		},
		"default_connection_properties": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Parameters added to authorization requests.",
			Attributes: map[string]schema.Attribute{
				"scope":      str("OAuth scopes requested."),
				"parameters": schema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Other query parameters."},
			},
		},
		"conditions": schema.SingleNestedAttribute{
			Computed:            true,
			MarkdownDescription: "Restrictions on who may log in.",
			Attributes: map[string]schema.Attribute{
				"require_business_account":       boolean("Whether personal accounts are refused."),
				"authentication_leeway_duration": str("How long a login may take (ISO 8601)."),
			},
		},
		"linking_configuration": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Identity linking.",
			Attributes: map[string]schema.Attribute{"type": str("`EXPLICIT` or `AUTOMATIC`.")},
		},
		"tenant_configuration": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Tenant assignment.",
			Attributes: map[string]schema.Attribute{"assignment_type": str("How users are assigned to tenants.")},
		},
		"user_data_configuration": schema.SingleNestedAttribute{
			Computed: true, MarkdownDescription: "Data residency.",
			Attributes: map[string]schema.Attribute{"location": str("Country where user data is stored.")},
		},
		"tags":                 tags.DataSourceAttribute(),
		"created_at":           str("When the connection was created (RFC 3339)."),
		"updated_at":           str("When the connection last changed (RFC 3339)."),
		"is_active_connection": boolean("Whether Authress reports the connection as active."),
	}
}

func (d *connectionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := connectionComputedAttributes()
	attrs["connection_id"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Id of the connection to read.",
		Validators: []validator.String{
			stringvalidator.LengthBetween(1, 64),
			stringvalidator.RegexMatches(connectionIDPattern, "must contain only letters, digits and - _ . :"),
		},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an Authress SSO connection. The client secret is never returned by Authress.",
		Attributes:          attrs,
	}
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data connectionFields
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	out, err := client.GetConnection(ctx, data.ConnectionID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the Authress connection "+quote(data.ConnectionID.ValueString())+" failed", err))
		return
	}
	data.flatten(ctx, out, connectionFields{}, &resp.Diagnostics)
	data.Tags = tags.FlattenComputed(ctx, out.Tags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
