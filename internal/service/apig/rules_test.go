package apig

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// The lookups' name validators accept exactly the names the emulated gateway lets one create: a
// stricter validator would refuse real objects at plan, a looser one lets through names no object
// can have.
func TestNameRulesAgreeWithTheGateway(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	settings := passwordSettings(srv)
	settings.HTTP.Rate = httpclient.Rate{PerSecond: 1000, Burst: 100}
	c := newTestClient(t, settings)
	ctx := context.Background()
	han := func(n int) string { return strings.Repeat("订", n) }
	ascii := func(n int) string { return "a" + strings.Repeat("b", n-1) }
	names := []string{
		"", "ab", "abc", "ABC_123", ascii(64), ascii(65), ascii(255), ascii(256), "_abc", "1abc", "abc-d", "abc d", "abc.d",
		"a/b:c(d)", "订单", "订单应", "订单应用_v2", han(64), han(65), han(255), han(256), "订单（内部）：v1、v2", "-abc", ".abc",
		"abc！", "ab\u00e9", "Ωmega", "ab\t",
	}
	testCases := map[string]struct {
		pattern *regexp.Regexp
		path    string
		body    func(name string) map[string]any
	}{
		"environment": {envNamePattern, "/envs", func(name string) map[string]any { return map[string]any{"name": name} }},
		"app":         {appNamePattern, "/apps", func(name string) map[string]any { return map[string]any{"name": name} }},
		"api": {apiNamePattern, "/apis", func(name string) map[string]any {
			return map[string]any{"name": name, "type": 1, "req_protocol": "HTTPS", "req_method": "GET", "req_uri": "/rules",
				"auth_type": "APP", "backend_type": "MOCK", "group_id": emuapig.FixtureGroupID}
		}},
	}
	for kind, tc := range testCases {
		path, err := c.instancePath(ctx, emuapig.FixtureInstanceID, tc.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			err := c.do(ctx, httpclient.Request{Method: http.MethodPost, Path: path, Body: tc.body(name)}, nil)
			if err != nil && httpclient.StatusCode(err) != http.StatusBadRequest {
				t.Fatalf("%s %q: %v", kind, name, err)
			}
			if created, valid := err == nil, tc.pattern.MatchString(name); created != valid {
				t.Errorf("%s %q: the gateway creates it: %v; the validator accepts it: %v", kind, name, created, valid)
			}
		}
	}
}
