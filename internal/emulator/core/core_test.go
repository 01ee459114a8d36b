package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// testFamily is a family that exists only in this package's tests, to
// exercise the core without depending on a real service's rules.
type testFamily struct {
	s      *Server
	things *Store[testThing]
}

type testThing struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Secret string `json:"secret,omitempty"`
}

func (f *testFamily) Routes(r *Router) {
	r.Handle("POST /testfam/things", "CreateThing", f.create)
	r.Handle("GET /testfam/things/{id}", "GetThing", f.get)
	r.Handle("GET /testfam/echo/{arn}/tail", "Echo", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"arn": r.PathValue("arn"), "raw": r.URL.EscapedPath()})
	})
	r.Handle("POST /testfam/signed/{arn}", "Signed", func(w http.ResponseWriter, r *http.Request) {
		if err := f.s.VerifySigV4(r, Body(r), "testsvc"); err != nil {
			f.s.WriteSigV4Error(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	r.Admin("POST /_emulator/testfam/things", f.create)
}

func (f *testFamily) create(w http.ResponseWriter, r *http.Request) {
	var t testThing
	if err := DecodeJSON(Body(r), &t); err != nil {
		WriteJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	if t.ID == "" {
		t.ID = f.s.UUID()
	}
	f.things.Put(t.ID, t)
	WriteJSON(w, http.StatusCreated, t)
}

func (f *testFamily) get(w http.ResponseWriter, r *http.Request) {
	t, ok := f.things.Get(r.PathValue("id"))
	if !ok {
		WriteJSON(w, http.StatusNotFound, map[string]string{"message": "not found"})
		return
	}
	WriteJSON(w, http.StatusOK, t)
}

func (f *testFamily) State() any { return map[string]any{"things": f.things.Snapshot()} }
func (f *testFamily) Reset()     { f.things.Reset() }

// WriteRefusal answers in the family's own shape, which tests tell apart
// from the core's {"message": ...}.
func (f *testFamily) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	WriteJSON(w, http.StatusForbidden, map[string]string{"testfam_error": message})
}

// startServer starts a server holding only the test family on a free
// loopback port, closed at test end.
func startServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	return emutest.Start(t, newTestServer(cfg))
}

func newTestServer(cfg Config) *Server {
	s := NewServer(cfg)
	s.Register("testfam", &testFamily{s: s, things: NewStore[testThing]()})
	return s
}

func TestPathValueKeepsEscapedSlashInOneSegment(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 1})
	arn := "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f2a/x"
	escaped := "arn%3Aaws%3Aappfabric%3Aus-east-1%3A123456789012%3Aappbundle%2F0f2a%2Fx"
	b := emutest.MustDo(t, "GET", s.URL()+"/testfam/echo/"+escaped+"/tail", "", http.StatusOK)
	var got map[string]string
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got["arn"] != arn {
		t.Errorf("PathValue = %q, want %q", got["arn"], arn)
	}
	if got["raw"] != "/testfam/echo/"+escaped+"/tail" {
		t.Errorf("EscapedPath = %q", got["raw"])
	}
	// An unescaped slash makes extra segments: no route matches.
	emutest.MustDo(t, "GET", s.URL()+"/testfam/echo/arn:aws:x/y/tail", "", http.StatusNotFound)
}

func TestDefaultCredentials(t *testing.T) {
	t.Parallel()
	a, b, c := DefaultCredentials(7), DefaultCredentials(7), DefaultCredentials(8)
	if a != b {
		t.Error("same seed gave different credentials")
	}
	if a == c {
		t.Error("different seeds gave the same credentials")
	}
	checks := map[string]struct {
		value string
		re    string
	}{
		"AWSAccessKeyID":     {a.AWSAccessKeyID, `^AKIA[A-Z0-9]{16}$`},
		"AWSSecretAccessKey": {a.AWSSecretAccessKey, `^[A-Za-z0-9+/]{40}$`},
		"AWSRegion":          {a.AWSRegion, `^us-east-1$`},
		"AWSAccountID":       {a.AWSAccountID, `^[1-9][0-9]{11}$`},
		"APIGProjectID":      {a.APIGProjectID, `^[0-9a-f]{32}$`},
		"AuthressAccessKey":  {a.AuthressAccessKey, `^sc_[a-z0-9]+\.[A-Za-z0-9]+\.acc[a-z0-9]+\.MC4CAQAwBQYDK2VwBCIEI[A-Za-z0-9+/=]+$`},
	}
	for name, tc := range checks {
		if !regexp.MustCompile(tc.re).MatchString(tc.value) {
			t.Errorf("%s = %q does not match %s", name, tc.value, tc.re)
		}
	}
}

func TestEnvListsEveryVariable(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 3})
	env := map[string]string{}
	for _, line := range s.Env() {
		k, v, _ := strings.Cut(line, "=")
		env[k] = v
	}
	c := s.Credentials()
	want := map[string]string{
		"AWS_ACCESS_KEY_ID":           c.AWSAccessKeyID,
		"AWS_SECRET_ACCESS_KEY":       c.AWSSecretAccessKey,
		"AWS_REGION":                  "us-east-1",
		"AWS_ENDPOINT_URL_APPFABRIC":  s.URL(),
		"AWS_ENDPOINT_URL_QUICKSIGHT": s.URL(),
		"AWS_ENDPOINT_URL_STS":        s.URL(),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"APPAUTH_AWS_ACCOUNT_ID":      c.AWSAccountID,
		"AUTHRESS_API_URL":            s.URL(),
		"AUTHRESS_KEY":                c.AuthressAccessKey,
		"OS_APIG_ENDPOINT":            s.URL(),
		"OS_PROJECT_ID":               c.APIGProjectID,
		"OS_AUTH_URL":                 s.URL() + "/v3",
		"OS_USERNAME":                 c.APIGUser,
		"OS_PASSWORD":                 c.APIGPassword,
		"OS_DOMAIN_NAME":              c.APIGDomain,
		"OS_PROJECT_NAME":             c.APIGProject,
		"OS_ACCESS_KEY":               c.APIGAccessKey,
		"OS_SECRET_KEY":               c.APIGSecretKey,
	}
	for k, v := range want {
		if env[k] != v || v == "" {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %q", s.URL())
	}
}

func TestExplicitCredentialsAreUsed(t *testing.T) {
	t.Parallel()
	c := DefaultCredentials(99)
	c.AWSRegion = "eu-west-1"
	s := NewServer(Config{Seed: 1, Credentials: c})
	if s.Credentials() != c {
		t.Error("explicit credentials were replaced")
	}
}

func TestAdminRoutesAndStats(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 5})
	u := s.URL()
	emutest.MustDo(t, "POST", u+"/testfam/things", `{"id":"a","name":"one"}`, http.StatusCreated)
	emutest.MustDo(t, "POST", u+"/testfam/things", `{"name":"two","bogus":1}`, http.StatusBadRequest)
	emutest.MustDo(t, "GET", u+"/testfam/things/a", "", http.StatusOK)
	emutest.MustDo(t, "GET", u+"/testfam/things/missing", "", http.StatusNotFound)
	emutest.MustDo(t, "GET", u+"/nowhere", "", http.StatusNotFound)
	// Admin routes are not counted.
	emutest.MustDo(t, "POST", u+"/_emulator/testfam/things", `{"id":"b","name":"admin"}`, http.StatusCreated)
	emutest.MustDo(t, "GET", u+"/_emulator/unknown", "", http.StatusNotFound)

	var st Stats
	if err := json.Unmarshal(emutest.MustDo(t, "GET", u+"/_emulator/stats", "", http.StatusOK), &st); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][2]int{
		"total":              {st.Total(), 5},
		"family":             {st.Family("testfam"), 4},
		"route create":       {st.Route("testfam.CreateThing"), 2},
		"route get":          {st.Route("testfam.GetThing"), 2},
		"route unmatched":    {st.Route("unmatched"), 1},
		"pattern get":        {st.Pattern("GET /testfam/things/{id}"), 2},
		"status 201":         {st.Status("201"), 1},
		"status 400":         {st.Status("400"), 1},
		"status 404":         {st.Status("404"), 2},
		"Server.Stats agree": {s.Stats().Total(), 5},
	} {
		if got[0] != got[1] {
			t.Errorf("%s = %d, want %d", name, got[0], got[1])
		}
	}

	var state map[string]any
	if err := json.Unmarshal(emutest.MustDo(t, "GET", u+"/_emulator/state", "", http.StatusOK), &state); err != nil {
		t.Fatal(err)
	}
	if things, _ := state["testfam"].(map[string]any)["things"].(map[string]any); len(things) != 2 {
		t.Errorf("state things = %v, want a and b", things)
	}
	if got := s.State()["testfam"].(map[string]any)["things"].(map[string]any)["a"].(map[string]any)["name"]; got != "one" {
		t.Errorf("State() thing a name = %v", got)
	}

	var logged []LoggedRequest
	if err := json.Unmarshal(emutest.MustDo(t, "GET", u+"/_emulator/requests", "", http.StatusOK), &logged); err != nil {
		t.Fatal(err)
	}
	if len(logged) != 5 || logged[0].Route != "testfam.CreateThing" || logged[0].Status != 201 || logged[4].Route != "unmatched" {
		t.Errorf("request log = %+v", logged)
	}

	emutest.MustDo(t, "POST", u+"/_emulator/reset", "", http.StatusNoContent)
	if st := s.Stats(); st.Total() != 0 || len(s.Requests()) != 0 {
		t.Errorf("after reset stats=%+v log=%d", st, len(s.Requests()))
	}
	if things := s.State()["testfam"].(map[string]any)["things"].(map[string]any); len(things) != 0 {
		t.Errorf("after reset things = %v", things)
	}
}

func TestAdminFaultsRoute(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 5})
	testCases := map[string]struct {
		body   string
		status int
	}{
		"valid":         {`{"rate":0.5,"kinds":["429","reset"],"seed":3,"latency_ms":1,"retry_after_seconds":0}`, http.StatusOK},
		"rate above 1":  {`{"rate":1.5,"kinds":["429"]}`, http.StatusBadRequest},
		"unknown kind":  {`{"rate":0.5,"kinds":["teapot"]}`, http.StatusBadRequest},
		"unknown field": {`{"rate":0.5,"kind":["429"]}`, http.StatusBadRequest},
		"not json":      {`rate=1`, http.StatusBadRequest},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			emutest.MustDo(t, "PUT", s.URL()+"/_emulator/faults", tc.body, tc.status)
		})
	}
	var cfg FaultConfig
	if err := json.Unmarshal(emutest.MustDo(t, "GET", s.URL()+"/_emulator/faults", "", http.StatusOK), &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Rate != 0.5 || !slices.Equal(cfg.Kinds, []string{"429", "reset"}) || cfg.Seed != 3 {
		t.Errorf("faults = %+v, want the valid config", cfg)
	}
}

func TestFaultKindsAreObservedByClients(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		kind      string
		status    int  // expected status, 0 for a transport error
		committed bool // the write reached the store
	}{
		"429":         {Fault429, http.StatusTooManyRequests, false},
		"500":         {Fault500, http.StatusInternalServerError, false},
		"503":         {Fault503, http.StatusServiceUnavailable, false},
		"reset":       {FaultReset, 0, false},
		"commit_drop": {FaultCommitDrop, 0, true},
		"latency":     {FaultLatency, http.StatusCreated, true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{Seed: 11, Faults: FaultConfig{Rate: 1, Kinds: []string{tc.kind}, LatencyMS: 30, RetryAfterSeconds: 1}})
			start := time.Now()
			resp, _, err := emutest.Do(t, emutest.FreshClient(), "POST", s.URL()+"/testfam/things", `{"id":"x","name":"n"}`)
			switch {
			case tc.status == 0 && err == nil:
				t.Fatalf("got status %d, want a transport error", resp.StatusCode)
			case tc.status != 0 && err != nil:
				t.Fatalf("transport error %v, want status %d", err, tc.status)
			case tc.status != 0 && resp.StatusCode != tc.status:
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.kind == Fault429 && resp.Header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After = %q, want 1", resp.Header.Get("Retry-After"))
			}
			if tc.kind == FaultLatency && time.Since(start) < 30*time.Millisecond {
				t.Errorf("latency fault took %v, want >= 30ms", time.Since(start))
			}
			things := s.State()["testfam"].(map[string]any)["things"].(map[string]any)
			if _, ok := things["x"]; ok != tc.committed {
				t.Errorf("object committed = %v, want %v", ok, tc.committed)
			}
			st := s.Stats()
			if st.Faults[tc.kind] != 1 || st.Total() != 1 {
				t.Errorf("stats = %+v, want one request with one %s fault", st, tc.kind)
			}
			if reqs := s.Requests(); len(reqs) != 1 || reqs[0].Fault != tc.kind {
				t.Errorf("request log = %+v", reqs)
			}
			// Admin routes are never faulted.
			emutest.MustDo(t, "GET", s.URL()+"/_emulator/state", "", http.StatusOK)
		})
	}
}

func TestFaultsLimitedToRoutes(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 1, Faults: FaultConfig{Rate: 1, Kinds: []string{Fault500}, Routes: []string{"testfam.GetThing"}}})
	emutest.MustDo(t, "POST", s.URL()+"/testfam/things", `{"id":"x","name":"n"}`, http.StatusCreated)
	emutest.MustDo(t, "GET", s.URL()+"/testfam/things/x", "", http.StatusInternalServerError)
	s.SetFaults(FaultConfig{Rate: 1, Kinds: []string{Fault503}, Routes: []string{"testfam"}})
	emutest.MustDo(t, "POST", s.URL()+"/testfam/things", `{"id":"y","name":"n"}`, http.StatusServiceUnavailable)
	s.SetFaults(FaultConfig{})
	emutest.MustDo(t, "GET", s.URL()+"/testfam/things/x", "", http.StatusOK)
}

func TestSteadyLatency(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 1, Faults: FaultConfig{LatencyMS: 40}})
	start := time.Now()
	emutest.MustDo(t, "GET", s.URL()+"/testfam/things/x", "", http.StatusNotFound)
	if d := time.Since(start); d < 40*time.Millisecond {
		t.Errorf("request took %v, want >= 40ms", d)
	}
}

// faultPattern records, for 60 sequential creates, the status or "drop".
func faultPattern(t *testing.T, seed int64) []string {
	t.Helper()
	s := startServer(t, Config{Seed: seed, Faults: FaultConfig{Rate: 0.4, Kinds: []string{Fault429, Fault500, FaultReset, FaultCommitDrop}}})
	c := emutest.FreshClient()
	var out []string
	for i := range 60 {
		resp, _, err := emutest.Do(t, c, "POST", s.URL()+"/testfam/things", fmt.Sprintf(`{"id":"t%d","name":"n"}`, i))
		if err != nil {
			out = append(out, "drop")
			continue
		}
		out = append(out, fmt.Sprint(resp.StatusCode))
	}
	return out
}

func TestFaultsAreDeterministicForASeed(t *testing.T) {
	t.Parallel()
	a, b, c := faultPattern(t, 42), faultPattern(t, 42), faultPattern(t, 43)
	if !slices.Equal(a, b) {
		t.Errorf("same seed, different faults:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Errorf("different seeds, same faults: %v", a)
	}
	kinds := map[string]int{}
	for _, k := range a {
		kinds[k]++
	}
	if kinds["201"] == 0 || kinds["429"] == 0 || kinds["500"] == 0 || kinds["drop"] == 0 {
		t.Errorf("40%% faults over 60 requests gave %v", kinds)
	}
}

func TestRequestLogBlanksCredentials(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		contentType string
		body        string
		query       string
		secrets     []string
		kept        []string
	}{
		"json nested": {
			contentType: "application/json",
			body:        `{"name":"visible","clientSecret":"s3cr3t-1","nested":{"password":"pw-2","list":[{"apiKey":"ak-3","accessToken":"tok-4"}]},"tokenUrl":"https://t.example","clientToken":"idem-5"}`,
			secrets:     []string{"s3cr3t-1", "pw-2", "ak-3", "tok-4"},
			kept:        []string{"visible", "https://t.example", "idem-5"},
		},
		"keystone password object": {
			contentType: "application/json",
			body:        `{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"u","password":"pw-6"}}}}}`,
			secrets:     []string{"pw-6"},
			kept:        []string{`"name":"u"`},
		},
		"form": {
			contentType: "application/x-www-form-urlencoded",
			body:        "Action=Test&ClientSecret=fs-7&Name=keep",
			secrets:     []string{"fs-7"},
			kept:        []string{"Name=keep"},
		},
		"query": {
			query:   "X-Amz-Signature=sig-8&X-Amz-Security-Token=st-9&limit=5",
			secrets: []string{"sig-8", "st-9"},
			kept:    []string{"limit=5"},
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, Config{Seed: 1})
			req, _ := http.NewRequest("POST", s.URL()+"/testfam/things?"+tc.query, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Authorization", "Bearer header-secret-10")
			resp, err := emutest.FreshClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			raw, _ := json.Marshal(s.Requests())
			for _, secret := range append(tc.secrets, "header-secret-10") {
				if bytes.Contains(raw, []byte(secret)) {
					t.Errorf("request log contains %q: %s", secret, raw)
				}
			}
			logged := s.Requests()[0]
			for _, k := range tc.kept {
				if !strings.Contains(logged.Body+logged.Query, k) {
					t.Errorf("request log lost %q: %+v", k, logged)
				}
			}
		})
	}
}

func TestRequestLogIsBounded(t *testing.T) {
	t.Parallel()
	l := newRequestLog(3, requestLogBytes)
	for i := range 5 {
		l.add(LoggedRequest{Route: fmt.Sprint(i)}, 200, "")
	}
	var routes []string
	for _, e := range l.snapshot() {
		routes = append(routes, e.Route)
	}
	if !slices.Equal(routes, []string{"2", "3", "4"}) {
		t.Errorf("log = %v, want the last three in order", routes)
	}
}

func TestDecodeJSON(t *testing.T) {
	t.Parallel()
	type inner struct {
		N int `json:"n"`
	}
	type target struct {
		Name  string `json:"name"`
		Inner inner  `json:"inner"`
	}
	testCases := map[string]struct {
		body      string
		wantField string
		wantIn    string
	}{
		"ok":          {`{"name":"a","inner":{"n":1}}`, "", ""},
		"unknown":     {`{"name":"a","extra":true}`, "extra", "unknown field"},
		"nested type": {`{"inner":{"n":"x"}}`, "inner.n", "must be a number"},
		"wrong type":  {`{"name":5}`, "name", "must be a string"},
		"syntax":      {`{"name":`, "", "malformed JSON"},
		// The character at fault may be a secret's; it is not quoted back.
		"bad value":     {`{"name":Zsecret}`, "", "malformed JSON at offset 9: unexpected character looking for beginning of value"},
		"bad escape":    {`{"name":"a\Zsecret"}`, "", "malformed JSON at offset 12: unexpected character in string escape code"},
		"trailing":      {`{"name":"a"} {}`, "", "unexpected data"},
		"empty":         {``, "", "empty"},
		"not an object": {`[1]`, "", "request body must be an object, not array"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var v target
			err := DecodeJSON([]byte(tc.body), &v)
			if tc.wantIn == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			if de.Field != tc.wantField || !strings.Contains(de.Error(), tc.wantIn) {
				t.Errorf("error = %q (field %q), want field %q containing %q", de, de.Field, tc.wantField, tc.wantIn)
			}
		})
	}
}

func TestCursorPage(t *testing.T) {
	t.Parallel()
	items := []string{"a", "b", "c", "d", "e"}
	id := func(s string) string { return s }
	var got []string
	cursor, pages := "", 0
	for {
		page, next, err := CursorPage(items, id, cursor, 2)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
		pages++
		if next == "" {
			break
		}
		cursor = next
	}
	if !slices.Equal(got, items) || pages != 3 {
		t.Errorf("pages gave %v in %d pages", got, pages)
	}
	// Resuming by key survives deletion of the last item seen.
	_, next, _ := CursorPage(items, id, "", 2)
	page, _, _ := CursorPage([]string{"a", "c", "d", "e"}, id, next, 2)
	if !slices.Equal(page, []string{"c", "d"}) {
		t.Errorf("after deleting b: %v", page)
	}
	// Exact fit: no next cursor on the last page.
	if _, next, _ := CursorPage(items, id, "", 5); next != "" {
		t.Errorf("next cursor %q on a full page", next)
	}
	for _, bad := range []string{"!!", "bm90IGpzb24", EncodeCursor("")} {
		if _, _, err := CursorPage(items, id, bad, 2); !errors.Is(err, ErrBadCursor) {
			t.Errorf("cursor %q: err = %v, want ErrBadCursor", bad, err)
		}
	}
}

func TestOffsetPage(t *testing.T) {
	t.Parallel()
	items := []int{0, 1, 2, 3, 4}
	testCases := map[string]struct {
		offset, limit int
		want          []int
	}{
		"first":    {0, 2, []int{0, 1}},
		"middle":   {2, 2, []int{2, 3}},
		"tail":     {4, 2, []int{4}},
		"beyond":   {9, 2, []int{}},
		"no limit": {1, 0, []int{1, 2, 3, 4}},
		"negative": {-1, 1, []int{0}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := OffsetPage(items, tc.offset, tc.limit); !slices.Equal(got, tc.want) {
				t.Errorf("OffsetPage(%d,%d) = %v, want %v", tc.offset, tc.limit, got, tc.want)
			}
		})
	}
}

func TestStoreConcurrentInsert(t *testing.T) {
	t.Parallel()
	st := NewStore[int]()
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if st.Insert("same", i) {
				mu.Lock()
				wins++
				mu.Unlock()
			}
			st.Put(fmt.Sprint(i), i)
		}()
	}
	wg.Wait()
	if wins != 1 || st.Len() != 51 {
		t.Errorf("wins=%d len=%d, want 1 and 51", wins, st.Len())
	}
	ok, err := st.Update("3", func(v *int) error { *v = 300; return nil })
	if v, _ := st.Get("3"); !ok || err != nil || v != 300 {
		t.Errorf("Update: ok=%v err=%v v=%d", ok, err, v)
	}
	if ok, _ := st.Update("missing", func(*int) error { return nil }); ok {
		t.Error("Update of a missing id reported ok")
	}
	if !st.Delete("3") || st.Delete("3") {
		t.Error("Delete did not report presence correctly")
	}
	keys := st.Keys()
	if !slices.IsSorted(keys) || len(st.List()) != len(keys) {
		t.Errorf("Keys not sorted or List length differs")
	}
}

func TestUUIDsAreSeededV4(t *testing.T) {
	t.Parallel()
	a, b := NewServer(Config{Seed: 9}), NewServer(Config{Seed: 9})
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	first := a.UUID()
	if first != b.UUID() || !re.MatchString(first) {
		t.Errorf("UUID %q not reproducible or not v4", first)
	}
	if a.UUID() == first {
		t.Error("consecutive UUIDs are equal")
	}
	a.Reset()
	if a.UUID() != first {
		t.Error("Reset did not reseed id generation")
	}
	if h := a.RandomHex(32); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(h) {
		t.Errorf("RandomHex = %q", h)
	}
}

func newBody(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }
