package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// The framework checks every schema (write-only rules, defaults, validators) when it serves them.
func TestProviderSchemasAreValid(t *testing.T) {
	t.Parallel()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	if len(resp.ResourceSchemas) == 0 || len(resp.DataSourceSchemas) == 0 || len(resp.EphemeralResourceSchemas) == 0 {
		t.Fatalf("expected resources, data sources and ephemeral resources, got %d, %d, %d",
			len(resp.ResourceSchemas), len(resp.DataSourceSchemas), len(resp.EphemeralResourceSchemas))
	}
}

func TestSettingsFallBackToEnvironment(t *testing.T) {
	t.Setenv("AUTHRESS_KEY", "env-key")
	t.Setenv("AUTHRESS_API_URL", "https://env.example.com")
	t.Setenv("OS_APIG_ENDPOINT", "https://apig.example.com")
	t.Setenv("OS_USER_DOMAIN_NAME", "fallback-domain")
	t.Setenv("APPAUTH_AWS_ACCOUNT_ID", "123456789012")

	a := authressSettings(nil)
	if a.AccessKey != "env-key" || a.APIURL != "https://env.example.com" || a.AccessKeySource != "AUTHRESS_KEY" || a.APIURLSource != "AUTHRESS_API_URL" {
		t.Errorf("authress from env = %+v", a)
	}
	a = authressSettings(&authressModel{AccessKey: types.StringValue("block-key"), APIURL: types.StringNull()})
	if a.AccessKey != "block-key" || a.APIURL != "https://env.example.com" || a.AccessKeySource != "access_key in the authress block" {
		t.Errorf("the block must win over the environment, per attribute: %+v", a)
	}
	a = authressSettings(&authressModel{AccessKey: types.StringUnknown(), APIURL: types.StringNull()})
	if len(a.Unknown) != 1 || a.Unknown[0] != "access_key" || a.AccessKey != "" {
		t.Errorf("an unknown value must be recorded, not replaced by the environment: %+v", a)
	}
	g := apigSettings(nil)
	if g.Endpoint != "https://apig.example.com" || g.EndpointSource != "OS_APIG_ENDPOINT" || g.DomainName != "fallback-domain" {
		t.Errorf("apig from env = %+v", g)
	}
	if s := awsSettings(nil); s.AccountID != "123456789012" {
		t.Errorf("aws account id from env = %q", s.AccountID)
	}
}

func TestTuning(t *testing.T) {
	t.Parallel()
	var unknown conns.Unknown
	got := tuning(httpModel{
		MaxRetries:           types.Int64Value(0),
		RetryWaitMin:         types.StringValue("100ms"),
		RetryWaitMax:         types.StringNull(),
		MaxRequestsPerSecond: types.Float64Value(2.5),
		RequestBurst:         types.Int64Unknown(),
	}, &unknown)
	if got.MaxRetries == nil || *got.MaxRetries != 0 {
		t.Errorf("max_retries = 0 must mean no retry, got %v", got.MaxRetries)
	}
	if got.RetryWaitMin != 100*time.Millisecond || got.RetryWaitMax != 0 || got.Rate.PerSecond != 2.5 || got.Rate.Burst != 0 {
		t.Errorf("tuning = %+v", got)
	}
	if len(unknown) != 1 || unknown[0] != "request_burst" {
		t.Errorf("unknown = %v, want request_burst", unknown)
	}
	if def := tuning(httpModel{}, &unknown); def.MaxRetries != nil || def.RetryWaitMin != 0 || def.Rate != (httpclient.Rate{}) {
		t.Errorf("an empty block must leave every default: %+v", def)
	}
}

// More than one kind of APIG credentials (the environment adding to the block) is warned about,
// naming the one used.
func TestAPIGCredentialsWarning(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		settings conns.APIGSettings
		want     string
	}{
		"one kind":           {settings: conns.APIGSettings{AccessKey: "ak", SecretKey: "sk"}},
		"password only":      {settings: conns.APIGSettings{Password: "p"}},
		"AK/SK and password": {settings: conns.APIGSettings{AccessKey: "ak", SecretKey: "sk", Password: "p"}, want: "The provider uses AK/SK signing"},
		"token and password": {settings: conns.APIGSettings{Token: "t", Password: "p"}, want: "The provider uses a token"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := apigCredentialsWarning(tc.settings)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("warning %q, want one containing %q", got, tc.want)
			}
		})
	}
}
