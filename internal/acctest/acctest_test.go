package acctest

import (
	"context"
	"regexp"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// ProviderConfig sets every block of the provider's schema, and in the aws block every AWS
// endpoint: a family whose emulator writes no block of its own, or an AWS service without an
// endpoint, fails here rather than in its acceptance tests.
func TestProviderConfigSetsEveryBlock(t *testing.T) {
	t.Parallel()
	srv := StartEmulator(t, emulator.Options{Seed: 1})
	config := ProviderConfig(srv)
	var resp fwprovider.SchemaResponse
	provider.New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	if len(resp.Schema.Blocks) == 0 {
		t.Fatal("the provider's schema has no block")
	}
	for name := range resp.Schema.Blocks {
		if !regexp.MustCompile(`(?m)^  ` + name + ` \{$`).MatchString(config) {
			t.Errorf("ProviderConfig has no %s block:\n%s", name, config)
		}
	}
	for _, e := range awsclient.EndpointServices {
		if !regexp.MustCompile(`(?m)^      ` + e.Service + ` = "` + regexp.QuoteMeta(srv.URL()) + `"$`).MatchString(config) {
			t.Errorf("ProviderConfig sets no %s endpoint:\n%s", e.Service, config)
		}
	}
}
