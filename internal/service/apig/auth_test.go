package apig

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// iamServer is a Keystone token endpoint that answers after delay, or hangs until the client goes
// away when hang is set.
type iamServer struct {
	*httptest.Server
	requests atomic.Int32
	// abandoned is closed when a hanging request's client went away.
	abandoned chan struct{}
}

func newIAMServer(t *testing.T, delay time.Duration, hang bool) *iamServer {
	t.Helper()
	s := &iamServer{abandoned: make(chan struct{})}
	var once sync.Once
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		// Read the body, so that the server notices when the client goes away.
		_, _ = io.Copy(io.Discard, r.Body)
		if hang {
			<-r.Context().Done()
			once.Do(func() { close(s.abandoned) })
			return
		}
		time.Sleep(delay)
		w.Header().Set("X-Subject-Token", "MIIT-token")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"token":{"expires_at":"` + time.Now().Add(24*time.Hour).UTC().Format(time.RFC3339) + `","project":{"id":"0123456789abcdef0123456789abcdef"}}}`))
	}))
	t.Cleanup(s.Close)
	return s
}

func iamSettings(iam *iamServer) Settings {
	return Settings{
		Endpoint: "http://127.0.0.1:1", ProjectID: "0123456789abcdef0123456789abcdef",
		AuthURL: iam.URL + "/v3", UserName: "u", Password: "p", DomainName: "d",
	}
}

// During an IAM outage (IAM accepts the connection and never answers) every APIG request waits for
// the token; each returns as soon as its own context ends, one fetch serves them all, and the fetch
// is abandoned once nobody waits for it.
func TestTokenSource_callersCanStopWaiting(t *testing.T) {
	t.Parallel()
	iam := newIAMServer(t, 0, true)
	c := newTestClient(t, iamSettings(iam))
	var wg sync.WaitGroup
	for i, after := range []time.Duration{100 * time.Millisecond, 300 * time.Millisecond} {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), after)
			defer cancel()
			start := time.Now()
			_, err := c.ListEnvs(ctx, "fixture-instance", "")
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("caller %d: got %v, want its own deadline", i, err)
			}
			if d := time.Since(start) - after; d > 2*time.Second {
				t.Errorf("caller %d returned %v after its context ended", i, d)
			}
		})
	}
	wg.Wait()
	select {
	case <-iam.abandoned:
	case <-time.After(10 * time.Second):
		t.Fatal("the token request went on after every caller had stopped waiting")
	}
	if n := iam.requests.Load(); n != 1 {
		t.Errorf("IAM saw %d token requests from two concurrent callers, want 1", n)
	}
}

// Concurrent callers share one fetch and all get its token; the next caller gets it from the cache.
func TestTokenSource_oneFetchForConcurrentCallers(t *testing.T) {
	t.Parallel()
	iam := newIAMServer(t, 200*time.Millisecond, false)
	c := newTestClient(t, iamSettings(iam))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if token, project, err := c.tokens.Token(ctx); err != nil || token != "MIIT-token" || project == "" {
				t.Errorf("Token() = %q, %q, %v", token, project, err)
			}
		})
	}
	wg.Wait()
	if _, _, err := c.tokens.Token(ctx); err != nil {
		t.Fatal(err)
	}
	if n := iam.requests.Load(); n != 1 {
		t.Errorf("IAM saw %d token requests, want 1", n)
	}
}

// One caller stopping does not fail the fetch for the others still waiting.
func TestTokenSource_oneCallerStoppingLeavesTheFetch(t *testing.T) {
	t.Parallel()
	iam := newIAMServer(t, 300*time.Millisecond, false)
	c := newTestClient(t, iamSettings(iam))
	quitter, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	patient, cancelPatient := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancelPatient()
	var wg sync.WaitGroup
	wg.Go(func() {
		if _, _, err := c.tokens.Token(quitter); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("the caller that stopped got %v", err)
		}
	})
	wg.Go(func() {
		if token, _, err := c.tokens.Token(patient); err != nil || token != "MIIT-token" {
			t.Errorf("the caller still waiting got %q, %v", token, err)
		}
	})
	wg.Wait()
	if n := iam.requests.Load(); n != 1 {
		t.Errorf("IAM saw %d token requests, want 1", n)
	}
}
