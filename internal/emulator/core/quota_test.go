package core

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// fakeClock is a clock tests step by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newTestLimiter holds one family "fam" with operations Read and Write.
func newTestLimiter(t *testing.T, fq FamilyQuotas) (*limiter, *fakeClock) {
	t.Helper()
	l := newLimiter()
	clock := newFakeClock()
	l.setClock(clock.Now)
	l.addOperation("fam", "Read")
	l.addOperation("fam", "Write")
	l.publish("fam", fq)
	if err := l.set(QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return l, clock
}

// takes draws n tokens and reports which draws were allowed.
func takes(l *limiter, op, scope string, n int) []bool {
	out := make([]bool, n)
	for i := range out {
		_, out[i] = l.take("fam", op, scope)
	}
	return out
}

func TestBucketAllowsBurstThenRefillsAtRate(t *testing.T) {
	t.Parallel()
	l, clock := newTestLimiter(t, FamilyQuotas{All: &Quota{Rate: 2, Burst: 3}})
	if got := takes(l, "Read", "a", 4); !equalBools(got, []bool{true, true, true, false}) {
		t.Fatalf("burst of 3 then empty: %v", got)
	}
	th, ok := l.take("fam", "Read", "a")
	if ok || th.RetryAfter != 500*time.Millisecond || th.Quota.Rate != 2 {
		t.Errorf("refusal = %+v, %v; want a wait of 500ms for one token at 2/s", th, ok)
	}
	clock.Advance(499 * time.Millisecond)
	if _, ok := l.take("fam", "Read", "a"); ok {
		t.Error("a token was granted before it was earned")
	}
	clock.Advance(time.Millisecond)
	if got := takes(l, "Read", "a", 2); !equalBools(got, []bool{true, false}) {
		t.Errorf("after 500ms at 2/s, one token: %v", got)
	}
	// A long pause fills the bucket to its burst, not beyond.
	clock.Advance(time.Hour)
	if got := takes(l, "Read", "a", 4); !equalBools(got, []bool{true, true, true, false}) {
		t.Errorf("after an hour: %v, want the burst of 3 only", got)
	}
}

func TestBucketWithoutRateIsAFixedBudget(t *testing.T) {
	t.Parallel()
	l, clock := newTestLimiter(t, FamilyQuotas{All: &Quota{Rate: 0, Burst: 2}})
	takes(l, "Read", "a", 2)
	clock.Advance(24 * time.Hour)
	th, ok := l.take("fam", "Read", "a")
	if ok {
		t.Fatal("a bucket with rate 0 refilled")
	}
	if secs, refills := th.RetryAfterSeconds(); refills || secs != 0 || th.RetryAfter != 0 {
		t.Errorf("RetryAfterSeconds = %d, %v (RetryAfter %s); want none", secs, refills, th.RetryAfter)
	}
}

func TestBucketsArePerScopeAndOperation(t *testing.T) {
	t.Parallel()
	l, _ := newTestLimiter(t, FamilyQuotas{
		All:        &Quota{Rate: 0, Burst: 3},
		Operations: map[string]Quota{"Write": {Rate: 0, Burst: 1}},
	})
	// Write has its own bucket of 1 besides the family's 3.
	if got := takes(l, "Write", "a", 2); !equalBools(got, []bool{true, false}) {
		t.Fatalf("Write: %v", got)
	}
	// The refused Write took nothing from the family's bucket: 2 Reads remain.
	if got := takes(l, "Read", "a", 3); !equalBools(got, []bool{true, true, false}) {
		t.Errorf("Read after Write: %v, want 2 tokens left of 3", got)
	}
	// Another caller has buckets of its own.
	if got := takes(l, "Write", "b", 2); !equalBools(got, []bool{true, false}) {
		t.Errorf("caller b: %v, want its own Write token", got)
	}
	if got := takes(l, "Read", "b", 3); !equalBools(got, []bool{true, true, false}) {
		t.Errorf("caller b Read: %v", got)
	}
}

func TestRefusalNamesTheBucketThatRefillsLast(t *testing.T) {
	t.Parallel()
	l, _ := newTestLimiter(t, FamilyQuotas{
		All:        &Quota{Rate: 10, Burst: 1},
		Operations: map[string]Quota{"Write": {Rate: 0.25, Burst: 1}},
	})
	takes(l, "Write", "a", 1)
	th, ok := l.take("fam", "Write", "a")
	if ok || th.Quota.Rate != 0.25 || th.RetryAfter != 4*time.Second {
		t.Errorf("refusal = %+v, %v; want the Write bucket, 4s", th, ok)
	}
	l2, _ := newTestLimiter(t, FamilyQuotas{
		All:        &Quota{Rate: 0, Burst: 1},
		Operations: map[string]Quota{"Write": {Rate: 1, Burst: 1}},
	})
	takes(l2, "Write", "a", 1)
	if th, ok := l2.take("fam", "Write", "a"); ok || th.Quota.Rate != 0 || th.RetryAfter != 0 {
		t.Errorf("refusal = %+v, %v; want the bucket that never refills", th, ok)
	}
}

func TestQuotasOffNeverThrottle(t *testing.T) {
	t.Parallel()
	l, _ := newTestLimiter(t, FamilyQuotas{All: &Quota{Rate: 0, Burst: 1}})
	if err := l.set(QuotaConfig{}); err != nil {
		t.Fatal(err)
	}
	for _, ok := range takes(l, "Read", "a", 10) {
		if !ok {
			t.Fatal("throttled with quotas off")
		}
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	testCases := map[time.Duration]int{
		time.Nanosecond:         1,
		200 * time.Millisecond:  1,
		time.Second:             1,
		1001 * time.Millisecond: 2,
		90 * time.Second:        90,
	}
	for d, want := range testCases {
		if got, ok := (Throttle{RetryAfter: d}).RetryAfterSeconds(); !ok || got != want {
			t.Errorf("RetryAfterSeconds(%s) = %d, %v; want %d", d, got, ok, want)
		}
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// quotaFamily is a test family with quotas; its caller is the X-Caller header.
type quotaFamily struct{ s *Server }

func (f *quotaFamily) Routes(r *Router) {
	h := func(w http.ResponseWriter, r *http.Request) {
		if f.s.Throttled(w, r, r.Header.Get("X-Caller")) {
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
	r.Handle("GET /quotafam/read", "Read", h)
	r.Handle("POST /quotafam/write", "Write", h)
	r.Admin("GET /_emulator/quotafam/ping", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
}

func (f *quotaFamily) State() any { return map[string]any{} }
func (f *quotaFamily) Reset()     {}

func (f *quotaFamily) PublishedQuotas() FamilyQuotas {
	return FamilyQuotas{All: &Quota{Rate: 1, Burst: 2, Source: "test"}, Operations: map[string]Quota{"Write": {Rate: 0.5, Burst: 1}}}
}

func (f *quotaFamily) WriteThrottle(w http.ResponseWriter, _ *http.Request, t Throttle) {
	secs, _ := t.RetryAfterSeconds()
	WriteJSON(w, http.StatusTooManyRequests, map[string]any{"quotafam_throttled": secs})
}

// startQuotaServer serves the quota and test families with quotas on and a
// clock that stands still unless the test moves it.
func startQuotaServer(t *testing.T) (*Server, *fakeClock) {
	t.Helper()
	s := newTestServer(Config{Seed: 1})
	s.Register("quotafam", &quotaFamily{s: s})
	clock := newFakeClock()
	s.SetQuotaClock(clock.Now)
	if err := s.SetQuotas(QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return emutest.Start(t, s), clock
}

func callerDo(t *testing.T, s *Server, method, path, caller string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Caller", caller)
	resp, b, err := emutest.Send(emutest.FreshClient(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func TestThrottledRequestsGetTheFamilysAnswerAndAreCounted(t *testing.T) {
	t.Parallel()
	s, clock := startQuotaServer(t)
	for i := range 2 {
		if code, body := callerDo(t, s, "GET", "/quotafam/read", "acct-a"); code != http.StatusNoContent {
			t.Fatalf("read %d within the burst: %d %s", i, code, body)
		}
	}
	code, body := callerDo(t, s, "GET", "/quotafam/read", "acct-a")
	if code != http.StatusTooManyRequests || body != `{"quotafam_throttled":1}` {
		t.Fatalf("read beyond the burst: %d %q, want the family's own 429", code, body)
	}
	// Another account does not share acct-a's buckets.
	if code, body := callerDo(t, s, "GET", "/quotafam/read", "acct-b"); code != http.StatusNoContent {
		t.Errorf("acct-b throttled by acct-a's traffic: %d %s", code, body)
	}
	// Admin routes are never throttled, neither the core's nor a family's.
	emutest.MustDo(t, "GET", s.URL()+"/_emulator/quotafam/ping", "", http.StatusNoContent)
	emutest.MustDo(t, "GET", s.URL()+"/_emulator/stats", "", http.StatusOK)
	// A family without quotas is not throttled.
	for range 5 {
		emutest.MustDo(t, "GET", s.URL()+"/testfam/things/none", "", http.StatusNotFound)
	}

	st := s.Stats()
	if st.Status("429") != 1 || st.ThrottledRoute("quotafam.Read") != 1 || st.Status("204") != 3 || st.Route("quotafam.Read") != 4 {
		t.Errorf("stats = %+v, want one throttled read counted as 429 and 3 served", st)
	}
	var throttled []LoggedRequest
	for _, e := range s.Requests() {
		if e.Throttled {
			throttled = append(throttled, e)
		}
	}
	if len(throttled) != 1 || throttled[0].Status != http.StatusTooManyRequests || throttled[0].Route != "quotafam.Read" || throttled[0].Fault != "" {
		t.Errorf("throttled log entries = %+v", throttled)
	}

	// The Write bucket (0.5/s) is drawn from as well as the family's (1/s).
	clock.Advance(2 * time.Second)
	if code, _ := callerDo(t, s, "POST", "/quotafam/write", "acct-a"); code != http.StatusNoContent {
		t.Fatalf("first write: %d", code)
	}
	if code, body := callerDo(t, s, "POST", "/quotafam/write", "acct-a"); code != http.StatusTooManyRequests || body != `{"quotafam_throttled":2}` {
		t.Errorf("second write: %d %q, want 429 with 2 s to wait for the Write bucket", code, body)
	}

	// Reset refills every bucket and keeps the configuration.
	emutest.MustDo(t, "POST", s.URL()+"/_emulator/reset", "", http.StatusNoContent)
	for i := range 2 {
		if code, body := callerDo(t, s, "GET", "/quotafam/read", "acct-a"); code != http.StatusNoContent {
			t.Fatalf("read %d after reset: %d %s", i, code, body)
		}
	}
	if code, _ := callerDo(t, s, "GET", "/quotafam/read", "acct-a"); code != http.StatusTooManyRequests {
		t.Errorf("after reset the quota no longer applies: %d", code)
	}
}

func TestQuotasAreOffByDefault(t *testing.T) {
	t.Parallel()
	s := newTestServer(Config{Seed: 1})
	s.Register("quotafam", &quotaFamily{s: s})
	emutest.Start(t, s)
	for i := range 10 {
		if code, body := callerDo(t, s, "POST", "/quotafam/write", "acct-a"); code != http.StatusNoContent {
			t.Fatalf("write %d with quotas off: %d %s", i, code, body)
		}
	}
	if q := s.Quotas(); q.Enabled || q.Families["quotafam"].All.Burst != 2 {
		t.Errorf("default quotas = %+v, want off with the published figures", q)
	}
}

func TestAdminQuotasRoute(t *testing.T) {
	t.Parallel()
	s, _ := startQuotaServer(t)
	url := s.URL() + "/_emulator/quotas"
	decode := func(b []byte) QuotaConfig {
		t.Helper()
		var c QuotaConfig
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		return c
	}

	published := decode(emutest.MustDo(t, "GET", url, "", http.StatusOK))
	if !published.Enabled || len(published.Families) != 1 || published.Families["quotafam"].Operations["Write"].Rate != 0.5 {
		t.Fatalf("GET = %+v, want the published figures of quotafam only", published)
	}

	put := `{"enabled":true,"families":{"quotafam":{"all":{"rate":3,"burst":4},"operations":{"Read":{"rate":0,"burst":1,"source":"budget"}}}}}`
	got := emutest.MustDo(t, "PUT", url, put, http.StatusOK)
	if again := emutest.MustDo(t, "GET", url, "", http.StatusOK); !bytes.Equal(got, again) {
		t.Errorf("PUT answered %s, GET %s", got, again)
	}
	cfg := decode(got)
	if fq := cfg.Families["quotafam"]; *fq.All != (Quota{Rate: 3, Burst: 4}) || len(fq.Operations) != 1 || fq.Operations["Read"] != (Quota{Burst: 1, Source: "budget"}) {
		t.Errorf("config after PUT = %+v", cfg.Families)
	}
	// The new buckets apply: Read has a budget of one.
	callerDo(t, s, "GET", "/quotafam/read", "x")
	if code, _ := callerDo(t, s, "GET", "/quotafam/read", "x"); code != http.StatusTooManyRequests {
		t.Errorf("second read: %d, want the new budget of 1 to be spent", code)
	}
	// PUT of what GET shows changes nothing.
	if b := emutest.MustDo(t, "PUT", url, string(got), http.StatusOK); !bytes.Equal(b, got) {
		t.Errorf("round trip changed the config: %s, was %s", b, got)
	}
	// A family given as {} is not throttled; a family left out is published again.
	if c := decode(emutest.MustDo(t, "PUT", url, `{"enabled":true,"families":{"quotafam":{}}}`, http.StatusOK)); c.Families["quotafam"].All != nil || len(c.Families["quotafam"].Operations) != 0 {
		t.Errorf("{} = %+v, want no buckets", c.Families)
	}
	if c := decode(emutest.MustDo(t, "PUT", url, `{"enabled":false}`, http.StatusOK)); c.Enabled || c.Families["quotafam"].All.Burst != 2 {
		t.Errorf("off = %+v, want off with the published figures", c)
	}

	before := emutest.MustDo(t, "GET", url, "", http.StatusOK)
	testCases := map[string]struct{ body, want string }{
		"unknown family":        {`{"enabled":true,"families":{"nope":{}}}`, `unknown family \"nope\" (quotas apply to quotafam)`},
		"family without quotas": {`{"enabled":true,"families":{"testfam":{}}}`, `unknown family \"testfam\"`},
		"unknown operation":     {`{"enabled":true,"families":{"quotafam":{"operations":{"Delete":{"rate":1,"burst":1}}}}}`, `quotafam has no operation \"Delete\" (its operations: Read, Write)`},
		"negative rate":         {`{"enabled":true,"families":{"quotafam":{"all":{"rate":-1,"burst":1}}}}`, "families.quotafam.all.rate must be a number of requests a second from 0 to 1e+06, got -1"},
		"rate too high":         {`{"enabled":true,"families":{"quotafam":{"all":{"rate":2e6,"burst":1}}}}`, "families.quotafam.all.rate must be"},
		"zero burst":            {`{"enabled":true,"families":{"quotafam":{"operations":{"Write":{"rate":1}}}}}`, "families.quotafam.operations.Write.burst must be a whole number of requests from 1 to 1000000, got 0"},
		"fractional burst":      {`{"enabled":true,"families":{"quotafam":{"all":{"rate":1,"burst":1.5}}}}`, "burst"},
		"unknown field":         {`{"enabled":true,"limits":{}}`, "limits"},
		"not JSON":              {`enabled`, "malformed JSON"},
		"empty":                 {``, "request body is empty"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			b := emutest.MustDo(t, "PUT", url, tc.body, http.StatusBadRequest)
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("PUT %s: %s, want a message containing %s", tc.body, b, tc.want)
			}
		})
	}
	if after := emutest.MustDo(t, "GET", url, "", http.StatusOK); !bytes.Equal(before, after) {
		t.Errorf("a rejected PUT changed the config: %s, was %s", after, before)
	}
}

func TestAWSQuotaScopeIsTheCredentialsAccountAndRegion(t *testing.T) {
	t.Parallel()
	s := NewServer(Config{Seed: 3})
	c := s.Credentials()
	sign := func(accessKey, region string) *http.Request {
		t.Helper()
		req, err := http.NewRequest("GET", "http://127.0.0.1/x", nil)
		if err != nil {
			t.Fatal(err)
		}
		creds := aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: c.AWSSecretAccessKey}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptySHA256, "appfabric", region, time.Now()); err != nil {
			t.Fatal(err)
		}
		return req
	}
	testCases := map[string]struct {
		accessKey, region, want string
	}{
		"configured key": {c.AWSAccessKeyID, c.AWSRegion, c.AWSAccountID + "/" + c.AWSRegion},
		"other region":   {c.AWSAccessKeyID, "eu-west-1", c.AWSAccountID + "/eu-west-1"},
		"unknown key":    {"AKIAUNKNOWN000000000", c.AWSRegion, "/" + c.AWSRegion},
	}
	for name, tc := range testCases {
		if got := s.AWSQuotaScope(sign(tc.accessKey, tc.region)); got != tc.want {
			t.Errorf("%s: AWSQuotaScope = %q, want %q", name, got, tc.want)
		}
	}
	unsigned, err := http.NewRequest("GET", "http://127.0.0.1/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.AWSQuotaScope(unsigned); got != "" {
		t.Errorf("unsigned request: %q", got)
	}
}

const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
