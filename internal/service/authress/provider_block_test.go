package authress

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSettingsFallBackToEnvironment(t *testing.T) {
	t.Setenv("AUTHRESS_KEY", "env-key")
	t.Setenv("AUTHRESS_API_URL", "https://env.example.com")

	s := readSettings(&blockModel{}, nil)
	if s.AccessKey != "env-key" || s.APIURL != "https://env.example.com" || s.AccessKeySource != "AUTHRESS_KEY" || s.APIURLSource != "AUTHRESS_API_URL" {
		t.Errorf("authress from env = %+v", s)
	}
	s = readSettings(&blockModel{AccessKey: types.StringValue("block-key")}, nil)
	if s.AccessKey != "block-key" || s.APIURL != "https://env.example.com" || s.AccessKeySource != "access_key in the authress block" {
		t.Errorf("the block must win over the environment, per attribute: %+v", s)
	}
	s = readSettings(&blockModel{AccessKey: types.StringUnknown()}, nil)
	if len(s.Unknown) != 1 || s.Unknown[0] != "access_key" || s.AccessKey != "" {
		t.Errorf("an unknown value must be recorded, not replaced by the environment: %+v", s)
	}
}
