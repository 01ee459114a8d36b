package awsclient

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestReadSettings(t *testing.T) {
	t.Setenv("APPAUTH_AWS_ACCOUNT_ID", "123456789012")
	t.Setenv("AWS_REGION", "eu-west-1")
	s := readSettings(&blockModel{}, nil)
	if s.AccountID != "123456789012" {
		t.Errorf("account id from env = %q", s.AccountID)
	}
	if s.Region != "" {
		t.Errorf("region = %q: the AWS SDK reads AWS_REGION itself, with its own precedence", s.Region)
	}

	attrTypes := map[string]attr.Type{}
	values := map[string]attr.Value{}
	for _, e := range EndpointServices {
		attrTypes[e.Service] = types.StringType
		values[e.Service] = types.StringNull()
	}
	values["sts"] = types.StringValue("http://127.0.0.1:1")
	values["quicksight"] = types.StringUnknown()
	endpoints, diags := types.ObjectValue(attrTypes, values)
	if diags.HasError() {
		t.Fatal(diags)
	}
	s = readSettings(&blockModel{Endpoints: endpoints}, nil)
	if len(s.Endpoints) != 1 || s.Endpoints["sts"] != "http://127.0.0.1:1" {
		t.Errorf("endpoints = %v, want sts alone", s.Endpoints)
	}
	if len(s.Unknown) != 1 || s.Unknown[0] != "endpoints.quicksight" {
		t.Errorf("unknown = %v, want endpoints.quicksight", s.Unknown)
	}
}
