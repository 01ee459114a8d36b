package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// logEntries decodes the captured provider log.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("decoding the log: %v", err)
	}
	return entries
}

// findEntry returns the first entry with message msg.
func findEntry(entries []map[string]any, msg string) map[string]any {
	for _, e := range entries {
		if e["@message"] == msg {
			return e
		}
	}
	return nil
}

func TestLogging_masksCredentials(t *testing.T) {
	t.Parallel()
	const (
		configuredSecret = "SECRETfromSECRETS1"
		mintedToken      = "MINTEDtoken2"
		bearer           = "HEADERbearer3"
		nestedSecret     = "NESTEDclientSecret4"
		listKey          = "LISTapiKey5"
		responseKey      = "RESPONSEapiKey6"
		responseToken    = "RESPONSEtoken7"
	)
	testCases := map[string]struct {
		steps []step
		req   Request
		// want are log messages that must be present, with fields to check.
		want map[string]map[string]any
	}{
		"request and response bodies": {
			steps: []step{{
				status: http.StatusOK,
				header: map[string]string{"X-Amzn-RequestId": "req-9"},
				body:   `{"items":[{"APIKEY":"` + responseKey + `","name":"visible-item"}],"token":"` + responseToken + `","echo":"` + mintedToken + `"}`,
			}},
			req: Request{Method: http.MethodPost, Path: "/things", Idempotent: true, Body: map[string]any{
				"name":       "visible-name",
				"note":       "inline " + configuredSecret + " text",
				"big":        json12345678901234567890,
				"credential": map[string]any{"oauth2": map[string]any{"clientId": "visible-client", "clientSecret": nestedSecret}},
				"list":       []any{map[string]any{"apiKey": listKey}},
			}},
			want: map[string]map[string]any{
				"sending request":   {"http_method": "POST", "attempt": float64(1)},
				"received response": {"http_method": "POST", "http_status": float64(200), "request_id": "req-9"},
				"request body":      {},
				"response body":     {},
			},
		},
		"secret in the URL of a failed request": {
			steps: []step{{status: reset}},
			req:   Request{Method: http.MethodGet, Path: "/things", Query: url.Values{"sig": {configuredSecret}}},
			want: map[string]map[string]any{
				"sending request": {"http_method": "GET", "http_url": "/things?sig=***"},
				"request failed":  {"http_method": "GET"},
			},
		},
		"error response with a secret": {
			steps: []step{{status: http.StatusForbidden, body: `{"message":"key ` + configuredSecret + ` is revoked","accessToken":"` + responseToken + `"}`}},
			req:   Request{Method: http.MethodDelete, Path: "/things/1"},
			want: map[string]map[string]any{
				"received response": {"http_method": "DELETE", "http_status": float64(403), "http_url": "/things/1"},
				"response body":     {},
			},
		},
		"non-JSON body": {
			steps: []step{{status: http.StatusOK, body: "password=" + configuredSecret + "&user=a"}},
			req:   Request{Method: http.MethodGet, Path: "/form"},
			want: map[string]map[string]any{
				"response body": {"http_body": "(non-JSON body, 34 bytes)"},
			},
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.steps...)
			cfg := testConfig(srv.URL)
			cfg.MaxRetries = Retries(1)
			cfg.Secrets = func() []string { return []string{configuredSecret, "", mintedToken} }
			cfg.SensitiveKeys = []string{"clientSecret", "apiKey", "token", "accessToken"}
			cfg.Sign = func(r *http.Request, _ []byte) error {
				r.Header.Set("Authorization", "Bearer "+bearer)
				return nil
			}
			c := newTestClient(t, cfg)
			var buf bytes.Buffer
			ctx := tflogtest.RootLogger(testContext(t), &buf)
			_ = c.Do(ctx, tc.req, nil)

			out := buf.String()
			for _, secret := range []string{configuredSecret, mintedToken, bearer, nestedSecret, listKey, responseKey, responseToken} {
				if strings.Contains(out, secret) {
					t.Errorf("log contains the credential %q:\n%s", secret, out)
				}
			}
			entries := logEntries(t, &buf)
			for msg, fields := range tc.want {
				e := findEntry(entries, msg)
				if e == nil {
					t.Errorf("no %q entry in the log:\n%s", msg, out)
					continue
				}
				if e["@module"] != "provider.testfam" {
					t.Errorf("%q logged by %v, want the family's subsystem provider.testfam", msg, e["@module"])
				}
				for k, want := range fields {
					got := e[k]
					if k == "http_url" {
						got = strings.TrimPrefix(fmt.Sprint(got), srv.URL)
					}
					if got != want {
						t.Errorf("%q: %s = %v, want %v", msg, k, got, want)
					}
				}
			}
			if e := findEntry(entries, "request body"); e != nil {
				body := fmt.Sprint(e["http_body"])
				for _, visible := range []string{`"name":"visible-name"`, `"clientId":"visible-client"`, `"clientSecret":"***"`, `"apiKey":"***"`, `"big":12345678901234567890`} {
					if !strings.Contains(body, visible) {
						t.Errorf("request body log %s lacks %s", body, visible)
					}
				}
			}
			if e := findEntry(entries, "response body"); e != nil && tc.req.Method == http.MethodPost {
				body := fmt.Sprint(e["http_body"])
				for _, visible := range []string{`"APIKEY":"***"`, `"name":"visible-item"`, `"token":"***"`} {
					if !strings.Contains(body, visible) {
						t.Errorf("response body log %s lacks %s", body, visible)
					}
				}
			}
		})
	}
}

// json12345678901234567890 is a number float64 cannot hold: logged bodies must keep it as sent.
var json12345678901234567890 = jsonNumber("12345678901234567890")

type jsonNumber string

func (n jsonNumber) MarshalJSON() ([]byte, error) { return []byte(n), nil }

// logOnePut sends one PUT with a JSON body through a client of the given family, under a root logger
// that records every level, and returns the log entries.
func logOnePut(t *testing.T, family string) []map[string]any {
	t.Helper()
	srv := newScriptServer(t, step{status: http.StatusOK, body: `{"a":1}`})
	cfg := testConfig(srv.URL)
	cfg.Family = family
	c := newTestClient(t, cfg)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	if err := c.Do(ctx, Request{Method: http.MethodPut, Path: "/x", Body: map[string]int{"b": 2}}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	return logEntries(t, &buf)
}

// TestLogging_levelFromEnvironment sets the process environment, so it cannot run in parallel.
func TestLogging_levelFromEnvironment(t *testing.T) {
	testCases := map[string]struct {
		level string
		want  []string
		never []string
	}{
		"TRACE": {level: "TRACE", want: []string{"sending request", "request body", "received response", "response body"}},
		"DEBUG": {level: "DEBUG", want: []string{"sending request", "received response"}, never: []string{"request body", "response body"}},
		"OFF":   {level: "OFF", never: []string{"sending request", "request body", "received response", "response body"}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("TF_LOG_PROVIDER_APPAUTH_LEVELFAM", tc.level)
			entries := logOnePut(t, "levelfam")
			for _, msg := range tc.want {
				if findEntry(entries, msg) == nil {
					t.Errorf("no %q at %s", msg, tc.level)
				}
			}
			for _, msg := range tc.never {
				if findEntry(entries, msg) != nil {
					t.Errorf("%q logged at %s", msg, tc.level)
				}
			}
		})
	}
}

func TestLogsOff(t *testing.T) {
	testCases := map[string]struct {
		environ []string
		want    bool
	}{
		"nothing set":            {environ: []string{"HOME=/root"}, want: false},
		"provider logs off":      {environ: []string{"TF_LOG_PROVIDER=OFF"}, want: true},
		"lower case off":         {environ: []string{"TF_LOG_PROVIDER=off"}, want: true},
		"provider logs on":       {environ: []string{"TF_LOG_PROVIDER=DEBUG"}, want: false},
		"family level overrides": {environ: []string{"TF_LOG_PROVIDER=OFF", "TF_LOG_PROVIDER_APPAUTH_AUTHRESS=TRACE"}, want: false},
		"family level first":     {environ: []string{"TF_LOG_PROVIDER_APPAUTH_APIG=DEBUG", "TF_LOG_PROVIDER=OFF"}, want: false},
		"other provider's level": {environ: []string{"TF_LOG_PROVIDER=OFF", "TF_LOG_PROVIDER_AWS=DEBUG"}, want: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			if got := logsOff(tc.environ); got != tc.want {
				t.Errorf("logsOff(%q) = %v, want %v", tc.environ, got, tc.want)
			}
		})
	}
}

// TestLogging_offBuildsNothing sets the process environment, so it cannot run in parallel. The
// root logger records at TRACE whatever reaches it, so an empty log shows that no line was built.
func TestLogging_offBuildsNothing(t *testing.T) {
	testCases := map[string]struct {
		familyLevel string
		wantLines   bool
	}{
		"provider logs off":       {wantLines: false},
		"family level overriding": {familyLevel: "DEBUG", wantLines: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("TF_LOG_PROVIDER", "OFF")
			if tc.familyLevel != "" {
				t.Setenv("TF_LOG_PROVIDER_APPAUTH_QUIETFAM", tc.familyLevel)
			}
			entries := logOnePut(t, "quietfam")
			if got := findEntry(entries, "sending request") != nil; got != tc.wantLines {
				t.Errorf("request logged = %v, want %v; log: %v", got, tc.wantLines, entries)
			}
		})
	}
}

// A request's log lines carry the fields Terraform puts on the RPC's root logger, so that the lines of
// one resource can be told from those of the others running beside it.
func TestLogging_carriesTerraformRequestFields(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusServiceUnavailable}, step{status: http.StatusOK, body: `{}`})
	c := newTestClient(t, testConfig(srv.URL))
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(testContext(t), &buf)
	ctx = tflog.SetField(ctx, "tf_req_id", "7f3c")
	ctx = tflog.SetField(ctx, "tf_resource_type", "appauth_testfam_thing")
	ctx = tflog.SetField(ctx, "tf_rpc", "ApplyResourceChange")
	if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	entries := logEntries(t, &buf)
	for _, msg := range []string{"sending request", "received response"} {
		e := findEntry(entries, msg)
		if e == nil {
			t.Fatalf("no %q line: %v", msg, entries)
		}
		for k, want := range map[string]string{"tf_req_id": "7f3c", "tf_resource_type": "appauth_testfam_thing", "tf_rpc": "ApplyResourceChange"} {
			if e[k] != want {
				t.Errorf("%q: %s = %v, want %q", msg, k, e[k], want)
			}
		}
	}
}

// Every retry says at WARN why it happens and how long the call waits first.
func TestLogging_retriesAtWarn(t *testing.T) {
	t.Parallel()
	decode := func(_ int, _ http.Header, body []byte) (string, string, string) {
		var b struct{ Code string }
		_ = json.Unmarshal(body, &b)
		return b.Code, "", ""
	}
	testCases := map[string]struct {
		step       step
		wantReason string
	}{
		"throttled":         {step: step{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "0"}, body: `{"Code":"ThrottlingException"}`}, wantReason: "HTTP 429 ThrottlingException"},
		"server error":      {step: step{status: http.StatusBadGateway}, wantReason: "HTTP 502"},
		"broken connection": {step: step{status: reset}, wantReason: "no answer: "},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.step, step{status: http.StatusOK, body: `{}`})
			cfg := testConfig(srv.URL)
			cfg.DecodeError = decode
			c := newTestClient(t, cfg)
			var buf bytes.Buffer
			ctx := tflogtest.RootLogger(testContext(t), &buf)
			if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
				t.Fatal(err)
			}
			var warn map[string]any
			for _, e := range logEntries(t, &buf) {
				if e["@level"] == "warn" {
					warn = e
				}
			}
			if warn == nil {
				t.Fatalf("no WARN line for the retry:\n%s", buf.String())
			}
			msg := fmt.Sprint(warn["@message"])
			if !strings.Contains(msg, "retrying GET /x after "+tc.wantReason) || !strings.Contains(fmt.Sprint(warn["retry_reason"]), tc.wantReason) {
				t.Errorf("WARN %q (retry_reason %v) does not say %q", msg, warn["retry_reason"], tc.wantReason)
			}
			if wait, ok := warn["retry_wait_ms"].(float64); !ok || wait < 5 || wait > 40 {
				t.Errorf("retry_wait_ms = %v, want the backoff between RetryWaitMin and RetryWaitMax (5 to 40 ms)", warn["retry_wait_ms"])
			}
			if warn["attempt"] != float64(1) {
				t.Errorf("attempt = %v, want 1", warn["attempt"])
			}
		})
	}
}

// Requests waiting for the governor longer than a few seconds are reported once, with the reason,
// not once per request.
func TestLogging_slowGovernorWaitOnce(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusOK, body: `{}`})
	cfg := testConfig(srv.URL)
	cfg.DefaultRate = Rate{PerSecond: 1000, Burst: 1}
	cfg.RateKey = t.Name()
	c := newTestClient(t, cfg)
	// The service asked for a pause longer than slowWait.
	c.gov.observe(time.Now(), verdict{answered: true, status: http.StatusTooManyRequests, throttled: true, holdEndpoint: true, retryAfter: slowWait + 500*time.Millisecond})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(testContext(t), &buf)
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var warns []map[string]any
	for _, e := range logEntries(t, &buf) {
		if e["@level"] == "warn" {
			warns = append(warns, e)
		}
	}
	if len(warns) != 1 {
		t.Fatalf("%d WARN lines for 5 waiting requests, want 1:\n%s", len(warns), buf.String())
	}
	if msg := fmt.Sprint(warns[0]["@message"]); !strings.Contains(msg, "the service asked the provider to wait (Retry-After)") {
		t.Errorf("WARN %q does not say why", msg)
	}
}
