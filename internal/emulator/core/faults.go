package core

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Fault kinds.
const (
	// Fault429 answers 429 with Retry-After (RetryAfterSeconds) before the handler runs.
	Fault429 = "429"
	// Fault500 answers 500 before the handler runs.
	Fault500 = "500"
	// Fault503 answers 503 before the handler runs.
	Fault503 = "503"
	// FaultReset resets the connection before the handler runs (nothing is written).
	FaultReset = "reset"
	// FaultCommitDrop runs the handler (the write is committed), then closes the
	// connection without sending the response.
	FaultCommitDrop = "commit_drop"
	// FaultLatency delays the request by LatencyMS, then serves it normally.
	FaultLatency = "latency"
)

var faultKinds = []string{Fault429, Fault500, Fault503, FaultReset, FaultCommitDrop, FaultLatency}

// defaultFaultLatency is the delay of a "latency" fault when LatencyMS is 0.
const defaultFaultLatency = 50 * time.Millisecond

// FaultConfig controls fault injection on wire routes (never on /_emulator).
//
// Each request on a matching route is faulted with probability Rate; the kind
// is then picked uniformly from Kinds. Decisions are a pure function of
// (Seed, route name, how many requests that route has seen since the last
// SetFaults/Reset), so a fixed seed and request order give the same faults.
type FaultConfig struct {
	Rate  float64  `json:"rate"`
	Kinds []string `json:"kinds"`
	// Seed for fault decisions; 0 uses Options.Seed.
	Seed int64 `json:"seed"`
	// LatencyMS is the delay of a "latency" fault (default 50ms). When Kinds does
	// not contain "latency", a non-zero LatencyMS is added to every request.
	LatencyMS int `json:"latency_ms"`
	// RetryAfterSeconds is the Retry-After value sent with injected 429s. The
	// default 0 keeps tests fast; real services send 1 or more.
	RetryAfterSeconds int `json:"retry_after_seconds,omitempty"`
	// Routes limits faults to these route names ("authress.CreateConnection")
	// or families ("authress"). Empty means every wire route.
	Routes []string `json:"routes,omitempty"`
}

// Validate reports a rate outside [0,1], an unknown kind or a negative delay.
func (c FaultConfig) Validate() error {
	if c.Rate < 0 || c.Rate > 1 {
		return fmt.Errorf("rate must be between 0 and 1, got %v", c.Rate)
	}
	for _, k := range c.Kinds {
		if !slices.Contains(faultKinds, k) {
			return fmt.Errorf("unknown fault kind %q (known: %v)", k, faultKinds)
		}
	}
	if c.LatencyMS < 0 || c.RetryAfterSeconds < 0 {
		return fmt.Errorf("latency_ms and retry_after_seconds must not be negative")
	}
	return nil
}

type faultInjector struct {
	serverSeed int64

	mu       sync.Mutex
	cfg      FaultConfig
	kinds    []string
	counters map[string]uint64
}

func newFaultInjector(serverSeed int64, cfg FaultConfig) *faultInjector {
	f := &faultInjector{serverSeed: serverSeed}
	f.set(cfg)
	return f
}

func (f *faultInjector) set(cfg FaultConfig) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cfg.Kinds = slices.Clone(cfg.Kinds)
	cfg.Routes = slices.Clone(cfg.Routes)
	f.cfg = cfg
	f.kinds = nil
	for _, k := range cfg.Kinds {
		if slices.Contains(faultKinds, k) {
			f.kinds = append(f.kinds, k)
		}
	}
	f.counters = map[string]uint64{}
}

func (f *faultInjector) restart() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counters = map[string]uint64{}
}

func (f *faultInjector) config() FaultConfig {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.cfg
	c.Kinds = slices.Clone(c.Kinds)
	c.Routes = slices.Clone(c.Routes)
	return c
}

func (f *faultInjector) retryAfter() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cfg.RetryAfterSeconds
}

// decide returns the fault kind for the next request on route, or "".
func (f *faultInjector) decide(route string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cfg.Rate <= 0 || len(f.kinds) == 0 || !f.matches(route) {
		return ""
	}
	n := f.counters[route]
	f.counters[route] = n + 1
	seed := f.cfg.Seed
	if seed == 0 {
		seed = f.serverSeed
	}
	h := fnv.New64a()
	var buf [16]byte
	binary.LittleEndian.PutUint64(buf[:8], uint64(seed))
	binary.LittleEndian.PutUint64(buf[8:], n)
	h.Write(buf[:])
	h.Write([]byte(route))
	x := splitmix(h.Sum64())
	if float64(x>>11)/(1<<53) >= f.cfg.Rate {
		return ""
	}
	return f.kinds[splitmix(x)%uint64(len(f.kinds))]
}

func (f *faultInjector) matches(route string) bool {
	if len(f.cfg.Routes) == 0 {
		return true
	}
	for _, r := range f.cfg.Routes {
		if r == route || (len(route) > len(r) && route[:len(r)] == r && route[len(r)] == '.') {
			return true
		}
	}
	return false
}

// latency returns how long to delay a request that drew kind.
func (f *faultInjector) latency(kind string) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := time.Duration(f.cfg.LatencyMS) * time.Millisecond
	if kind == FaultLatency {
		if d == 0 {
			d = defaultFaultLatency
		}
		return d
	}
	if slices.Contains(f.kinds, FaultLatency) {
		return 0
	}
	return d
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

func faultStatus(kind string) int {
	switch kind {
	case Fault429:
		return http.StatusTooManyRequests
	case Fault503:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// dropConnection closes the client connection without writing a response. A
// reset sets SO_LINGER 0 so the client sees ECONNRESET rather than EOF.
func dropConnection(w http.ResponseWriter, reset bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}
