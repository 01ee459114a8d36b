package authress

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// startServer starts a server holding only the Authress family, closed at
// test end.
func startServer(t *testing.T, cfg core.Config) *core.Server {
	t.Helper()
	return emutest.Start(t, newServer(cfg))
}

func newServer(cfg core.Config) *core.Server {
	s := core.NewServer(cfg)
	s.Register(Name, New(s))
	return s
}

// authressClient calls the emulator with one Authorization value.
type authressClient struct {
	t     *testing.T
	s     *core.Server
	token string
}

func newAuthressClient(t *testing.T, s *core.Server) *authressClient {
	return &authressClient{t: t, s: s, token: s.Credentials().AuthressAccessKey}
}

type authressResponse struct {
	status int
	header http.Header
	raw    []byte
	body   map[string]any
}

func (c *authressClient) call(method, path, body string) authressResponse {
	c.t.Helper()
	r, err := c.try(method, path, body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

// try returns transport errors instead of failing the test.
func (c *authressClient) try(method, path, body string) (authressResponse, error) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.s.URL()+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/links+json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := emutest.FreshClient().Do(req)
	if err != nil {
		return authressResponse{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return authressResponse{}, err
	}
	out := authressResponse{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			c.t.Fatalf("%s %s: body is not a JSON object: %s", method, path, raw)
		}
	}
	return out, nil
}

func (c *authressClient) must(method, path, body string, status int) authressResponse {
	c.t.Helper()
	r := c.call(method, path, body)
	if r.status != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.status, status, r.raw)
	}
	return r
}

// mintAuthressJWT signs claims like the Authress SDKs do, with edits applied.
func mintAuthressJWT(t *testing.T, s *core.Server, edit func(h map[string]any, c jwt.MapClaims) ed25519.PrivateKey) string {
	t.Helper()
	k, err := parseAccessKey(s.Credentials().AuthressAccessKey)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claims := jwt.MapClaims{
		"iss":       s.URL() + "/v1/clients/" + url.PathEscape(k.ClientID),
		"sub":       k.ClientID,
		"client_id": k.ClientID,
		"aud":       k.AccountID + ".accounts.authress.io",
		"iat":       now.Unix(),
		"exp":       now.Add(24 * time.Hour).Unix(),
		"scope":     "openid",
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["kid"] = k.KeyID
	tok.Header["typ"] = "at+jwt"
	key := k.PrivateKey
	if edit != nil {
		if other := edit(tok.Header, claims); other != nil {
			key = other
		}
	}
	signed, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return signed
}

func TestAuthressConnectionLifecycle(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 31})
	c := newAuthressClient(t, s)

	created := c.must("POST", "/v1/connections", `{"authenticationUrl":"https://idp.example/authorize","tokenUrl":"https://idp.example/token","clientId":"cid","clientSecret":"shh-1","data":{"name":"Example IdP"},"tags":{"env":"test"}}`, http.StatusCreated)
	if ct := created.header.Get("Content-Type"); ct != "application/links+json" {
		t.Errorf("Content-Type = %q", ct)
	}
	id, _ := created.body["connectionId"].(string)
	if !regexp.MustCompile(`^con_[A-Za-z0-9]{22}$`).MatchString(id) {
		t.Errorf("assigned connectionId %q", id)
	}
	wantDefaults := map[string]any{
		"type":                                    "OAUTH2",
		"isActiveConnection":                      true,
		"clientId":                                "cid",
		"data.name":                               "Example IdP",
		"data.supportedContentType":               "application/json",
		"data.userIdExpression":                   "{sub}",
		"data.trustIdentityUserId":                false,
		"defaultConnectionProperties.scope":       "profile email openid",
		"conditions.requireBusinessAccount":       false,
		"conditions.authenticationLeewayDuration": "PT5M",
		"tags.env":                                "test",
	}
	for path, want := range wantDefaults {
		if got := jsonPath(created.body, path); got != want {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
	for _, f := range []string{"createdTime", "lastUpdated"} {
		if _, err := time.Parse(time.RFC3339, created.body[f].(string)); err != nil || !strings.HasSuffix(created.body[f].(string), "Z") {
			t.Errorf("%s = %v is not RFC3339 UTC", f, created.body[f])
		}
	}

	got := c.must("GET", "/v1/connections/"+id, "", http.StatusOK)
	if got.body["authenticationUrl"] != "https://idp.example/authorize" || got.header.Get("Content-Type") != "application/links+json" {
		t.Errorf("GET = %s", got.raw)
	}

	time.Sleep(2 * time.Millisecond)
	updated := c.must("PUT", "/v1/connections/"+id, `{"type":"SAML2","authenticationUrl":"https://idp.example/sso","issuerUrl":"urn:idp","providerCertificate":"MIIB","clientSecret":"shh-2"}`, http.StatusOK)
	if updated.body["type"] != "SAML2" || updated.body["createdTime"] != created.body["createdTime"] || updated.body["lastUpdated"] == created.body["lastUpdated"] {
		t.Errorf("PUT = %s", updated.raw)
	}
	// Full replace: fields not sent are gone, defaults are back.
	if _, ok := updated.body["clientId"]; ok {
		t.Errorf("PUT kept clientId: %s", updated.raw)
	}
	if _, ok := updated.body["tags"]; ok {
		t.Errorf("PUT kept tags: %s", updated.raw)
	}
	if jsonPath(updated.body, "data.userIdExpression") != "{sub}" {
		t.Errorf("PUT lost defaults: %s", updated.raw)
	}

	del := c.must("DELETE", "/v1/connections/"+id, "", http.StatusNoContent)
	if len(del.raw) != 0 {
		t.Errorf("DELETE body %q, want empty", del.raw)
	}
	for _, m := range []string{"GET", "DELETE"} {
		r := c.must(m, "/v1/connections/"+id, "", http.StatusNotFound)
		if r.body["errorCode"] != "NotFound" || r.body["title"] == "" || r.body["errorId"] == "" {
			t.Errorf("%s after delete: %s", m, r.raw)
		}
	}
	c.must("PUT", "/v1/connections/"+id, `{"type":"OAUTH2"}`, http.StatusNotFound)
	if n := len(s.State()["authress"].(map[string]any)["connections"].(map[string]any)); n != 0 {
		t.Errorf("state holds %d connections after delete", n)
	}
}

// jsonPath reads a dotted path from decoded JSON.
func jsonPath(v any, path string) any {
	for _, p := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}

func TestAuthressCallerChosenIDAndConflict(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 32})
	c := newAuthressClient(t, s)
	r := c.must("POST", "/v1/connections", `{"connectionId":"my-idp.v1:a_b"}`, http.StatusCreated)
	if r.body["connectionId"] != "my-idp.v1:a_b" {
		t.Errorf("connectionId = %v", r.body["connectionId"])
	}
	dup := c.must("POST", "/v1/connections", `{"connectionId":"my-idp.v1:a_b","type":"SAML2"}`, http.StatusConflict)
	if dup.body["errorCode"] != "ConnectionAlreadyExists" {
		t.Errorf("409 body %s", dup.raw)
	}
	c.must("PUT", "/v1/connections/my-idp.v1:a_b", `{"connectionId":"other"}`, http.StatusBadRequest)
	c.must("PUT", "/v1/connections/my-idp.v1:a_b", `{"connectionId":"my-idp.v1:a_b"}`, http.StatusOK)
}

func TestAuthressConcurrentCreatesOfOneID(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 33})
	c := newAuthressClient(t, s)
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := c.call("POST", "/v1/connections", `{"connectionId":"race"}`)
			mu.Lock()
			statuses[r.status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if statuses[201] != 1 || statuses[409] != 19 {
		t.Errorf("statuses = %v, want one 201 and nineteen 409", statuses)
	}
}

func TestAuthressValidation(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 34})
	c := newAuthressClient(t, s)
	long := func(n int) string { return strings.Repeat("a", n) }
	testCases := map[string]struct {
		body    string
		field   string
		ruleHas string
	}{
		"unknown field":                 {`{"displayName":"x"}`, "displayName", "unknown field"},
		"unknown nested field":          {`{"data":{"displayName":"x"}}`, "displayName", "unknown field"},
		"createdTime read-only":         {`{"createdTime":"2024-01-01T00:00:00Z"}`, "createdTime", "read-only"},
		"lastUpdated read-only":         {`{"lastUpdated":"2024-01-01T00:00:00Z"}`, "lastUpdated", "read-only"},
		"isActiveConnection read-only":  {`{"isActiveConnection":true}`, "isActiveConnection", "read-only"},
		"type enum":                     {`{"type":"OIDC"}`, "type", "OAUTH2, SAML2, WebAuthN, PASSWORD, OPENID-LEGACY"},
		"type wrong json type":          {`{"type":1}`, "type", "must be a string"},
		"connectionId empty":            {`{"connectionId":""}`, "connectionId", "between 1 and 64"},
		"connectionId too long":         {`{"connectionId":"` + long(65) + `"}`, "connectionId", "between 1 and 64"},
		"connectionId pattern":          {`{"connectionId":"a/b"}`, "connectionId", "must match"},
		"authenticationUrl empty":       {`{"authenticationUrl":""}`, "authenticationUrl", "between 1 and 256"},
		"authenticationUrl too long":    {`{"authenticationUrl":"` + long(257) + `"}`, "authenticationUrl", "between 1 and 256"},
		"tokenUrl too long":             {`{"tokenUrl":"` + long(129) + `"}`, "tokenUrl", "at most 128"},
		"issuerUrl too long":            {`{"issuerUrl":"` + long(129) + `"}`, "issuerUrl", "at most 128"},
		"clientId too long":             {`{"clientId":"` + long(129) + `"}`, "clientId", "at most 128"},
		"clientSecretId too long":       {`{"clientSecretId":"` + long(33) + `"}`, "clientSecretId", "at most 32"},
		"clientSecret too long":         {`{"clientSecret":"` + long(2049) + `"}`, "clientSecret", "at most 2048"},
		"providerCertificate too long":  {`{"providerCertificate":"` + long(4097) + `"}`, "providerCertificate", "at most 4096"},
		"tag value too long":            {`{"tags":{"k":"` + long(129) + `"}}`, "tags.k", "at most 128"},
		"tag value not a string":        {`{"tags":{"k":1}}`, "tags.k", "must be a string"},
		"data.name too long":            {`{"data":{"name":"` + long(65) + `"}}`, "data.name", "at most 64"},
		"data.tenantId pattern":         {`{"data":{"tenantId":"a b"}}`, "data.tenantId", "must match"},
		"data.tenantId too long":        {`{"data":{"tenantId":"` + long(129) + `"}}`, "data.tenantId", "at most 128"},
		"data.developerAccountId long":  {`{"data":{"developerAccountId":"` + long(33) + `"}}`, "data.developerAccountId", "at most 32"},
		"data.oidcUserEndpointUrl long": {`{"data":{"oidcUserEndpointUrl":"` + long(129) + `"}}`, "data.oidcUserEndpointUrl", "at most 128"},
		"data.userIdExpression long":    {`{"data":{"userIdExpression":"` + long(129) + `"}}`, "data.userIdExpression", "at most 128"},
		"data.supportedContentType":     {`{"data":{"supportedContentType":"text/xml"}}`, "data.supportedContentType", "application/json, application/x-www-form-urlencoded"},
		"scope too long":                {`{"defaultConnectionProperties":{"scope":"` + long(385) + `"}}`, "defaultConnectionProperties.scope", "at most 384"},
		"other property too long":       {`{"defaultConnectionProperties":{"prompt":"` + long(129) + `"}}`, "defaultConnectionProperties.prompt", "at most 128"},
		"property not a string":         {`{"defaultConnectionProperties":{"prompt":true}}`, "defaultConnectionProperties.prompt", "must be a string"},
		"leeway not a duration":         {`{"conditions":{"authenticationLeewayDuration":"5 minutes"}}`, "conditions.authenticationLeewayDuration", "ISO-8601"},
		"leeway too short":              {`{"conditions":{"authenticationLeewayDuration":"PT30S"}}`, "conditions.authenticationLeewayDuration", "between PT1M and PT1H"},
		"leeway too long":               {`{"conditions":{"authenticationLeewayDuration":"PT61M"}}`, "conditions.authenticationLeewayDuration", "between PT1M and PT1H"},
		"linking type":                  {`{"linkingConfiguration":{"type":"MANUAL"}}`, "linkingConfiguration.type", "EXPLICIT, AUTOMATIC"},
		"data location":                 {`{"userDataConfiguration":{"location":"NLD"}}`, "userDataConfiguration.location", "must be one of"},
		"assignment type lower case":    {`{"tenantConfiguration":{"assignmentType":"default"}}`, "tenantConfiguration.assignmentType", "must match"},
		"assignment type empty":         {`{"tenantConfiguration":{"assignmentType":""}}`, "tenantConfiguration.assignmentType", "must match"},
		"requireBusinessAccount type":   {`{"conditions":{"requireBusinessAccount":"yes"}}`, "conditions.requireBusinessAccount", "must be a boolean"},
		"empty body":                    {``, "", "empty"},
		"malformed":                     {`{"type":`, "", "malformed"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for _, target := range []struct{ method, path string }{{"POST", "/v1/connections"}, {"PUT", "/v1/connections/existing"}} {
				if target.method == "PUT" {
					c.call("POST", "/v1/connections", `{"connectionId":"existing"}`)
				}
				r := c.must(target.method, target.path, tc.body, http.StatusBadRequest)
				title, _ := r.body["title"].(string)
				if r.body["errorCode"] != "InvalidRequest" || r.body["errorId"] == "" {
					t.Errorf("%s: body %s", target.method, r.raw)
				}
				if (tc.field != "" && !strings.Contains(title, "'"+tc.field+"'")) || !strings.Contains(title, tc.ruleHas) {
					t.Errorf("%s: title %q, want field %q and %q", target.method, title, tc.field, tc.ruleHas)
				}
			}
		})
	}
	t.Cleanup(func() {
		if n := len(s.State()["authress"].(map[string]any)["connections"].(map[string]any)); n != 1 {
			t.Errorf("invalid requests created connections: %d in state, want only \"existing\"", n)
		}
	})
}

func TestAuthressAcceptsValidValues(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 35})
	c := newAuthressClient(t, s)
	body := `{"type":"OPENID-LEGACY","connectionId":"` + strings.Repeat("a", 64) + `","authenticationUrl":"` + strings.Repeat("u", 256) + `",
		"tokenUrl":null,"clientSecret":"` + strings.Repeat("s", 2048) + `","providerCertificate":"` + strings.Repeat("c", 4096) + `",
		"data":{"name":"` + strings.Repeat("n", 64) + `","tenantId":"t-1.a:b_c","supportedContentType":"application/x-www-form-urlencoded","trustIdentityUserId":true,"userIdExpression":"{email}"},
		"defaultConnectionProperties":{"scope":"","prompt":"consent"},
		"conditions":{"requireBusinessAccount":true,"authenticationLeewayDuration":"PT1H"},
		"linkingConfiguration":{"type":null},"userDataConfiguration":{"location":"DEU"},
		"tenantConfiguration":{"assignmentType":"PASSTHROUGH"},"tags":{"a":"` + strings.Repeat("v", 128) + `"}}`
	r := c.must("POST", "/v1/connections", body, http.StatusCreated)
	for path, want := range map[string]any{
		"defaultConnectionProperties.scope":       "",
		"defaultConnectionProperties.prompt":      "consent",
		"conditions.authenticationLeewayDuration": "PT1H",
		"conditions.requireBusinessAccount":       true,
		"data.trustIdentityUserId":                true,
		"data.userIdExpression":                   "{email}",
		"tenantConfiguration.assignmentType":      "PASSTHROUGH",
		"userDataConfiguration.location":          "DEU",
	} {
		if got := jsonPath(r.body, path); got != want {
			t.Errorf("%s = %#v, want %#v", path, got, want)
		}
	}
	for _, d := range []string{"PT1M", "PT60M", "PT3600S", "PT0H5M"} {
		c.must("POST", "/v1/connections", `{"conditions":{"authenticationLeewayDuration":"`+d+`"}}`, http.StatusCreated)
	}
}

func TestAuthressSecretNeverReturned(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 36})
	c := newAuthressClient(t, s)
	const secret = "very-secret-value-42"
	responses := []authressResponse{
		c.must("POST", "/v1/connections", `{"connectionId":"sec","clientSecret":"`+secret+`"}`, http.StatusCreated),
		c.must("GET", "/v1/connections/sec", "", http.StatusOK),
		c.must("GET", "/v1/connections", "", http.StatusOK),
		c.must("PUT", "/v1/connections/sec", `{"clientSecret":"`+secret+`"}`, http.StatusOK),
	}
	for i, r := range responses {
		if strings.Contains(string(r.raw), secret) || strings.Contains(string(r.raw), "clientSecret") {
			t.Errorf("response %d exposes the secret: %s", i, r.raw)
		}
	}
	stored := func() any {
		return jsonPath(s.State()["authress"], "connections.sec.clientSecret")
	}
	if stored() != secret {
		t.Errorf("stored clientSecret = %v", stored())
	}
	for _, logged := range s.Requests() {
		if strings.Contains(logged.Body, secret) {
			t.Errorf("request log holds the secret: %+v", logged)
		}
	}
	// PUT without clientSecret is a full replace: the secret is gone.
	c.must("PUT", "/v1/connections/sec", `{"type":"OAUTH2"}`, http.StatusOK)
	if stored() != nil {
		t.Errorf("clientSecret after PUT without it = %v, want none", stored())
	}
}

func TestAuthressListPaginationAndFilter(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 37})
	c := newAuthressClient(t, s)
	wantMatched := map[string]bool{}
	for i := range 23 {
		id := fmt.Sprintf("conn-%02d", i)
		name := "Other"
		switch i % 3 {
		case 0:
			name = "ALPHA corp"
			wantMatched[id] = true
		case 1:
			name = "alphabet"
			wantMatched[id] = true
		}
		c.must("POST", "/v1/connections", fmt.Sprintf(`{"connectionId":%q,"data":{"name":%q},"clientSecret":"alpha-secret"}`, id, name), http.StatusCreated)
	}
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		q := url.Values{"limit": {"4"}, "filter": {"AlPhA"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		r := c.must("GET", "/v1/connections?"+q.Encode(), "", http.StatusOK)
		pages++
		conns := r.body["connections"].([]any)
		if len(conns) > 4 {
			t.Fatalf("page of %d > limit 4", len(conns))
		}
		for _, x := range conns {
			id := x.(map[string]any)["connectionId"].(string)
			if seen[id] {
				t.Errorf("%s listed twice", id)
			}
			seen[id] = true
		}
		next, hasNext := jsonPath(r.body, "pagination.next.cursor").(string)
		if _, ok := r.body["pagination"].(map[string]any); !ok {
			t.Fatalf("pagination missing: %s", r.raw)
		}
		if !hasNext {
			if _, present := r.body["pagination"].(map[string]any)["next"]; present {
				t.Errorf("last page has pagination.next: %s", r.raw)
			}
			break
		}
		cursor = next
	}
	if len(seen) != len(wantMatched) || pages != (len(wantMatched)+3)/4 {
		t.Errorf("listed %d connections in %d pages, want %d in %d", len(seen), pages, len(wantMatched), (len(wantMatched)+3)/4)
	}
	for id := range wantMatched {
		if !seen[id] {
			t.Errorf("%s missing from filtered list", id)
		}
	}
	// The secret is not searchable.
	if r := c.must("GET", "/v1/connections?filter=alpha-secret", "", http.StatusOK); len(r.body["connections"].([]any)) != 0 {
		t.Errorf("filter matched the secret: %s", r.raw)
	}
	// No filter, default limit covers all 23 in one page.
	if r := c.must("GET", "/v1/connections", "", http.StatusOK); len(r.body["connections"].([]any)) != 23 || jsonPath(r.body, "pagination.next") != nil {
		t.Errorf("default list: %d connections, next=%v", len(r.body["connections"].([]any)), jsonPath(r.body, "pagination.next"))
	}
	// The JS SDK lists with a trailing slash.
	if r := c.must("GET", "/v1/connections/", "", http.StatusOK); len(r.body["connections"].([]any)) != 23 {
		t.Errorf("list with trailing slash: %s", r.raw)
	}
	for _, q := range []string{"limit=0", "limit=x", "limit=101", "limit=1000", "cursor=garbage"} {
		r := c.must("GET", "/v1/connections?"+q, "", http.StatusBadRequest)
		if r.body["errorCode"] != "InvalidRequest" || r.body["errorId"] == "" {
			t.Errorf("%s: %s", q, r.raw)
		}
		if title, _ := r.body["title"].(string); strings.HasPrefix(q, "limit") && !strings.Contains(title, "'limit' must be an integer between 1 and 100") {
			t.Errorf("%s: title %q", q, title)
		}
	}
	for _, q := range []string{"limit=1", "limit=100"} {
		c.must("GET", "/v1/connections?"+q, "", http.StatusOK)
	}
}

func TestAuthressDefaultLimitIs100(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 38})
	c := newAuthressClient(t, s)
	for i := range 101 {
		c.must("POST", "/v1/connections", fmt.Sprintf(`{"connectionId":"c%03d"}`, i), http.StatusCreated)
	}
	r := c.must("GET", "/v1/connections", "", http.StatusOK)
	if n := len(r.body["connections"].([]any)); n != 100 {
		t.Errorf("first page holds %d, want 100", n)
	}
	cursor, _ := jsonPath(r.body, "pagination.next.cursor").(string)
	r = c.must("GET", "/v1/connections?cursor="+url.QueryEscape(cursor), "", http.StatusOK)
	if n := len(r.body["connections"].([]any)); n != 1 || jsonPath(r.body, "connections") == nil {
		t.Errorf("second page holds %d, want 1", n)
	}
}

func TestAuthressAuthentication(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 39})
	k, _ := parseAccessKey(s.Credentials().AuthressAccessKey)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	testCases := map[string]struct {
		token  func() string
		header string // a full Authorization value, instead of Bearer token
		status int
	}{
		"raw access key":           {token: func() string { return s.Credentials().AuthressAccessKey }, status: http.StatusOK},
		"jwt custom-domain issuer": {token: func() string { return mintAuthressJWT(t, s, nil) }, status: http.StatusOK},
		"jwt authress.io issuer": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iss"] = "https://" + k.AccountID + ".api.authress.io/v1/clients/" + k.ClientID
				return nil
			})
		}, status: http.StatusOK},
		"jwt small clock skew": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iat"] = time.Now().Add(10 * time.Second).Unix()
				return nil
			})
		}, status: http.StatusOK},
		"missing header": {status: http.StatusUnauthorized},
		"basic scheme":   {header: "Basic dXNlcjpwYXNz", status: http.StatusUnauthorized},
		"wrong raw key":  {token: func() string { return core.DefaultCredentials(1).AuthressAccessKey }, status: http.StatusUnauthorized},
		"garbage":        {token: func() string { return "not-a-token" }, status: http.StatusUnauthorized},
		"garbage jwt":    {token: func() string { return "eyJhbGciOi.garbage.sig" }, status: http.StatusUnauthorized},
		"wrong kid": {token: func() string {
			return mintAuthressJWT(t, s, func(h map[string]any, _ jwt.MapClaims) ed25519.PrivateKey { h["kid"] = "other"; return nil })
		}, status: http.StatusUnauthorized},
		"wrong aud": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["aud"] = "https://api.authress.io"
				return nil
			})
		}, status: http.StatusUnauthorized},
		"expired": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iat"], c["exp"] = time.Now().Add(-2*time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
				return nil
			})
		}, status: http.StatusUnauthorized},
		"no exp": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey { delete(c, "exp"); return nil })
		}, status: http.StatusUnauthorized},
		"jwt of the SDKs' 24 hours": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iat"], c["exp"] = time.Now().Add(-time.Hour).Unix(), time.Now().Add(23*time.Hour).Unix()
				return nil
			})
		}, status: http.StatusOK},
		"jwt living longer than 24 hours": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["exp"] = time.Now().Add(24*time.Hour + time.Minute).Unix()
				return nil
			})
		}, status: http.StatusUnauthorized},
		"jwt without iat expiring after 24 hours": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				delete(c, "iat")
				c["exp"] = time.Now().Add(25 * time.Hour).Unix()
				return nil
			})
		}, status: http.StatusUnauthorized},
		"jwt without iat within 24 hours": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey { delete(c, "iat"); return nil })
		}, status: http.StatusOK},
		"iat in the future": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iat"] = time.Now().Add(time.Hour).Unix()
				return nil
			})
		}, status: http.StatusUnauthorized},
		"wrong key": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, _ jwt.MapClaims) ed25519.PrivateKey { return otherKey })
		}, status: http.StatusUnauthorized},
		"wrong sub": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey { c["sub"] = "sc_other"; return nil })
		}, status: http.StatusUnauthorized},
		"wrong issuer host": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iss"] = "https://evil.example/v1/clients/" + k.ClientID
				return nil
			})
		}, status: http.StatusUnauthorized},
		"wrong issuer client": {token: func() string {
			return mintAuthressJWT(t, s, func(_ map[string]any, c jwt.MapClaims) ed25519.PrivateKey {
				c["iss"] = s.URL() + "/v1/clients/sc_other"
				return nil
			})
		}, status: http.StatusUnauthorized},
		"hs256": {token: func() string {
			tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": k.ClientID, "aud": k.AccountID + ".accounts.authress.io", "exp": time.Now().Add(time.Hour).Unix()})
			tok.Header["kid"] = k.KeyID
			signed, _ := tok.SignedString([]byte("secret"))
			return signed
		}, status: http.StatusUnauthorized},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req, _ := http.NewRequest("GET", s.URL()+"/v1/connections", nil)
			switch {
			case tc.header != "":
				req.Header.Set("Authorization", tc.header)
			case tc.token != nil:
				req.Header.Set("Authorization", "Bearer "+tc.token())
			}
			resp, err := emutest.FreshClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]string
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %v", resp.StatusCode, tc.status, body)
			}
			if tc.status == http.StatusUnauthorized && (body["errorCode"] != "Unauthorized" || body["title"] == "" || body["errorId"] == "") {
				t.Errorf("401 body %v", body)
			}
		})
	}
}

// A trusted OIDC identity's JWTs call the API directly, with every check a token gets: its key, its
// audience, its expiry and lifetime.
func TestAuthressTrustedIdentity(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 42})
	k, _ := parseAccessKey(s.Credentials().AuthressAccessKey)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	const issuer = "https://token.ci.example"
	audience := "https://" + k.AccountID + ".api.authress.io"
	body := fmt.Sprintf(`{"issuer":%q,"audience":%q,"publicKey":%q}`, issuer, audience, base64.StdEncoding.EncodeToString(pub))
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/trusted-identities", body, http.StatusNoContent)
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/trusted-identities", `{"issuer":"x","audience":"y","publicKey":"c2hvcnQ="}`, http.StatusBadRequest)
	mint := func(edit func(c jwt.MapClaims), key ed25519.PrivateKey) string {
		now := time.Now()
		c := jwt.MapClaims{"iss": issuer, "sub": "repo:org/infra", "aud": audience, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
		if edit != nil {
			edit(c)
		}
		signed, err := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return signed
	}
	testCases := map[string]struct {
		token  string
		status int
	}{
		"trusted":              {mint(nil, priv), http.StatusOK},
		"audience in a list":   {mint(func(c jwt.MapClaims) { c["aud"] = []string{"other", audience} }, priv), http.StatusOK},
		"another audience":     {mint(func(c jwt.MapClaims) { c["aud"] = "https://api.authress.io" }, priv), http.StatusUnauthorized},
		"another key":          {mint(nil, otherKey), http.StatusUnauthorized},
		"another issuer":       {mint(func(c jwt.MapClaims) { c["iss"] = "https://token.other.example" }, priv), http.StatusUnauthorized},
		"expired":              {mint(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }, priv), http.StatusUnauthorized},
		"longer than 24 hours": {mint(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(25 * time.Hour).Unix() }, priv), http.StatusUnauthorized},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := &authressClient{t: t, s: s, token: tc.token}
			r := c.must("GET", "/v1/connections", "", tc.status)
			if tc.status == http.StatusUnauthorized && r.body["errorCode"] != "Unauthorized" {
				t.Errorf("401 body %s", r.raw)
			}
		})
	}
}

func TestAuthressForbiddenOperations(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 40})
	c := newAuthressClient(t, s)
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/forbidden", `{"operations":["CreateConnection"]}`, http.StatusNoContent)
	r := c.must("POST", "/v1/connections", `{}`, http.StatusForbidden)
	if r.body["errorCode"] != "Forbidden" {
		t.Errorf("403 body %s", r.raw)
	}
	c.must("GET", "/v1/connections", "", http.StatusOK)
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/forbidden", `{"operations":["*"]}`, http.StatusNoContent)
	c.must("GET", "/v1/connections", "", http.StatusForbidden)
	// Authentication is checked first.
	bad := &authressClient{t: t, s: s, token: "nope"}
	bad.must("GET", "/v1/connections", "", http.StatusUnauthorized)
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/forbidden", `{"operations":[]}`, http.StatusNoContent)
	c.must("POST", "/v1/connections", `{}`, http.StatusCreated)
}

func TestAuthressUserCredentials(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 41})
	c := newAuthressClient(t, s)
	c.must("POST", "/v1/connections", `{"connectionId":"gh"}`, http.StatusCreated)
	path := "/v1/connections/gh/users/" + url.PathEscape("oauth2|gh|42") + "/credentials"
	c.must("GET", path, "", http.StatusNotFound)

	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/users/"+url.PathEscape("oauth2|gh|42")+"/connections/gh/credentials", `{"accessToken":"gho_token"}`, http.StatusNoContent)
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/authress/users/u/connections/gh/credentials", `{}`, http.StatusBadRequest)
	r := c.must("GET", path, "", http.StatusOK)
	if r.body["accessToken"] != "gho_token" || len(r.body) != 1 || r.header.Get("Content-Type") != "application/links+json" {
		t.Errorf("credentials = %s", r.raw)
	}
	c.must("GET", "/v1/connections/gh/users/someone-else/credentials", "", http.StatusNotFound)
	// A path's connection id is 1 to 64 characters, on every route.
	long := "/v1/connections/" + strings.Repeat("c", 65)
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		body := ""
		if m == "PUT" {
			body = `{}`
		}
		if r := c.must(m, long, body, http.StatusBadRequest); !strings.Contains(r.body["title"].(string), "'connectionId' must be between 1 and 64") {
			t.Errorf("%s of a 65-character connection id: %s", m, r.raw)
		}
	}
	c.must("GET", long+"/users/u/credentials", "", http.StatusBadRequest)
	// The user id is 1 to 64 characters.
	c.must("GET", "/v1/connections/gh/users/"+strings.Repeat("u", 64)+"/credentials", "", http.StatusNotFound)
	if r := c.must("GET", "/v1/connections/gh/users/"+strings.Repeat("u", 65)+"/credentials", "", http.StatusBadRequest); r.body["errorCode"] != "InvalidRequest" ||
		!strings.Contains(r.body["title"].(string), "'userId' must be between 1 and 64 characters long (got 65)") {
		t.Errorf("a 65-character user id: %s", r.raw)
	}
	c.must("GET", "/v1/connections/missing/users/u/credentials", "", http.StatusNotFound)

	SetUserCredentials(s, "gh", "u2", "tok2")
	if r := c.must("GET", "/v1/connections/gh/users/u2/credentials", "", http.StatusOK); r.body["accessToken"] != "tok2" {
		t.Errorf("credentials set from Go = %s", r.raw)
	}
	// Deleting the connection drops its users' credentials.
	c.must("DELETE", "/v1/connections/gh", "", http.StatusNoContent)
	c.must("POST", "/v1/connections", `{"connectionId":"gh"}`, http.StatusCreated)
	c.must("GET", path, "", http.StatusNotFound)
	if creds := s.State()["authress"].(map[string]any)["userCredentials"].([]any); len(creds) != 0 {
		t.Errorf("user credentials after delete: %v", creds)
	}
}

func TestAuthressFaultsUseAuthressErrors(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 42, Faults: core.FaultConfig{Rate: 1, Kinds: []string{core.Fault429}, Routes: []string{"authress.CreateConnection"}}})
	c := newAuthressClient(t, s)
	r := c.must("POST", "/v1/connections", `{}`, http.StatusTooManyRequests)
	if r.body["errorCode"] != "TooManyRequests" || r.header.Get("Retry-After") != "0" || r.header.Get("Content-Type") != "application/links+json" {
		t.Errorf("429: %s %v", r.raw, r.header)
	}
	c.must("GET", "/v1/connections", "", http.StatusOK)
	if st := s.Stats(); st.Family("authress") != 2 || st.Route("authress.CreateConnection") != 1 || st.Status("429") != 1 {
		t.Errorf("stats = %+v", st)
	}

	s.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"authress.CreateConnection"}})
	if _, err := c.try("POST", "/v1/connections", `{"connectionId":"dropped"}`); err == nil {
		t.Fatal("commit_drop: client got a response")
	}
	s.SetFaults(core.FaultConfig{})
	// The write was committed: a retry sees 409, a read sees the object.
	c.must("POST", "/v1/connections", `{"connectionId":"dropped"}`, http.StatusConflict)
	c.must("GET", "/v1/connections/dropped", "", http.StatusOK)
}
