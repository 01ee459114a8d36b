package appfabric

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const (
	fuzzBundle = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
	fuzzAuthz  = fuzzBundle + "/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
)

var fuzzARNSeeds = []string{
	fuzzBundle, fuzzAuthz, fuzzAuthz + "/", fuzzBundle + "/appauthorization/", "arn:aws-cn:appfabric:cn-north-1:123456789012:appbundle/x/appauthorization/y",
	"arn:aws:s3:::bucket", strings.ToUpper(fuzzAuthz), fuzzAuthz + "\n", "", "/appauthorization/",
}

// importState runs r's ImportState on an empty state, as the framework does.
func importState(r resource.ResourceWithImportState, id string) (tfsdk.State, diag.Diagnostics) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
	return resp.State, resp.Diagnostics
}

func stringAttr(t *testing.T, s tfsdk.State, name string) string {
	t.Helper()
	var v string
	if d := s.GetAttribute(context.Background(), path.Root(name), &v); d.HasError() {
		t.Fatalf("reading %s: %v", name, d)
	}
	return v
}

// FuzzBundleARNOf: the bundle found in an authorization ARN is its prefix before
// /appauthorization/<id>, and every ARN the schema's validator accepts yields a bundle ARN the bundle
// validator accepts.
func FuzzBundleARNOf(f *testing.F) {
	for _, s := range fuzzARNSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arn string) {
		bundle, err := BundleARNOf(arn)
		if authorizationARNPattern.MatchString(arn) {
			if err != nil {
				t.Fatalf("%q passes the authorization ARN validator but BundleARNOf fails: %v", arn, err)
			}
			if !bundleARNPattern.MatchString(bundle) {
				t.Fatalf("%q passes the authorization ARN validator but its bundle %q fails the bundle ARN validator", arn, bundle)
			}
		}
		if err != nil {
			return
		}
		rest, ok := strings.CutPrefix(arn, bundle+"/appauthorization/")
		if !ok || rest == "" || strings.Contains(rest, "/") || strings.Contains(bundle, "/appauthorization/") {
			t.Fatalf("%q split into bundle %q and authorization id %q", arn, bundle, rest)
		}
	})
}

// FuzzImportIDs imports every AppFabric resource: an accepted id is an ARN of the right kind and lands
// unchanged in id and arn (the authorization also sets its bundle; the connection its authorization).
func FuzzImportIDs(f *testing.F) {
	for _, s := range fuzzARNSeeds {
		f.Add(s)
	}
	bundle, authz, conn := &appBundleResource{}, &appAuthorizationResource{}, &appAuthorizationConnectionResource{}
	f.Fuzz(func(t *testing.T, id string) {
		if s, d := importState(bundle, id); !d.HasError() {
			if !bundleARNPattern.MatchString(id) || stringAttr(t, s, "id") != id || stringAttr(t, s, "arn") != id {
				t.Fatalf("bundle import id %q accepted as id %q, arn %q", id, stringAttr(t, s, "id"), stringAttr(t, s, "arn"))
			}
		}
		if s, d := importState(authz, id); !d.HasError() {
			b, err := BundleARNOf(id)
			if !authorizationARNPattern.MatchString(id) || err != nil || stringAttr(t, s, "id") != id || stringAttr(t, s, "arn") != id ||
				stringAttr(t, s, "app_bundle_arn") != b {
				t.Fatalf("authorization import id %q accepted as id %q, arn %q, bundle %q", id, stringAttr(t, s, "id"), stringAttr(t, s, "arn"), stringAttr(t, s, "app_bundle_arn"))
			}
		}
		if s, d := importState(conn, id); !d.HasError() {
			if !authorizationARNPattern.MatchString(id) || stringAttr(t, s, "id") != id || stringAttr(t, s, "app_authorization_arn") != id {
				t.Fatalf("connection import id %q accepted as id %q, authorization %q", id, stringAttr(t, s, "id"), stringAttr(t, s, "app_authorization_arn"))
			}
		}
	})
}
