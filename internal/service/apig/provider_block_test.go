package apig

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

func TestSettingsFallBackToEnvironment(t *testing.T) {
	t.Setenv("OS_APIG_ENDPOINT", "https://apig.example.com")
	t.Setenv("OS_USER_DOMAIN_NAME", "fallback-domain")
	var diags diag.Diagnostics
	s := readSettings(&blockModel{}, &diags)
	if s.Endpoint != "https://apig.example.com" || s.EndpointSource != "OS_APIG_ENDPOINT" || s.DomainName != "fallback-domain" {
		t.Errorf("apig from env = %+v", s)
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics %v without credentials", diags)
	}
}

// More than one kind of credentials (the environment adding to the block) is warned about, naming
// the one used.
func TestCredentialsWarning(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		settings Settings
		want     string
	}{
		"one kind":           {settings: Settings{AccessKey: "ak", SecretKey: "sk"}},
		"password only":      {settings: Settings{Password: "p"}},
		"AK/SK and password": {settings: Settings{AccessKey: "ak", SecretKey: "sk", Password: "p"}, want: "The provider uses AK/SK signing"},
		"token and password": {settings: Settings{Token: "t", Password: "p"}, want: "The provider uses a token"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := credentialsWarning(tc.settings)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("warning %q, want one containing %q", got, tc.want)
			}
		})
	}
}
