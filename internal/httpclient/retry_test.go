package httpclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestDo_retriesTransientFailures(t *testing.T) {
	t.Parallel()
	testCases := map[string]step{
		"429":              {status: http.StatusTooManyRequests},
		"500":              {status: http.StatusInternalServerError},
		"502":              {status: http.StatusBadGateway},
		"503":              {status: http.StatusServiceUnavailable},
		"504":              {status: http.StatusGatewayTimeout},
		"connection reset": {status: reset},
	}
	for name, failure := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, failure, failure, step{status: http.StatusOK, body: `{"name":"ok"}`})
			c := newTestClient(t, testConfig(srv.URL))
			var out struct{ Name string }
			if err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/things/1"}, &out); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if out.Name != "ok" {
				t.Errorf("decoded %+v, want name ok", out)
			}
			if n := srv.count(); n != 3 {
				t.Errorf("server saw %d requests, want 3 (two failures, one success)", n)
			}
		})
	}
}

func TestDo_givesUpAfterMaxRetries(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusServiceUnavailable, body: `busy`})
	cfg := testConfig(srv.URL)
	cfg.MaxRetries = Retries(3)
	c := newTestClient(t, cfg)
	err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/things/1"}, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %v, want *APIError", err)
	}
	if apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Attempts != 4 {
		t.Errorf("got status %d after %d attempts, want 503 after 4", apiErr.StatusCode, apiErr.Attempts)
	}
	if n := srv.count(); n != 4 {
		t.Errorf("server saw %d requests, want 4 (1 + MaxRetries)", n)
	}
	if !strings.Contains(apiErr.Advice(), "4 attempts") {
		t.Errorf("advice %q does not say how many attempts were made", apiErr.Advice())
	}
}

// max_retries = 0 means no retry at all; a negative value is refused.
func TestNew_maxRetries(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusServiceUnavailable})
	cfg := testConfig(srv.URL)
	cfg.MaxRetries = Retries(0)
	err := newTestClient(t, cfg).Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil)
	if StatusCode(err) != http.StatusServiceUnavailable || srv.count() != 1 {
		t.Errorf("got %v after %d requests, want the 503 of the only attempt", err, srv.count())
	}
	cfg.MaxRetries = Retries(-1)
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), "max_retries must be 0 or more, got -1") {
		t.Errorf("New with max_retries -1: %v", err)
	}
}

func TestDo_backoffIsExponentialWithJitter(t *testing.T) {
	t.Parallel()
	const minWait = 20 * time.Millisecond
	testCases := map[string]struct {
		maxWait time.Duration
		// lower and upper bound the pause before each retry.
		lower, upper []time.Duration
	}{
		"doubling": {
			maxWait: time.Second,
			lower:   []time.Duration{minWait, minWait, 2 * minWait, 4 * minWait},
			upper:   []time.Duration{minWait, 2 * minWait, 4 * minWait, 8 * minWait},
		},
		"capped at RetryWaitMax": {
			maxWait: 2 * minWait,
			lower:   []time.Duration{minWait, minWait, minWait, minWait},
			upper:   []time.Duration{minWait, 2 * minWait, 2 * minWait, 2 * minWait},
		},
	}
	const slack = 150 * time.Millisecond // scheduling on a busy machine
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusInternalServerError})
			cfg := testConfig(srv.URL)
			cfg.MaxRetries = Retries(4)
			cfg.RetryWaitMin, cfg.RetryWaitMax = minWait, tc.maxWait
			c := newTestClient(t, cfg)
			_ = c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil)
			reqs := srv.requests()
			if len(reqs) != 5 {
				t.Fatalf("server saw %d requests, want 5", len(reqs))
			}
			for i := 1; i < len(reqs); i++ {
				gap := reqs[i].at.Sub(reqs[i-1].at)
				lo, hi := tc.lower[i-1], tc.upper[i-1]
				if gap < lo-2*time.Millisecond || gap > hi+slack {
					t.Errorf("pause before retry %d was %v, want within [%v, %v]", i, gap, lo, hi)
				}
			}
		})
	}
}

func TestDo_honoursRetryAfter(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		retryAfter func() string
		maxWait    time.Duration
		lower      time.Duration
		upper      time.Duration
	}{
		"seconds": {
			retryAfter: func() string { return "1" },
			maxWait:    5 * time.Second,
			lower:      950 * time.Millisecond,
			upper:      2500 * time.Millisecond,
		},
		// HTTP dates have one-second resolution: two seconds ahead means a wait of 1 to 2 s.
		"HTTP date": {
			retryAfter: func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) },
			maxWait:    5 * time.Second,
			lower:      950 * time.Millisecond,
			upper:      3 * time.Second,
		},
		"bounded by RetryWaitMax": {
			retryAfter: func() string { return "30" },
			maxWait:    100 * time.Millisecond,
			lower:      90 * time.Millisecond,
			upper:      time.Second,
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t)
			srv.steps = []step{
				{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": tc.retryAfter()}},
				{status: http.StatusOK},
			}
			cfg := testConfig(srv.URL)
			cfg.RetryWaitMax = tc.maxWait
			c := newTestClient(t, cfg)
			if err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
				t.Fatalf("Do: %v", err)
			}
			reqs := srv.requests()
			if len(reqs) != 2 {
				t.Fatalf("server saw %d requests, want 2", len(reqs))
			}
			if gap := reqs[1].at.Sub(reqs[0].at); gap < tc.lower || gap > tc.upper {
				t.Errorf("waited %v before retrying, want within [%v, %v]", gap, tc.lower, tc.upper)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	testCases := map[string]struct {
		value string
		want  time.Duration
	}{
		"empty":                  {"", 0},
		"seconds":                {"5", 5 * time.Second},
		"zero":                   {"0", 0},
		"surrounding spaces":     {" 7 ", 7 * time.Second},
		"leading zeros":          {"007", 7 * time.Second},
		"negative":               {"-1", 0},
		"plus sign":              {"+5", 0},
		"fraction":               {"1.5", 0},
		"garbage":                {"soon", 0},
		"huge is capped":         {"99999999999999", maxRetryAfter},
		"beyond int64":           {"99999999999999999999999", maxRetryAfter},
		"IMF-fixdate":            {"Wed, 25 Nov 2026 12:00:30 GMT", 30 * time.Second},
		"RFC 850 date":           {"Wednesday, 25-Nov-26 12:01:00 GMT", time.Minute},
		"ANSI C date":            {"Wed Nov 25 12:00:10 2026", 10 * time.Second},
		"date in the past":       {"Wed, 25 Nov 2026 11:59:00 GMT", 0},
		"date equal to now":      {"Wed, 25 Nov 2026 12:00:00 GMT", 0},
		"date in another zone":   {"Wed, 25 Nov 2026 13:00:30 +0100", 0},
		"far future date capped": {"Fri, 25 Nov 2050 12:00:00 GMT", maxRetryAfter},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := ParseRetryAfter(tc.value, now); got != tc.want {
				t.Errorf("ParseRetryAfter(%q) = %v, want %v", tc.value, got, tc.want)
			}
		})
	}
}

func TestDo_neverRetriesClientErrors(t *testing.T) {
	t.Parallel()
	statuses := []int{
		http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden,
		http.StatusNotFound, http.StatusConflict, http.StatusUnprocessableEntity,
	}
	for _, status := range statuses {
		for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
			t.Run(http.StatusText(status)+" "+method, func(t *testing.T) {
				t.Parallel()
				srv := newScriptServer(t, step{status: status, header: map[string]string{"Retry-After": "0"}, body: `{"message":"no"}`})
				c := newTestClient(t, testConfig(srv.URL))
				err := c.Do(testContext(t), Request{Method: method, Path: "/x", Body: map[string]string{"a": "b"}, Idempotent: true}, nil)
				if StatusCode(err) != status {
					t.Fatalf("got %v, want an *APIError with status %d", err, status)
				}
				if n := srv.count(); n != 1 {
					t.Errorf("server saw %d requests, want exactly 1", n)
				}
			})
		}
	}
}

func TestDo_retryableServiceError(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t,
		step{status: http.StatusConflict, body: `{"code":"Busy"}`},
		step{status: http.StatusConflict, body: `{"code":"Exists"}`},
	)
	cfg := testConfig(srv.URL)
	cfg.DecodeError = func(_ int, _ http.Header, body []byte) (string, string, string) {
		if strings.Contains(string(body), "Busy") {
			return "Busy", "", ""
		}
		return "Exists", "", ""
	}
	cfg.RetryableError = func(status int, code string) bool { return status == http.StatusConflict && code == "Busy" }
	c := newTestClient(t, cfg)
	err := c.Do(testContext(t), Request{Method: http.MethodPost, Path: "/x"}, nil)
	if ErrorCode(err) != "Exists" {
		t.Fatalf("got %v, want the second, non-retryable conflict", err)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestDo_stopsWhenContextCancelledDuringBackoff(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		ctx     func() (context.Context, context.CancelFunc)
		wantErr error
	}{
		"cancel": {
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(200*time.Millisecond, cancel)
				return ctx, cancel
			},
			wantErr: context.Canceled,
		},
		"deadline": {
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 200*time.Millisecond)
			},
			wantErr: context.DeadlineExceeded,
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusServiceUnavailable, header: map[string]string{"Retry-After": "30"}})
			cfg := testConfig(srv.URL)
			cfg.RetryWaitMax = time.Minute
			c := newTestClient(t, cfg)
			ctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}, nil)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("Do returned after %v, want promptly after the context ended", elapsed)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("got %v, want %v", err, tc.wantErr)
			}
			if n := srv.count(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

func TestDo_nonIdempotentPost(t *testing.T) {
	t.Parallel()
	ok := step{status: http.StatusCreated, body: `{"id":"1"}`, apply: true}
	testCases := map[string]struct {
		steps      []step
		idempotent bool
		// reconcile is nil for no Reconcile; otherwise its answer.
		reconcile     func(srv *scriptServer) (bool, error)
		wantRequests  int
		wantReconcile int
		wantErr       func(error) bool
	}{
		"500 without Reconcile is not re-sent": {
			steps:        []step{{status: http.StatusInternalServerError}, ok},
			wantRequests: 1,
			wantErr:      func(err error) bool { return StatusCode(err) == http.StatusInternalServerError },
		},
		"reset without Reconcile is not re-sent": {
			steps:        []step{{status: reset, apply: true}, ok},
			wantRequests: 1,
			wantErr: func(err error) bool {
				var te *TransportError
				return errors.As(err, &te) && te.Attempts == 1
			},
		},
		"500 when Reconcile finds the write is success": {
			steps:         []step{{status: http.StatusInternalServerError, apply: true}, ok},
			reconcile:     func(srv *scriptServer) (bool, error) { return srv.appliedCount() > 0, nil },
			wantRequests:  1,
			wantReconcile: 1,
		},
		"reset after commit when Reconcile finds the write is success": {
			steps:         []step{{status: reset, apply: true}, ok},
			reconcile:     func(srv *scriptServer) (bool, error) { return srv.appliedCount() > 0, nil },
			wantRequests:  1,
			wantReconcile: 1,
		},
		"500 when Reconcile finds no write is re-sent": {
			steps:         []step{{status: http.StatusInternalServerError}, ok},
			reconcile:     func(srv *scriptServer) (bool, error) { return srv.appliedCount() > 0, nil },
			wantRequests:  2,
			wantReconcile: 1,
		},
		"reset before commit when Reconcile finds no write is re-sent": {
			steps:         []step{{status: reset}, ok},
			reconcile:     func(srv *scriptServer) (bool, error) { return srv.appliedCount() > 0, nil },
			wantRequests:  2,
			wantReconcile: 1,
		},
		"Reconcile failure is reported": {
			steps:         []step{{status: http.StatusBadGateway}, ok},
			reconcile:     func(*scriptServer) (bool, error) { return false, errors.New("read-back failed") },
			wantRequests:  1,
			wantReconcile: 1,
			wantErr:       func(err error) bool { return err != nil && strings.Contains(err.Error(), "read-back failed") },
		},
		"429 is always re-sent": {
			steps:        []step{{status: http.StatusTooManyRequests}, ok},
			reconcile:    func(*scriptServer) (bool, error) { return true, nil },
			wantRequests: 2,
		},
		"idempotent POST is re-sent after 500": {
			steps:        []step{{status: http.StatusInternalServerError}, ok},
			idempotent:   true,
			wantRequests: 2,
		},
		"idempotent POST is re-sent after a reset": {
			steps:        []step{{status: reset}, ok},
			idempotent:   true,
			wantRequests: 2,
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, tc.steps...)
			c := newTestClient(t, testConfig(srv.URL))
			var reconciled atomic.Int32
			req := Request{Method: http.MethodPost, Path: "/things", Body: map[string]string{"name": "a"}, Idempotent: tc.idempotent}
			if tc.reconcile != nil {
				req.Reconcile = func(context.Context) (bool, error) {
					reconciled.Add(1)
					return tc.reconcile(srv)
				}
			}
			err := c.Do(testContext(t), req, nil)
			if tc.wantErr == nil && err != nil {
				t.Errorf("Do: %v", err)
			}
			if tc.wantErr != nil && !tc.wantErr(err) {
				t.Errorf("Do returned %v (%T), not the expected error", err, err)
			}
			if n := srv.count(); n != tc.wantRequests {
				t.Errorf("server saw %d requests, want %d", n, tc.wantRequests)
			}
			if n := int(reconciled.Load()); n != tc.wantReconcile {
				t.Errorf("Reconcile called %d times, want %d", n, tc.wantReconcile)
			}
			if n := srv.appliedCount(); n > 1 {
				t.Errorf("the write was applied %d times", n)
			}
		})
	}
}

// TestDo_retriesDialErrors shows that a request that could not even connect is re-sent, POST included:
// nothing reached the server.
func TestDo_retriesDialErrors(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusCreated, body: `{}`})
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := closed.Addr().String()
	_ = closed.Close()

	var dials atomic.Int32
	transport := http.DefaultTransport.(*http.Transport).Clone()
	dialer := &net.Dialer{Timeout: 2 * time.Second}
	transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= 2 {
			addr = refused
		}
		return dialer.DialContext(ctx, network, addr)
	}
	cfg := testConfig(srv.URL)
	cfg.Transport = transport
	c := newTestClient(t, cfg)
	var reconciled atomic.Int32
	err = c.Do(testContext(t), Request{
		Method: http.MethodPost, Path: "/things", Body: map[string]string{"name": "a"},
		Reconcile: func(context.Context) (bool, error) { reconciled.Add(1); return false, nil },
	}, nil)
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if d, n := dials.Load(), srv.count(); d != 3 || n != 1 {
		t.Errorf("%d dials and %d requests at the server, want 3 and 1", d, n)
	}
	if n := reconciled.Load(); n != 0 {
		t.Errorf("Reconcile called %d times for requests that never left, want 0", n)
	}
}

func TestDo_otherMethodsAreIdempotent(t *testing.T) {
	t.Parallel()
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			srv := newScriptServer(t, step{status: http.StatusInternalServerError}, step{status: http.StatusNoContent})
			c := newTestClient(t, testConfig(srv.URL))
			if err := c.Do(testContext(t), Request{Method: method, Path: "/x"}, nil); err != nil {
				t.Fatalf("Do: %v", err)
			}
			if n := srv.count(); n != 2 {
				t.Errorf("server saw %d requests, want 2", n)
			}
		})
	}
}

// slowServer answers every request after delay, a POST with 201 and a body.
func slowServer(t *testing.T, delay time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the body, so that the server notices when the client goes away.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":"created"}`))
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Every call stops when its context ends (Ctrl-C cancels it, a resource's timeouts give it a
// deadline): updates and deletes as much as reads.
func TestDo_stopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	srv := slowServer(t, 3*time.Second)
	c := newTestClient(t, testConfig(srv.URL))
	ends := map[string]func() (context.Context, context.CancelFunc){
		"cancelled": func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		},
		"deadline": func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		},
	}
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodPost} {
		for how, newCtx := range ends {
			t.Run(method+" "+how, func(t *testing.T) {
				t.Parallel()
				ctx, cancel := newCtx()
				defer cancel()
				start := time.Now()
				err := c.Do(ctx, Request{Method: method, Path: "/things/1", Body: map[string]string{"name": "x"}, Idempotent: true}, nil)
				if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("got %v, want the context's error", err)
				}
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("Do returned %v after the context ended, want promptly", d)
				}
			})
		}
	}
}

// A create run under Settle is seen through when the caller is cancelled, so its outcome is known,
// but not past the caller's own deadline, nor past SettleGrace.
func TestSettle(t *testing.T) {
	t.Parallel()
	create := Request{Method: http.MethodPost, Path: "/things", Body: map[string]string{"name": "x"}, Idempotent: true}
	t.Run("outlives cancellation", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, testConfig(slowServer(t, 300*time.Millisecond).URL))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		settled := c.Settle(ctx)
		var out struct{ ID string }
		if err := c.Do(settled, create, &out); err != nil || out.ID != "created" {
			t.Fatalf("the create was abandoned: %v (%+v)", err, out)
		}
	})
	t.Run("keeps each call's values", func(t *testing.T) {
		t.Parallel()
		type key struct{}
		var seen []any
		cfg := testConfig(slowServer(t, 0).URL)
		cfg.Sign = func(r *http.Request, _ []byte) error {
			seen = append(seen, r.Context().Value(key{}))
			return nil
		}
		c := newTestClient(t, cfg)
		settled := c.Settle(testContext(t))
		for _, v := range []string{"first", "after the first send"} {
			if err := c.Do(context.WithValue(settled, key{}, v), create, nil); err != nil {
				t.Fatal(err)
			}
		}
		if len(seen) != 2 || seen[0] != "first" || seen[1] != "after the first send" {
			t.Errorf("the signer saw %v, want each call's own value", seen)
		}
	})
	ends := map[string]struct {
		ctx   func() (context.Context, context.CancelFunc)
		grace time.Duration
	}{
		"keeps a shorter deadline": {ctx: func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}},
		"bounded by SettleGrace": {grace: 100 * time.Millisecond, ctx: func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(20*time.Millisecond, cancel)
			return ctx, cancel
		}},
	}
	for name, tc := range ends {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(slowServer(t, 3*time.Second).URL)
			cfg.SettleGrace = tc.grace
			c := newTestClient(t, cfg)
			ctx, cancel := tc.ctx()
			defer cancel()
			settled := c.Settle(ctx)
			start := time.Now()
			if err := c.Do(settled, create, nil); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("got %v, want a deadline of 100ms", err)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("the create ran %v past a deadline of 100ms", d)
			}
		})
	}
}

// Settle's grace starts when its scope first sends: a create that waits its turn behind the
// governor for longer than the grace is still sent and settled, and one whose caller gives up
// before it is sent is never sent.
func TestSettle_graceStartsAtTheFirstSend(t *testing.T) {
	t.Parallel()
	create := Request{Method: http.MethodPost, Path: "/things", Body: map[string]string{"name": "x"}, Idempotent: true}
	// paced is a client whose next request waits about 600ms for the governor, with a grace of 200ms.
	paced := func(t *testing.T) (*Client, *atomic.Int64) {
		t.Helper()
		var received atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			received.Add(1)
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":"created"}`))
		}))
		t.Cleanup(srv.Close)
		cfg := testConfig(srv.URL)
		cfg.SettleGrace = 200 * time.Millisecond
		cfg.DefaultRate = Rate{PerSecond: 1.5, Burst: 1}
		c := newTestClient(t, cfg)
		if err := c.Do(testContext(t), create, nil); err != nil {
			t.Fatal(err)
		}
		return c, &received
	}
	t.Run("waiting its turn", func(t *testing.T) {
		t.Parallel()
		c, received := paced(t)
		settled := c.Settle(testContext(t))
		var out struct{ ID string }
		if err := c.Do(settled, create, &out); err != nil || out.ID != "created" {
			t.Fatalf("the create that waited for the governor failed: %v", err)
		}
		if got := received.Load(); got != 2 {
			t.Errorf("the server received %d requests, want 2", got)
		}
	})
	t.Run("cancelled before it is sent", func(t *testing.T) {
		t.Parallel()
		c, received := paced(t)
		ctx, cancel := context.WithCancel(testContext(t))
		time.AfterFunc(50*time.Millisecond, cancel)
		settled := c.Settle(ctx)
		if err := c.Do(settled, create, nil); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want the caller's cancellation", err)
		}
		if got := received.Load(); got != 1 {
			t.Errorf("the server received %d requests, want only the first client's", got)
		}
	})
}

// A server that cannot be reached fails the call in seconds, not after the whole retry budget, and
// the error names the URL and the setting it came from.
func TestDo_unreachableFailsFast(t *testing.T) {
	t.Parallel()
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String()
	_ = closed.Close()
	notFound := http.DefaultTransport.(*http.Transport).Clone()
	notFound.DialContext = func(context.Context, string, string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.example.test", IsNotFound: true}}
	}
	testCases := map[string]struct {
		transport    http.RoundTripper
		maxAttempts  int
		wantFragment string
	}{
		"connection refused": {maxAttempts: 5, wantFragment: "connection refused"},
		"unknown host":       {transport: notFound, maxAttempts: 1, wantFragment: "no such host"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig(refused)
			cfg.BaseURLSource = "endpoints.testfam in the test block"
			cfg.Transport = tc.transport
			// The defaults: eight retries, up to 20 s apart.
			cfg.MaxRetries, cfg.RetryWaitMin, cfg.RetryWaitMax = nil, DefaultRetryWaitMin, DefaultRetryWaitMax
			c := newTestClient(t, cfg)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			start := time.Now()
			err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/things", Body: map[string]string{"a": "b"}}, nil)
			elapsed := time.Since(start)
			var te *TransportError
			if !errors.As(err, &te) || !te.Unreachable {
				t.Fatalf("got %v (%T), want an unreachable *TransportError", err, err)
			}
			for _, want := range []string{"cannot reach " + refused, "(from endpoints.testfam in the test block)", tc.wantFragment} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if te.Attempts > tc.maxAttempts {
				t.Errorf("%d attempts, want at most %d", te.Attempts, tc.maxAttempts)
			}
			if elapsed > 15*time.Second {
				t.Errorf("the call took %v to report an unreachable server", elapsed)
			}
			if advice := Diagnostic("Creating thing", err).Detail(); !strings.Contains(advice, "Check endpoints.testfam in the test block") {
				t.Errorf("diagnostic %q does not say which setting to check", advice)
			}
		})
	}
}
