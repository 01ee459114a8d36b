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

// FuzzImportID: an accepted import id is <instance_id>/<env_id>/<app_id>, optionally followed by
// /<api_id>[,<api_id>...], with ids the schema's validators accept; the first three parts land in the
// matching attributes and make the resource id, and the API ids, if any, in api_ids.
func FuzzImportID(f *testing.F) {
	const hex = "0123456789abcdef0123456789abcdef"
	for _, s := range []string{hex + "/" + hex + "/" + hex, hex + "/" + DefaultEnvID + "/" + hex, hex + "/RELEASE/" + hex, hex + "/" + hex,
		hex + "/" + hex + "/" + hex + "/", hex + "/" + hex + "/" + hex + "/" + hex, hex + "/" + hex + "/" + hex + "/" + hex + "," + hex,
		hex + "/" + hex + "/" + hex + "/" + hex + ",", strings.ToUpper(hex) + "/" + hex + "/" + hex, "//", ""} {
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
		var apis []string
		if d := resp.State.GetAttribute(ctx, path.Root("api_ids"), &apis); d.HasError() {
			t.Fatalf("import id %q: reading api_ids: %v", id, d)
		}
		resourceID, apiList, hasAPIs := id, "", false
		if parts := strings.SplitN(id, "/", 4); len(parts) == 4 {
			resourceID, apiList, hasAPIs = strings.Join(parts[:3], "/"), parts[3], true
		}
		if got["id"] != resourceID || got["instance_id"]+"/"+got["env_id"]+"/"+got["app_id"] != resourceID ||
			!hexID.MatchString(got["instance_id"]) || !envIDPattern.MatchString(got["env_id"]) || !hexID.MatchString(got["app_id"]) {
			t.Fatalf("import id %q accepted as %v", id, got)
		}
		if hasAPIs != (apis != nil) || len(apis) > maxAPIsPerApp {
			t.Fatalf("import id %q accepted with api_ids %v", id, apis)
		}
		for _, api := range apis {
			if !hexID.MatchString(api) || !strings.Contains(","+apiList+",", ","+api+",") {
				t.Fatalf("import id %q accepted with api_ids %v", id, apis)
			}
		}
	})
}
