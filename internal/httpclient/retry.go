package httpclient

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// unreachableBudget bounds how long a server that cannot be connected to (refused, no route, no such
// host) is tried again: a service restarting comes back within it, and a wrong endpoint is reported
// in seconds rather than after the whole retry budget.
const unreachableBudget = 2 * time.Second

// verdict is what one attempt's outcome means for the call and for the endpoint's governor.
type verdict struct {
	retry bool
	// reason says why the attempt failed, for the retry log line.
	reason string
	// answered is true when the server sent a status; throttled when that status (or code) says
	// "too many requests".
	answered, throttled bool
	// retryAfter is the server's Retry-After; holdEndpoint means it concerns every request to the
	// endpoint (a throttle or an overload), not only this one.
	retryAfter   time.Duration
	holdEndpoint bool
	// status is the answer's HTTP status, 0 without one.
	status int
}

// decide classifies an attempt. It is the only retry policy, so it decides every case.
func (c *Client) decide(ctx context.Context, cl *call, resp *resty.Response, err error) verdict {
	if ctx.Err() != nil {
		return verdict{}
	}
	idempotent := cl.req.Method != http.MethodPost || cl.req.Idempotent
	if err != nil {
		var signErr *SignError
		var plain *PlainHTTPError
		switch {
		case errors.As(err, &signErr), errors.As(err, &plain), errors.Is(err, resty.ErrResponseBodyTooLarge):
			return verdict{}
		case isUnreachable(err):
			// Nothing reached the server, so even a POST may be sent again.
			if cl.unreachableSince.IsZero() {
				cl.unreachableSince = time.Now()
			}
			var dnsErr *net.DNSError
			if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
				return verdict{}
			}
			return verdict{retry: time.Since(cl.unreachableSince) < unreachableBudget, reason: "cannot connect: " + errorText(err)}
		}
		return verdict{retry: c.retryUnknownOutcome(ctx, cl, idempotent), reason: "no answer: " + errorText(err)}
	}
	status := resp.StatusCode()
	v := verdict{answered: true, status: status, reason: "HTTP " + strconv.Itoa(status)}
	var code string
	if status >= 400 && c.cfg.DecodeError != nil {
		code, _, _ = c.cfg.DecodeError(status, resp.Header(), resp.Body())
		if code != "" {
			v.reason += " " + maskLiterals(code, c.secrets(cl))
		}
	}
	retryAfter := ParseRetryAfter(resp.Header().Get("Retry-After"), time.Now())
	switch {
	case status == http.StatusTooManyRequests || (code != "" && slices.Contains(c.cfg.ThrottleCodes, code)):
		// Rejected before any work was done.
		v.retry, v.throttled, v.holdEndpoint = true, true, true
	case status == http.StatusServiceUnavailable:
		v.retry, v.holdEndpoint = c.retryUnknownOutcome(ctx, cl, idempotent), true
	case status == http.StatusInternalServerError || status == http.StatusBadGateway || status == http.StatusGatewayTimeout:
		v.retry = c.retryUnknownOutcome(ctx, cl, idempotent)
	case status >= 400 && c.cfg.RetryableError != nil:
		v.retry = c.cfg.RetryableError(status, code)
	}
	if v.retry || v.holdEndpoint {
		// retry_wait_max bounds what the server may ask for, for this call and for the endpoint.
		v.retryAfter = min(retryAfter, c.cfg.RetryWaitMax)
	}
	return v
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

// isUnreachable reports transport errors that happen before the request reaches the server: the
// connection was refused or could not be made, or the host name did not resolve.
func isUnreachable(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// errorText is err without the method and URL net/http puts in front (the log line has them).
func errorText(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err.Error()
	}
	return err.Error()
}

// backoff is the wait before retry number n (1 for the first): the server's Retry-After when it sent
// one, else capped exponential backoff with jitter; both within RetryWaitMin and RetryWaitMax.
func (c *Client) backoff(n int, retryAfter time.Duration) time.Duration {
	lo, hi := c.cfg.RetryWaitMin, c.cfg.RetryWaitMax
	if retryAfter > 0 {
		return min(max(retryAfter, lo), hi)
	}
	// The ceiling doubles with each retry; the wait is drawn from its upper half.
	ceiling := hi
	if n-1 < 62 && lo<<(n-1) > 0 && lo<<(n-1) < hi {
		ceiling = lo << (n - 1)
	}
	half := max(ceiling/2, 1)
	return max(half+rand.N(half), lo)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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

// describeWait formats a wait for a log message.
func describeWait(d time.Duration) string {
	if d >= time.Second {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Millisecond).String()
}
