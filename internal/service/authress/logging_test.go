package authress

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// At TRACE, with every body logged, neither the access key, nor its private part, nor a token minted
// from it appears, even when the API echoes them.
func TestLogsShowNoCredentials(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_APPAUTH_AUTHRESS", "TRACE")
	key, _ := testAccessKey(t)
	privatePart := key[strings.LastIndex(key, ".")+1:]
	var mu sync.Mutex
	var bearer string
	mux := http.NewServeMux()
	// The answers echo the token the client sent and the key it was built from.
	mux.HandleFunc("GET /v1/connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		bearer = strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		mu.Unlock()
		w.Header().Set("Content-Type", "application/links+json")
		body, _ := json.Marshal(map[string]any{"connectionId": r.PathValue("id"), "data": map[string]string{
			"name": "seen " + r.Header.Get("Authorization"), "tenantId": key, "developerAccountId": privatePart}})
		_, _ = w.Write(body)
	})
	mux.HandleFunc("DELETE /v1/connections/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/links+json")
		w.WriteHeader(http.StatusForbidden)
		body, _ := json.Marshal(map[string]string{"title": "Forbidden for " + r.Header.Get("Authorization") + " with " + key + " (" + privatePart + ")",
			"errorCode": "Forbidden", "errorId": "e1"})
		_, _ = w.Write(body)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	client := newScriptedClient(t, srv, key)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := client.GetConnection(ctx, "corp"); err != nil {
		t.Fatal(err)
	}
	err := client.DeleteConnection(ctx, "corp")
	if err == nil {
		t.Fatal("no error from a 403")
	}
	out := logs.String()
	if !strings.Contains(out, "response body") || !strings.Contains(out, "seen Bearer") {
		t.Fatalf("the bodies were not logged at TRACE:\n%s", out)
	}
	mu.Lock()
	minted := bearer
	mu.Unlock()
	if !strings.HasPrefix(minted, "eyJ") {
		t.Fatalf("the client sent %q, not a minted token", minted)
	}
	for name, secret := range map[string]string{"access key": key, "private part": privatePart, "minted token": minted} {
		if strings.Contains(out, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the %s appears in the error: %v", name, err)
		}
	}
}
