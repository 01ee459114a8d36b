// Package httpclient builds the one kind of HTTP client every family uses: resty with retries that
// honour Retry-After, per-attempt request signing, tflog logging with credentials masked, and one
// typed API error.
package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// Config describes the client of one family.
type Config struct {
	// Family names the tflog subsystem and prefixes errors ("authress", "appfabric", ...).
	Family  string
	BaseURL string
	// UserAgent is sent on every request.
	UserAgent string
	// MaxRetries bounds the retries of one call; 0 means the default (8).
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff, and a Retry-After wait; defaults
	// 250ms and 20s.
	RetryWaitMin, RetryWaitMax time.Duration
	// Timeout bounds one attempt; default 60s. The operation as a whole is bounded by the caller's context.
	Timeout time.Duration
	// WriteGrace bounds a write (any method but GET and HEAD), retries included, once the caller's
	// context is cancelled; default 2m. See Do.
	WriteGrace time.Duration
	// Sign authenticates the final request of every attempt (SigV4 needs a fresh timestamp on each retry).
	// body is the exact payload sent. An error fails the call at once, as a *SignError.
	Sign func(r *http.Request, body []byte) error
	// Secrets returns literal credential values to mask wherever they would appear in logs. It is called
	// per log line so that credentials obtained later (minted JWTs, IAM tokens) are covered too.
	Secrets func() []string
	// SensitiveKeys are JSON keys whose values are masked in logged bodies (matched case-insensitively).
	SensitiveKeys []string
	// DecodeError reads the family's error body into a service code, message and request id.
	DecodeError func(status int, header http.Header, body []byte) (code, message, requestID string)
	// RetryableError reports service errors that are transient although their status is not (e.g. a
	// conflict code that means "busy, try again").
	RetryableError func(status int, code string) bool
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
}

// Client is safe for concurrent use.
type Client struct {
	cfg   Config
	resty *resty.Client
	quiet bool // no log line can be written; see logsOff
}

// New validates the configuration and builds the client. Plain http:// is accepted for loopback
// addresses only, so credentials never cross a network unencrypted.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%s: %q is not an http(s) URL with a host", cfg.Family, cfg.BaseURL)
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("%s: refusing to send credentials over plain http to %s; use https:// (http:// is accepted only for loopback addresses such as 127.0.0.1)", cfg.Family, u.Host)
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = 8
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = 250 * time.Millisecond
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = 20 * time.Second
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.WriteGrace == 0 {
		cfg.WriteGrace = 2 * time.Minute
	}
	if cfg.Secrets == nil {
		cfg.Secrets = func() []string { return nil }
	}
	c := &Client{cfg: cfg, quiet: logsOff(os.Environ())}
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
		Transport: transport,
		Timeout:   cfg.Timeout,
		// A redirect is answered as an *APIError, never followed: net/http would re-send the
		// credential headers (custom ones even to another host, and over plain http), unsigned
		// for the new URL.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	rc := resty.NewWithClient(hc).
		SetBaseURL(strings.TrimRight(cfg.BaseURL, "/")).
		SetHeader("User-Agent", cfg.UserAgent).
		SetHeader("Accept", "application/json").
		SetLogger(silentLogger{}).
		SetRetryCount(cfg.MaxRetries).
		SetRetryWaitTime(cfg.RetryWaitMin).
		SetRetryMaxWaitTime(cfg.RetryWaitMax).
		SetRetryAfter(retryAfter).
		AddRetryCondition(c.shouldRetry).
		SetPreRequestHook(c.beforeSend).
		OnAfterResponse(c.afterResponse).
		OnError(c.onError)
	c.resty = rc
	return c, nil
}

type ctxKey int

const (
	callKey ctxKey = iota
)

// call carries per-call facts through resty's retry loop.
type call struct {
	req        Request
	body       []byte
	reconciled bool
	reconErr   error
	attempts   int
}

// Settle returns the context for the calls that settle a write's outcome, such as reading back what a
// create left when its answer was lost: like writes in Do, they run to the end when the caller's
// context is cancelled, bounded by WriteGrace.
func (c *Client) Settle(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), c.cfg.WriteGrace)
}

// Do performs the request, retrying what is safe to retry, and decodes a 2xx JSON body into out
// (when out is not nil). A non-2xx answer is returned as *APIError.
//
// A write is seen through even when the caller's context is cancelled (Ctrl-C makes Terraform cancel
// every call in flight): abandoning a create whose request was already sent would leave an object that
// no state records. Writes therefore run, retries included, detached from cancellation and bounded by
// WriteGrace; reads stop at once.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		var cancel context.CancelFunc
		ctx, cancel = c.Settle(ctx)
		defer cancel()
	}
	cl := &call{req: req}
	r := c.resty.R().SetContext(context.WithValue(ctx, callKey, cl))
	if req.Body != nil {
		b, err := json.Marshal(req.Body)
		if err != nil {
			return fmt.Errorf("%s: encoding request: %w", c.cfg.Family, err)
		}
		cl.body = b
		r.SetHeader("Content-Type", "application/json").SetBody(b)
	}
	for k, v := range req.Header {
		r.SetHeader(k, v)
	}
	if len(req.Query) > 0 {
		r.SetQueryParamsFromValues(req.Query)
	}
	resp, err := r.Execute(req.Method, req.Path)
	if cl.reconErr != nil {
		return fmt.Errorf("%s: %s %s: checking whether an interrupted request was applied: %w", c.cfg.Family, req.Method, req.Path, cl.reconErr)
	}
	if cl.reconciled {
		return nil
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, ctxErr)
		}
		var signErr *SignError
		if errors.As(err, &signErr) {
			return fmt.Errorf("%s: %s %s: %w", c.cfg.Family, req.Method, req.Path, signErr)
		}
		return &TransportError{Family: c.cfg.Family, Method: req.Method, Path: req.Path, Attempts: cl.attempts, Err: err}
	}
	status := resp.StatusCode()
	if status < 200 || status > 299 {
		return c.apiError(req, resp, cl.attempts)
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

func (c *Client) apiError(req Request, resp *resty.Response, attempts int) *APIError {
	e := &APIError{
		Family:         c.cfg.Family,
		Method:         req.Method,
		Path:           req.Path,
		StatusCode:     resp.StatusCode(),
		Attempts:       attempts,
		credentialHint: c.cfg.CredentialHint,
	}
	if c.cfg.DecodeError != nil {
		e.Code, e.Message, e.RequestID = c.cfg.DecodeError(resp.StatusCode(), resp.Header(), resp.Body())
	}
	if status := resp.StatusCode(); status >= 300 && status <= 399 {
		e.Location = resp.Header().Get("Location")
	}
	if e.Message == "" && e.Code == "" {
		e.Message = strings.TrimSpace(string(truncate(resp.Body(), 512)))
	}
	return e
}

// shouldRetry is resty's only retry condition, so it decides every case.
func (c *Client) shouldRetry(resp *resty.Response, err error) bool {
	var cl *call
	if resp != nil && resp.Request != nil {
		cl, _ = resp.Request.Context().Value(callKey).(*call)
	}
	if cl == nil {
		return false
	}
	cl.attempts++
	ctx := resp.Request.Context()
	if ctx.Err() != nil {
		return false
	}
	idempotent := cl.req.Method != http.MethodPost || cl.req.Idempotent
	if err != nil {
		var signErr *SignError
		if errors.As(err, &signErr) {
			return false
		}
		if isNotSent(err) {
			return true
		}
		return c.retryUnknownOutcome(ctx, cl, idempotent)
	}
	status := resp.StatusCode()
	switch {
	case status == http.StatusTooManyRequests:
		// Rejected before any work was done.
		return true
	case status == http.StatusInternalServerError || status == http.StatusBadGateway ||
		status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout:
		return c.retryUnknownOutcome(ctx, cl, idempotent)
	case status >= 400 && c.cfg.RetryableError != nil && c.cfg.DecodeError != nil:
		code, _, _ := c.cfg.DecodeError(status, resp.Header(), resp.Body())
		return c.cfg.RetryableError(status, code)
	}
	return false
}

func (c *Client) retryUnknownOutcome(ctx context.Context, cl *call, idempotent bool) bool {
	if idempotent {
		return true
	}
	if cl.req.Reconcile == nil {
		return false
	}
	applied, err := cl.req.Reconcile(ctx)
	if err != nil {
		cl.reconErr = err
		return false
	}
	if applied {
		cl.reconciled = true
		return false
	}
	return true
}

// isNotSent reports transport errors that happen before the request reaches the server, which are
// always safe to retry.
func isNotSent(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsTemporary
}

// retryAfter honours Retry-After in seconds or as an HTTP date; 0 lets resty use its jittered
// exponential backoff.
func retryAfter(_ *resty.Client, resp *resty.Response) (time.Duration, error) {
	if resp == nil {
		return 0, nil
	}
	return ParseRetryAfter(resp.Header().Get("Retry-After"), time.Now()), nil
}

// maxRetryAfter bounds what a Retry-After header can ask for, so that absurd values cannot overflow
// a Duration (RetryWaitMax bounds the wait itself).
const maxRetryAfter = 24 * time.Hour

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP-date. Anything else is 0.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if strings.Trim(v, "0123456789") == "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return 0
}

// IsLoopbackHost reports whether host is a loopback name or address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
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

func truncate(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}
