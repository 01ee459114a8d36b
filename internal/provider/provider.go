// Package provider defines the appauth provider: its configuration and the list of every family's
// resources, data sources and ephemeral resources.
package provider

import (
	"context"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/service/apig"
	"github.com/appauth/terraform-provider-appauth/internal/service/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
	"github.com/appauth/terraform-provider-appauth/internal/service/quicksight"
)

var (
	_ provider.Provider                       = &appauthProvider{}
	_ provider.ProviderWithEphemeralResources = &appauthProvider{}
	_ provider.ProviderWithConfigValidators   = &appauthProvider{}
)

// New returns the provider factory for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &appauthProvider{version: version} }
}

type appauthProvider struct {
	version string
}

type providerModel struct {
	AWS      *awsModel      `tfsdk:"aws"`
	Authress *authressModel `tfsdk:"authress"`
	APIG     *apigModel     `tfsdk:"apig"`
}

// httpModel holds the retry and request-rate settings every block has.
type httpModel struct {
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	RetryWaitMin         types.String  `tfsdk:"retry_wait_min"`
	RetryWaitMax         types.String  `tfsdk:"retry_wait_max"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
	RequestBurst         types.Int64   `tfsdk:"request_burst"`
}

type awsModel struct {
	httpModel
	Region                 types.String    `tfsdk:"region"`
	Profile                types.String    `tfsdk:"profile"`
	AccessKey              types.String    `tfsdk:"access_key"`
	SecretKey              types.String    `tfsdk:"secret_key"`
	Token                  types.String    `tfsdk:"token"`
	AccountID              types.String    `tfsdk:"account_id"`
	SharedConfigFiles      types.List      `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List      `tfsdk:"shared_credentials_files"`
	Endpoints              *endpointsModel `tfsdk:"endpoints"`
}

type endpointsModel struct {
	AppFabric  types.String `tfsdk:"appfabric"`
	QuickSight types.String `tfsdk:"quicksight"`
	STS        types.String `tfsdk:"sts"`
}

type authressModel struct {
	httpModel
	APIURL    types.String `tfsdk:"api_url"`
	AccessKey types.String `tfsdk:"access_key"`
}

type apigModel struct {
	httpModel
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

func (p *appauthProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "appauth"
	resp.Version = p.version
}

func urlAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{httpURL()},
	}
}

func (p *appauthProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages who and what may call your applications: AWS AppFabric app authorizations, Amazon QuickSight " +
			"action connectors, Authress SSO connections and APIG app authorizations. Every block is optional; each family " +
			"also works from its environment variables alone with an empty `provider \"appauth\" {}`.",
		Blocks: map[string]schema.Block{
			"aws": schema.SingleNestedBlock{
				MarkdownDescription: "AWS access for AppFabric and QuickSight. Credentials come from the standard AWS chain " +
					"(environment, shared files, `profile`, SSO, web identity, instance metadata) unless `access_key`/`secret_key` are set.",
				Attributes: withHTTPAttributes(awsRateDefaults, map[string]schema.Attribute{
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
				}),
				Blocks: map[string]schema.Block{
					"endpoints": schema.SingleNestedBlock{
						MarkdownDescription: "Custom service endpoints, e.g. for an emulator.",
						Attributes: map[string]schema.Attribute{
							"appfabric":  urlAttribute("AppFabric endpoint. Defaults to `AWS_ENDPOINT_URL_APPFABRIC`, then `AWS_ENDPOINT_URL`."),
							"quicksight": urlAttribute("QuickSight endpoint. Defaults to `AWS_ENDPOINT_URL_QUICKSIGHT`, then `AWS_ENDPOINT_URL`."),
							"sts":        urlAttribute("STS endpoint, used to discover the account id. Defaults to `AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`."),
						},
					},
				},
			},
			"authress": schema.SingleNestedBlock{
				MarkdownDescription: "Authress access. The family is configured when an access key is given here or in `AUTHRESS_KEY`.",
				Attributes: withHTTPAttributes(authressRateDefaults, map[string]schema.Attribute{
					"api_url": urlAttribute("Authress API URL: your custom domain or `https://{accountId}.api.authress.io`. Defaults to `AUTHRESS_API_URL`, " +
						"else derived from the account id inside a service-client access key."),
					"access_key": schema.StringAttribute{
						Optional:  true,
						Sensitive: true,
						MarkdownDescription: "A service-client access key (`clientId.keyId.accountId.privateKey`), from which the provider signs short-lived " +
							"EdDSA JWTs, or a JWT used as is. Defaults to `AUTHRESS_KEY`.",
					},
				}),
			},
			"apig": schema.SingleNestedBlock{
				MarkdownDescription: "APIG dedicated-gateway access (Open Telekom Cloud / Huawei Cloud). Authenticate with one of: `token`; " +
					"`access_key` + `secret_key` (AK/SK request signing); or `auth_url` + `user_name` + `password` + `domain_name` (IAM password authentication). " +
					"Setting two of them in this block is an error; when the environment (`OS_*`) supplies more than one, the first in that order " +
					"is used and the provider warns which ones it ignores.",
				Attributes: withHTTPAttributes(apigRateDefaults, map[string]schema.Attribute{
					"endpoint":     urlAttribute("APIG endpoint, e.g. `https://apig.eu-de.otc.t-systems.com`. Defaults to `OS_APIG_ENDPOINT`."),
					"project_id":   schema.StringAttribute{Optional: true, MarkdownDescription: "Project id used in API paths. Defaults to `OS_PROJECT_ID`; with password authentication it is taken from the IAM token when unset."},
					"region":       schema.StringAttribute{Optional: true, MarkdownDescription: "Region name. Defaults to `OS_REGION_NAME`."},
					"token":        schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "An IAM token sent as `X-Auth-Token`. Defaults to `OS_AUTH_TOKEN`."},
					"access_key":   schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Access key for AK/SK signing. Defaults to `OS_ACCESS_KEY`."},
					"secret_key":   schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Secret key for AK/SK signing. Defaults to `OS_SECRET_KEY`."},
					"auth_url":     urlAttribute("IAM (Keystone v3) URL, e.g. `https://iam.eu-de.otc.t-systems.com/v3`. Defaults to `OS_AUTH_URL`."),
					"domain_name":  schema.StringAttribute{Optional: true, MarkdownDescription: "IAM domain (account) name. Defaults to `OS_DOMAIN_NAME`, then `OS_USER_DOMAIN_NAME`."},
					"user_name":    schema.StringAttribute{Optional: true, MarkdownDescription: "IAM user name. Defaults to `OS_USERNAME`."},
					"password":     schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "IAM user password. Defaults to `OS_PASSWORD`."},
					"project_name": schema.StringAttribute{Optional: true, MarkdownDescription: "Project name the IAM token is scoped to. Defaults to `OS_PROJECT_NAME`, then `OS_TENANT_NAME`."},
				}),
			},
		},
	}
}

func (p *appauthProvider) ConfigValidators(context.Context) []provider.ConfigValidator {
	return configValidators()
}

func (p *appauthProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	meta := &conns.Meta{
		Version:  p.version,
		AWS:      awsSettings(config.AWS),
		Authress: authressSettings(config.Authress),
		APIG:     apigSettings(config.APIG),
	}
	if warning := apigCredentialsWarning(meta.APIG); warning != "" {
		resp.Diagnostics.AddWarning("APIG: more than one way to authenticate is set", warning)
	}
	resp.ResourceData = meta
	resp.DataSourceData = meta
	resp.EphemeralResourceData = meta
}

func (p *appauthProvider) Resources(context.Context) []func() resource.Resource {
	return concat(authress.Resources(), appfabric.Resources(), quicksight.Resources(), apig.Resources())
}

func (p *appauthProvider) DataSources(context.Context) []func() datasource.DataSource {
	return concat(authress.DataSources(), appfabric.DataSources(), quicksight.DataSources(), apig.DataSources())
}

func (p *appauthProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return concat(authress.EphemeralResources(), appfabric.EphemeralResources(), quicksight.EphemeralResources(), apig.EphemeralResources())
}

func concat[T any](lists ...[]T) []T {
	var out []T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// setting returns the configured value, else the first non-empty environment variable. An unknown
// value is recorded under its attribute path so the family can explain it when first used.
func setting(v types.String, attr string, unknown *conns.Unknown, envs ...string) string {
	value, _ := settingFrom(v, attr, "", unknown, envs...)
	return value
}

// settingFrom is setting, also saying where the value came from: "<attr> in the <block> block" or
// the environment variable's name ("" when unset).
func settingFrom(v types.String, attr, block string, unknown *conns.Unknown, envs ...string) (value, source string) {
	if v.IsUnknown() {
		*unknown = append(*unknown, attr)
		return "", ""
	}
	if !v.IsNull() {
		return v.ValueString(), attr + " in the " + block + " block"
	}
	for _, e := range envs {
		if s := os.Getenv(e); s != "" {
			return s, e
		}
	}
	return "", ""
}

// tuning reads the retry and request-rate settings of a block; the validators have checked them.
func tuning(m httpModel, unknown *conns.Unknown) httpclient.Tuning {
	var t httpclient.Tuning
	if m.MaxRetries.IsUnknown() {
		*unknown = append(*unknown, "max_retries")
	} else if !m.MaxRetries.IsNull() {
		t.MaxRetries = httpclient.Retries(int(m.MaxRetries.ValueInt64()))
	}
	t.RetryWaitMin = duration(m.RetryWaitMin, "retry_wait_min", unknown)
	t.RetryWaitMax = duration(m.RetryWaitMax, "retry_wait_max", unknown)
	if m.MaxRequestsPerSecond.IsUnknown() {
		*unknown = append(*unknown, "max_requests_per_second")
	} else if !m.MaxRequestsPerSecond.IsNull() {
		t.Rate.PerSecond = m.MaxRequestsPerSecond.ValueFloat64()
	}
	if m.RequestBurst.IsUnknown() {
		*unknown = append(*unknown, "request_burst")
	} else if !m.RequestBurst.IsNull() {
		t.Rate.Burst = int(m.RequestBurst.ValueInt64())
	}
	return t
}

// duration reads a duration setting; the validators have checked it.
func duration(v types.String, attr string, unknown *conns.Unknown) time.Duration {
	d, _ := time.ParseDuration(setting(v, attr, unknown))
	return d
}

func authressSettings(m *authressModel) conns.AuthressSettings {
	if m == nil {
		m = &authressModel{}
	}
	var s conns.AuthressSettings
	s.APIURL, s.APIURLSource = settingFrom(m.APIURL, "api_url", "authress", &s.Unknown, "AUTHRESS_API_URL")
	s.AccessKey, s.AccessKeySource = settingFrom(m.AccessKey, "access_key", "authress", &s.Unknown, "AUTHRESS_KEY")
	s.HTTP = tuning(m.httpModel, &s.Unknown)
	return s
}

func apigSettings(m *apigModel) conns.APIGSettings {
	if m == nil {
		m = &apigModel{}
	}
	var s conns.APIGSettings
	s.Endpoint, s.EndpointSource = settingFrom(m.Endpoint, "endpoint", "apig", &s.Unknown, "OS_APIG_ENDPOINT")
	s.ProjectID = setting(m.ProjectID, "project_id", &s.Unknown, "OS_PROJECT_ID")
	s.Region = setting(m.Region, "region", &s.Unknown, "OS_REGION_NAME")
	s.Token = setting(m.Token, "token", &s.Unknown, "OS_AUTH_TOKEN")
	s.AccessKey = setting(m.AccessKey, "access_key", &s.Unknown, "OS_ACCESS_KEY")
	s.SecretKey = setting(m.SecretKey, "secret_key", &s.Unknown, "OS_SECRET_KEY")
	s.AuthURL, s.AuthURLSource = settingFrom(m.AuthURL, "auth_url", "apig", &s.Unknown, "OS_AUTH_URL")
	s.DomainName = setting(m.DomainName, "domain_name", &s.Unknown, "OS_DOMAIN_NAME", "OS_USER_DOMAIN_NAME")
	s.UserName = setting(m.UserName, "user_name", &s.Unknown, "OS_USERNAME")
	s.Password = setting(m.Password, "password", &s.Unknown, "OS_PASSWORD")
	s.ProjectName = setting(m.ProjectName, "project_name", &s.Unknown, "OS_PROJECT_NAME", "OS_TENANT_NAME")
	s.HTTP = tuning(m.httpModel, &s.Unknown)
	return s
}

// awsSettings keeps only what the block sets: the AWS SDK's own loader applies the standard
// environment variables and shared files, so they keep their usual precedence.
func awsSettings(m *awsModel) conns.AWSSettings {
	if m == nil {
		m = &awsModel{}
	}
	var s conns.AWSSettings
	s.Region = setting(m.Region, "region", &s.Unknown)
	s.Profile = setting(m.Profile, "profile", &s.Unknown)
	s.AccessKey = setting(m.AccessKey, "access_key", &s.Unknown)
	s.SecretKey = setting(m.SecretKey, "secret_key", &s.Unknown)
	s.Token = setting(m.Token, "token", &s.Unknown)
	s.AccountID = setting(m.AccountID, "account_id", &s.Unknown, "APPAUTH_AWS_ACCOUNT_ID")
	s.SharedConfigFiles = stringList(m.SharedConfigFiles, "shared_config_files", &s.Unknown)
	s.SharedCredsFiles = stringList(m.SharedCredentialsFiles, "shared_credentials_files", &s.Unknown)
	s.HTTP = tuning(m.httpModel, &s.Unknown)
	s.Endpoints = map[string]string{}
	e := m.Endpoints
	if e == nil {
		e = &endpointsModel{}
	}
	for name, v := range map[string]types.String{"appfabric": e.AppFabric, "quicksight": e.QuickSight, "sts": e.STS} {
		if u := setting(v, "endpoints."+name, &s.Unknown); u != "" {
			s.Endpoints[name] = u
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
