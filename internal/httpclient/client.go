// Package httpclient builds the one kind of HTTP client every family uses: resty for the wire, retries
// that honour Retry-After, a request-rate governor shared per endpoint, per-attempt request signing,
// tflog logging with credentials masked, and one typed API error.
package httpclient

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
)

// Defaults of Tuning.
const (
	DefaultMaxRetries   = 8
	DefaultRetryWaitMin = 250 * time.Millisecond
	DefaultRetryWaitMax = 20 * time.Second
)

// MaxResponseBody bounds a response body read into memory; no API of these services answers more.
const MaxResponseBody = 8 << 20

// Tuning is what a provider block sets about retries and request rates. A zero field takes its default.
type Tuning struct {
	// MaxRetries bounds the retries of one call: nil means DefaultMaxRetries, 0 no retry at all.
	MaxRetries *int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between attempts, and a Retry-After wait.
	RetryWaitMin, RetryWaitMax time.Duration
	// Rate overrides the family's default request rate (Config.DefaultRate), field by field.
	Rate Rate
}

// Or returns t with the fields it leaves unset taken from def.
func (t Tuning) Or(def Tuning) Tuning {
	if t.MaxRetries == nil {
		t.MaxRetries = def.MaxRetries
	}
	t.RetryWaitMin = cmp.Or(t.RetryWaitMin, def.RetryWaitMin)
	t.RetryWaitMax = cmp.Or(t.RetryWaitMax, def.RetryWaitMax)
	t.Rate.PerSecond = cmp.Or(t.Rate.PerSecond, def.Rate.PerSecond)
	t.Rate.Burst = cmp.Or(t.Rate.Burst, def.Rate.Burst)
	return t
}

// Retries returns a MaxRetries value.
func Retries(n int) *int { return &n }

// Rate is a token bucket: PerSecond requests a second on average, up to Burst at once.
type Rate struct {
	PerSecond float64
	Burst     int
}

// Config describes the client of one family.
type Config struct {
	// Family names the tflog subsystem and prefixes errors ("authress", "appfabric", ...).
	Family  string
	BaseURL string
	// BaseURLSource says where BaseURL came from, in the user's terms ("endpoints.appfabric in the aws
	// block", "AWS_ENDPOINT_URL_APPFABRIC", ...); errors about the endpoint name it.
	BaseURLSource string
	// UserAgent is sent on every request.
	UserAgent string
	Tuning
	// DefaultRate is the family's request rate where Tuning sets none. With neither, requests are not
	// paced (and a Retry-After holds back only the request it answered).
	DefaultRate Rate
	// RateKey names what the service counts requests against (an account, a project) beside the family
	// and the endpoint: clients with the same three share one governor in the process.
	RateKey string
	// OperationRates are the rates of operations that the service limits below the endpoint's rate,
	// by Request.Operation: such a request waits for its operation's governor, then the endpoint's.
	// They belong to the default rate: a rate set in Rate applies to every request alone.
	OperationRates map[string]Rate
	// Timeout bounds one attempt; default 60s. The operation as a whole is bounded by the caller's context.
	Timeout time.Duration
	// SettleGrace bounds the calls run under Settle from their first send; default 2m.
	SettleGrace time.Duration
	// Sign authenticates the final request of every attempt (SigV4 needs a fresh timestamp on each retry).
	// body is the exact payload sent. An error fails the call at once, as a *SignError.
	Sign func(r *http.Request, body []byte) error
	// Secrets returns literal credential values to mask wherever they would appear in logs and errors. It
	// is called per use so that credentials obtained later (minted JWTs, IAM tokens) are covered too.
	Secrets func() []string
	// SensitiveKeys are JSON keys whose values are masked in logged bodies and error bodies (matched
	// case-insensitively, at any depth).
	SensitiveKeys []string
	// DecodeError reads the family's error body into a service code, message and request id.
	DecodeError func(status int, header http.Header, body []byte) (code, message, requestID string)
	// RetryableError reports service errors that are transient although their status is not (e.g. a
	// conflict code that means "busy, try again").
	RetryableError func(status int, code string) bool
	// ThrottleCodes are service codes that mean "too many requests" whatever the status carrying them.
	ThrottleCodes []string
	// CredentialHint tells the user where the family's credentials come from; used on 401/403.
	CredentialHint string
	// Transport replaces the default transport (tests).
	Transport http.RoundTripper
}

// Request is one API call.
type Request struct {
	Method string
	// Path is the escaped path as it must appear on the wire (ARNs with '/' as %2F).
	Path   string
	Query  url.Values
	Header map[string]string
	// Body is encoded as JSON when not nil.
	Body any
	// Secrets are literal values of this call to mask in its logs and errors, beside Config.Secrets:
	// the secrets a resource sends (a client secret, an API key), which a service may echo back.
	Secrets []string
	// Idempotent marks a POST that may be re-sent safely (client token, caller-chosen id). Other
	// methods are always treated as idempotent.
	Idempotent bool
	// Reconcile is consulted before re-sending a non-idempotent request whose outcome is unknown (the
	// connection broke or a 5xx came back after the request was sent). It reports whether the write
	// already happened; when it did, Do returns nil and the caller reads the object back itself.
	Reconcile func(ctx context.Context) (applied bool, err error)
	// ResponseHeader, when set, receives the headers of a 2xx answer (some services return results
	// there, e.g. Keystone's X-Subject-Token).
	ResponseHeader *http.Header
	// Operation names the request for Config.OperationRates.
	Operation string
}

// Client is safe for concurrent use.
type Client struct {
	cfg        Config
	maxRetries int
	resty      *resty.Client
	// gov paces requests to the endpoint; nil when no rate is set. opGovs pace the operations of
	// Config.OperationRates on top of it.
	gov    *governor
	opGovs map[string]*governor
	quiet  bool // no log line can be written; see logsOff
}

// New validates the configuration and builds the client. Plain http:// is accepted for loopback
// addresses only, so credentials never cross a network unencrypted.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%s: %q%s is not an http(s) URL with a host", cfg.Family, cfg.BaseURL, From(cfg.BaseURLSource))
	}
	if err := checkScheme(u, cfg.BaseURLSource, nil); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Family, err)
	}
	c := &Client{cfg: cfg, maxRetries: DefaultMaxRetries, quiet: logsOff(os.Environ())}
	if t := cfg.MaxRetries; t != nil {
		if *t < 0 {
			return nil, fmt.Errorf("%s: max_retries must be 0 or more, got %d", cfg.Family, *t)
		}
		c.maxRetries = *t
	}
	c.cfg.RetryWaitMin = cmp.Or(cfg.RetryWaitMin, DefaultRetryWaitMin)
	c.cfg.RetryWaitMax = cmp.Or(cfg.RetryWaitMax, DefaultRetryWaitMax)
	if c.cfg.RetryWaitMin > c.cfg.RetryWaitMax {
		return nil, fmt.Errorf("%s: retry_wait_min (%s) must not exceed retry_wait_max (%s)", cfg.Family, c.cfg.RetryWaitMin, c.cfg.RetryWaitMax)
	}
	c.cfg.Timeout = cmp.Or(cfg.Timeout, 60*time.Second)
	c.cfg.SettleGrace = cmp.Or(cfg.SettleGrace, 2*time.Minute)
	if cfg.Secrets == nil {
		c.cfg.Secrets = func() []string { return nil }
	}
	// A configured rate comes with one second's worth of burst unless that is configured too.
	rate := cfg.DefaultRate
	if cfg.Rate.PerSecond != 0 {
		rate = Rate{PerSecond: cfg.Rate.PerSecond}
	}
	rate.Burst = cmp.Or(cfg.Rate.Burst, rate.Burst)
	if rate.PerSecond < 0 || rate.Burst < 0 {
		return nil, fmt.Errorf("%s: max_requests_per_second and request_burst must be positive", cfg.Family)
	}
	if rate.PerSecond > 0 {
		key := cfg.Family + " " + strings.TrimRight(cfg.BaseURL, "/") + " " + cfg.RateKey
		c.gov = sharedGovernor(key, rate)
		if cfg.Rate.PerSecond == 0 {
			for op, r := range cfg.OperationRates {
				if c.opGovs == nil {
					c.opGovs = map[string]*governor{}
				}
				c.opGovs[op] = sharedGovernor(key+" "+op, r)
			}
		}
	}
	transport := cfg.Transport
	if transport == nil {
		if base, ok := http.DefaultTransport.(*http.Transport); ok {
			t := base.Clone()
			// Terraform runs many resources at once against one host.
			t.MaxIdleConnsPerHost = 64
			transport = t
		} else {
			transport = http.DefaultTransport
		}
	}
	hc := &http.Client{
		Transport: RefusePlainHTTP(transport),
		Timeout:   c.cfg.Timeout,
		// A redirect is answered as an *APIError, never followed: net/http would re-send the
		// credential headers (custom ones even to another host, and over plain http), unsigned
		// for the new URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	// resty sends one attempt; Do runs the retries, so that every attempt passes the governor.
	c.resty = resty.NewWithClient(hc).
		SetBaseURL(strings.TrimRight(cfg.BaseURL, "/")).
		SetHeader("User-Agent", cfg.UserAgent).
		SetHeader("Accept", "application/json").
		SetLogger(silentLogger{}).
		SetRetryCount(0).
		SetResponseBodyLimit(MaxResponseBody).
		SetPreRequestHook(c.beforeSend).
		OnAfterResponse(c.afterResponse).
		OnError(c.onError)
	return c, nil
}

// From formats where a setting came from, for a message: " (from X)", or "" when unknown.
func From(source string) string {
	if source == "" {
		return ""
	}
	return " (from " + source + ")"
}

type ctxKey int

const (
	callKey ctxKey = iota
)

// call carries per-call facts to the hooks and through the retries.
type call struct {
	req        Request
	body       []byte
	reconciled bool
	reconErr   error
	attempts   int
	// unreachableSince is when the first attempt that could not connect was made.
	unreachableSince time.Time
}

// Settle returns the context for a create and the reads that settle its outcome (reading back what a
// create left when its answer was lost). Until the first of these calls sends a request, they stop
// with ctx: nothing has reached the service, so nothing can be orphaned, and a create that waits its
// turn behind the request-rate governor (thousands of resources against a quota of one a second) is
// not bounded by the grace. From that first send on, every call in the scope runs to the end whatever
// becomes of ctx (Ctrl-C makes Terraform cancel every call in flight, and a create the service may have
// applied must be seen through, or an object would exist that no state records), within ctx's deadline
// (a resource's timeouts) and at most SettleGrace after that send.
func (c *Client) Settle(ctx context.Context) context.Context {
	scope := &settleScope{grace: c.cfg.SettleGrace}
	scope.parent = context.WithValue(ctx, settleKey, scope)
	return scope.parent
}

type settleKeyType struct{}

var settleKey settleKeyType

// settleScope is the state of one Settle: its deadline, set at the scope's first send.
type settleScope struct {
	parent context.Context
	grace  time.Duration

	mu       sync.Mutex
	deadline time.Time
}

// sending returns the deadline of the scope's calls, set now if this is the scope's first send,
// unless ctx ended before anything was sent.
func (s *settleScope) sending() (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deadline.IsZero() {
		if err := s.parent.Err(); err != nil {
			return time.Time{}, err
		}
		s.deadline = time.Now().Add(s.grace)
		if d, ok := s.parent.Deadline(); ok && d.Before(s.deadline) {
			s.deadline = d
		}
	}
	return s.deadline, nil
}

// sent reports the scope's deadline once it has sent a request.
func (s *settleScope) sent() (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deadline, !s.deadline.IsZero()
}

// detach returns ctx, with its values, no longer cancelled with it but ending at deadline.
func detach(ctx context.Context, deadline time.Time) (context.Context, context.CancelFunc) {
	return context.WithDeadline(context.WithoutCancel(ctx), deadline)
}

// Do performs the request, retrying what is safe to retry, and decodes a 2xx JSON body into out
// (when out is not nil). A non-2xx answer is returned as *APIError. Do stops when ctx ends, between
// attempts as during one.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	cl := &call{req: req}
	if req.Body != nil {
		b, err := json.Marshal(req.Body)
		if err != nil {
			return fmt.Errorf("%s: encoding request: %w", c.cfg.Family, err)
		}
		cl.body = b
	}
	ctx = context.WithValue(ctx, callKey, cl)
	// A call in a Settle scope that has sent runs detached from the start: an outcome is pending.
	scope, _ := ctx.Value(settleKey).(*settleScope)
	detached := false
	if scope != nil {
		if deadline, ok := scope.sent(); ok {
			var cancel context.CancelFunc
			ctx, cancel = detach(ctx, deadline)
			defer cancel()
			detached = true
		}
	}
	opGov := c.opGovs[req.Operation]
	for {
		for _, g := range []*governor{opGov, c.gov} {
			if err := g.wait(ctx, c); err != nil {
				return fmt.Errorf("%s: %s %s: waiting for the request rate limit: %w", c.cfg.Family, req.Method, req.Path, err)
			}
		}
		if scope != nil && !detached {
			deadline, err := scope.sending()
			if err != nil {
				return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, err)
			}
			var cancel context.CancelFunc
			ctx, cancel = detach(ctx, deadline)
			defer cancel()
			detached = true
		}
		sentAt := time.Now()
		resp, err := c.send(ctx, cl)
		cl.attempts++
		next := c.decide(ctx, cl, resp, err)
		// A throttled answer does not say which of the service's buckets ran dry: both slow down.
		opGov.observe(sentAt, next)
		c.gov.observe(sentAt, next)
		switch {
		case cl.reconErr != nil:
			return fmt.Errorf("%s: %s %s: checking whether an interrupted request was applied: %w", c.cfg.Family, req.Method, req.Path, cl.reconErr)
		case cl.reconciled:
			return nil
		case next.retry && cl.attempts <= c.maxRetries:
			wait := c.backoff(cl.attempts, next.retryAfter)
			c.logRetry(ctx, cl, next, wait)
			if err := sleep(ctx, wait); err != nil {
				return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, err)
			}
			continue
		}
		return c.result(ctx, cl, resp, err, out)
	}
}

func (c *Client) send(ctx context.Context, cl *call) (*resty.Response, error) {
	r := c.resty.R().SetContext(ctx)
	if cl.body != nil {
		r.SetHeader("Content-Type", "application/json").SetBody(cl.body)
	}
	for k, v := range cl.req.Header {
		r.SetHeader(k, v)
	}
	if len(cl.req.Query) > 0 {
		r.SetQueryParamsFromValues(cl.req.Query)
	}
	return r.Execute(cl.req.Method, cl.req.Path)
}

// result turns the last attempt into Do's answer.
func (c *Client) result(ctx context.Context, cl *call, resp *resty.Response, err error, out any) error {
	req := cl.req
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, ctxErr)
		}
		var signErr *SignError
		if errors.As(err, &signErr) {
			return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, signErr)
		}
		var plain *PlainHTTPError
		if errors.As(err, &plain) {
			return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, plain)
		}
		if errors.Is(err, resty.ErrResponseBodyTooLarge) {
			return fmt.Errorf("%s: %s %s: the response body is larger than %d MiB, more than any answer of this API; not reading it",
				c.cfg.Family, req.Method, req.Path, MaxResponseBody>>20)
		}
		return &TransportError{
			Family: c.cfg.Family, Method: req.Method, Path: req.Path, Attempts: cl.attempts, Err: err,
			URL: c.cfg.BaseURL, Source: c.cfg.BaseURLSource, Unreachable: isUnreachable(err),
		}
	}
	status := resp.StatusCode()
	if status < 200 || status > 299 {
		return c.apiError(cl, resp)
	}
	if req.ResponseHeader != nil {
		*req.ResponseHeader = resp.Header().Clone()
	}
	if out != nil && len(resp.Body()) > 0 {
		if err := json.Unmarshal(resp.Body(), out); err != nil {
			return fmt.Errorf("%s: %s %s: decoding the %d response: %w", c.cfg.Family, req.Method, req.Path, status, err)
		}
	}
	return nil
}

// errorBodyExcerpt bounds the part of an undecodable error body shown to the user.
const errorBodyExcerpt = 512

func (c *Client) apiError(cl *call, resp *resty.Response) *APIError {
	req := cl.req
	e := &APIError{
		Family:         c.cfg.Family,
		Method:         req.Method,
		Path:           req.Path,
		StatusCode:     resp.StatusCode(),
		Attempts:       cl.attempts,
		credentialHint: c.cfg.CredentialHint,
	}
	if c.cfg.DecodeError != nil {
		e.Code, e.Message, e.RequestID = c.cfg.DecodeError(resp.StatusCode(), resp.Header(), resp.Body())
	}
	if status := resp.StatusCode(); status >= 300 && status <= 399 {
		e.Location = resp.Header().Get("Location")
	}
	// A service may echo what it was sent, secrets included, in its message or code.
	secrets := c.secrets(cl)
	if e.Message == "" && e.Code == "" {
		// The service's words could not be read: show the body, as redacted as a logged one.
		e.Message = c.redactErrorBody(resp.Body(), secrets)
	}
	e.Code, e.Message, e.Location = maskLiterals(e.Code, secrets), maskLiterals(e.Message, secrets), maskLiterals(e.Location, secrets)
	return e
}

// redactErrorBody masks the sensitive keys of a JSON body (another body is shown as text) and the
// literal secrets, then cuts the result to errorBodyExcerpt bytes.
func (c *Client) redactErrorBody(body []byte, secrets []string) string {
	text, ok := c.redactJSON(body)
	if !ok {
		text = string(body)
	}
	text = strings.TrimSpace(maskLiterals(text, secrets))
	if len(text) > errorBodyExcerpt {
		text = strings.ToValidUTF8(text[:errorBodyExcerpt], "") + "…"
	}
	return text
}

// IsLoopbackHost reports whether host is a loopback name or address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := parseIP(host)
	return ip != nil && ip.IsLoopback()
}

// RequestBody returns the payload of an outgoing request without consuming it.
func RequestBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.GetBody != nil {
		rc, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		defer func() { _ = rc.Close() }()
		return io.ReadAll(rc)
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b, nil
}

type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}
