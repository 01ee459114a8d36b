package core

import (
	"fmt"
	"maps"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Request-rate quotas. Real APIs throttle a caller that sends too much; the
// emulator does too once quotas are on (SetQuotas, PUT /_emulator/quotas,
// appauth-emulator -quotas). Each family with quotas implements Throttler:
// it publishes its figures and writes its service's throttling answer. A
// bucket belongs to one family and one caller (the scope a family passes to
// Throttled: an AWS account and Region, an APIG project, an Authress
// account), and to one operation for the buckets a service publishes per
// operation. Admin routes are never throttled.

// Quota is one token bucket: it holds at most Burst requests and gains Rate
// a second. Rate 0 never refills, which tests use for an exact budget.
type Quota struct {
	Rate  float64 `json:"rate"`
	Burst int     `json:"burst"`
	// Source says where the figure comes from; it is informational and kept as given.
	Source string `json:"source,omitempty"`
}

// FamilyQuotas are one family's buckets. A request draws one token from All
// and one from its operation's bucket, and is refused unless both have one.
type FamilyQuotas struct {
	// All is the bucket every operation of the family draws from; nil for none.
	All *Quota `json:"all,omitempty"`
	// Operations are buckets of single operations, by operation name
	// ("CreateConnection", as in the route name "authress.CreateConnection").
	Operations map[string]Quota `json:"operations,omitempty"`
}

// QuotaConfig is the request-rate quota configuration. Families lists each
// family's buckets; a family absent from it keeps its published figures,
// and a family given as {} is not throttled.
type QuotaConfig struct {
	Enabled  bool                    `json:"enabled"`
	Families map[string]FamilyQuotas `json:"families,omitempty"`
}

// Throttler is implemented by a family whose service limits request rates.
type Throttler interface {
	// PublishedQuotas are the figures the service documents, or conservative
	// ones where it documents none; each Quota.Source says which.
	PublishedQuotas() FamilyQuotas
	// WriteThrottle answers a request refused by its quota, in the service's
	// own throttling shape.
	WriteThrottle(w http.ResponseWriter, r *http.Request, t Throttle)
}

// Throttle describes a refused request.
type Throttle struct {
	// Quota is the bucket that ran dry (of two, the one that refills last).
	Quota Quota
	// RetryAfter is how long until that bucket holds a token again; 0 when it
	// never refills (Rate 0).
	RetryAfter time.Duration
}

// RetryAfterSeconds is RetryAfter as a Retry-After header value: whole
// seconds, rounded up, at least 1; false when the bucket never refills.
func (t Throttle) RetryAfterSeconds() (int, bool) {
	if t.RetryAfter <= 0 {
		return 0, false
	}
	return max(1, int(math.Ceil(t.RetryAfter.Seconds()))), true
}

// Bounds of a quota's figures.
const (
	maxQuotaRate  = 1e6
	maxQuotaBurst = 1_000_000
)

func (q Quota) validate(path string) error {
	if math.IsNaN(q.Rate) || q.Rate < 0 || q.Rate > maxQuotaRate {
		return fmt.Errorf("%s.rate must be a number of requests a second from 0 to %g, got %v", path, maxQuotaRate, q.Rate)
	}
	if q.Burst < 1 || q.Burst > maxQuotaBurst {
		return fmt.Errorf("%s.burst must be a whole number of requests from 1 to %d, got %d", path, maxQuotaBurst, q.Burst)
	}
	return nil
}

func (fq FamilyQuotas) clone() FamilyQuotas {
	out := FamilyQuotas{Operations: maps.Clone(fq.Operations)}
	if fq.All != nil {
		all := *fq.All
		out.All = &all
	}
	return out
}

func (c QuotaConfig) clone() QuotaConfig {
	out := QuotaConfig{Enabled: c.Enabled, Families: make(map[string]FamilyQuotas, len(c.Families))}
	for name, fq := range c.Families {
		out.Families[name] = fq.clone()
	}
	return out
}

type bucketKey struct{ family, scope, op string }

// bucket is a token bucket's state; its Quota is the configuration's.
type bucket struct {
	tokens float64
	last   time.Time
}

// refill adds what the time since the last refill earned, up to the burst.
func (b *bucket) refill(q Quota, now time.Time) {
	if el := now.Sub(b.last); el > 0 {
		b.tokens = min(float64(q.Burst), b.tokens+el.Seconds()*q.Rate)
		b.last = now
	}
}

// wait is how long until the bucket holds one token; -1 for never.
func (b *bucket) wait(q Quota) time.Duration {
	if b.tokens >= 1 {
		return 0
	}
	if q.Rate == 0 {
		return -1
	}
	return time.Duration((1 - b.tokens) / q.Rate * float64(time.Second))
}

// limiter holds the quota configuration and the buckets.
type limiter struct {
	mu  sync.Mutex
	now func() time.Time
	// published are the figures of every family that implements Throttler.
	published map[string]FamilyQuotas
	// operations are each family's operation names, from its routes.
	operations map[string][]string
	cfg        QuotaConfig
	buckets    map[bucketKey]*bucket
}

func newLimiter() *limiter {
	return &limiter{
		now:        time.Now,
		published:  map[string]FamilyQuotas{},
		operations: map[string][]string{},
		cfg:        QuotaConfig{Families: map[string]FamilyQuotas{}},
		buckets:    map[bucketKey]*bucket{},
	}
}

func (l *limiter) addOperation(family, op string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !slices.Contains(l.operations[family], op) {
		l.operations[family] = append(l.operations[family], op)
	}
}

// publish records a family's figures once its routes are registered; a
// figure that does not validate is a programming error.
func (l *limiter) publish(family string, fq FamilyQuotas) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.validateFamily(family, fq); err != nil {
		panic(fmt.Sprintf("emulator: published quotas of %s: %v", family, err))
	}
	l.published[family] = fq.clone()
	l.cfg.Families[family] = fq.clone()
}

func (l *limiter) validateFamily(family string, fq FamilyQuotas) error {
	path := "families." + family
	if fq.All != nil {
		if err := fq.All.validate(path + ".all"); err != nil {
			return err
		}
	}
	for _, op := range slices.Sorted(maps.Keys(fq.Operations)) {
		if !slices.Contains(l.operations[family], op) {
			known := slices.Sorted(slices.Values(l.operations[family]))
			return fmt.Errorf("%s.operations: %s has no operation %q (its operations: %s)", path, family, op, strings.Join(known, ", "))
		}
		if err := fq.Operations[op].validate(path + ".operations." + op); err != nil {
			return err
		}
	}
	return nil
}

// set validates cfg, merges it onto the published figures and starts every
// bucket full.
func (l *limiter) set(cfg QuotaConfig) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	merged := QuotaConfig{Enabled: cfg.Enabled, Families: map[string]FamilyQuotas{}}
	for name, fq := range l.published {
		merged.Families[name] = fq.clone()
	}
	for _, name := range slices.Sorted(maps.Keys(cfg.Families)) {
		if _, ok := l.published[name]; !ok {
			return fmt.Errorf("families: unknown family %q (quotas apply to %s)", name, strings.Join(slices.Sorted(maps.Keys(l.published)), ", "))
		}
		fq := cfg.Families[name]
		if err := l.validateFamily(name, fq); err != nil {
			return err
		}
		merged.Families[name] = fq.clone()
	}
	l.cfg = merged
	clear(l.buckets)
	return nil
}

func (l *limiter) config() QuotaConfig {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cfg.clone()
}

func (l *limiter) restart() {
	l.mu.Lock()
	defer l.mu.Unlock()
	clear(l.buckets)
}

func (l *limiter) setClock(now func() time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.now = now
	clear(l.buckets)
}

// take draws a token for op of family on behalf of scope from every bucket
// that applies, or from none when one is empty; it reports the refusal.
func (l *limiter) take(family, op, scope string) (Throttle, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fq, ok := l.cfg.Families[family]
	if !l.cfg.Enabled || !ok {
		return Throttle{}, true
	}
	type draw struct {
		b *bucket
		q Quota
	}
	now := l.now()
	var draws []draw
	add := func(key bucketKey, q Quota) {
		b, ok := l.buckets[key]
		if !ok {
			b = &bucket{tokens: float64(q.Burst), last: now}
			l.buckets[key] = b
		}
		b.refill(q, now)
		draws = append(draws, draw{b, q})
	}
	if fq.All != nil {
		add(bucketKey{family, scope, ""}, *fq.All)
	}
	if q, ok := fq.Operations[op]; ok {
		add(bucketKey{family, scope, op}, q)
	}
	var refusal *Throttle
	for _, d := range draws {
		w := d.b.wait(d.q)
		if w == 0 {
			continue
		}
		// The bucket that refills last decides; one that never refills beats all.
		if refusal == nil || (refusal.RetryAfter > 0 && (w < 0 || w > refusal.RetryAfter)) {
			refusal = &Throttle{Quota: d.q, RetryAfter: max(w, 0)}
		}
	}
	if refusal != nil {
		return *refusal, false
	}
	for _, d := range draws {
		d.b.tokens--
	}
	return Throttle{}, true
}

// SetQuotas validates cfg and replaces the quota configuration: each family
// in cfg.Families gets exactly the buckets given there, the others their
// published figures. Every bucket starts full. The error names the field at
// fault and what it allows.
func (s *Server) SetQuotas(cfg QuotaConfig) error { return s.quotas.set(cfg) }

// Quotas returns the quota configuration in force, every family with quotas
// listed (their published figures unless SetQuotas changed them).
func (s *Server) Quotas() QuotaConfig { return s.quotas.config() }

// SetQuotaClock replaces the clock that refills buckets (time.Now by default)
// and starts every bucket full, so that tests can step time exactly.
func (s *Server) SetQuotaClock(now func() time.Time) { s.quotas.setClock(now) }

// Throttled draws a token for r's operation from the buckets of scope, the
// caller the service counts requests against. When one is empty it writes
// the family's throttling answer and returns true; the request is then
// counted under its status and marked throttled in Stats and the request
// log. Families call it once the caller is authenticated and before anything
// else, as the services' front ends do. It never throttles when quotas are
// off, nor outside a wire route of a family that implements Throttler.
func (s *Server) Throttled(w http.ResponseWriter, r *http.Request, scope string) bool {
	st, ok := r.Context().Value(stateKey).(*requestState)
	if !ok {
		return false
	}
	th, isThrottler := st.fe.fam.(Throttler)
	if !isThrottler {
		return false
	}
	refusal, allowed := s.quotas.take(st.fe.name, st.op, scope)
	if allowed {
		return false
	}
	st.throttled = true
	th.WriteThrottle(w, r, refusal)
	return true
}

// AWSQuotaScope is the caller of a SigV4-signed request that VerifySigV4
// accepted: "ACCOUNT/REGION", the account of the credential's access key and
// the Region of its scope. AWS counts request rates per account and Region.
func (s *Server) AWSQuotaScope(r *http.Request) string {
	a, err := parseSigV4Authorization(r.Header.Get("Authorization"))
	if err != nil {
		return ""
	}
	return s.awsAccountOf(a.accessKey) + "/" + a.region
}

// awsAccountOf is the account an access key belongs to ("" for a key the
// emulator does not know).
func (s *Server) awsAccountOf(accessKey string) string {
	acct, _ := s.aws.byKey(accessKey)
	return acct.AccountID
}
