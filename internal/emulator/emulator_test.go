package emulator

import (
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// Every service package beside core (each named as its directory) is registered by New.
func TestNewRegistersEveryService(t *testing.T) {
	t.Parallel()
	s := New(Options{Seed: 1, APIGFixtures: true})
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "core" && e.Name() != "emutest" {
			want = append(want, e.Name())
		}
	}
	if len(want) < 6 {
		t.Fatalf("found the service packages %v; the test is looking in the wrong place", want)
	}
	if got := slices.Sorted(maps.Keys(s.State())); !slices.Equal(got, want) {
		t.Errorf("families %v, want one per service package: %v", got, want)
	}
	if env := s.Env(); !slices.Contains(env, "APPAUTH_APIG_INSTANCE_ID="+apig.FixtureInstanceID) {
		t.Errorf("Env with APIG fixtures lacks the instance id: %v", env)
	}
}

// A request with a rebound Host is refused in the shape of the family whose
// route it hit, so a client sees its service's own kind of error.
func TestRefusalsUseEachFamilysErrorShape(t *testing.T) {
	t.Parallel()
	s := New(Options{Seed: 1, APIGFixtures: true})
	c := s.Credentials()
	h := s.Handler()
	testCases := map[string]struct {
		method, path string
		// want is a fragment of the family's error body; AWS REST-JSON
		// families also name the error in X-Amzn-ErrorType.
		want, errorType string
	}{
		"apig":       {"GET", "/v2/" + c.APIGProjectID + "/apigw/instances/" + apig.FixtureInstanceID + "/envs", `"error_code":"APIG.1005"`, ""},
		"appfabric":  {"GET", "/appbundles", `"message":"request refused`, "AccessDeniedException"},
		"authress":   {"GET", "/v1/connections", `"errorCode":"Forbidden"`, ""},
		"iam":        {"POST", "/v3/auth/tokens", `"error":{"code":403`, ""},
		"quicksight": {"GET", "/accounts/" + c.AWSAccountID + "/action-connectors", `"__type":"AccessDeniedException"`, "AccessDeniedException"},
		"sts":        {"POST", "/", "<Code>AccessDenied</Code>", ""},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := httptest.NewRequest(tc.method, tc.path, nil)
			req.Host = "rebind.attacker.example"
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), tc.want) || !strings.Contains(rec.Body.String(), "loopback") {
				t.Errorf("%s %s: %d %s, want 403 with %s", tc.method, tc.path, rec.Code, rec.Body, tc.want)
			}
			if got := rec.Header().Get("X-Amzn-ErrorType"); got != tc.errorType {
				t.Errorf("%s %s: X-Amzn-ErrorType %q, want %q", tc.method, tc.path, got, tc.errorType)
			}
		})
	}
	if n := s.Stats().Total(); n != 0 {
		t.Errorf("refused requests were counted: %d", n)
	}
}

// Every service but IAM has request-rate quotas, each figure with its
// source, and they are off until asked for.
func TestEveryServicePublishesQuotas(t *testing.T) {
	t.Parallel()
	q := New(Options{Seed: 1}).Quotas()
	want := []string{"apig", "appfabric", "authress", "quicksight", "sts"}
	if got := slices.Sorted(maps.Keys(q.Families)); q.Enabled || !slices.Equal(got, want) {
		t.Fatalf("quotas = %+v, want off, for %v", q, want)
	}
	for name, fq := range q.Families {
		if fq.All == nil || fq.All.Source == "" {
			t.Errorf("%s: no family-wide quota with its source: %+v", name, fq)
		}
		for op, oq := range fq.Operations {
			if oq.Source == "" {
				t.Errorf("%s.%s: no source", name, op)
			}
		}
	}
}
