package apig_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// The create models' patterns for apps (huaweicloud-sdk-go-v3 apig/v2 AppCreate), with lengths in
// characters: a Chinese character is one character, not three bytes.
func TestAPIGAppRules(t *testing.T) {
	_, c := startAPIG(t)
	han := func(n int) string { return strings.Repeat("订", n) }
	testCases := map[string]struct {
		body    map[string]any
		wantBad string // the parameter named by the 400, or "" for a 201
	}{
		"ascii name":                         {map[string]any{"name": "orders_app"}, ""},
		"chinese name":                       {map[string]any{"name": "订单应用"}, ""},
		"64 chinese characters":              {map[string]any{"name": han(64)}, ""},
		"65 chinese characters":              {map[string]any{"name": han(65)}, "name"},
		"name starting with an underscore":   {map[string]any{"name": "_orders"}, "name"},
		"name with a hyphen":                 {map[string]any{"name": "orders-app"}, "name"},
		"255 character remark":               {map[string]any{"name": "remark_ok", "remark": han(255)}, ""},
		"256 character remark":               {map[string]any{"name": "remark_long", "remark": han(256)}, "remark"},
		"app key with hyphen and underscore": {map[string]any{"name": "key_ok", "app_key": "Key-0001_abc"}, ""},
		"app key of 200":                     {map[string]any{"name": "key_long_ok", "app_key": "k" + strings.Repeat("0", 199)}, ""},
		"app key of 201":                     {map[string]any{"name": "key_too_long", "app_key": "k" + strings.Repeat("0", 200)}, "app_key"},
		"app key starting with a hyphen":     {map[string]any{"name": "key_hyphen", "app_key": "-key00001"}, "app_key"},
		"app key with a period":              {map[string]any{"name": "key_period", "app_key": "key.00001"}, "app_key"},
		"app key of 7":                       {map[string]any{"name": "key_short", "app_key": "key0001"}, "app_key"},
		"secret with every allowed sign":     {map[string]any{"name": "secret_ok", "app_secret": "s3cret_-!@#$%"}, ""},
		"secret of 128":                      {map[string]any{"name": "secret_long_ok", "app_secret": "s" + strings.Repeat("x", 127)}, ""},
		"secret of 129":                      {map[string]any{"name": "secret_too_long", "app_secret": "s" + strings.Repeat("x", 128)}, "app_secret"},
		"secret starting with a sign":        {map[string]any{"name": "secret_sign", "app_secret": "!s3cret000"}, "app_secret"},
		"secret with a caret":                {map[string]any{"name": "secret_caret", "app_secret": "s3cret^000"}, "app_secret"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			status, _, out := c.do("POST", c.base()+"/apps", tc.body, nil)
			if tc.wantBad == "" {
				if status != 201 {
					t.Errorf("HTTP %d %v, want 201", status, out)
				}
				return
			}
			if status != 400 || out["error_code"] != "APIG.2011" || !strings.Contains(out["error_msg"].(string), "parameterName:"+tc.wantBad+".") {
				t.Errorf("HTTP %d %v, want 400 APIG.2011 naming %s", status, out, tc.wantBad)
			}
		})
	}
	// An update is held to the same rules.
	status, _, out := c.do("PUT", c.base()+"/apps/"+apig.FixtureAppID, map[string]any{"name": "demo_app", "app_secret": "s3cret^000"}, nil)
	if status != 400 || !strings.Contains(out["error_msg"].(string), "parameterName:app_secret.") {
		t.Errorf("update with a bad secret: HTTP %d %v", status, out)
	}
}

// Environment names are letters, digits and underscores only; group and API names take Chinese
// characters and a few signs, counted as characters.
func TestAPIGNameRules(t *testing.T) {
	_, c := startAPIG(t)
	han := func(n int) string { return strings.Repeat("订", n) }
	api := func(name string) map[string]any {
		return map[string]any{"name": name, "type": 1, "req_protocol": "HTTPS", "req_method": "GET", "req_uri": "/x",
			"auth_type": "APP", "backend_type": "MOCK", "group_id": apig.FixtureGroupID}
	}
	testCases := map[string]struct {
		path   string
		body   map[string]any
		status int
	}{
		"environment":                     {"/envs", map[string]any{"name": "STAGING_2"}, 201},
		"chinese environment":             {"/envs", map[string]any{"name": "生产环境"}, 400},
		"environment with a hyphen":       {"/envs", map[string]any{"name": "pre-prod"}, 400},
		"chinese group":                   {"/api-groups", map[string]any{"name": "订单服务（内部）"}, 201},
		"group starting with a digit":     {"/api-groups", map[string]any{"name": "2024.orders/v1:a、b"}, 201},
		"group of 255 chinese characters": {"/api-groups", map[string]any{"name": han(255)}, 201},
		"group of 256 chinese characters": {"/api-groups", map[string]any{"name": han(256)}, 400},
		"group with a space":              {"/api-groups", map[string]any{"name": "order service"}, 400},
		"chinese api":                     {"/apis", api("查询订单"), 201},
		"api of 255 chinese characters":   {"/apis", api(han(255)), 201},
		"api of 256 chinese characters":   {"/apis", api(han(256)), 400},
		"api of 2 characters":             {"/apis", api("ab"), 400},
		"api starting with a hyphen":      {"/apis", api("-orders"), 400},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			status, _, out := c.do("POST", c.base()+tc.path, tc.body, nil)
			if status != tc.status {
				t.Fatalf("HTTP %d %v, want %d", status, out, tc.status)
			}
			if status == 400 && (out["error_code"] != "APIG.2011" || !strings.Contains(out["error_msg"].(string), "parameterName:name.")) {
				t.Errorf("400 body %v, want APIG.2011 naming name", out)
			}
		})
	}
}

// Keystone leaves the catalog out for any non-empty nocatalog value (OTC IAM: "Any non-empty string
// for this parameter will be interpreted as true").
func TestIAMNoCatalogAnyValue(t *testing.T) {
	srv, _ := startAPIG(t)
	anon := &apigTestClient{t: t, srv: srv}
	creds := srv.Credentials()
	for query, wantCatalog := range map[string]bool{"": true, "?nocatalog=": true, "?nocatalog=true": false, "?nocatalog=1": false, "?nocatalog=false": false} {
		status, _, body := anon.do("POST", "/v3/auth/tokens"+query, passwordAuth(creds, creds.APIGPassword), nil)
		if status != 201 {
			t.Fatalf("%q: HTTP %d %v", query, status, body)
		}
		if _, has := body["token"].(map[string]any)["catalog"]; has != wantCatalog {
			t.Errorf("%q: catalog present %v, want %v", query, has, wantCatalog)
		}
	}
}

// The list filters of the SDK's request models select; they are not ignored.
func TestAPIGListFilters(t *testing.T) {
	_, c := startAPIG(t)
	count := func(path string) int {
		t.Helper()
		status, _, out := c.do("GET", c.base()+path, nil, nil)
		if status != 200 {
			t.Fatalf("GET %s: HTTP %d %v", path, status, out)
		}
		return int(out["total"].(float64))
	}
	app := apig.FixtureAppID
	apig.Of(c.srv).Authorize(apig.FixtureInstanceID, app, apig.FixtureAPIs["list_orders"], apig.DefaultEnvID)
	testCases := map[string]struct {
		path string
		want int
	}{
		"apis by method":                      {"/apis?req_method=DELETE", 1},
		"apis by path, substring":             {"/apis?req_uri=/orders", 4},
		"apis by path, precise":               {"/apis?req_uri=/orders&precise_search=req_uri", 2},
		"apis by protocol":                    {"/apis?req_protocol=HTTP", 0},
		"apis by type":                        {"/apis?type=1", 6},
		"private apis":                        {"/apis?type=2", 0},
		"apis by vpc channel":                 {"/apis?vpc_channel_name=backend", 0},
		"apis without tags":                   {"/apis?tags=%23no_tags%23", 6},
		"apis with a tag":                     {"/apis?tags=team", 0},
		"apis with one of two tags":           {"/apis?tags=team&tags=%23no_tags%23", 6},
		"valid apps":                          {"/apps?status=1", 2},
		"apps made by users":                  {"/apps?creator=USER", 2},
		"apps from the marketplace":           {"/apps?creator=MARKET", 0},
		"groups by id":                        {"/api-groups?id=" + apig.FixtureGroupID, 1},
		"groups by another id":                {"/api-groups?id=" + strings.Repeat("0", 32), 0},
		"groups by name, precise":             {"/api-groups?name=order&precise_search=name", 0},
		"groups by name, substring":           {"/api-groups?name=order", 1},
		"bound apis without tags":             {"/app-auths/binded-apis?app_id=" + app + "&tags=%23no_tags%23", 1},
		"bound apis with a tag":               {"/app-auths/binded-apis?app_id=" + app + "&tags=team", 0},
		"unbound apis with a tag":             {"/app-auths/unbinded-apis?app_id=" + app + "&env_id=" + apig.DefaultEnvID + "&tags=team", 0},
		"unbound apis without a tag (filter)": {"/app-auths/unbinded-apis?app_id=" + app + "&env_id=" + apig.DefaultEnvID, 4},
	}
	for name, tc := range testCases {
		if got := count(tc.path); got != tc.want {
			t.Errorf("%s: total %d, want %d", name, got, tc.want)
		}
	}
	for path, param := range map[string]string{"/apis?auth_type=BASIC": "auth_type", "/apis?type=3": "type", "/apps?status=0": "status", "/apps?creator=ADMIN": "creator"} {
		status, _, out := c.do("GET", c.base()+path, nil, nil)
		if status != 400 || out["error_code"] != "APIG.2011" || !strings.Contains(out["error_msg"].(string), "parameterName:"+param+".") {
			t.Errorf("GET %s: HTTP %d %v, want 400 APIG.2011 naming %s", path, status, out, param)
		}
	}
}

// An app can be authorized for at most 1,000 APIs in total (OTC user guide, "Authorizing API
// Access"), in all environments together, not only 1,000 per request.
func TestAPIGAppAuthorizationQuota(t *testing.T) {
	srv, c := startAPIG(t)
	a := apig.Of(srv)
	release := bulkAPIs(a, 999)
	authorize := func(env string, apis ...string) (int, map[string]any) {
		status, _, out := c.do("POST", c.base()+"/app-auths", map[string]any{"env_id": env, "app_ids": []string{apig.FixtureAppID}, "api_ids": apis}, nil)
		return status, out
	}
	if status, out := authorize(apig.DefaultEnvID, release...); status != 201 {
		t.Fatalf("999 authorizations: HTTP %d %v", status, out)
	}
	// Two more, in another environment, would make 1,001: the whole request is refused.
	status, out := authorize(apig.FixtureEnvID, apig.FixtureAPIs["list_orders"], apig.FixtureAPIs["get_order"])
	if status != 403 || out["error_code"] != "APIG.3100" {
		t.Errorf("1,001st authorization: HTTP %d %v, want 403 APIG.3100", status, out)
	}
	if n := len(a.Auths(apig.FixtureInstanceID)); n != 999 {
		t.Errorf("%d records after the refused request, want 999", n)
	}
	// A pair that is already authorized does not count again; the 1,000th is accepted.
	if status, out := authorize(apig.FixtureEnvID, release[0], apig.FixtureAPIs["list_orders"]); status != 201 {
		t.Errorf("1,000th authorization: HTTP %d %v", status, out)
	}
	if status, out := authorize(apig.DefaultEnvID, release[:10]...); status != 201 {
		t.Errorf("already authorized pairs at the quota: HTTP %d %v", status, out)
	}
	if status, out := authorize(apig.FixtureEnvID, apig.FixtureAPIs["get_order"]); status != 403 || out["error_code"] != "APIG.3100" {
		t.Errorf("1,001st authorization: HTTP %d %v, want 403 APIG.3100", status, out)
	}
}

// A bad signature or an unknown AK is refused by the gateway in front of the management API, whose
// codes are APIGW.* (Huawei Cloud API Request Signing Guide, "Common Errors Related to IAM
// Authentication Information").
func TestAPIGOfficialSDKUnknownAccessKey(t *testing.T) {
	srv, _ := startAPIG(t)
	client := newSDKClientAs(t, srv, "UNKNOWNACCESSKEY0000", srv.Credentials().APIGSecretKey)
	_, err := client.ListApisBindedToAppV2(&model.ListApisBindedToAppV2Request{InstanceId: apig.FixtureInstanceID, AppId: apig.FixtureAppID})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("got %T %v", err, err)
	}
	want := "Incorrect IAM authentication information: Get secretKey failed,ak:UNKNOWNACCESSKEY0000,err:ak not exist"
	if se.StatusCode != 401 || se.ErrorCode != "APIGW.0301" || se.ErrorMessage != want {
		t.Errorf("401 parsed as %+v, want APIGW.0301 %q", se, want)
	}
}
