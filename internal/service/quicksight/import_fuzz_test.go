package quicksight

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FuzzImportID: "<account>,<connector id>" is accepted exactly when the account is 12 digits and the
// connector id one the schema accepts (1 to 512 of letters, digits, '_' and '-'); an accepted id lands
// unchanged in id and splits into aws_account_id and action_connector_id. An id without a comma needs
// the provider's account, which an unconfigured resource cannot find: it must fail cleanly.
func FuzzImportID(f *testing.F) {
	for _, s := range []string{"123456789012,c-1", "1234,c-1", "123456789012,a b", "123456789012,", ",c-1", "123456789012,c-1,x",
		"c-1", "", "123456789012," + strings.Repeat("a", 513), "１２３４５６７８９０１２,c"} {
		f.Add(s)
	}
	r := &actionConnectorResource{}
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	f.Fuzz(func(t *testing.T, id string) {
		resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
		r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
		acct, connector, found := strings.Cut(id, ",")
		if !found {
			if !resp.Diagnostics.HasError() {
				t.Fatalf("import id %q without an account was accepted by an unconfigured resource", id)
			}
			return
		}
		valid := accountIDPattern.MatchString(acct) && len(connector) >= 1 && len(connector) <= 512 && connectorIDPattern.MatchString(connector)
		if valid == resp.Diagnostics.HasError() {
			t.Fatalf("import id %q: valid=%v, diagnostics %v", id, valid, resp.Diagnostics)
		}
		if !valid {
			return
		}
		for attr, want := range map[string]string{"id": id, "aws_account_id": acct, "action_connector_id": connector} {
			var v string
			if d := resp.State.GetAttribute(ctx, path.Root(attr), &v); d.HasError() || v != want {
				t.Fatalf("import id %q set %s to %q, want %q (%v)", id, attr, v, want, d)
			}
		}
	})
}
