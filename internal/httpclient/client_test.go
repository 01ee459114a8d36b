package httpclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNew_baseURL(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		baseURL string
		// wantErr is a fragment of the error, or "" for success.
		wantErr string
	}{
		"https":                       {baseURL: "https://appfabric.us-east-1.amazonaws.com"},
		"https with a path":           {baseURL: "https://api.example.com/v1/"},
		"http to 127.0.0.1":           {baseURL: "http://127.0.0.1:8080"},
		"http to another loopback IP": {baseURL: "http://127.0.0.2:8080"},
		"http to ::1":                 {baseURL: "http://[::1]:8080"},
		"http to localhost":           {baseURL: "http://localhost:8080"},
		"http to LOCALHOST":           {baseURL: "http://LOCALHOST"},
		"http to a remote host":       {baseURL: "http://api.example.com", wantErr: "plain http refused for http://api.example.com: credentials are sent over https:// only"},
		"http to a private IP":        {baseURL: "http://10.0.0.1:80", wantErr: "plain http refused for http://10.0.0.1:80"},
		"http to a localhost lookalike": {
			baseURL: "http://localhost.example.com", wantErr: "plain http refused for http://localhost.example.com",
		},
		"other scheme": {baseURL: "ftp://example.com", wantErr: "is not an http(s) URL with a host"},
		"no scheme":    {baseURL: "example.com", wantErr: "is not an http(s) URL with a host"},
		"empty":        {baseURL: "", wantErr: "is not an http(s) URL with a host"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := New(Config{Family: "testfam", BaseURL: tc.baseURL})
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("New(%q): %v", tc.baseURL, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("New(%q) = %v, want an error containing %q", tc.baseURL, err, tc.wantErr)
			case tc.wantErr != "" && !strings.HasPrefix(err.Error(), "testfam: "):
				t.Errorf("error %q does not name the family", err)
			}
		})
	}
}

func TestIsLoopbackHost(t *testing.T) {
	t.Parallel()
	testCases := map[string]bool{
		"127.0.0.1": true, "127.1.2.3": true, "::1": true, "localhost": true, "LocalHost": true,
		"10.0.0.1": false, "0.0.0.0": false, "::": false, "example.com": false, "localhost.example.com": false, "": false,
	}
	for host, want := range testCases {
		t.Run(host, func(t *testing.T) {
			t.Parallel()
			if got := IsLoopbackHost(host); got != want {
				t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
			}
		})
	}
}

// TestDo_wire checks what goes on the wire: the escaped path untouched, the query, headers and
// the JSON body.
func TestDo_wire(t *testing.T) {
	t.Parallel()
	const escaped = "/appbundles/arn%3Aaws%3Aappfabric%3Aus-east-1%3A123456789012%3Aappbundle%2Fa1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
	testCases := map[string]struct {
		baseURL func(string) string
		req     Request
		wantURI string
	}{
		"escaped ARN label": {
			baseURL: func(u string) string { return u },
			req:     Request{Method: http.MethodGet, Path: escaped},
			wantURI: escaped,
		},
		"base path and query": {
			baseURL: func(u string) string { return u + "/v1/" },
			req:     Request{Method: http.MethodGet, Path: "/users", Query: url.Values{"maxResults": {"10"}, "nextToken": {"a/b+c="}}},
			wantURI: "/v1/users?maxResults=10&nextToken=a%2Fb%2Bc%3D",
		},
		"body and extra header": {
			baseURL: func(u string) string { return u },
			req:     Request{Method: http.MethodPost, Path: "/things", Body: map[string]any{"name": "a"}, Header: map[string]string{"X-Extra": "1"}},
			wantURI: "/things",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusOK})
			c := newTestClient(t, testConfig(tc.baseURL(srv.URL)))
			if err := c.Do(testContext(t), tc.req, nil); err != nil {
				t.Fatalf("Do: %v", err)
			}
			got := srv.requests()[0]
			if got.requestURI != tc.wantURI {
				t.Errorf("request URI %q, want %q", got.requestURI, tc.wantURI)
			}
			if got.method != tc.req.Method {
				t.Errorf("method %q, want %q", got.method, tc.req.Method)
			}
			if ua := got.header.Get("User-Agent"); ua != "appauth-test/1.0" {
				t.Errorf("User-Agent %q", ua)
			}
			for k, v := range tc.req.Header {
				if got.header.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, got.header.Get(k), v)
				}
			}
			if tc.req.Body != nil {
				want, _ := json.Marshal(tc.req.Body)
				if string(got.body) != string(want) || got.header.Get("Content-Type") != "application/json" {
					t.Errorf("body %s (%s), want %s as application/json", got.body, got.header.Get("Content-Type"), want)
				}
			}
		})
	}
}

func TestDo_decodesResponse(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		step    step
		wantErr string
		want    string
	}{
		"JSON":         {step: step{status: http.StatusOK, body: `{"name":"x"}`}, want: "x"},
		"empty 204":    {step: step{status: http.StatusNoContent}},
		"invalid JSON": {step: step{status: http.StatusOK, body: `<html>`}, wantErr: "testfam: GET /x: decoding the 200 response"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.step)
			c := newTestClient(t, testConfig(srv.URL))
			var out struct{ Name string }
			err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, &out)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || out.Name != tc.want {
				t.Errorf("got %+v, %v; want name %q", out, err, tc.want)
			}
		})
	}
}

func TestDo_apiError(t *testing.T) {
	t.Parallel()
	decode := func(_ int, h http.Header, body []byte) (string, string, string) {
		var b struct{ Message string }
		_ = json.Unmarshal(body, &b)
		return h.Get("X-Amzn-Errortype"), b.Message, h.Get("X-Amzn-Requestid")
	}
	awsHeaders := func(code string) map[string]string {
		return map[string]string{"X-Amzn-ErrorType": code, "X-Amzn-RequestId": "req-123"}
	}
	testCases := map[string]struct {
		step       step
		decode     func(int, http.Header, []byte) (string, string, string)
		wantCode   string
		wantMsg    string
		wantReqID  string
		wantString string
		wantAdvice string
	}{
		"404 decoded": {
			step:       step{status: 404, header: awsHeaders("ResourceNotFoundException"), body: `{"message":"App bundle not found"}`},
			decode:     decode,
			wantCode:   "ResourceNotFoundException",
			wantMsg:    "App bundle not found",
			wantReqID:  "req-123",
			wantString: "testfam: GET /x: HTTP 404 ResourceNotFoundException: App bundle not found (request id req-123)",
			wantAdvice: "does not exist",
		},
		"403 names where credentials come from": {
			step:       step{status: 403, header: awsHeaders("AccessDeniedException"), body: `{"message":"denied"}`},
			decode:     decode,
			wantCode:   "AccessDeniedException",
			wantMsg:    "denied",
			wantReqID:  "req-123",
			wantString: "HTTP 403 AccessDeniedException: denied",
			wantAdvice: "rejected the credentials or their permissions. Check TESTFAM_KEY.",
		},
		"400": {
			step:       step{status: 400, header: awsHeaders("ValidationException"), body: `{"message":"bad name"}`},
			decode:     decode,
			wantCode:   "ValidationException",
			wantMsg:    "bad name",
			wantReqID:  "req-123",
			wantString: "HTTP 400 ValidationException: bad name",
			wantAdvice: "correct the configuration",
		},
		"409": {
			step:       step{status: 409, header: awsHeaders("ConflictException"), body: `{"message":"in use"}`},
			decode:     decode,
			wantCode:   "ConflictException",
			wantMsg:    "in use",
			wantReqID:  "req-123",
			wantString: "HTTP 409 ConflictException: in use",
			wantAdvice: "conflicts with the object's current state",
		},
		"without DecodeError the body is the message": {
			step:       step{status: 422, body: "  unprocessable thing \n"},
			wantMsg:    "unprocessable thing",
			wantString: "testfam: GET /x: HTTP 422: unprocessable thing",
			wantAdvice: "correct the configuration",
		},
		"long bodies are cut": {
			step:       step{status: 400, body: strings.Repeat("x", 2000)},
			wantMsg:    strings.Repeat("x", 512) + "…",
			wantString: "HTTP 400: xxx",
			wantAdvice: "correct the configuration",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.step)
			cfg := testConfig(srv.URL)
			cfg.DecodeError = tc.decode
			cfg.CredentialHint = "TESTFAM_KEY"
			c := newTestClient(t, cfg)
			err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v (%T), want *APIError", err, err)
			}
			if apiErr.StatusCode != tc.step.status || apiErr.Code != tc.wantCode || apiErr.Message != tc.wantMsg || apiErr.RequestID != tc.wantReqID {
				t.Errorf("got status %d code %q message %q request id %q; want %d %q %q %q",
					apiErr.StatusCode, apiErr.Code, apiErr.Message, apiErr.RequestID, tc.step.status, tc.wantCode, tc.wantMsg, tc.wantReqID)
			}
			if apiErr.Attempts != 1 {
				t.Errorf("Attempts = %d, want 1", apiErr.Attempts)
			}
			if !strings.Contains(err.Error(), tc.wantString) {
				t.Errorf("Error() = %q, want it to contain %q", err.Error(), tc.wantString)
			}
			if !strings.Contains(apiErr.Advice(), tc.wantAdvice) {
				t.Errorf("Advice() = %q, want it to contain %q", apiErr.Advice(), tc.wantAdvice)
			}
			d := Diagnostic("Reading thing", fmt.Errorf("wrapped: %w", err))
			if d.Summary() != "Reading thing" || !strings.Contains(d.Detail(), tc.wantString) || !strings.Contains(d.Detail(), apiErr.Advice()) {
				t.Errorf("diagnostic %q / %q lacks the error or the advice", d.Summary(), d.Detail())
			}
			if got := IsNotFound(err); got != (tc.step.status == 404) {
				t.Errorf("IsNotFound = %v", got)
			}
			if ErrorCode(err) != tc.wantCode || StatusCode(err) != tc.step.status {
				t.Errorf("ErrorCode/StatusCode = %q/%d", ErrorCode(err), StatusCode(err))
			}
		})
	}
}

// An error body reaches the diagnostic with the secrets a log line would mask masked: the sensitive
// keys of a JSON body shown as is, and the literal credentials of the family and of the call wherever
// the service echoes them.
func TestDo_errorBodiesAreRedacted(t *testing.T) {
	t.Parallel()
	const (
		familySecret  = "FAMILYsecret1"
		requestSecret = "REQUESTsecret2"
		bodySecret    = "BODYclientSecret3"
	)
	decodeMessage := func(_ int, _ http.Header, body []byte) (string, string, string) {
		var b struct{ Message string }
		_ = json.Unmarshal(body, &b)
		return "", b.Message, ""
	}
	testCases := map[string]struct {
		body    string
		decode  func(int, http.Header, []byte) (string, string, string)
		wantMsg string
	}{
		"undecoded JSON body": {
			body:    `{"clientSecret":"` + bodySecret + `","nested":{"CLIENTSECRET":"` + bodySecret + `"},"detail":"bad"}`,
			wantMsg: `{"clientSecret":"***","detail":"bad","nested":{"CLIENTSECRET":"***"}}`,
		},
		"undecoded text body echoing credentials": {
			body:    "rejected " + familySecret + " and " + requestSecret,
			wantMsg: "rejected *** and ***",
		},
		"decoded message echoing credentials": {
			body:    `{"Message":"the key ` + requestSecret + ` of ` + familySecret + ` is revoked"}`,
			decode:  decodeMessage,
			wantMsg: "the key *** of *** is revoked",
		},
		"a long body is cut after masking": {
			body:    strings.Repeat("y", 505) + requestSecret + strings.Repeat("z", 100),
			wantMsg: strings.Repeat("y", 505) + "***zzzz…",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusBadRequest, body: tc.body})
			cfg := testConfig(srv.URL)
			cfg.DecodeError = tc.decode
			cfg.SensitiveKeys = []string{"clientSecret"}
			cfg.Secrets = func() []string { return []string{familySecret} }
			c := newTestClient(t, cfg)
			err := c.Do(testContext(t), Request{Method: http.MethodPut, Path: "/x", Secrets: []string{requestSecret}}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v, want *APIError", err)
			}
			if apiErr.Message != tc.wantMsg {
				t.Errorf("message %q, want %q", apiErr.Message, tc.wantMsg)
			}
			detail := Diagnostic("Updating thing", err).Detail()
			for _, secret := range []string{familySecret, requestSecret, bodySecret} {
				if strings.Contains(detail, secret) {
					t.Errorf("the diagnostic shows %q: %s", secret, detail)
				}
			}
		})
	}
}

// A response body larger than MaxResponseBody is not read into memory, and the error says why.
func TestDo_capsResponseBodies(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(" ", 1<<20))
		for range MaxResponseBody>>20 + 1 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, testConfig(srv.URL))
	err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/big"}, nil)
	if err == nil || !strings.Contains(err.Error(), "the response body is larger than 8 MiB") {
		t.Fatalf("got %v, want the body-size error", err)
	}
}

func TestErrorHelpers_onOtherErrors(t *testing.T) {
	t.Parallel()
	err := errors.New("plain")
	if IsNotFound(err) || StatusCode(err) != 0 || ErrorCode(err) != "" {
		t.Errorf("a plain error is reported as an API error")
	}
	if d := Diagnostic("s", err); d.Detail() != "plain" {
		t.Errorf("detail %q, want the error alone", d.Detail())
	}
}

func TestDo_signsEveryAttempt(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t,
		step{status: http.StatusServiceUnavailable},
		step{status: reset},
		step{status: http.StatusOK},
	)
	cfg := testConfig(srv.URL)
	var mu sync.Mutex
	var signedBodies []string
	cfg.Sign = func(r *http.Request, body []byte) error {
		mu.Lock()
		defer mu.Unlock()
		signedBodies = append(signedBodies, string(body))
		// A signature that differs per attempt, as SigV4's timestamp does.
		r.Header.Set("Authorization", fmt.Sprintf("Sig attempt-%d", len(signedBodies)))
		return nil
	}
	c := newTestClient(t, cfg)
	body := map[string]string{"name": "a"}
	if err := c.Do(testContext(t), Request{Method: http.MethodPut, Path: "/x", Body: body}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	reqs := srv.requests()
	if len(reqs) != 3 || len(signedBodies) != 3 {
		t.Fatalf("%d requests and %d signatures, want 3 and 3", len(reqs), len(signedBodies))
	}
	for i, r := range reqs {
		if got, want := r.header.Get("Authorization"), fmt.Sprintf("Sig attempt-%d", i+1); got != want {
			t.Errorf("attempt %d carried %q, want %q", i+1, got, want)
		}
		if signedBodies[i] != string(r.body) {
			t.Errorf("attempt %d: signed body %q, sent %q", i+1, signedBodies[i], r.body)
		}
	}
}

func TestDo_signErrorIsNotRetried(t *testing.T) {
	t.Parallel()
	cause := errors.New("no credentials")
	testCases := map[string]error{
		"SignError":   &SignError{Err: cause},
		"other error": fmt.Errorf("token endpoint: %w", cause),
	}
	for name, signErr := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusOK})
			cfg := testConfig(srv.URL)
			calls := 0
			cfg.Sign = func(*http.Request, []byte) error { calls++; return signErr }
			c := newTestClient(t, cfg)
			err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil)
			var se *SignError
			if !errors.As(err, &se) || !errors.Is(err, cause) {
				t.Fatalf("got %v (%T), want a *SignError wrapping the cause", err, err)
			}
			if !strings.HasPrefix(err.Error(), "testfam: GET /x: ") {
				t.Errorf("error %q does not say which call failed", err)
			}
			if calls != 1 || srv.count() != 0 {
				t.Errorf("Sign called %d times and %d requests sent, want 1 and 0", calls, srv.count())
			}
		})
	}
}

// TestDo_doesNotFollowRedirects: following one would re-send the credential headers, unsigned for
// the new URL, possibly to another host or over plain http.
func TestDo_doesNotFollowRedirects(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			elsewhere := newScriptServer(t, step{status: http.StatusOK})
			srv := newScriptServer(t, step{status: status, header: map[string]string{"Location": elsewhere.URL + "/steal"}})
			cfg := testConfig(srv.URL)
			cfg.Sign = func(r *http.Request, _ []byte) error { r.Header.Set("X-Auth-Token", "token-value"); return nil }
			c := newTestClient(t, cfg)
			err := c.Do(testContext(t), Request{Method: http.MethodPost, Path: "/x", Body: map[string]string{"a": "b"}, Idempotent: true}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Location != elsewhere.URL+"/steal" {
				t.Fatalf("got %v, want an *APIError %d with the Location", err, status)
			}
			if !strings.Contains(err.Error(), "redirected to "+elsewhere.URL) || !strings.Contains(apiErr.Advice(), "Set the endpoint") {
				t.Errorf("error %q / advice %q do not explain the redirect", err, apiErr.Advice())
			}
			if srv.count() != 1 || elsewhere.count() != 0 {
				t.Errorf("%d requests to the endpoint and %d to the redirect target, want 1 and 0", srv.count(), elsewhere.count())
			}
		})
	}
}

// TestDo_attemptTimeout: Timeout bounds each attempt, and a timed-out idempotent call is retried.
func TestDo_attemptTimeout(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	cfg := testConfig(srv.URL)
	cfg.Timeout = 200 * time.Millisecond
	c := newTestClient(t, cfg)
	start := time.Now()
	if err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/slow"}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("took %v; the first attempt was not cut at Timeout", elapsed)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestDoReturnsResponseHeaders(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Subject-Token", "tok-123")
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Family: "test", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Header
	if err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/v3/auth/tokens", ResponseHeader: &h}, nil); err != nil {
		t.Fatal(err)
	}
	if got := h.Get("X-Subject-Token"); got != "tok-123" {
		t.Fatalf("X-Subject-Token = %q", got)
	}
}
