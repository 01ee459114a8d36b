package apig_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/iam"
)

type apigTestClient struct {
	t     *testing.T
	srv   *core.Server
	token string
}

func startAPIG(t *testing.T) (*core.Server, *apigTestClient) {
	t.Helper()
	srv := emulator.New(emulator.Options{Seed: 3, APIGFixtures: true})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := &apigTestClient{t: t, srv: srv}
	status, hdr, body := c.do("POST", "/v3/auth/tokens", passwordAuth(srv.Credentials(), srv.Credentials().APIGPassword), nil)
	if status != 201 || hdr.Get("X-Subject-Token") == "" {
		t.Fatalf("token: %d %s", status, body)
	}
	c.token = hdr.Get("X-Subject-Token")
	return srv, c
}

func passwordAuth(c core.Credentials, password string) map[string]any {
	return map[string]any{"auth": map[string]any{
		"identity": map[string]any{"methods": []string{"password"}, "password": map[string]any{"user": map[string]any{
			"name": c.APIGUser, "password": password, "domain": map[string]any{"name": c.APIGDomain},
		}}},
		"scope": map[string]any{"project": map[string]any{"name": c.APIGProject}},
	}}
}

func (c *apigTestClient) do(method, path string, body any, hdr map[string]string) (int, http.Header, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.srv.URL()+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("X-Auth-Token", c.token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, resp.Header, out
}

func (c *apigTestClient) base() string {
	return "/v2/" + c.srv.Credentials().APIGProjectID + "/apigw/instances/" + apig.FixtureInstanceID
}

func TestIAMTokenChecksCredentials(t *testing.T) {
	srv, c := startAPIG(t)
	creds := srv.Credentials()
	anon := &apigTestClient{t: t, srv: srv}

	status, hdr, body := anon.do("POST", "/v3/auth/tokens?nocatalog=true", passwordAuth(creds, creds.APIGPassword), nil)
	tok := body["token"].(map[string]any)
	if status != 201 || hdr.Get("X-Subject-Token") == "" || tok["project"].(map[string]any)["id"] != creds.APIGProjectID || tok["expires_at"] == "" || tok["catalog"] != nil {
		t.Errorf("good password: %d %v", status, body)
	}
	status, _, body = anon.do("POST", "/v3/auth/tokens", passwordAuth(creds, "wrong"), nil)
	if status != 401 || body["error"].(map[string]any)["message"] != "The username or password is wrong." {
		t.Errorf("bad password: %d %v", status, body)
	}
	wrongDomain := passwordAuth(creds, creds.APIGPassword)
	wrongDomain["auth"].(map[string]any)["identity"].(map[string]any)["password"].(map[string]any)["user"].(map[string]any)["domain"] = map[string]any{"name": "other"}
	if status, _, _ := anon.do("POST", "/v3/auth/tokens", wrongDomain, nil); status != 401 {
		t.Errorf("bad domain: %d", status)
	}
	wrongProject := passwordAuth(creds, creds.APIGPassword)
	wrongProject["auth"].(map[string]any)["scope"] = map[string]any{"project": map[string]any{"name": "eu-nl"}}
	if status, _, _ := anon.do("POST", "/v3/auth/tokens", wrongProject, nil); status != 401 {
		t.Errorf("bad project: %d", status)
	}

	// The token works; a made-up one, none, or a revoked one get the gateway's 401 bodies.
	if status, _, body := c.do("GET", c.base()+"/envs", nil, nil); status != 200 || body["total"].(float64) != 2 {
		t.Errorf("envs with token: %d %v", status, body)
	}
	bad := &apigTestClient{t: t, srv: srv, token: "MIIT-made-up"}
	if status, hdr, body := bad.do("GET", c.base()+"/envs", nil, nil); status != 401 || body["error_code"] != "APIG.1002" ||
		body["error_msg"] != "Incorrect token or token resolution failed" || body["request_id"] != hdr.Get("X-Request-Id") {
		t.Errorf("made-up token: %d %v", status, body)
	}
	if status, _, body := anon.do("GET", c.base()+"/envs", nil, nil); status != 401 || body["error_code"] != "APIG.1000" {
		t.Errorf("no token: %d %v", status, body)
	}
	other := "/v2/" + strings.Repeat("0", 32) + "/apigw/instances/" + apig.FixtureInstanceID + "/envs"
	if status, _, body := c.do("GET", other, nil, nil); status != 403 || body["error_code"] != "APIG.1005" {
		t.Errorf("other project: %d %v", status, body)
	}
	iam.Of(srv).RevokeAll()
	if status, _, body := c.do("GET", c.base()+"/envs", nil, nil); status != 401 || body["error_code"] != "APIG.1001" {
		t.Errorf("revoked token: %d %v", status, body)
	}
}

func TestAPIGRevokeAfterUses(t *testing.T) {
	srv, c := startAPIG(t)
	iam.Of(srv).SetSettings(iam.Settings{RevokeAfterUses: 2})
	// The limit counts uses from the token's first APIG request, and startAPIG made none.
	for i, want := range []int{200, 200, 401} {
		if status, _, _ := c.do("GET", c.base()+"/envs", nil, nil); status != want {
			t.Errorf("use %d: %d, want %d", i+1, status, want)
		}
	}
}

// bulkAPIs creates n APP-authenticated APIs in a new group of the fixture instance, published in
// RELEASE, and returns their ids.
func bulkAPIs(a *apig.Emulator, n int) []string {
	group := a.CreateGroup(apig.FixtureInstanceID, "bulk")
	ids := make([]string, n)
	for i := range ids {
		ids[i] = a.CreateAPI(apig.FixtureInstanceID, group, fmt.Sprintf("bulk_%04d", i), "APP", apig.DefaultEnvID)
	}
	return ids
}

func TestAPIGAuthorizeResultsAndPaging(t *testing.T) {
	srv, c := startAPIG(t)
	a := apig.Of(srv)
	inst := apig.FixtureInstanceID
	ids := bulkAPIs(a, 520)
	none := apig.FixtureAPIs["order_health"]
	devOnly := apig.FixtureAPIs["cancel_order"]
	unknown := strings.Repeat("f", 32)
	body := map[string]any{"env_id": apig.DefaultEnvID, "app_ids": []string{apig.FixtureAppID}, "api_ids": append(ids, none, devOnly, unknown)}
	status, _, out := c.do("POST", c.base()+"/app-auths", body, nil)
	if status != 201 {
		t.Fatalf("authorize: %d %v", status, out)
	}
	results := map[string]map[string]any{}
	for _, x := range out["auths"].([]any) {
		m := x.(map[string]any)
		results[m["api_id"].(string)] = m["auth_result"].(map[string]any)
	}
	for id, code := range map[string]string{none: "APIG.2011", devOnly: "APIG.3015", unknown: "APIG.3002"} {
		if results[id]["status"] != "FAILED" || results[id]["error_code"] != code {
			t.Errorf("api %s: %v, want FAILED %s", id, results[id], code)
		}
	}
	if results[ids[0]]["status"] != "SUCCESS" {
		t.Errorf("bulk api: %v", results[ids[0]])
	}

	// Authorizing again is SKIPPED.
	status, _, out = c.do("POST", c.base()+"/app-auths", map[string]any{"env_id": apig.DefaultEnvID, "app_ids": []string{apig.FixtureAppID}, "api_ids": ids[:1]}, nil)
	if status != 201 || out["auths"].([]any)[0].(map[string]any)["auth_result"].(map[string]any)["status"] != "SKIPPED" {
		t.Errorf("duplicate: %d %v", status, out)
	}

	// limit is capped at 500; total counts every match.
	q := "/app-auths/binded-apis?app_id=" + apig.FixtureAppID + "&env_id=" + apig.DefaultEnvID
	_, _, page := c.do("GET", c.base()+q+"&limit=1000", nil, nil)
	if page["total"].(float64) != 520 || page["size"].(float64) != 500 {
		t.Errorf("page 1: total %v size %v", page["total"], page["size"])
	}
	_, _, page = c.do("GET", c.base()+q+"&limit=500&offset=500", nil, nil)
	if page["size"].(float64) != 20 {
		t.Errorf("page 2: size %v", page["size"])
	}
	_, _, page = c.do("GET", c.base()+q, nil, nil)
	if page["size"].(float64) != 20 {
		t.Errorf("default limit: size %v", page["size"])
	}

	// Errors with the documented codes.
	checks := []struct {
		method, path string
		body         any
		status       int
		code         string
	}{
		{"GET", "/app-auths/binded-apis", nil, 400, "APIG.2011"},
		{"GET", "/app-auths/binded-apis?app_id=" + unknown, nil, 404, "APIG.3004"},
		{"DELETE", "/app-auths/" + unknown, nil, 404, "APIG.3009"},
		{"POST", "/app-auths", map[string]any{"env_id": apig.DefaultEnvID, "app_ids": []string{unknown}, "api_ids": ids[:1]}, 404, "APIG.3004"},
		{"POST", "/app-auths", map[string]any{"env_id": unknown, "app_ids": []string{apig.FixtureAppID}, "api_ids": ids[:1]}, 404, "APIG.3003"},
		{"POST", "/app-auths", map[string]any{"env_id": apig.DefaultEnvID, "app_ids": []string{apig.FixtureAppID}, "api_ids": []string{}}, 400, "APIG.2011"},
		{"GET", "/app-auths/unbinded-apis?app_id=" + apig.FixtureAppID, nil, 400, "APIG.2011"},
	}
	for _, ch := range checks {
		status, _, out := c.do(ch.method, c.base()+ch.path, ch.body, nil)
		if status != ch.status || out["error_code"] != ch.code {
			t.Errorf("%s %s: %d %v, want %d %s", ch.method, ch.path, status, out, ch.status, ch.code)
		}
	}
	otherInst := "/v2/" + srv.Credentials().APIGProjectID + "/apigw/instances/" + unknown + "/envs"
	if status, _, out := c.do("GET", otherInst, nil, nil); status != 404 || out["error_code"] != "APIG.3030" {
		t.Errorf("unknown instance: %d %v", status, out)
	}

	// Deleting the app removes its records.
	a.DeleteApp(inst, apig.FixtureAppID)
	if n := len(a.Auths(inst)); n != 0 {
		t.Errorf("%d records survive their app", n)
	}
}

func TestAPIGConcurrentWritesConflict(t *testing.T) {
	srv, c := startAPIG(t)
	apig.Of(srv).SetSettings(apig.Settings{ConflictWindowMS: 50})
	body := func(api string) map[string]any {
		return map[string]any{"env_id": apig.DefaultEnvID, "app_ids": []string{apig.FixtureAppID}, "api_ids": []string{apig.FixtureAPIs[api]}}
	}
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	codes := make([]any, 2)
	for i, api := range []string{"list_orders", "get_order"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out map[string]any
			statuses[i], _, out = c.do("POST", c.base()+"/app-auths", body(api), nil)
			codes[i] = out["error_code"]
		}()
	}
	wg.Wait()
	conflicts := 0
	for i := range statuses {
		if statuses[i] == 500 && codes[i] == "APIG.3500" {
			conflicts++
		}
	}
	if conflicts != 1 {
		t.Errorf("statuses %v codes %v: want exactly one APIG.3500", statuses, codes)
	}
	// Another app is not blocked.
	apig.Of(srv).SetSettings(apig.Settings{})
	if status, _, _ := c.do("POST", c.base()+"/app-auths", body("create_order"), nil); status != 201 {
		t.Errorf("after the window: %d", status)
	}
}

func TestAPIGLookupsAndFixtureEnv(t *testing.T) {
	srv, c := startAPIG(t)
	env := strings.Join(srv.Env(), "\n")
	if !strings.Contains(env, "TF_VAR_apig_instance_id="+apig.FixtureInstanceID) {
		t.Errorf("Env() lacks the fixture instance:\n%s", env)
	}
	_, _, out := c.do("GET", c.base()+"/apis?name=list_orders&precise_search=name", nil, nil)
	apis := out["apis"].([]any)
	if len(apis) != 1 {
		t.Fatalf("apis: %v", out)
	}
	api := apis[0].(map[string]any)
	if api["run_env_name"] != "RELEASE|DEV" || api["auth_type"] != "APP" || api["group_name"] != "orders" {
		t.Errorf("list_orders = %v", api)
	}
	_, _, out = c.do("GET", c.base()+"/apps?name=demo_app&precise_search=name", nil, nil)
	if out["total"].(float64) != 1 || out["apps"].([]any)[0].(map[string]any)["id"] != apig.FixtureAppID {
		t.Errorf("apps: %v", out)
	}
	status, _, out := c.do("POST", c.base()+"/apps", map[string]any{"name": "1bad"}, nil)
	if status != 400 || out["error_code"] != "APIG.2011" || !strings.Contains(out["error_msg"].(string), "parameterName:name") {
		t.Errorf("bad app name: %d %v", status, out)
	}
	status, _, out = c.do("POST", c.base()+"/apis/action", map[string]any{"action": "online", "env_id": apig.FixtureEnvID, "api_id": apig.FixtureAPIs["create_order"]}, nil)
	if status != 201 || out["publish_id"] == "" {
		t.Errorf("publish: %d %v", status, out)
	}
	status, _, out = c.do("DELETE", c.base()+"/apis/"+apig.FixtureAPIs["create_order"], nil, nil)
	if status != 403 || out["error_code"] != "APIG.3416" {
		t.Errorf("delete published API: %d %v", status, out)
	}
}

// The related objects through the wire API: an environment, an app, a group and an API, batch
// publication, authorization, and what taking offline and deleting do to the records.
func TestAPIGObjectsLifecycle(t *testing.T) {
	srv, c := startAPIG(t)
	ok := func(status int, out map[string]any, want int) map[string]any {
		t.Helper()
		if status != want {
			t.Fatalf("HTTP %d %v, want %d", status, out, want)
		}
		return out
	}
	do := func(method, path string, body any, want int) map[string]any {
		t.Helper()
		status, _, out := c.do(method, c.base()+path, body, nil)
		return ok(status, out, want)
	}
	env := do("POST", "/envs", map[string]any{"name": "TEST", "remark": "tests"}, 201)["id"].(string)
	do("PUT", "/envs/"+env, map[string]any{"name": "TEST2"}, 200)
	if out := do("POST", "/envs", map[string]any{"name": "TEST2"}, 400); out["error_code"] != "APIG.3205" {
		t.Errorf("duplicate env: %v", out)
	}
	app := do("POST", "/apps", map[string]any{"name": "tester"}, 201)
	if app["app_secret"] == "" || app["app_key"] == "" || app["status"].(float64) != 1 {
		t.Errorf("app = %v", app)
	}
	appID := app["id"].(string)
	do("PUT", "/apps/"+appID, map[string]any{"name": "tester2", "remark": "renamed"}, 200)
	other := do("POST", "/apps", map[string]any{"name": "other_app", "app_key": "other-app-key-0001"}, 201)["id"].(string)
	if out := do("PUT", "/apps/"+other, map[string]any{"name": "tester2"}, 400); out["error_code"] != "APIG.3203" {
		t.Errorf("rename to a taken app name: %v", out)
	}
	if out := do("PUT", "/apps/"+appID, map[string]any{"name": "tester2", "app_key": "other-app-key-0001"}, 400); out["error_code"] != "APIG.3310" {
		t.Errorf("update to a taken AppKey: %v", out)
	}
	if out := do("PUT", "/envs/"+env, map[string]any{"name": "release"}, 400); out["error_code"] != "APIG.3205" {
		t.Errorf("rename to a taken environment name (any case): %v", out)
	}
	do("DELETE", "/apps/"+other, nil, 204)
	group := do("POST", "/api-groups", map[string]any{"name": "testing"}, 201)["id"].(string)
	api := do("POST", "/apis", map[string]any{
		"name": "ping", "type": 1, "req_protocol": "HTTPS", "req_method": "GET", "req_uri": "/ping",
		"auth_type": "APP", "backend_type": "MOCK", "group_id": group,
	}, 201)["id"].(string)
	if out := do("POST", "/apis", map[string]any{"name": "pong", "type": 1, "req_protocol": "HTTPS", "req_method": "GET",
		"req_uri": "/pong", "auth_type": "BASIC", "backend_type": "MOCK", "group_id": group}, 400); !strings.Contains(out["error_msg"].(string), "auth_type") {
		t.Errorf("bad auth_type: %v", out)
	}
	status, _, out := c.do("POST", c.base()+"/apis/publish?action=online", map[string]any{"env_id": env, "apis": []string{api, strings.Repeat("0", 32)}}, nil)
	ok(status, out, 200)
	if len(out["success"].([]any)) != 1 || out["failure"].([]any)[0].(map[string]any)["error_code"] != "APIG.3002" {
		t.Errorf("batch publish: %v", out)
	}
	auth := do("POST", "/app-auths", map[string]any{"env_id": env, "app_ids": []string{appID}, "api_ids": []string{api}}, 201)
	if s := auth["auths"].([]any)[0].(map[string]any)["auth_result"].(map[string]any)["status"]; s != "SUCCESS" {
		t.Fatalf("authorize: %v", auth)
	}
	bound := do("GET", "/app-auths/binded-apps?api_id="+api, nil, 200)
	if bound["total"].(float64) != 1 || bound["auths"].([]any)[0].(map[string]any)["app_name"] != "tester2" {
		t.Errorf("binded-apps: %v", bound)
	}
	do("DELETE", "/envs/"+env, nil, 403)
	do("DELETE", "/api-groups/"+group, nil, 403)
	do("POST", "/apis/action", map[string]any{"action": "offline", "env_id": env, "api_id": api}, 204)
	// Taking the API offline leaves the authorization; deleting the group removes it with the API.
	if n := len(apig.Of(srv).Auths(apig.FixtureInstanceID)); n != 1 {
		t.Errorf("%d records after offline, want 1", n)
	}
	do("DELETE", "/api-groups/"+group, nil, 204)
	if n := len(apig.Of(srv).Auths(apig.FixtureInstanceID)); n != 0 {
		t.Errorf("%d records after the group was deleted", n)
	}
	do("DELETE", "/envs/"+env, nil, 204)
	do("DELETE", "/envs/"+apig.DefaultEnvID, nil, 404)
	do("DELETE", "/apps/"+appID, nil, 204)
	do("GET", "/apps/"+appID, nil, 404)
}
