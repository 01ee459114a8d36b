package httpclient

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// The governor's response to throttling: the rate is halved on a throttled answer (at most once per
// round of requests: an answer to a request sent before the last decrease does not count again), never
// below a thirty-second of the configured rate, and raised back linearly, by a tenth of the
// configured rate per second of answers that are not throttled, never above the configured rate.
const (
	decreaseFactor    = 0.5
	floorFraction     = 1.0 / 32
	recoveryPerSecond = 0.1
)

// A request that waits at least slowWait for the governor is reported, by one WARN line per governor
// at most every warnEvery.
const (
	slowWait  = 3 * time.Second
	warnEvery = 30 * time.Second
)

// governor paces the requests of every client of one family, endpoint and account in the provider
// process (several provider configurations may point at the same API and quota). It is a token
// bucket kept as a theoretical arrival time (GCRA), whose rate falls on throttling and recovers
// with success, and which a Retry-After holds back as a whole.
type governor struct {
	now func() time.Time

	mu sync.Mutex
	// ceiling and burst are the configured rate; current is the rate in force.
	ceiling, current float64
	burst            int
	// recovery is the share of ceiling regained per second without throttling.
	recovery float64
	// tat is when the next request would go if the bucket were empty.
	tat time.Time
	// holdUntil is when the last Retry-After that concerns the endpoint ends.
	holdUntil time.Time
	// epoch changes when the rate falls or a hold begins, so waiting requests take a new place.
	epoch                      uint64
	lastDecrease, lastIncrease time.Time
	lastWarn                   time.Time
	waiting                    int
}

var (
	governorsMu sync.Mutex
	governors   = map[string]*governor{}
)

// sharedGovernor returns the process's governor for key. When clients sharing it are configured with
// different rates, the lowest wins: the quota they share is the same.
func sharedGovernor(key string, r Rate) *governor {
	governorsMu.Lock()
	defer governorsMu.Unlock()
	g, ok := governors[key]
	if !ok {
		g = newGovernor(r, time.Now)
		governors[key] = g
		return g
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if r.PerSecond < g.ceiling {
		g.ceiling = r.PerSecond
		g.current = min(g.current, g.ceiling)
	}
	g.burst = min(g.burst, burstOf(r))
	return g
}

func newGovernor(r Rate, now func() time.Time) *governor {
	return &governor{now: now, ceiling: r.PerSecond, current: r.PerSecond, burst: burstOf(r), recovery: recoveryPerSecond}
}

// burstOf is the configured burst, else one second's worth of requests.
func burstOf(r Rate) int {
	if r.Burst > 0 {
		return r.Burst
	}
	return max(1, int(math.Ceil(r.PerSecond)))
}

func (g *governor) interval() time.Duration {
	return time.Duration(float64(time.Second) / g.current)
}

// reserve takes the next place and returns when it comes.
func (g *governor) reserve(now time.Time) time.Time {
	start := now
	if g.holdUntil.After(start) {
		start = g.holdUntil
	}
	interval := g.interval()
	tat := g.tat
	if tat.Before(start) {
		tat = start
	}
	// A full bucket lets burst requests go at once: a place may come up to burst-1 intervals early.
	slot := tat.Add(-time.Duration(g.burst-1) * interval)
	if slot.Before(start) {
		slot = start
	}
	g.tat = tat.Add(interval)
	return slot
}

// wait blocks until the request may be sent, or ctx ends. A nil governor never waits.
func (g *governor) wait(ctx context.Context, c *Client) error {
	if g == nil {
		return nil
	}
	for {
		g.mu.Lock()
		now := g.now()
		slot := g.reserve(now)
		epoch := g.epoch
		d := slot.Sub(now)
		var why string
		if d >= slowWait && now.Sub(g.lastWarn) >= warnEvery {
			g.lastWarn = now
			why = g.explain(now)
		}
		g.waiting++
		waiting := g.waiting
		g.mu.Unlock()
		if why != "" {
			c.logSlowWait(ctx, d, why, waiting)
		}
		err := sleep(ctx, d)
		g.mu.Lock()
		g.waiting--
		moved := g.epoch != epoch
		g.mu.Unlock()
		if err != nil {
			return err
		}
		if d <= 0 || !moved {
			return nil
		}
		// The rate fell or a Retry-After hold began while this request waited: it takes a new place.
	}
}

// explain says why requests wait; g.mu is held.
func (g *governor) explain(now time.Time) string {
	switch {
	case g.holdUntil.After(now):
		return fmt.Sprintf("the service asked the provider to wait (Retry-After) until %s", g.holdUntil.UTC().Format(time.TimeOnly))
	case g.current < g.ceiling:
		return fmt.Sprintf("the service throttled requests, so they are sent at %.3g per second instead of max_requests_per_second = %g until it stops", g.current, g.ceiling)
	}
	return fmt.Sprintf("more requests are ready than max_requests_per_second = %g and request_burst = %d allow", g.ceiling, g.burst)
}

// observe adjusts the governor to the answer of a request sent at sentAt. A nil governor ignores it.
func (g *governor) observe(sentAt time.Time, v verdict) {
	if g == nil {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if v.holdEndpoint && v.retryAfter > 0 {
		if until := now.Add(v.retryAfter); until.After(g.holdUntil) {
			g.holdUntil = until
			g.epoch++
		}
	}
	switch {
	case v.throttled:
		if !sentAt.After(g.lastDecrease) {
			return
		}
		g.current = max(g.current*decreaseFactor, g.ceiling*floorFraction)
		g.lastDecrease = now
		g.epoch++
		// No burst right after a throttle, and a pause of one interval at the new rate: the service's
		// bucket has just run dry.
		start := now
		if g.holdUntil.After(start) {
			start = g.holdUntil
		}
		g.tat = start.Add(time.Duration(g.burst) * g.interval())
	case v.answered && v.status < 500:
		since := g.lastIncrease
		if g.lastDecrease.After(since) {
			since = g.lastDecrease
		}
		if g.current < g.ceiling && !since.IsZero() {
			g.current = min(g.ceiling, g.current+g.ceiling*g.recovery*now.Sub(since).Seconds())
		}
		g.lastIncrease = now
	}
}

// rate is the rate in force.
func (g *governor) rate() float64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.current
}
