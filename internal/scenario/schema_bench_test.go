package scenario_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// BenchmarkGetProviderSchema measures what a fresh provider process does
// before Terraform can use it: build the protocol 6 server and answer
// GetProviderSchema (every resource, data source and ephemeral resource
// schema, validators included). Process start and the plugin handshake are
// measured from outside by scripts/bench.sh.
func BenchmarkGetProviderSchema(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		srv, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
		if err != nil {
			b.Fatal(err)
		}
		resp, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityError {
				b.Fatalf("%s: %s", d.Summary, d.Detail)
			}
		}
		if len(resp.ResourceSchemas) == 0 {
			b.Fatal("no resource schemas")
		}
	}
}
