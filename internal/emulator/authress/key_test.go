package authress

import (
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func TestDefaultCredentialsKeyParses(t *testing.T) {
	t.Parallel()
	a := core.DefaultCredentials(7)
	k, err := parseAccessKey(a.AuthressAccessKey)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.AuthressAccessKey, k.ClientID+"."+k.KeyID+"."+k.AccountID+".") || len(k.PrivateKey) == 0 {
		t.Errorf("parsed key %+v does not match %q", k, a.AuthressAccessKey)
	}
}

func TestParseAccessKeyRejects(t *testing.T) {
	t.Parallel()
	testCases := map[string]string{
		"three parts":   "a.b.c",
		"not base64":    "a.b.c.!!!",
		"not pkcs8":     "a.b.c.aGVsbG8=",
		"empty segment": "a..c.MC4CAQAwBQYDK2VwBCIEIA==",
	}
	for name, key := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := parseAccessKey(key); err == nil {
				t.Errorf("parseAccessKey(%q) succeeded", key)
			}
		})
	}
}
