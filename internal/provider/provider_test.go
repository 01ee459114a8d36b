package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/providerblock"
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

// Families that share a block (the AWS families) get it once; two different blocks of one name are
// refused.
func TestBlocksOncePerName(t *testing.T) {
	t.Parallel()
	shared := &providerblock.Block[struct{}, struct{}]{Name: "shared"}
	own := &providerblock.Block[struct{}, struct{}]{Name: "own"}
	got := blocks([]conns.Registration{{Block: shared}, {Block: own}, {Block: shared}})
	if len(got) != 2 || got[0] != shared || got[1] != own {
		t.Errorf("blocks = %v, want the shared block then the family's own, each once", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("two different blocks named shared were accepted")
		}
	}()
	blocks([]conns.Registration{{Block: shared}, {Block: &providerblock.Block[struct{}, struct{}]{Name: "shared"}}})
}
