package authress

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// startThrottledServer serves Authress with its published quotas on and a
// clock that stands still.
func startThrottledServer(t *testing.T) *core.Server {
	t.Helper()
	s := startServer(t, core.Config{Seed: 5})
	now := time.Now()
	s.SetQuotaClock(func() time.Time { return now })
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

// checkThrottled checks Authress's 429 shape: {title, errorCode, errorId}
// only, as application/links+json, without Retry-After.
func checkThrottled(t *testing.T, r authressResponse) {
	t.Helper()
	if r.status != http.StatusTooManyRequests || len(r.body) != 3 || r.body["errorCode"] != "TooManyRequests" ||
		r.body["title"] == "" || !regexp.MustCompile(`^[0-9a-f-]{36}$`).MatchString(r.body["errorId"].(string)) ||
		r.header.Get("Content-Type") != "application/links+json" || r.header.Get("Retry-After") != "" {
		t.Errorf("throttled answer: %d %v %s", r.status, r.header, r.raw)
	}
}

func TestAuthressThrottlesAdministrativeRoutesAtTenASecond(t *testing.T) {
	t.Parallel()
	s := startThrottledServer(t)
	c := newAuthressClient(t, s)
	for range 10 {
		c.must("GET", "/v1/connections", "", http.StatusOK)
	}
	checkThrottled(t, c.call("GET", "/v1/connections/con_none", ""))
	if st := s.Stats(); st.Status("429") != 1 || st.ThrottledRoute("authress.GetConnection") != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestAuthressThrottlesConnectionCreationAtOneASecond(t *testing.T) {
	t.Parallel()
	s := startThrottledServer(t)
	c := newAuthressClient(t, s)
	c.must("POST", "/v1/connections", `{"connectionId":"first"}`, http.StatusCreated)
	r := c.call("POST", "/v1/connections", `{"connectionId":"second"}`)
	checkThrottled(t, r)
	// Other routes still have tokens of the family's bucket, and the refused
	// create created nothing.
	c.must("GET", "/v1/connections/first", "", http.StatusOK)
	c.must("GET", "/v1/connections/second", "", http.StatusNotFound)
}
