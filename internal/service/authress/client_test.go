package authress

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// scriptedAPI answers each request with the next reply scripted for its method, and records what it
// was sent.
type scriptedAPI struct {
	t *testing.T

	mu       sync.Mutex
	replies  map[string][]scriptedReply
	received []string // "METHOD path"
	bodies   []string
	auth     []string // the Authorization headers
}

type scriptedReply struct {
	status int
	body   string
}

func newScriptedAPI(t *testing.T, replies map[string][]scriptedReply) (*scriptedAPI, *httptest.Server) {
	api := &scriptedAPI{t: t, replies: replies}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return api, srv
}

func (a *scriptedAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	a.mu.Lock()
	a.received = append(a.received, r.Method+" "+r.URL.Path)
	a.bodies = append(a.bodies, string(body))
	a.auth = append(a.auth, r.Header.Get("Authorization"))
	queue := a.replies[r.Method]
	if len(queue) == 0 {
		a.mu.Unlock()
		a.t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
		return
	}
	reply := queue[0]
	a.replies[r.Method] = queue[1:]
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/links+json")
	w.WriteHeader(reply.status)
	_, _ = io.WriteString(w, reply.body)
}

func (a *scriptedAPI) requests() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.received)
}

// newScriptedClient is a client of srv that retries at once.
func newScriptedClient(t *testing.T, srv *httptest.Server, accessKey string) *Client {
	t.Helper()
	c, err := newClient(Settings{
		APIURL: srv.URL, AccessKey: accessKey,
		HTTP: httpclient.Tuning{RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond},
	}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A create takes an existing connection as its own only when one of its attempts may have made it
// and the connection holds what was sent; otherwise it refuses it, naming what differs.
func TestCreateConnectionAdoptsOnlyItsOwn(t *testing.T) {
	t.Parallel()
	key, _ := testAccessKey(t)
	sent := Connection{
		ConnectionID: ptr("corp"), Type: ptr("OAUTH2"), AuthenticationURL: ptr("https://idp.example.com/authorize"),
		ClientID: ptr("client-1"), ClientSecret: ptr("idp-secret"), Tags: map[string]string{"team": "identity"},
	}
	// What Authress returns for sent: the defaults filled in, the server's fields added, no secret.
	const stored = `{"connectionId":"corp","type":"OAUTH2","authenticationUrl":"https://idp.example.com/authorize","clientId":"client-1",
		"data":{"supportedContentType":"application/json","userIdExpression":"{sub}","trustIdentityUserId":false},
		"defaultConnectionProperties":{"scope":"profile email openid"},
		"conditions":{"requireBusinessAccount":false,"authenticationLeewayDuration":"PT5M"},
		"tags":{"team":"identity"},"createdTime":"2024-01-01T00:00:00.000Z","lastUpdated":"2024-01-01T00:00:00.000Z","isActiveConnection":true}`
	other := strings.Replace(stored, "https://idp.example.com/authorize", "https://other.example.com/authorize", 1)
	other = strings.Replace(other, `"team":"identity"`, `"team":"other"`, 1)
	conflict := scriptedReply{http.StatusConflict, `{"title":"Conflict","errorCode":"ConnectionAlreadyExists","errorId":"e1"}`}
	lost := scriptedReply{http.StatusServiceUnavailable, `{"title":"Service Unavailable","errorCode":"ServiceUnavailable","errorId":"e2"}`}
	notFound := scriptedReply{http.StatusNotFound, `{"title":"Not found","errorCode":"NotFound","errorId":"e3"}`}
	throttled := scriptedReply{http.StatusTooManyRequests, `{"title":"Too Many Requests","errorCode":"TooManyRequests","errorId":"e4"}`}
	testCases := map[string]struct {
		replies   map[string][]scriptedReply
		wantErr   bool
		wantDiffs []string
		wantCalls []string
	}{
		"first answer 409: never its own, even when identical": {
			replies:   map[string][]scriptedReply{"POST": {conflict}, "GET": {{http.StatusOK, stored}}},
			wantErr:   true,
			wantCalls: []string{"POST /v1/connections"},
		},
		"throttled, then 409: the throttled attempt did nothing": {
			replies:   map[string][]scriptedReply{"POST": {throttled, conflict}},
			wantErr:   true,
			wantCalls: []string{"POST /v1/connections", "POST /v1/connections"},
		},
		"answer lost, read back holds what was sent": {
			replies:   map[string][]scriptedReply{"POST": {lost}, "GET": {{http.StatusOK, stored}}},
			wantCalls: []string{"POST /v1/connections", "GET /v1/connections/corp"},
		},
		"answer lost, read back differs": {
			replies:   map[string][]scriptedReply{"POST": {lost}, "GET": {{http.StatusOK, other}}},
			wantErr:   true,
			wantDiffs: []string{"authenticationUrl", "tags.team"},
			wantCalls: []string{"POST /v1/connections", "GET /v1/connections/corp"},
		},
		"answer lost, not yet readable, the retry meets it": {
			replies:   map[string][]scriptedReply{"POST": {lost, conflict}, "GET": {notFound, {http.StatusOK, stored}}},
			wantCalls: []string{"POST /v1/connections", "GET /v1/connections/corp", "POST /v1/connections", "GET /v1/connections/corp"},
		},
		"answer lost, the retry meets a different one": {
			replies:   map[string][]scriptedReply{"POST": {lost, conflict}, "GET": {notFound, {http.StatusOK, other}}},
			wantErr:   true,
			wantDiffs: []string{"authenticationUrl", "tags.team"},
			wantCalls: []string{"POST /v1/connections", "GET /v1/connections/corp", "POST /v1/connections", "GET /v1/connections/corp"},
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			api, srv := newScriptedAPI(t, tc.replies)
			got, err := newScriptedClient(t, srv, key).CreateConnection(context.Background(), sent)
			if calls := api.requests(); !slices.Equal(calls, tc.wantCalls) {
				t.Errorf("requests = %q, want %q", calls, tc.wantCalls)
			}
			if !tc.wantErr {
				if err != nil || got == nil || *got.ConnectionID != "corp" {
					t.Fatalf("CreateConnection = %+v, %v; want the connection read back", got, err)
				}
				return
			}
			var exists *ConnectionExistsError
			if !errors.As(err, &exists) {
				t.Fatalf("CreateConnection error = %v, want a ConnectionExistsError", err)
			}
			if exists.ConnectionID != "corp" || !slices.Equal(exists.Differences, tc.wantDiffs) {
				t.Errorf("ConnectionExistsError = %+v, want differences %q", exists, tc.wantDiffs)
			}
		})
	}
}

// An error body that echoes the secret a write sent shows it masked, in the error and in the logs.
func TestWritesMaskTheSecretTheySend(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_APPAUTH_AUTHRESS", "TRACE")
	key, _ := testAccessKey(t)
	const secret = "idp-secret-echoed-4f1c"
	echo := scriptedReply{http.StatusBadRequest,
		fmt.Sprintf(`{"title":"Invalid request: 'clientSecret' value '%s' is not accepted","errorCode":"InvalidRequest %s","errorId":"e1"}`, secret, secret)}
	_, srv := newScriptedAPI(t, map[string][]scriptedReply{"POST": {echo}, "PUT": {echo}})
	client := newScriptedClient(t, srv, key)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	conn := Connection{ConnectionID: ptr("corp"), ClientSecret: ptr(secret)}
	writes := map[string]func() error{
		"create": func() error { _, err := client.CreateConnection(ctx, conn); return err },
		"update": func() error { _, err := client.UpdateConnection(ctx, "corp", conn); return err },
	}
	for name, write := range writes {
		err := write()
		if err == nil {
			t.Fatalf("%s: no error from a 400", name)
		}
		if msg := err.Error(); strings.Contains(msg, secret) || !strings.Contains(msg, "***") {
			t.Errorf("%s: the error shows the secret, or masks nothing: %s", name, msg)
		}
	}
	if !strings.Contains(logs.String(), "InvalidRequest") {
		t.Fatalf("the answers were not logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the logs show the secret:\n%s", logs.String())
	}
}

func ptr[T any](v T) *T { return &v }
