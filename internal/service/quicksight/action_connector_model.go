package quicksight

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

// Nested models of authentication_config. Secrets come in two forms: a Sensitive attribute kept in
// state, and a write-only `_wo` attribute read from the configuration only.

type authConfigModel struct {
	AuthenticationType     types.String        `tfsdk:"authentication_type"`
	AuthorizationCodeGrant *authCodeGrantModel `tfsdk:"authorization_code_grant"`
	ClientCredentialsGrant *clientCredsModel   `tfsdk:"client_credentials_grant"`
	Basic                  *basicAuthModel     `tfsdk:"basic"`
	APIKey                 *apiKeyModel        `tfsdk:"api_key"`
	None                   *noneAuthModel      `tfsdk:"none"`
	IAM                    *iamAuthModel       `tfsdk:"iam"`
}

type authCodeGrantModel struct {
	BaseEndpoint          types.String `tfsdk:"base_endpoint"`
	RedirectURL           types.String `tfsdk:"redirect_url"`
	ClientID              types.String `tfsdk:"client_id"`
	ClientSecret          types.String `tfsdk:"client_secret"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	TokenEndpoint         types.String `tfsdk:"token_endpoint"`
	AuthorizationEndpoint types.String `tfsdk:"authorization_endpoint"`
}

type clientCredsModel struct {
	BaseEndpoint   types.String `tfsdk:"base_endpoint"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	ClientSecretWO types.String `tfsdk:"client_secret_wo"`
	TokenEndpoint  types.String `tfsdk:"token_endpoint"`
}

type basicAuthModel struct {
	BaseEndpoint types.String `tfsdk:"base_endpoint"`
	Username     types.String `tfsdk:"username"`
	Password     types.String `tfsdk:"password"`
	PasswordWO   types.String `tfsdk:"password_wo"`
}

type apiKeyModel struct {
	BaseEndpoint types.String `tfsdk:"base_endpoint"`
	APIKey       types.String `tfsdk:"api_key"`
	APIKeyWO     types.String `tfsdk:"api_key_wo"`
	Email        types.String `tfsdk:"email"`
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

// flattenAuth builds authentication_config from the read shape. Secrets are never returned, so they
// are carried over from prior when the same variant was there before.
func flattenAuth(read *ReadAuthConfig, prior *authConfigModel) *authConfigModel {
	if read == nil {
		return prior
	}
	if prior == nil {
		prior = &authConfigModel{}
	}
	out := &authConfigModel{AuthenticationType: types.StringValue(read.AuthenticationType)}
	m := read.AuthenticationMetadata
	switch {
	case m.AuthorizationCodeGrantMetadata != nil:
		g := m.AuthorizationCodeGrantMetadata
		v := &authCodeGrantModel{
			BaseEndpoint: types.StringValue(g.BaseEndpoint), RedirectURL: types.StringValue(g.RedirectURL),
			ClientID: types.StringNull(), TokenEndpoint: types.StringNull(), AuthorizationEndpoint: types.StringNull(),
			ClientSecret: types.StringNull(), ClientSecretWO: types.StringNull(),
		}
		if d := g.ReadAuthorizationCodeGrantCredentialsDetails; d != nil && d.ReadAuthorizationCodeGrantDetails != nil {
			v.ClientID = types.StringValue(d.ReadAuthorizationCodeGrantDetails.ClientID)
			v.TokenEndpoint = types.StringValue(d.ReadAuthorizationCodeGrantDetails.TokenEndpoint)
			v.AuthorizationEndpoint = types.StringValue(d.ReadAuthorizationCodeGrantDetails.AuthorizationEndpoint)
		}
		if prior.AuthorizationCodeGrant != nil {
			v.ClientSecret = prior.AuthorizationCodeGrant.ClientSecret
		}
		out.AuthorizationCodeGrant = v
	case m.ClientCredentialsGrantMetadata != nil:
		g := m.ClientCredentialsGrantMetadata
		v := &clientCredsModel{
			BaseEndpoint: types.StringValue(g.BaseEndpoint), ClientID: types.StringNull(), TokenEndpoint: types.StringNull(),
			ClientSecret: types.StringNull(), ClientSecretWO: types.StringNull(),
		}
		if d := g.ReadClientCredentialsDetails; d != nil && d.ReadClientCredentialsGrantDetails != nil {
			v.ClientID = types.StringValue(d.ReadClientCredentialsGrantDetails.ClientID)
			v.TokenEndpoint = types.StringValue(d.ReadClientCredentialsGrantDetails.TokenEndpoint)
		}
		if prior.ClientCredentialsGrant != nil {
			v.ClientSecret = prior.ClientCredentialsGrant.ClientSecret
		}
		out.ClientCredentialsGrant = v
	case m.BasicAuthConnectionMetadata != nil:
		v := &basicAuthModel{
			BaseEndpoint: types.StringValue(m.BasicAuthConnectionMetadata.BaseEndpoint), Username: types.StringValue(m.BasicAuthConnectionMetadata.Username),
			Password: types.StringNull(), PasswordWO: types.StringNull(),
		}
		if prior.Basic != nil {
			v.Password = prior.Basic.Password
		}
		out.Basic = v
	case m.APIKeyConnectionMetadata != nil:
		v := &apiKeyModel{
			BaseEndpoint: types.StringValue(m.APIKeyConnectionMetadata.BaseEndpoint), Email: flex.StringOrNull(m.APIKeyConnectionMetadata.Email),
			APIKey: types.StringNull(), APIKeyWO: types.StringNull(),
		}
		if prior.APIKey != nil {
			v.APIKey = prior.APIKey.APIKey
		}
		out.APIKey = v
	case m.NoneConnectionMetadata != nil:
		out.None = &noneAuthModel{BaseEndpoint: types.StringValue(m.NoneConnectionMetadata.BaseEndpoint)}
	case m.IamConnectionMetadata != nil:
		out.IAM = &iamAuthModel{RoleArn: types.StringValue(m.IamConnectionMetadata.RoleArn), SourceArn: flex.StringOrNull(m.IamConnectionMetadata.SourceArn)}
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
	return out
}

// flattenPermissions is null when there are none (an empty set is rejected in configuration).
func flattenPermissions(ctx context.Context, ps []ResourcePermission, diags *diag.Diagnostics) types.Set {
	if len(ps) == 0 {
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
