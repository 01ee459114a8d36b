package quicksight

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAuthConfigValidator(t *testing.T) {
	t.Parallel()
	set := types.ObjectValueMust(map[string]attr.Type{"x": types.StringType}, map[string]attr.Value{"x": types.StringValue("v")})
	variant := types.ObjectNull(map[string]attr.Type{"x": types.StringType})
	attrTypes := map[string]attr.Type{"authentication_type": types.StringType}
	for _, n := range variantOrder {
		attrTypes[n] = variant.Type(context.Background())
	}
	object := func(authType types.String, setVariants ...string) types.Object {
		vals := map[string]attr.Value{"authentication_type": authType}
		for _, n := range variantOrder {
			vals[n] = variant
		}
		for _, n := range setVariants {
			vals[n] = set
		}
		return types.ObjectValueMust(attrTypes, vals)
	}
	testCases := map[string]struct {
		value types.Object
		err   string
	}{
		"match":        {value: object(types.StringValue("BASIC"), "basic")},
		"unknown type": {value: object(types.StringUnknown(), "iam")},
		"mismatch":     {value: object(types.StringValue("BASIC"), "none"), err: `authentication_config.authentication_type "BASIC" needs authentication_config.basic, but authentication_config.none is set`},
		"two":          {value: object(types.StringValue("NONE"), "none", "iam"), err: "got authentication_config.none and authentication_config.iam"},
		"none set":     {value: object(types.StringValue("API_KEY")), err: `"API_KEY" needs authentication_config.api_key to be set`},
		"null config":  {value: types.ObjectNull(attrTypes)},
		"unknown variant": {value: func() types.Object {
			o := object(types.StringValue("NONE"))
			a := o.Attributes()
			a["none"] = types.ObjectUnknown(variant.AttributeTypes(context.Background()))
			return types.ObjectValueMust(attrTypes, a)
		}()},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.ObjectResponse{}
			authConfigValidator{}.ValidateObject(context.Background(), validator.ObjectRequest{Path: path.Root("authentication_config"), ConfigValue: tc.value}, resp)
			if tc.err == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), tc.err) {
				t.Fatalf("want %q, got %v", tc.err, resp.Diagnostics)
			}
		})
	}
}

func TestNotPrefix(t *testing.T) {
	t.Parallel()
	for value, bad := range map[string]bool{"quicksuite-x": true, "quicksuite": false, "my-quicksuite-x": false} {
		resp := &validator.StringResponse{}
		notPrefix(reservedConnectorPrefix).ValidateString(context.Background(), validator.StringRequest{Path: path.Root("action_connector_id"), ConfigValue: types.StringValue(value)}, resp)
		if resp.Diagnostics.HasError() != bad {
			t.Errorf("%q: error %v, want %v", value, resp.Diagnostics.HasError(), bad)
		}
	}
}

func TestDiffPermissions(t *testing.T) {
	t.Parallel()
	have := []ResourcePermission{{Principal: "a", Actions: []string{"x", "y"}}, {Principal: "b", Actions: []string{"x"}}}
	want := []ResourcePermission{{Principal: "a", Actions: []string{"y", "z"}}, {Principal: "c", Actions: []string{"x"}}}
	grant, revoke := DiffPermissions(have, want)
	if len(grant) != 2 || grant[0].Principal != "a" || grant[0].Actions[0] != "z" || grant[1].Principal != "c" {
		t.Fatalf("grant %+v", grant)
	}
	if len(revoke) != 2 || revoke[0].Principal != "a" || revoke[0].Actions[0] != "x" || revoke[1].Principal != "b" {
		t.Fatalf("revoke %+v", revoke)
	}
	if g, r := DiffPermissions(want, want); g != nil || r != nil {
		t.Fatalf("no change expected: %v %v", g, r)
	}
}

func TestVpcConnectionArn(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:quicksight:us-east-1:123456789012:vpcConnection/v-1"
	prior := types.StringValue(arn)
	testCases := map[string]struct {
		returned       *string
		returnedBefore bool
		want           types.String
	}{
		"returned":                      {returned: &arn, want: prior},
		"removed":                       {returnedBefore: true, want: types.StringNull()},
		"never returned, kept":          {want: prior},
		"changed behind Terraform":      {returned: aws.String("arn:aws:quicksight:us-east-1:123456789012:vpcConnection/v-2"), want: types.StringValue("arn:aws:quicksight:us-east-1:123456789012:vpcConnection/v-2")},
		"returned now, returned before": {returned: &arn, returnedBefore: true, want: prior},
	}
	for name, tc := range testCases {
		if got := vpcConnectionArn(tc.returned, prior, tc.returnedBefore); !got.Equal(tc.want) {
			t.Errorf("%s: got %s, want %s", name, got, tc.want)
		}
	}
}
