package authress

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

// Terraform-side shapes of a connection's nested objects, shared by the resource and the data sources,
// and their conversions to and from the wire.

type dataModel struct {
	Name                 types.String `tfsdk:"name"`
	TenantID             types.String `tfsdk:"tenant_id"`
	DeveloperAccountID   types.String `tfsdk:"developer_account_id"`
	SupportedContentType types.String `tfsdk:"supported_content_type"`
	OIDCUserEndpointURL  types.String `tfsdk:"oidc_user_endpoint_url"`
	UserIDExpression     types.String `tfsdk:"user_id_expression"`
	TrustIdentityUserID  types.Bool   `tfsdk:"trust_identity_user_id"`
}

var dataAttrTypes = map[string]attr.Type{
	"name":                   types.StringType,
	"tenant_id":              types.StringType,
	"developer_account_id":   types.StringType,
	"supported_content_type": types.StringType,
	"oidc_user_endpoint_url": types.StringType,
	"user_id_expression":     types.StringType,
	"trust_identity_user_id": types.BoolType,
}

type defaultPropertiesModel struct {
	Scope      types.String `tfsdk:"scope"`
	Parameters types.Map    `tfsdk:"parameters"`
}

var defaultPropertiesAttrTypes = map[string]attr.Type{
	"scope":      types.StringType,
	"parameters": types.MapType{ElemType: types.StringType},
}

type conditionsModel struct {
	RequireBusinessAccount       types.Bool   `tfsdk:"require_business_account"`
	AuthenticationLeewayDuration types.String `tfsdk:"authentication_leeway_duration"`
}

var conditionsAttrTypes = map[string]attr.Type{
	"require_business_account":       types.BoolType,
	"authentication_leeway_duration": types.StringType,
}

type linkingModel struct {
	Type types.String `tfsdk:"type"`
}

var linkingAttrTypes = map[string]attr.Type{"type": types.StringType}

type tenantModel struct {
	AssignmentType types.String `tfsdk:"assignment_type"`
}

var tenantAttrTypes = map[string]attr.Type{"assignment_type": types.StringType}

type userDataModel struct {
	Location types.String `tfsdk:"location"`
}

var userDataAttrTypes = map[string]attr.Type{"location": types.StringType}

// connectionFields are the attributes every connection shape (resource and data sources) shows.
type connectionFields struct {
	ID                          types.String `tfsdk:"id"`
	ConnectionID                types.String `tfsdk:"connection_id"`
	Type                        types.String `tfsdk:"type"`
	AuthenticationURL           types.String `tfsdk:"authentication_url"`
	TokenURL                    types.String `tfsdk:"token_url"`
	IssuerURL                   types.String `tfsdk:"issuer_url"`
	ProviderCertificate         types.String `tfsdk:"provider_certificate"`
	ClientID                    types.String `tfsdk:"client_id"`
	ClientSecretID              types.String `tfsdk:"client_secret_id"`
	Data                        types.Object `tfsdk:"data"`
	DefaultConnectionProperties types.Object `tfsdk:"default_connection_properties"`
	Conditions                  types.Object `tfsdk:"conditions"`
	LinkingConfiguration        types.Object `tfsdk:"linking_configuration"`
	TenantConfiguration         types.Object `tfsdk:"tenant_configuration"`
	UserDataConfiguration       types.Object `tfsdk:"user_data_configuration"`
	Tags                        types.Map    `tfsdk:"tags"`
	CreatedAt                   types.String `tfsdk:"created_at"`
	UpdatedAt                   types.String `tfsdk:"updated_at"`
	IsActiveConnection          types.Bool   `tfsdk:"is_active_connection"`
}

// connectionAttrTypes describes connectionFields as an object, for lists in the plural data source.
var connectionAttrTypes = map[string]attr.Type{
	"id":                            types.StringType,
	"connection_id":                 types.StringType,
	"type":                          types.StringType,
	"authentication_url":            types.StringType,
	"token_url":                     types.StringType,
	"issuer_url":                    types.StringType,
	"provider_certificate":          types.StringType,
	"client_id":                     types.StringType,
	"client_secret_id":              types.StringType,
	"data":                          types.ObjectType{AttrTypes: dataAttrTypes},
	"default_connection_properties": types.ObjectType{AttrTypes: defaultPropertiesAttrTypes},
	"conditions":                    types.ObjectType{AttrTypes: conditionsAttrTypes},
	"linking_configuration":         types.ObjectType{AttrTypes: linkingAttrTypes},
	"tenant_configuration":          types.ObjectType{AttrTypes: tenantAttrTypes},
	"user_data_configuration":       types.ObjectType{AttrTypes: userDataAttrTypes},
	"tags":                          types.MapType{ElemType: types.StringType},
	"created_at":                    types.StringType,
	"updated_at":                    types.StringType,
	"is_active_connection":          types.BoolType,
}

// expand builds the request body from the configured fields (the secret is added by the caller).
func (m *connectionFields) expand(ctx context.Context, diags *diag.Diagnostics) Connection {
	c := Connection{
		ConnectionID:        m.ConnectionID.ValueStringPointer(),
		Type:                m.Type.ValueStringPointer(),
		AuthenticationURL:   m.AuthenticationURL.ValueStringPointer(),
		TokenURL:            m.TokenURL.ValueStringPointer(),
		IssuerURL:           m.IssuerURL.ValueStringPointer(),
		ProviderCertificate: m.ProviderCertificate.ValueStringPointer(),
		ClientID:            m.ClientID.ValueStringPointer(),
		ClientSecretID:      m.ClientSecretID.ValueStringPointer(),
	}
	if o := m.Data; !o.IsNull() && !o.IsUnknown() {
		var d dataModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		c.Data = &ConnectionData{
			Name:                 d.Name.ValueStringPointer(),
			TenantID:             d.TenantID.ValueStringPointer(),
			DeveloperAccountID:   d.DeveloperAccountID.ValueStringPointer(),
			SupportedContentType: d.SupportedContentType.ValueStringPointer(),
			OIDCUserEndpointURL:  d.OIDCUserEndpointURL.ValueStringPointer(),
			UserIDExpression:     d.UserIDExpression.ValueStringPointer(),
			TrustIdentityUserID:  d.TrustIdentityUserID.ValueBoolPointer(),
		}
	}
	if o := m.DefaultConnectionProperties; !o.IsNull() && !o.IsUnknown() {
		var d defaultPropertiesModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		props := map[string]string{}
		if !d.Parameters.IsNull() {
			diags.Append(d.Parameters.ElementsAs(ctx, &props, false)...)
		}
		if !d.Scope.IsNull() {
			props["scope"] = d.Scope.ValueString()
		}
		c.DefaultConnectionProperties = props
	}
	if o := m.Conditions; !o.IsNull() && !o.IsUnknown() {
		var d conditionsModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		c.Conditions = &ConnectionConditions{
			RequireBusinessAccount:       d.RequireBusinessAccount.ValueBoolPointer(),
			AuthenticationLeewayDuration: d.AuthenticationLeewayDuration.ValueStringPointer(),
		}
	}
	if o := m.LinkingConfiguration; !o.IsNull() && !o.IsUnknown() {
		var d linkingModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		c.LinkingConfiguration = &LinkingConfiguration{Type: d.Type.ValueStringPointer()}
	}
	if o := m.TenantConfiguration; !o.IsNull() && !o.IsUnknown() {
		var d tenantModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		c.TenantConfiguration = &TenantConfiguration{AssignmentType: d.AssignmentType.ValueStringPointer()}
	}
	if o := m.UserDataConfiguration; !o.IsNull() && !o.IsUnknown() {
		var d userDataModel
		diags.Append(o.As(ctx, &d, objectAsOptions)...)
		c.UserDataConfiguration = &UserDataConfiguration{Location: d.Location.ValueStringPointer()}
	}
	c.Tags = tags.Expand(ctx, m.Tags, diags)
	return c
}

// flatten sets every field from what the API returned, so changes made outside Terraform show as
// drift. prior is the state or plan the values replace: where the API leaves out a value that means
// "empty" or "the default", prior decides between null and the empty form, so a configuration that
// spells the default out does not diff forever.
func (m *connectionFields) flatten(ctx context.Context, c *Connection, prior connectionFields, diags *diag.Diagnostics) {
	id := stringValue(c.ConnectionID)
	m.ID = id
	m.ConnectionID = id
	m.Type = stringValue(c.Type)
	m.AuthenticationURL = stringValue(c.AuthenticationURL)
	m.TokenURL = stringValue(c.TokenURL)
	m.IssuerURL = stringValue(c.IssuerURL)
	m.ProviderCertificate = stringValue(c.ProviderCertificate)
	m.ClientID = stringValue(c.ClientID)
	m.ClientSecretID = stringValue(c.ClientSecretID)
	m.CreatedAt = stringValue(c.CreatedTime)
	m.UpdatedAt = stringValue(c.LastUpdated)
	m.IsActiveConnection = types.BoolPointerValue(c.IsActiveConnection)

	m.Data = objectValue(ctx, dataAttrTypes, c.Data != nil, func() any {
		d := c.Data
		return dataModel{
			Name:                 stringValue(d.Name),
			TenantID:             stringValue(d.TenantID),
			DeveloperAccountID:   stringValue(d.DeveloperAccountID),
			SupportedContentType: stringValue(d.SupportedContentType),
			OIDCUserEndpointURL:  stringValue(d.OIDCUserEndpointURL),
			UserIDExpression:     stringValue(d.UserIDExpression),
			TrustIdentityUserID:  types.BoolPointerValue(d.TrustIdentityUserID),
		}
	}, diags)

	m.DefaultConnectionProperties = objectValue(ctx, defaultPropertiesAttrTypes, c.DefaultConnectionProperties != nil, func() any {
		d := defaultPropertiesModel{Scope: types.StringNull(), Parameters: types.MapNull(types.StringType)}
		params := map[string]string{}
		for k, v := range c.DefaultConnectionProperties {
			if k == "scope" {
				d.Scope = types.StringValue(v)
				continue
			}
			params[k] = v
		}
		var priorParams types.Map
		if !prior.DefaultConnectionProperties.IsNull() && !prior.DefaultConnectionProperties.IsUnknown() {
			var p defaultPropertiesModel
			diags.Append(prior.DefaultConnectionProperties.As(ctx, &p, objectAsOptions)...)
			priorParams = p.Parameters
		}
		d.Parameters = flex.OptionalMap(ctx, params, priorParams, diags)
		return d
	}, diags)

	m.Conditions = objectValue(ctx, conditionsAttrTypes, c.Conditions != nil, func() any {
		return conditionsModel{
			RequireBusinessAccount:       types.BoolPointerValue(c.Conditions.RequireBusinessAccount),
			AuthenticationLeewayDuration: stringValue(c.Conditions.AuthenticationLeewayDuration),
		}
	}, diags)

	m.LinkingConfiguration = objectValue(ctx, linkingAttrTypes,
		c.LinkingConfiguration != nil && c.LinkingConfiguration.Type != nil && *c.LinkingConfiguration.Type != "" && *c.LinkingConfiguration.Type != "null",
		func() any { return linkingModel{Type: stringValue(c.LinkingConfiguration.Type)} }, diags)

	// The service's default assignment is the same as none: keep whichever the configuration used.
	tenantSet := c.TenantConfiguration != nil && c.TenantConfiguration.AssignmentType != nil &&
		(*c.TenantConfiguration.AssignmentType != defaultTenantAssignment || !prior.TenantConfiguration.IsNull())
	m.TenantConfiguration = objectValue(ctx, tenantAttrTypes, tenantSet,
		func() any { return tenantModel{AssignmentType: stringValue(c.TenantConfiguration.AssignmentType)} }, diags)

	m.UserDataConfiguration = objectValue(ctx, userDataAttrTypes,
		c.UserDataConfiguration != nil && c.UserDataConfiguration.Location != nil,
		func() any { return userDataModel{Location: stringValue(c.UserDataConfiguration.Location)} }, diags)

	m.Tags = tags.Flatten(ctx, c.Tags, prior.Tags, diags)
}
