package core

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// A page on another site can reach the emulator through DNS rebinding (its
// own name resolving to 127.0.0.1) or a cross-site form post; the Host and
// Origin it sends are the only signs.
func TestRebindingHostIsRefused(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 1})
	emutest.MustDo(t, "POST", s.URL()+"/testfam/things", `{"id":"a","secret":"s3cr3t-in-state"}`, http.StatusCreated)

	req, err := http.NewRequest(http.MethodGet, s.URL()+"/_emulator/state", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "rebind.attacker.example"
	resp, body, err := emutest.Send(emutest.FreshClient(), req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusForbidden || strings.Contains(string(body), "s3cr3t-in-state") {
		t.Fatalf("GET /_emulator/state with a rebound Host: %d %s", resp.StatusCode, body)
	}
	var msg map[string]string
	if err := json.Unmarshal(body, &msg); err != nil || !strings.Contains(msg["message"], "loopback") {
		t.Errorf("refusal body %s, want a JSON message naming the rule", body)
	}
}

func TestOnlyLoopbackHostsAndOriginsAreServed(t *testing.T) {
	t.Parallel()
	h := newTestServer(Config{Seed: 1}).Handler()
	testCases := map[string]struct {
		method, path, host, origin string
		wantStatus                 int
		// wantFamilyShape: the refusal carries the family's own error body.
		wantFamilyShape bool
	}{
		"ipv4":                         {"GET", "/_emulator/stats", "127.0.0.1", "", http.StatusOK, false},
		"ipv4 with port":               {"GET", "/_emulator/stats", "127.0.0.1:8787", "", http.StatusOK, false},
		"other loopback ipv4":          {"GET", "/_emulator/stats", "127.0.0.2:8787", "", http.StatusOK, false},
		"localhost":                    {"GET", "/_emulator/stats", "localhost", "", http.StatusOK, false},
		"localhost with port":          {"GET", "/_emulator/stats", "LocalHost:8787", "", http.StatusOK, false},
		"ipv6":                         {"GET", "/_emulator/stats", "[::1]", "", http.StatusOK, false},
		"ipv6 with port":               {"GET", "/_emulator/stats", "[::1]:8787", "", http.StatusOK, false},
		"ipv6 without brackets":        {"GET", "/_emulator/stats", "::1", "", http.StatusOK, false},
		"rebound name":                 {"GET", "/_emulator/stats", "rebind.attacker.example", "", http.StatusForbidden, false},
		"rebound name with port":       {"GET", "/_emulator/stats", "rebind.attacker.example:8787", "", http.StatusForbidden, false},
		"name that resolves to 127":    {"GET", "/_emulator/stats", "127.0.0.1.nip.io", "", http.StatusForbidden, false},
		"localhost subdomain":          {"GET", "/_emulator/stats", "localhost.attacker.example", "", http.StatusForbidden, false},
		"any address":                  {"GET", "/_emulator/stats", "0.0.0.0:8787", "", http.StatusForbidden, false},
		"private address":              {"GET", "/_emulator/stats", "10.0.0.1:8787", "", http.StatusForbidden, false},
		"no host":                      {"GET", "/_emulator/stats", "", "", http.StatusForbidden, false},
		"wire route, rebound name":     {"GET", "/testfam/things/a", "rebind.attacker.example", "", http.StatusForbidden, true},
		"family admin, rebound name":   {"POST", "/_emulator/testfam/things", "rebind.attacker.example", "", http.StatusForbidden, false},
		"unmatched, rebound name":      {"GET", "/nowhere", "rebind.attacker.example", "", http.StatusForbidden, false},
		"admin, loopback origin":       {"POST", "/_emulator/reset", "127.0.0.1:8787", "http://localhost:3000", http.StatusNoContent, false},
		"admin, loopback ipv6 origin":  {"POST", "/_emulator/reset", "127.0.0.1:8787", "http://[::1]:3000", http.StatusNoContent, false},
		"admin, foreign origin":        {"POST", "/_emulator/reset", "127.0.0.1:8787", "https://attacker.example", http.StatusForbidden, false},
		"admin, opaque origin":         {"POST", "/_emulator/reset", "127.0.0.1:8787", "null", http.StatusForbidden, false},
		"family admin, foreign origin": {"POST", "/_emulator/testfam/things", "127.0.0.1:8787", "https://attacker.example", http.StatusForbidden, false},
		"wire route, foreign origin":   {"GET", "/testfam/things/missing", "127.0.0.1:8787", "https://attacker.example", http.StatusNotFound, false},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tc.method, tc.path, nil)
			req.Host = tc.host
			if tc.origin != "" {
				req.Header.Set("Origin", tc.origin)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tc.wantStatus {
				t.Fatalf("%s %s Host %q Origin %q: %d %s, want %d", tc.method, tc.path, tc.host, tc.origin, rec.Code, rec.Body, tc.wantStatus)
			}
			if rec.Code != http.StatusForbidden {
				return
			}
			var body map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("refusal body %q: %v", rec.Body, err)
			}
			if got := body["testfam_error"] != ""; got != tc.wantFamilyShape {
				t.Errorf("refusal body %s: family shape %v, want %v", rec.Body, got, tc.wantFamilyShape)
			}
			if !tc.wantFamilyShape && body["message"] == "" {
				t.Errorf("refusal body %s has no message", rec.Body)
			}
		})
	}
}
