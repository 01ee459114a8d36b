package awsclient

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/providerblock"
)

// Settings configure the AWS families. They hold only what the aws block sets: the AWS SDK's own
// loader applies the standard environment variables and shared files, so they keep their usual
// precedence.
type Settings struct {
	Region, Profile                     string
	AccessKey, SecretKey, Token         string
	AccountID                           string
	SharedConfigFiles, SharedCredsFiles []string
	// Endpoints maps a service name ("appfabric", "quicksight", "sts") to the base URL set in the aws
	// block's endpoints.
	Endpoints map[string]string
	// HTTP is the block's retry and request-rate settings, for each AWS service.
	HTTP    httpclient.Tuning
	Unknown conns.Unknown
}

// EndpointServices are the services whose endpoint the aws block's endpoints sets, with the attribute's
// description; an AWS family adds its own.
var EndpointServices = []struct{ Service, Description string }{
	{"appfabric", "AppFabric endpoint. Defaults to `AWS_ENDPOINT_URL_APPFABRIC`, then `AWS_ENDPOINT_URL`."},
	{"quicksight", "QuickSight endpoint. Defaults to `AWS_ENDPOINT_URL_QUICKSIGHT`, then `AWS_ENDPOINT_URL`."},
	{"sts", "STS endpoint, used to discover the account id. Defaults to `AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`."},
}

type blockModel struct {
	providerblock.HTTPModel
	Region                 types.String `tfsdk:"region"`
	Profile                types.String `tfsdk:"profile"`
	AccessKey              types.String `tfsdk:"access_key"`
	SecretKey              types.String `tfsdk:"secret_key"`
	Token                  types.String `tfsdk:"token"`
	AccountID              types.String `tfsdk:"account_id"`
	SharedConfigFiles      types.List   `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List   `tfsdk:"shared_credentials_files"`
	// Endpoints has a string attribute per entry of EndpointServices.
	Endpoints types.Object `tfsdk:"endpoints"`
}

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// ProviderBlock is the aws block of the provider configuration, which AppFabric and QuickSight share.
var ProviderBlock = &providerblock.Block[blockModel, Settings]{
	Name: "aws",
	Description: "AWS access for AppFabric and QuickSight. Credentials come from the standard AWS chain " +
		"(environment, shared files, `profile`, SSO, web identity, instance metadata) unless `access_key`/`secret_key` are set.",
	RateDefaults: "Defaults: AppFabric 5 requests a second with bursts of 5, QuickSight 10 with bursts of 10. AWS publishes " +
		"no request-rate quota for either API (AppFabric's quotas are 1 app bundle and 50 app authorizations per account and Region), " +
		"so these are conservative values. The setting applies to each service on its own.",
	Attributes: map[string]schema.Attribute{
		"region":     schema.StringAttribute{Optional: true, MarkdownDescription: "AWS region. Defaults to `AWS_REGION`, `AWS_DEFAULT_REGION` or the shared config."},
		"profile":    schema.StringAttribute{Optional: true, MarkdownDescription: "Named profile of the shared config files. Defaults to `AWS_PROFILE`."},
		"access_key": schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Access key id. Defaults to the credential chain (`AWS_ACCESS_KEY_ID`, ...)."},
		"secret_key": schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Secret access key; required with `access_key`."},
		"token":      schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Session token for temporary credentials."},
		"account_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "AWS account id used by QuickSight. Defaults to `APPAUTH_AWS_ACCOUNT_ID`, else it is discovered with STS `GetCallerIdentity`.",
			Validators:          []validator.String{stringvalidator.RegexMatches(accountIDPattern, "must be 12 digits")},
		},
		"shared_config_files":      schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Paths of shared config files. Defaults to `AWS_CONFIG_FILE` or `~/.aws/config`."},
		"shared_credentials_files": schema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: "Paths of shared credentials files. Defaults to `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`."},
	},
	Blocks: map[string]schema.Block{
		"endpoints": schema.SingleNestedBlock{
			MarkdownDescription: "Custom service endpoints, e.g. for an emulator.",
			Attributes:          endpointAttributes(),
		},
	},
	Validators: []provider.ConfigValidator{
		providervalidator.RequiredTogether(path.MatchRoot("aws").AtName("access_key"), path.MatchRoot("aws").AtName("secret_key")),
	},
	Read: readSettings,
}

func endpointAttributes() map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{}
	for _, e := range EndpointServices {
		attrs[e.Service] = providerblock.URLAttribute(e.Description)
	}
	return attrs
}

func readSettings(m *blockModel, _ *diag.Diagnostics) Settings {
	var s Settings
	s.Region = providerblock.Setting(m.Region, "region", &s.Unknown)
	s.Profile = providerblock.Setting(m.Profile, "profile", &s.Unknown)
	s.AccessKey = providerblock.Setting(m.AccessKey, "access_key", &s.Unknown)
	s.SecretKey = providerblock.Setting(m.SecretKey, "secret_key", &s.Unknown)
	s.Token = providerblock.Setting(m.Token, "token", &s.Unknown)
	s.AccountID = providerblock.Setting(m.AccountID, "account_id", &s.Unknown, "APPAUTH_AWS_ACCOUNT_ID")
	s.SharedConfigFiles = stringList(m.SharedConfigFiles, "shared_config_files", &s.Unknown)
	s.SharedCredsFiles = stringList(m.SharedCredentialsFiles, "shared_credentials_files", &s.Unknown)
	s.HTTP = m.Tuning(&s.Unknown)
	s.Endpoints = map[string]string{}
	if m.Endpoints.IsUnknown() {
		s.Unknown = append(s.Unknown, "endpoints")
		return s
	}
	attrs := m.Endpoints.Attributes()
	for _, e := range EndpointServices {
		v, _ := attrs[e.Service].(types.String)
		if u := providerblock.Setting(v, "endpoints."+e.Service, &s.Unknown); u != "" {
			s.Endpoints[e.Service] = u
		}
	}
	return s
}

func stringList(l types.List, attr string, unknown *conns.Unknown) []string {
	if l.IsUnknown() {
		*unknown = append(*unknown, attr)
		return nil
	}
	var out []string
	for _, e := range l.Elements() {
		v, ok := e.(types.String)
		if !ok || v.IsUnknown() {
			*unknown = append(*unknown, attr)
			return nil
		}
		if !v.IsNull() {
			out = append(out, v.ValueString())
		}
	}
	return out
}
