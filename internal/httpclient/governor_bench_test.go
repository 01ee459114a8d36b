package httpclient

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkThrottledService measures what the governor saves against a service that throttles like a
// token bucket (50 requests a second, bursts of 10): 50 workers (terraform -parallelism=50) send 200
// calls, with the client's retry settings at their defaults. Reported per batch of 200 calls: the
// requests the service throttled and the requests sent in all.
//
//	go test ./internal/httpclient -run '^$' -bench ThrottledService -benchtime 3x
func BenchmarkThrottledService(b *testing.B) {
	const workers, calls = 50, 200
	for _, tc := range []struct {
		name       string
		rate       Rate
		retryAfter string
	}{
		{name: "governor=off/no-retry-after"},
		{name: "governor=on/no-retry-after", rate: Rate{PerSecond: 100, Burst: 10}},
		{name: "governor=off/retry-after=1", retryAfter: "1"},
		{name: "governor=on/retry-after=1", rate: Rate{PerSecond: 100, Burst: 10}, retryAfter: "1"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var throttled, sent int64
			for i := range b.N {
				srv := newBucketServer(b, 50, 10, tc.retryAfter)
				cfg := testConfig(srv.URL)
				cfg.MaxRetries = Retries(DefaultMaxRetries)
				cfg.RetryWaitMin, cfg.RetryWaitMax = DefaultRetryWaitMin, DefaultRetryWaitMax
				cfg.DefaultRate = tc.rate
				cfg.RateKey = b.Name() + strconv.Itoa(i)
				c, err := New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				jobs := make(chan int)
				var wg sync.WaitGroup
				var failedMu sync.Mutex
				failed := 0
				for range workers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for j := range jobs {
							if err := c.Do(ctx, Request{Method: http.MethodGet, Path: "/things/" + strconv.Itoa(j)}, nil); err != nil {
								failedMu.Lock()
								failed++
								failedMu.Unlock()
							}
						}
					}()
				}
				for j := range calls {
					jobs <- j
				}
				close(jobs)
				wg.Wait()
				cancel()
				if failed > 0 {
					b.Logf("%d of %d calls failed after %d retries", failed, calls, DefaultMaxRetries)
				}
				throttled += srv.throttled.Load()
				sent += srv.throttled.Load() + srv.served.Load()
			}
			b.ReportMetric(float64(throttled)/float64(b.N), "throttled/op")
			b.ReportMetric(float64(sent)/float64(b.N), "requests/op")
		})
	}
}
