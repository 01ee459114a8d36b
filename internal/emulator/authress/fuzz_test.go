package authress

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// FuzzAuthressConnectionBody posts arbitrary bodies to the Authress create-connection route: the
// answer is a 400 in the Authress error shape naming the problem, or a 201 for a body that decodes and
// validates on its own, re-encodes to a body that validates the same way, and reads back as created.
func FuzzAuthressConnectionBody(f *testing.F) {
	for _, s := range emutest.JSONBodySeeds {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		`{"type":"OAUTH2","connectionId":"con_1","authenticationUrl":"https://idp.example.com/a","tokenUrl":"https://idp.example.com/t","clientId":"c","clientSecret":"s"}`,
		`{"connectionId":"a b"}`, `{"type":"OIDC"}`, `{"createdTime":"x"}`, `{"conditions":{"authenticationLeewayDuration":"PT2H"}}`,
		`{"conditions":{"authenticationLeewayDuration":"PT1M0.5S"}}`, `{"defaultConnectionProperties":{"scope":1}}`, `{"tags":{"a":"b"},"data":{"tenantId":"t"}}`,
		`{"userDataConfiguration":{"location":null}}`, `{"linkingConfiguration":{}}`,
	} {
		f.Add([]byte(s))
	}
	s := newServer(core.Config{Seed: 1})
	h := s.Handler()
	post := func(body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/v1/connections", bytes.NewReader(body))
		req.Host = "127.0.0.1"
		req.Header.Set("Authorization", "Bearer "+s.Credentials().AuthressAccessKey)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s.Reset()
		rec := post(body)
		var in authressConnectionInput
		verdict := core.DecodeJSON(body, &in)
		if verdict == nil {
			verdict = in.validate()
		}
		switch rec.Code {
		case http.StatusBadRequest:
			var e struct{ Title, ErrorCode string }
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.ErrorCode != "InvalidRequest" || !strings.HasPrefix(e.Title, "Invalid request") {
				t.Fatalf("400 for %q has body %q", body, rec.Body)
			}
			if verdict == nil {
				t.Fatalf("%q decodes and validates, but the route answered 400 %s", body, rec.Body)
			}
		case http.StatusCreated:
			if verdict != nil {
				t.Fatalf("the route created %q, which fails on its own: %v", body, verdict)
			}
			if !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
				t.Fatalf("the route created a connection from %q, which is not a JSON object", body)
			}
			again := reencode(t, in)
			var back authressConnectionInput
			if err := core.DecodeJSON(again, &back); err != nil {
				t.Fatalf("%q decoded, but its re-encoding %q does not: %v", body, again, err)
			}
			if err := back.validate(); err != nil {
				t.Fatalf("%q validated, but its re-encoding %q does not: %v", body, again, err)
			}
			if again2 := reencode(t, back); !bytes.Equal(again, again2) {
				t.Fatalf("%q re-encodes to %q, which re-encodes to %q", body, again, again2)
			}
			var created struct {
				ConnectionID string `json:"connectionId"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil || created.ConnectionID == "" {
				t.Fatalf("201 for %q has body %q", body, rec.Body)
			}
			req := httptest.NewRequest(http.MethodGet, "/v1/connections/"+created.ConnectionID, nil)
			req.Host = "127.0.0.1"
			req.Header.Set("Authorization", "Bearer "+s.Credentials().AuthressAccessKey)
			got := httptest.NewRecorder()
			h.ServeHTTP(got, req)
			if got.Code != http.StatusOK || !bytes.Equal(got.Body.Bytes(), rec.Body.Bytes()) {
				t.Fatalf("created %s from %q, read back %d %s", rec.Body, body, got.Code, got.Body)
			}
		default:
			t.Fatalf("POST %q answered %d %s", body, rec.Code, rec.Body)
		}
	})
}

// reencode is the body a client would send for in: fields that are null at the top level are left out,
// as absent and null decode alike except for the read-only fields, which must stay absent.
func reencode(t *testing.T, in authressConnectionInput) []byte {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("encoding %+v: %v", in, err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatalf("decoding %q: %v", b, err)
	}
	for k, v := range fields {
		if string(v) == "null" {
			delete(fields, k)
		}
	}
	out, err := json.Marshal(fields)
	if err != nil {
		t.Fatalf("encoding %v: %v", fields, err)
	}
	return out
}
