package appfabric

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCredentialChanges(t *testing.T) {
	t.Parallel()
	oauth := func(id, secret string) *credentialModel {
		s := types.StringNull()
		if secret != "" {
			s = types.StringValue(secret)
		}
		return &credentialModel{OAuth2: &oauth2CredentialModel{ClientID: types.StringValue(id), ClientSecret: s, ClientSecretWO: types.StringNull()}}
	}
	apiKey := func(key string) *credentialModel {
		return &credentialModel{APIKey: &apiKeyCredentialModel{APIKey: types.StringValue(key), APIKeyWO: types.StringNull()}}
	}
	model := func(c *credentialModel, version int64) *appAuthorizationResourceModel {
		v := types.Int64Null()
		if version > 0 {
			v = types.Int64Value(version)
		}
		return &appAuthorizationResourceModel{Credential: c, CredentialWOVersion: v}
	}
	testCases := map[string]struct {
		plan, state *appAuthorizationResourceModel
		want        bool
	}{
		"unchanged":                   {model(oauth("id", "s"), 0), model(oauth("id", "s"), 0), false},
		"secret changed":              {model(oauth("id", "s2"), 0), model(oauth("id", "s"), 0), true},
		"client id changed":           {model(oauth("id2", "s"), 0), model(oauth("id", "s"), 0), true},
		"write-only, same version":    {model(oauth("id", ""), 1), model(oauth("id", ""), 1), false},
		"write-only, version bumped":  {model(oauth("id", ""), 2), model(oauth("id", ""), 1), true},
		"stored to write-only":        {model(oauth("id", ""), 1), model(oauth("id", "s"), 0), true},
		"variant switched":            {model(apiKey("k"), 0), model(oauth("id", "s"), 0), true},
		"api key changed":             {model(apiKey("k2"), 0), model(apiKey("k"), 0), true},
		"after import, stored secret": {model(oauth("id", "s"), 0), model(nil, 0), false},
		"after import, write-only":    {model(oauth("id", ""), 1), model(nil, 0), false},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := credentialChanges(tc.plan, tc.state); got != tc.want {
				t.Fatalf("credentialChanges = %v, want %v", got, tc.want)
			}
		})
	}
}
