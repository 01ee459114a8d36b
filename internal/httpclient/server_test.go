package httpclient

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// reset is a step that breaks the connection after reading the request, without answering.
const reset = -1

// step is one scripted answer of a test server.
type step struct {
	status int // or reset
	header map[string]string
	body   string
	// apply records the write (for "commit then drop the response").
	apply bool
}

// seen is one request as the server received it.
type seen struct {
	at         time.Time
	method     string
	requestURI string
	header     http.Header
	body       []byte
}

// scriptServer answers with steps in order, repeating the last one, and records every request.
type scriptServer struct {
	*httptest.Server
	mu      sync.Mutex
	steps   []step
	reqs    []seen
	applied int
}

func newScriptServer(t *testing.T, steps ...step) *scriptServer {
	t.Helper()
	s := &scriptServer{steps: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	i := len(s.reqs)
	s.reqs = append(s.reqs, seen{at: time.Now(), method: r.Method, requestURI: r.RequestURI, header: r.Header.Clone(), body: body})
	st := s.steps[min(i, len(s.steps)-1)]
	if st.apply {
		s.applied++
	}
	s.mu.Unlock()
	if st.status == reset {
		breakConnection(w)
		return
	}
	for k, v := range st.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(st.status)
	_, _ = io.WriteString(w, st.body)
}

// breakConnection closes the connection with a TCP reset, as a crashed proxy would.
func breakConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(err)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

func (s *scriptServer) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

func (s *scriptServer) count() int { return len(s.requests()) }

func (s *scriptServer) appliedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.applied
}

// testConfig is a configuration with waits small enough for unit tests.
func testConfig(baseURL string) Config {
	return Config{
		Family:    "testfam",
		BaseURL:   baseURL,
		UserAgent: "appauth-test/1.0",
		Tuning:    Tuning{MaxRetries: Retries(4), RetryWaitMin: 5 * time.Millisecond, RetryWaitMax: 40 * time.Millisecond},
		Timeout:   5 * time.Second,
	}
}

func newTestClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// testContext bounds a test's calls.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}
