package apig

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/providerblock"
)

// Settings configure the APIG family: a token, AK/SK signing, or IAM password authentication. A
// Source says where its value came from, for error messages.
type Settings struct {
	Endpoint, EndpointSource string
	ProjectID, Region        string
	Token                    string
	AccessKey, SecretKey     string
	AuthURL, AuthURLSource   string
	DomainName, UserName     string
	Password, ProjectName    string
	HTTP                     httpclient.Tuning
	Unknown                  conns.Unknown
}

type blockModel struct {
	providerblock.HTTPModel
	Endpoint    types.String `tfsdk:"endpoint"`
	ProjectID   types.String `tfsdk:"project_id"`
	Region      types.String `tfsdk:"region"`
	Token       types.String `tfsdk:"token"`
	AccessKey   types.String `tfsdk:"access_key"`
	SecretKey   types.String `tfsdk:"secret_key"`
	AuthURL     types.String `tfsdk:"auth_url"`
	DomainName  types.String `tfsdk:"domain_name"`
	UserName    types.String `tfsdk:"user_name"`
	Password    types.String `tfsdk:"password"`
	ProjectName types.String `tfsdk:"project_name"`
}

var blockPath = path.MatchRoot("apig")

// providerBlock is the apig block of the provider configuration.
var providerBlock = &providerblock.Block[blockModel, Settings]{
	Name: "apig",
	Description: "APIG dedicated-gateway access (Open Telekom Cloud / Huawei Cloud). Authenticate with one of: `token`; " +
		"`access_key` + `secret_key` (AK/SK request signing); or `auth_url` + `user_name` + `password` + `domain_name` (IAM password authentication). " +
		"Setting two of them in this block is an error; when the environment (`OS_*`) supplies more than one, the first in that order " +
		"is used and the provider warns which ones it ignores.",
	RateDefaults: "Default 10 requests a second with bursts of 10, for the gateway and for IAM. Open Telekom Cloud and " +
		"Huawei Cloud publish no flow control for the APIG management API (a throttled call gets `APIG.0308`), so this is a " +
		"conservative value.",
	Attributes: map[string]schema.Attribute{
		"endpoint":     providerblock.URLAttribute("APIG endpoint, e.g. `https://apig.eu-de.otc.t-systems.com`. Defaults to `OS_APIG_ENDPOINT`."),
		"project_id":   schema.StringAttribute{Optional: true, MarkdownDescription: "Project id used in API paths. Defaults to `OS_PROJECT_ID`; with password authentication it is taken from the IAM token when unset."},
		"region":       schema.StringAttribute{Optional: true, MarkdownDescription: "Region name. Defaults to `OS_REGION_NAME`."},
		"token":        schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "An IAM token sent as `X-Auth-Token`. Defaults to `OS_AUTH_TOKEN`."},
		"access_key":   schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Access key for AK/SK signing. Defaults to `OS_ACCESS_KEY`."},
		"secret_key":   schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Secret key for AK/SK signing. Defaults to `OS_SECRET_KEY`."},
		"auth_url":     providerblock.URLAttribute("IAM (Keystone v3) URL, e.g. `https://iam.eu-de.otc.t-systems.com/v3`. Defaults to `OS_AUTH_URL`."),
		"domain_name":  schema.StringAttribute{Optional: true, MarkdownDescription: "IAM domain (account) name. Defaults to `OS_DOMAIN_NAME`, then `OS_USER_DOMAIN_NAME`."},
		"user_name":    schema.StringAttribute{Optional: true, MarkdownDescription: "IAM user name. Defaults to `OS_USERNAME`."},
		"password":     schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "IAM user password. Defaults to `OS_PASSWORD`."},
		"project_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Project name the IAM token is scoped to. Defaults to `OS_PROJECT_NAME`, then `OS_TENANT_NAME`."},
	},
	Validators: []provider.ConfigValidator{
		providervalidator.RequiredTogether(blockPath.AtName("access_key"), blockPath.AtName("secret_key")),
		providervalidator.Conflicting(blockPath.AtName("token"), blockPath.AtName("access_key")),
		providervalidator.Conflicting(blockPath.AtName("token"), blockPath.AtName("password")),
		providervalidator.Conflicting(blockPath.AtName("access_key"), blockPath.AtName("password")),
	},
	Read: readSettings,
}

func readSettings(m *blockModel, diags *diag.Diagnostics) Settings {
	var s Settings
	s.Endpoint, s.EndpointSource = providerblock.SettingFrom(m.Endpoint, "endpoint", "apig", &s.Unknown, "OS_APIG_ENDPOINT")
	s.ProjectID = providerblock.Setting(m.ProjectID, "project_id", &s.Unknown, "OS_PROJECT_ID")
	s.Region = providerblock.Setting(m.Region, "region", &s.Unknown, "OS_REGION_NAME")
	s.Token = providerblock.Setting(m.Token, "token", &s.Unknown, "OS_AUTH_TOKEN")
	s.AccessKey = providerblock.Setting(m.AccessKey, "access_key", &s.Unknown, "OS_ACCESS_KEY")
	s.SecretKey = providerblock.Setting(m.SecretKey, "secret_key", &s.Unknown, "OS_SECRET_KEY")
	s.AuthURL, s.AuthURLSource = providerblock.SettingFrom(m.AuthURL, "auth_url", "apig", &s.Unknown, "OS_AUTH_URL")
	s.DomainName = providerblock.Setting(m.DomainName, "domain_name", &s.Unknown, "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME")
	s.UserName = providerblock.Setting(m.UserName, "user_name", &s.Unknown, "OS_USERNAME")
	s.Password = providerblock.Setting(m.Password, "password", &s.Unknown, "OS_PASSWORD")
	s.ProjectName = providerblock.Setting(m.ProjectName, "project_name", &s.Unknown, "OS_PROJECT_NAME", "OS_TENANT_NAME")
	s.HTTP = m.Tuning(&s.Unknown)
	if warning := credentialsWarning(s); warning != "" {
		diags.AddWarning("APIG: more than one way to authenticate is set", warning)
	}
	return s
}

// credentialsWarning explains which credentials are used when more than one kind is set (the
// block's validators refuse that within the block, but the environment may add another), or
// returns "".
func credentialsWarning(s Settings) string {
	var kinds []string
	if s.Token != "" {
		kinds = append(kinds, "a token (token, OS_AUTH_TOKEN)")
	}
	if s.AccessKey != "" || s.SecretKey != "" {
		kinds = append(kinds, "AK/SK signing (access_key and secret_key, OS_ACCESS_KEY and OS_SECRET_KEY)")
	}
	if s.Password != "" {
		kinds = append(kinds, "IAM password authentication (password, OS_PASSWORD)")
	}
	if len(kinds) < 2 {
		return ""
	}
	return fmt.Sprintf("The apig settings, from the block and the environment together, hold credentials for %s. The provider uses %s "+
		"and ignores the rest (the order of preference is token, then AK/SK, then password). Unset the variables you do not mean to use.",
		strings.Join(kinds, " and "), kinds[0])
}
