package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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
	if a.AccessKey != "env-key" || a.APIURL != "https://env.example.com" {
		t.Errorf("authress from env = %+v", a)
	}
	a = authressSettings(&authressModel{AccessKey: types.StringValue("block-key"), APIURL: types.StringNull()})
	if a.AccessKey != "block-key" || a.APIURL != "https://env.example.com" {
		t.Errorf("the block must win over the environment, per attribute: %+v", a)
	}
	a = authressSettings(&authressModel{AccessKey: types.StringUnknown(), APIURL: types.StringNull()})
	if len(a.Unknown) != 1 || a.Unknown[0] != "access_key" || a.AccessKey != "" {
		t.Errorf("an unknown value must be recorded, not replaced by the environment: %+v", a)
	}
	g := apigSettings(nil)
	if g.Endpoint != "https://apig.example.com" || g.DomainName != "fallback-domain" {
		t.Errorf("apig from env = %+v", g)
	}
	if s := awsSettings(nil); s.AccountID != "123456789012" {
		t.Errorf("aws account id from env = %q", s.AccountID)
	}
}
