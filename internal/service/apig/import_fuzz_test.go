package apig

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// FuzzImportID: an accepted import id is <instance_id>/<env_id>/<app_id> with ids the schema's
// validators accept, and its parts land in the matching attributes, joining back to the id.
func FuzzImportID(f *testing.F) {
	const hex = "0123456789abcdef0123456789abcdef"
	for _, s := range []string{hex + "/" + hex + "/" + hex, hex + "/" + DefaultEnvID + "/" + hex, hex + "/RELEASE/" + hex, hex + "/" + hex,
		hex + "/" + hex + "/" + hex + "/", strings.ToUpper(hex) + "/" + hex + "/" + hex, "//", ""} {
		f.Add(s)
	}
	r := &appAuthorizationResource{}
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	f.Fuzz(func(t *testing.T, id string) {
		resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
		r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
		if resp.Diagnostics.HasError() {
			return
		}
		got := map[string]string{}
		for _, attr := range []string{"id", "instance_id", "env_id", "app_id"} {
			var v string
			if d := resp.State.GetAttribute(ctx, path.Root(attr), &v); d.HasError() {
				t.Fatalf("import id %q: reading %s: %v", id, attr, d)
			}
			got[attr] = v
		}
		if got["id"] != id || got["instance_id"]+"/"+got["env_id"]+"/"+got["app_id"] != id ||
			!hexID.MatchString(got["instance_id"]) || !envIDPattern.MatchString(got["env_id"]) || !hexID.MatchString(got["app_id"]) {
			t.Fatalf("import id %q accepted as %v", id, got)
		}
	})
}
