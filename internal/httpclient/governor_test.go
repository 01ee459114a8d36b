package httpclient

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a governor's clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func newTestGovernor(perSecond float64, burst int) (*governor, *fakeClock) {
	clock := &fakeClock{t: time.Unix(1_000_000, 0)}
	return newGovernor(Rate{PerSecond: perSecond, Burst: burst}, clock.now), clock
}

func TestGovernor_paceAndBurst(t *testing.T) {
	t.Parallel()
	g, clock := newTestGovernor(10, 3)
	start := clock.now()
	var offsets []time.Duration
	for range 6 {
		offsets = append(offsets, g.reserve(clock.now()).Sub(start))
	}
	want := []time.Duration{0, 0, 0, 100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond}
	for i := range want {
		if offsets[i] != want[i] {
			t.Fatalf("places %v, want %v: a burst of 3, then one every 100ms", offsets, want)
		}
	}
	// Idle time refills the bucket, up to the burst.
	clock.advance(10 * time.Second)
	now := clock.now()
	for i := range 4 {
		slot := g.reserve(now)
		if wantGo := i < 3; slot.Equal(now) != wantGo {
			t.Fatalf("after idling, request %d goes at %v; want a full burst of 3 at once, then pacing", i, slot.Sub(now))
		}
	}
}

// AIMD: a throttle halves the rate once per round of requests (answers to requests sent before the
// decrease do not count again), never below the floor; answers that are not throttled raise it back
// linearly, never above the configured rate.
func TestGovernor_decreasesOnThrottleAndRecovers(t *testing.T) {
	t.Parallel()
	g, clock := newTestGovernor(20, 20)
	throttled := verdict{answered: true, status: http.StatusTooManyRequests, throttled: true}
	ok := verdict{answered: true, status: http.StatusOK}

	sentBefore := clock.now()
	clock.advance(time.Millisecond)
	g.observe(sentBefore, throttled)
	if r := g.rate(); r != 10 {
		t.Fatalf("rate after a throttle = %v, want 10", r)
	}
	for range 10 {
		g.observe(sentBefore, throttled)
	}
	if r := g.rate(); r != 10 {
		t.Fatalf("rate = %v after throttles of requests sent before the decrease, want still 10", r)
	}
	for range 10 {
		clock.advance(time.Millisecond)
		g.observe(clock.now(), throttled)
	}
	if r, floor := g.rate(), 20*floorFraction; r != floor {
		t.Fatalf("rate = %v after ten rounds of throttling, want the floor %v", r, floor)
	}

	// Recovery: a tenth of the configured rate per second of successes.
	clock.advance(time.Second)
	g.observe(clock.now(), ok)
	if r, want := g.rate(), 20*floorFraction+2; math.Abs(r-want) > 1e-9 {
		t.Fatalf("rate one second after throttling stopped = %v, want %v", r, want)
	}
	for range 20 {
		clock.advance(time.Second)
		g.observe(clock.now(), ok)
	}
	if r := g.rate(); r != 20 {
		t.Fatalf("rate after 20 s of successes = %v, want the configured 20", r)
	}

	// A server error is neither a throttle nor a success.
	g.observe(clock.now(), verdict{answered: true, status: http.StatusInternalServerError})
	if r := g.rate(); r != 20 {
		t.Fatalf("rate after a 500 = %v", r)
	}
}

// A Retry-After that concerns the endpoint holds back every request, including those queued before it
// came.
func TestGovernor_retryAfterHoldsTheEndpoint(t *testing.T) {
	t.Parallel()
	g, clock := newTestGovernor(100, 100)
	now := clock.now()
	if slot := g.reserve(now); !slot.Equal(now) {
		t.Fatalf("an idle governor made a request wait %v", slot.Sub(now))
	}
	g.observe(now, verdict{answered: true, status: http.StatusServiceUnavailable, holdEndpoint: true, retryAfter: 2 * time.Second})
	if slot := g.reserve(now); slot.Sub(now) != 2*time.Second {
		t.Fatalf("a request during a 2s Retry-After goes after %v", slot.Sub(now))
	}
	// A Retry-After for one request only (a 500) holds back nothing else.
	h, clock2 := newTestGovernor(100, 100)
	h.observe(clock2.now(), verdict{answered: true, status: http.StatusInternalServerError, retryAfter: 2 * time.Second})
	if slot := h.reserve(clock2.now()); !slot.Equal(clock2.now()) {
		t.Fatalf("a per-request Retry-After held back another request by %v", slot.Sub(clock2.now()))
	}
}

func TestSharedGovernor_lowestRateWins(t *testing.T) {
	t.Parallel()
	key := "testfam https://shared.example.com " + t.Name()
	a := sharedGovernor(key, Rate{PerSecond: 20, Burst: 10})
	b := sharedGovernor(key, Rate{PerSecond: 5, Burst: 40})
	if a != b {
		t.Fatal("two clients of one family, endpoint and account got two governors")
	}
	if a.ceiling != 5 || a.burst != 10 {
		t.Fatalf("shared governor rate %v burst %d, want the lowest: 5 and 10", a.ceiling, a.burst)
	}
	if c := sharedGovernor(key+" other-account", Rate{PerSecond: 20}); c == a {
		t.Fatal("another account shares the governor")
	}
}

// bucketServer throttles like a service's token bucket: perSecond requests a second, up to burst at
// once; a request finding the bucket empty gets 429 (with Retry-After when retryAfter is set).
type bucketServer struct {
	*httptest.Server
	perSecond  float64
	burst      float64
	retryAfter string

	mu        sync.Mutex
	tokens    float64
	last      time.Time
	served    atomic.Int64
	throttled atomic.Int64
	// throttleOff turns throttling off (every request is served).
	throttleOff atomic.Bool
}

func newBucketServer(tb testing.TB, perSecond float64, burst int, retryAfter string) *bucketServer {
	tb.Helper()
	s := &bucketServer{perSecond: perSecond, burst: float64(burst), retryAfter: retryAfter, tokens: float64(burst), last: time.Now()}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

func (s *bucketServer) serve(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	now := time.Now()
	s.tokens = min(s.burst, s.tokens+now.Sub(s.last).Seconds()*s.perSecond)
	s.last = now
	allowed := s.tokens >= 1 || s.throttleOff.Load()
	if s.tokens >= 1 {
		s.tokens--
	}
	s.mu.Unlock()
	if !allowed {
		s.throttled.Add(1)
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"message":"Rate exceeded"}`))
		return
	}
	s.served.Add(1)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{}`))
}

// runConcurrent sends n GETs through c from n goroutines and returns how many failed.
func runConcurrent(ctx context.Context, c *Client, n int) int {
	var failed atomic.Int64
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/things/" + strconv.Itoa(i)}, nil); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(failed.Load())
}

// throttlingConfig is a client of the bucket server with production-like backoff.
func throttlingConfig(srv *bucketServer, rate Rate) Config {
	cfg := testConfig(srv.URL)
	cfg.MaxRetries = Retries(20)
	cfg.RetryWaitMin, cfg.RetryWaitMax = 100*time.Millisecond, 2*time.Second
	cfg.DefaultRate = rate
	return cfg
}

// Many concurrent callers against a service that throttles at 50 requests a second, with a client
// allowed twice that: every call succeeds, and the governor keeps the 429s to a few, where a client
// without one meets a storm of them.
func TestGovernor_convergesUnderThrottling(t *testing.T) {
	t.Parallel()
	const callers = 100
	srv := newBucketServer(t, 50, 10, "")
	c := newTestClient(t, throttlingConfig(srv, Rate{PerSecond: 100, Burst: 10}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if failed := runConcurrent(ctx, c, callers); failed != 0 {
		t.Fatalf("%d of %d calls failed", failed, callers)
	}
	if n := srv.served.Load(); n != callers {
		t.Fatalf("server served %d, want %d", n, callers)
	}
	if n := srv.throttled.Load(); n > callers/5 {
		t.Errorf("%d requests were throttled for %d calls; the governor should keep that to a few", n, callers)
	}
	t.Logf("%d calls, %d throttled", callers, srv.throttled.Load())
}

// A Retry-After answering one request holds back the requests of every caller to the endpoint.
func TestGovernor_retryAfterHoldsOtherCallers(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var arrivals []time.Time
	first := make(chan time.Time, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		n := len(arrivals)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			first <- time.Now()
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	cfg := testConfig(srv.URL)
	cfg.RetryWaitMax = 5 * time.Second
	cfg.DefaultRate = Rate{PerSecond: 1000, Burst: 100}
	c := newTestClient(t, cfg)
	ctx := testContext(t)

	errs := make(chan error, 2)
	go func() { errs <- c.Do(ctx, Request{Method: http.MethodGet, Path: "/a"}, nil) }()
	throttledAt := <-first
	time.Sleep(100 * time.Millisecond) // the other caller comes while the hold is on
	go func() { errs <- c.Do(ctx, Request{Method: http.MethodGet, Path: "/b"}, nil) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("Do: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(arrivals) != 3 {
		t.Fatalf("server saw %d requests, want 3", len(arrivals))
	}
	for _, at := range arrivals[1:] {
		if gap := at.Sub(throttledAt); gap < 950*time.Millisecond {
			t.Errorf("a request arrived %v after a Retry-After of 1s", gap)
		}
	}
}

// When throttling stops, the rate in force climbs back to the configured one.
func TestGovernor_recoversAfterThrottlingStops(t *testing.T) {
	t.Parallel()
	srv := newBucketServer(t, 20, 2, "")
	c := newTestClient(t, throttlingConfig(srv, Rate{PerSecond: 40, Burst: 4}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if failed := runConcurrent(ctx, c, 30); failed != 0 {
		t.Fatalf("%d calls failed", failed)
	}
	if srv.throttled.Load() == 0 || c.gov.rate() >= 40 {
		t.Fatalf("the server throttled %d requests and the rate is %v: the test needs a throttled governor", srv.throttled.Load(), c.gov.rate())
	}
	srv.throttleOff.Store(true)
	// Recovering in a second rather than ten keeps the test short; the pace itself is tested above.
	c.gov.mu.Lock()
	c.gov.recovery = 1
	c.gov.mu.Unlock()
	for i := 0; c.gov.rate() < 40; i++ {
		if i == 400 {
			t.Fatalf("the rate is still %v after %d unthrottled requests", c.gov.rate(), i)
		}
		if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// The family's default rate applies where the block sets none; a configured rate comes with one
// second's worth of burst unless the burst is configured too; no rate at all means no governor.
func TestNew_rate(t *testing.T) {
	t.Parallel()
	def := Rate{PerSecond: 10, Burst: 10}
	testCases := map[string]struct {
		tuning         Rate
		def            Rate
		wantRate       float64
		wantBurst      int
		wantNoGovernor bool
	}{
		"family default":   {def: def, wantRate: 10, wantBurst: 10},
		"rate set":         {tuning: Rate{PerSecond: 50}, def: def, wantRate: 50, wantBurst: 50},
		"fractional rate":  {tuning: Rate{PerSecond: 0.5}, def: def, wantRate: 0.5, wantBurst: 1},
		"burst set":        {tuning: Rate{Burst: 3}, def: def, wantRate: 10, wantBurst: 3},
		"both set":         {tuning: Rate{PerSecond: 2, Burst: 4}, def: def, wantRate: 2, wantBurst: 4},
		"no rate anywhere": {wantNoGovernor: true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := testConfig("https://rate.example.com")
			cfg.Rate, cfg.DefaultRate, cfg.RateKey = tc.tuning, tc.def, t.Name()
			c := newTestClient(t, cfg)
			if tc.wantNoGovernor {
				if c.gov != nil {
					t.Fatal("a governor without any rate")
				}
				return
			}
			if c.gov.ceiling != tc.wantRate || c.gov.burst != tc.wantBurst {
				t.Errorf("rate %v burst %d, want %v and %d", c.gov.ceiling, c.gov.burst, tc.wantRate, tc.wantBurst)
			}
		})
	}
}

// retry_wait_max bounds the hold a Retry-After puts on the endpoint, as it bounds the call's own wait.
func TestGovernor_holdIsBoundedByRetryWaitMax(t *testing.T) {
	t.Parallel()
	srv := newScriptServer(t, step{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "3600"}}, step{status: http.StatusOK})
	cfg := testConfig(srv.URL)
	cfg.DefaultRate, cfg.RateKey = Rate{PerSecond: 100}, t.Name()
	c := newTestClient(t, cfg)
	if err := c.Do(testContext(t), Request{Method: http.MethodGet, Path: "/x"}, nil); err != nil {
		t.Fatal(err)
	}
	c.gov.mu.Lock()
	hold := time.Until(c.gov.holdUntil)
	c.gov.mu.Unlock()
	if hold > cfg.RetryWaitMax {
		t.Errorf("the endpoint is held for %v more after a Retry-After of an hour; retry_wait_max is %v", hold, cfg.RetryWaitMax)
	}
}

// An operation the service limits below the endpoint's rate keeps to its own rate: concurrent calls
// of it meet no 429, where the endpoint's rate alone would send them at once. A rate configured for
// the block replaces the operation's.
func TestGovernor_operationRate(t *testing.T) {
	t.Parallel()
	const calls = 8
	srv := newBucketServer(t, 5, 1, "")
	cfg := throttlingConfig(srv, Rate{PerSecond: 100, Burst: 10})
	cfg.RateKey = t.Name()
	cfg.OperationRates = map[string]Rate{"CreateThing": {PerSecond: 4, Burst: 1}}
	c := newTestClient(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var failed atomic.Int64
	var wg sync.WaitGroup
	for range calls {
		wg.Go(func() {
			if err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/things", Idempotent: true, Operation: "CreateThing"}, nil); err != nil {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	if failed.Load() != 0 || srv.served.Load() != calls {
		t.Fatalf("%d calls failed, %d served, want %d", failed.Load(), srv.served.Load(), calls)
	}
	if n := srv.throttled.Load(); n != 0 {
		t.Errorf("%d requests throttled: the operation's rate was not kept", n)
	}

	cfg.Rate = Rate{PerSecond: 50}
	cfg.RateKey = t.Name() + " configured"
	if c := newTestClient(t, cfg); len(c.opGovs) != 0 {
		t.Errorf("a configured max_requests_per_second left the operation rates in place: %v", c.opGovs)
	}
}
