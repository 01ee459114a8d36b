package quicksight

import (
	"context"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

// connectorFields are the connector's attributes QuickSight returns, shown alike by the resource and
// the data source.
type connectorFields struct {
	Name             types.String `tfsdk:"name"`
	Type             types.String `tfsdk:"type"`
	Description      types.String `tfsdk:"description"`
	VpcConnectionArn types.String `tfsdk:"vpc_connection_arn"`
	Permissions      types.Set    `tfsdk:"permissions"`
	connectorStatus
}

// connectorStatus are the attributes only QuickSight sets; the resource also takes them from the
// waits that follow its creates and updates.
type connectorStatus struct {
	Arn            types.String `tfsdk:"arn"`
	Status         types.String `tfsdk:"status"`
	CreatedAt      types.String `tfsdk:"created_at"`
	UpdatedAt      types.String `tfsdk:"updated_at"`
	EnabledActions types.List   `tfsdk:"enabled_actions"`
}

// flatten sets the fields from what QuickSight returns; priorPerms is the permissions value read
// before (see flattenPermissions).
func (m *connectorFields) flatten(ctx context.Context, ac *ActionConnector, perms []ResourcePermission, priorPerms types.Set, diags *diag.Diagnostics) {
	m.Name = types.StringValue(ac.Name)
	m.Type = types.StringValue(ac.Type)
	m.Description = types.StringPointerValue(ac.Description)
	m.VpcConnectionArn = types.StringPointerValue(ac.VpcConnectionArn)
	m.Permissions = flattenPermissions(ctx, perms, priorPerms, diags)
	m.connectorStatus.flatten(ctx, ac, diags)
}

func (m *connectorStatus) flatten(ctx context.Context, ac *ActionConnector, diags *diag.Diagnostics) {
	m.Arn = types.StringValue(ac.Arn)
	m.Status = flex.StringOrNull(ac.Status)
	m.CreatedAt = epochTimestamp(ac.CreatedTime)
	m.UpdatedAt = epochTimestamp(ac.LastUpdatedTime)
	m.EnabledActions = flattenStrings(ctx, ac.EnabledActions, diags)
}

// Models of authentication_config. The data source shows what QuickSight returns (the *Fields types);
// the resource adds each secret in two forms: a Sensitive attribute kept in state, and a write-only
// `_wo` attribute read from the configuration only.

type authConfigFields struct {
	AuthenticationType     types.String         `tfsdk:"authentication_type"`
	AuthorizationCodeGrant *authCodeGrantFields `tfsdk:"authorization_code_grant"`
	ClientCredentialsGrant *clientCredsFields   `tfsdk:"client_credentials_grant"`
	Basic                  *basicAuthFields     `tfsdk:"basic"`
	APIKey                 *apiKeyFields        `tfsdk:"api_key"`
	None                   *noneAuthModel       `tfsdk:"none"`
	IAM                    *iamAuthModel        `tfsdk:"iam"`
}

type authConfigModel struct {
	AuthenticationType     types.String        `tfsdk:"authentication_type"`
	AuthorizationCodeGrant *authCodeGrantModel `tfsdk:"authorization_code_grant"`
	ClientCredentialsGrant *clientCredsModel   `tfsdk:"client_credentials_grant"`
	Basic                  *basicAuthModel     `tfsdk:"basic"`
	APIKey                 *apiKeyModel        `tfsdk:"api_key"`
	None                   *noneAuthModel      `tfsdk:"none"`
	IAM                    *iamAuthModel       `tfsdk:"iam"`
}

type authCodeGrantFields struct {
	BaseEndpoint          types.String `tfsdk:"base_endpoint"`
	RedirectURL           types.String `tfsdk:"redirect_url"`
	ClientID              types.String `tfsdk:"client_id"`
	TokenEndpoint         types.String `tfsdk:"token_endpoint"`
	AuthorizationEndpoint types.String `tfsdk:"authorization_endpoint"`
}

type authCodeGrantModel struct {
	authCodeGrantFields
	ClientSecret   types.String `tfsdk:"client_secret"`
	ClientSecretWO types.String `tfsdk:"client_secret_wo"`
}

type clientCredsFields struct {
	BaseEndpoint  types.String `tfsdk:"base_endpoint"`
	ClientID      types.String `tfsdk:"client_id"`
	TokenEndpoint types.String `tfsdk:"token_endpoint"`
}

type clientCredsModel struct {
	clientCredsFields
	ClientSecret   types.String `tfsdk:"client_secret"`
	ClientSecretWO types.String `tfsdk:"client_secret_wo"`
}

type basicAuthFields struct {
	BaseEndpoint types.String `tfsdk:"base_endpoint"`
	Username     types.String `tfsdk:"username"`
}

type basicAuthModel struct {
	basicAuthFields
	Password   types.String `tfsdk:"password"`
	PasswordWO types.String `tfsdk:"password_wo"`
}

type apiKeyFields struct {
	BaseEndpoint types.String `tfsdk:"base_endpoint"`
	Email        types.String `tfsdk:"email"`
}

type apiKeyModel struct {
	apiKeyFields
	APIKey   types.String `tfsdk:"api_key"`
	APIKeyWO types.String `tfsdk:"api_key_wo"`
}

type noneAuthModel struct {
	BaseEndpoint types.String `tfsdk:"base_endpoint"`
}

type iamAuthModel struct {
	RoleArn   types.String `tfsdk:"role_arn"`
	SourceArn types.String `tfsdk:"source_arn"`
}

type permissionModel struct {
	Principal types.String `tfsdk:"principal"`
	Actions   []string     `tfsdk:"actions"`
}

var permissionType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"principal": types.StringType,
	"actions":   types.SetType{ElemType: types.StringType},
}}

// pick is the write-only value when configured, else the stored one.
func pick(wo, plain types.String) string {
	v, _ := secrets.Value(wo, plain)
	return v
}

// expandAuth builds the write shape from the plan, taking secrets from config (write-only values
// exist only there).
func expandAuth(plan, config *authConfigModel) AuthConfig {
	out := AuthConfig{AuthenticationType: plan.AuthenticationType.ValueString()}
	md := &out.AuthenticationMetadata
	switch {
	case plan.AuthorizationCodeGrant != nil:
		p, c := plan.AuthorizationCodeGrant, config.AuthorizationCodeGrant
		md.AuthorizationCodeGrantMetadata = &AuthorizationCodeGrantMetadata{
			BaseEndpoint:                            p.BaseEndpoint.ValueString(),
			RedirectURL:                             p.RedirectURL.ValueString(),
			AuthorizationCodeGrantCredentialsSource: plainCredentials,
			AuthorizationCodeGrantCredentialsDetails: &AuthorizationCodeGrantCredentialsDetails{AuthorizationCodeGrantDetails: AuthorizationCodeGrantDetails{
				ClientID:              p.ClientID.ValueString(),
				ClientSecret:          pick(c.ClientSecretWO, p.ClientSecret),
				TokenEndpoint:         p.TokenEndpoint.ValueString(),
				AuthorizationEndpoint: p.AuthorizationEndpoint.ValueString(),
			}},
		}
	case plan.ClientCredentialsGrant != nil:
		p, c := plan.ClientCredentialsGrant, config.ClientCredentialsGrant
		md.ClientCredentialsGrantMetadata = &ClientCredentialsGrantMetadata{
			BaseEndpoint:            p.BaseEndpoint.ValueString(),
			ClientCredentialsSource: plainCredentials,
			ClientCredentialsDetails: &ClientCredentialsDetails{ClientCredentialsGrantDetails: ClientCredentialsGrantDetails{
				ClientID:      p.ClientID.ValueString(),
				ClientSecret:  pick(c.ClientSecretWO, p.ClientSecret),
				TokenEndpoint: p.TokenEndpoint.ValueString(),
			}},
		}
	case plan.Basic != nil:
		p, c := plan.Basic, config.Basic
		md.BasicAuthConnectionMetadata = &BasicAuthConnectionMetadata{
			BaseEndpoint: p.BaseEndpoint.ValueString(), Username: p.Username.ValueString(), Password: pick(c.PasswordWO, p.Password),
		}
	case plan.APIKey != nil:
		p, c := plan.APIKey, config.APIKey
		md.APIKeyConnectionMetadata = &APIKeyConnectionMetadata{
			BaseEndpoint: p.BaseEndpoint.ValueString(), APIKey: pick(c.APIKeyWO, p.APIKey), Email: p.Email.ValueString(),
		}
	case plan.None != nil:
		md.NoneConnectionMetadata = &NoneConnectionMetadata{BaseEndpoint: plan.None.BaseEndpoint.ValueString()}
	case plan.IAM != nil:
		md.IamConnectionMetadata = &IamConnectionMetadata{RoleArn: plan.IAM.RoleArn.ValueString()}
	}
	return out
}

// flattenAuthFields builds authentication_config from the read shape, which has no secrets; nil when
// QuickSight returned none.
func flattenAuthFields(read *ReadAuthConfig) *authConfigFields {
	if read == nil {
		return nil
	}
	out := &authConfigFields{AuthenticationType: types.StringValue(read.AuthenticationType)}
	m := read.AuthenticationMetadata
	switch {
	case m.AuthorizationCodeGrantMetadata != nil:
		g := m.AuthorizationCodeGrantMetadata
		v := &authCodeGrantFields{
			BaseEndpoint: types.StringValue(g.BaseEndpoint), RedirectURL: types.StringValue(g.RedirectURL),
			ClientID: types.StringNull(), TokenEndpoint: types.StringNull(), AuthorizationEndpoint: types.StringNull(),
		}
		if d := g.ReadAuthorizationCodeGrantCredentialsDetails; d != nil && d.ReadAuthorizationCodeGrantDetails != nil {
			v.ClientID = types.StringValue(d.ReadAuthorizationCodeGrantDetails.ClientID)
			v.TokenEndpoint = types.StringValue(d.ReadAuthorizationCodeGrantDetails.TokenEndpoint)
			v.AuthorizationEndpoint = types.StringValue(d.ReadAuthorizationCodeGrantDetails.AuthorizationEndpoint)
		}
		out.AuthorizationCodeGrant = v
	case m.ClientCredentialsGrantMetadata != nil:
		g := m.ClientCredentialsGrantMetadata
		v := &clientCredsFields{BaseEndpoint: types.StringValue(g.BaseEndpoint), ClientID: types.StringNull(), TokenEndpoint: types.StringNull()}
		if d := g.ReadClientCredentialsDetails; d != nil && d.ReadClientCredentialsGrantDetails != nil {
			v.ClientID = types.StringValue(d.ReadClientCredentialsGrantDetails.ClientID)
			v.TokenEndpoint = types.StringValue(d.ReadClientCredentialsGrantDetails.TokenEndpoint)
		}
		out.ClientCredentialsGrant = v
	case m.BasicAuthConnectionMetadata != nil:
		out.Basic = &basicAuthFields{BaseEndpoint: types.StringValue(m.BasicAuthConnectionMetadata.BaseEndpoint), Username: types.StringValue(m.BasicAuthConnectionMetadata.Username)}
	case m.APIKeyConnectionMetadata != nil:
		out.APIKey = &apiKeyFields{BaseEndpoint: types.StringValue(m.APIKeyConnectionMetadata.BaseEndpoint), Email: flex.StringOrNull(m.APIKeyConnectionMetadata.Email)}
	case m.NoneConnectionMetadata != nil:
		out.None = &noneAuthModel{BaseEndpoint: types.StringValue(m.NoneConnectionMetadata.BaseEndpoint)}
	case m.IamConnectionMetadata != nil:
		out.IAM = &iamAuthModel{RoleArn: types.StringValue(m.IamConnectionMetadata.RoleArn), SourceArn: flex.StringOrNull(m.IamConnectionMetadata.SourceArn)}
	}
	return out
}

// flattenAuth is the resource's authentication_config: what QuickSight returns, and the secrets,
// which it never returns, carried over from prior where the same variant was there before.
func flattenAuth(read *ReadAuthConfig, prior *authConfigModel) *authConfigModel {
	f := flattenAuthFields(read)
	if f == nil {
		return prior
	}
	if prior == nil {
		prior = &authConfigModel{}
	}
	out := &authConfigModel{AuthenticationType: f.AuthenticationType, None: f.None, IAM: f.IAM}
	if v := f.AuthorizationCodeGrant; v != nil {
		out.AuthorizationCodeGrant = &authCodeGrantModel{authCodeGrantFields: *v, ClientSecret: types.StringNull(), ClientSecretWO: types.StringNull()}
		if p := prior.AuthorizationCodeGrant; p != nil {
			out.AuthorizationCodeGrant.ClientSecret = p.ClientSecret
		}
	}
	if v := f.ClientCredentialsGrant; v != nil {
		out.ClientCredentialsGrant = &clientCredsModel{clientCredsFields: *v, ClientSecret: types.StringNull(), ClientSecretWO: types.StringNull()}
		if p := prior.ClientCredentialsGrant; p != nil {
			out.ClientCredentialsGrant.ClientSecret = p.ClientSecret
		}
	}
	if v := f.Basic; v != nil {
		out.Basic = &basicAuthModel{basicAuthFields: *v, Password: types.StringNull(), PasswordWO: types.StringNull()}
		if p := prior.Basic; p != nil {
			out.Basic.Password = p.Password
		}
	}
	if v := f.APIKey; v != nil {
		out.APIKey = &apiKeyModel{apiKeyFields: *v, APIKey: types.StringNull(), APIKeyWO: types.StringNull()}
		if p := prior.APIKey; p != nil {
			out.APIKey.APIKey = p.APIKey
		}
	}
	return out
}

func expandPermissions(ctx context.Context, set types.Set, diags *diag.Diagnostics) []ResourcePermission {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var ps []permissionModel
	diags.Append(set.ElementsAs(ctx, &ps, false)...)
	out := make([]ResourcePermission, 0, len(ps))
	for _, p := range ps {
		actions := append([]string(nil), p.Actions...)
		sort.Strings(actions)
		out = append(out, ResourcePermission{Principal: p.Principal.ValueString(), Actions: actions})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Principal < out[j].Principal })
	return out
}

// equalPermission compares two expanded permissions.
func equalPermission(a, b ResourcePermission) bool {
	return a.Principal == b.Principal && slices.Equal(a.Actions, b.Actions)
}

// flattenPermissions is the permissions value for what the connector has. With none, a prior
// `permissions = []` stays `[]`, so that both spellings of "no permissions" plan empty; otherwise it
// is null.
func flattenPermissions(ctx context.Context, ps []ResourcePermission, prior types.Set, diags *diag.Diagnostics) types.Set {
	if len(ps) == 0 {
		if !prior.IsNull() && !prior.IsUnknown() && len(prior.Elements()) == 0 {
			return prior
		}
		return types.SetNull(permissionType)
	}
	models := make([]permissionModel, 0, len(ps))
	for _, p := range ps {
		models = append(models, permissionModel{Principal: types.StringValue(p.Principal), Actions: p.Actions})
	}
	v, d := types.SetValueFrom(ctx, permissionType, models)
	diags.Append(d...)
	return v
}

// tagLimits are QuickSight's: at most 50 tags per resource, keys 1..128 and values 1..256 characters.
var tagLimits = tags.Limits{MaxTags: 50, KeyMin: 1, KeyMax: 128, ValueMin: 1, ValueMax: 256}

func tagList(m map[string]string) []Tag {
	var out []Tag
	for _, k := range sortedKeys(m) {
		out = append(out, Tag{Key: k, Value: m[k]})
	}
	return out
}

func tagMap(list []Tag) map[string]string {
	m := make(map[string]string, len(list))
	for _, t := range list {
		m[t.Key] = t.Value
	}
	return m
}

// errorMessage says why the last create or update failed, or is null.
func errorMessage(e *ConnectorError) types.String {
	if e == nil {
		return types.StringNull()
	}
	return flex.StringOrNull(e.Message)
}

// epochTimestamp is an API time (epoch seconds) in RFC 3339, or null when the API sent none.
func epochTimestamp(v *float64) types.String { return flex.Timestamp(EpochTime(v)) }

// flattenStrings is an empty list, not null, when there are none.
func flattenStrings(ctx context.Context, vs []string, diags *diag.Diagnostics) types.List {
	if vs == nil {
		vs = []string{}
	}
	l, d := types.ListValueFrom(ctx, types.StringType, vs)
	diags.Append(d...)
	return l
}
