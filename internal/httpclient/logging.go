package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const masked = "***"

// logsOff reports whether no log line of this provider can be written: TF_LOG_PROVIDER is OFF (as
// main sets it when Terraform was given no TF_LOG* variable) and no family level
// (TF_LOG_PROVIDER_APPAUTH_<FAMILY>) overrides it. Building the lines, with their redacted bodies
// and masked subsystem contexts, is then skipped: it was a twentieth of the provider's CPU time.
func logsOff(environ []string) bool {
	off := false
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		switch {
		case name == "TF_LOG_PROVIDER":
			off = strings.EqualFold(value, "OFF")
		case strings.HasPrefix(name, "TF_LOG_PROVIDER_APPAUTH"):
			return false
		}
	}
	return off
}

// logContext adds the family's subsystem, with its masks, to the request's own context: masks live on
// a context and each Terraform RPC has its own, so they are applied where the line is written. The
// subsystem carries the root logger's fields (tf_req_id, tf_resource_type, tf_rpc, ...), so that a
// request's lines can be told apart from those of the resources running beside it.
func (c *Client) logContext(ctx context.Context, cl *call) context.Context {
	sub := c.cfg.Family
	ctx = tflog.NewSubsystem(ctx, sub, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_APPAUTH", strings.ToUpper(sub)), tflog.WithRootFields())
	if secrets := c.secrets(cl); len(secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, sub, secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, sub, secrets...)
	}
	return ctx
}

// secrets are the literal values to mask for a call: the family's credentials and the call's own.
func (c *Client) secrets(cl *call) []string {
	var out []string
	add := func(list []string) {
		for _, s := range list {
			if s != "" {
				out = append(out, s)
			}
		}
	}
	add(c.cfg.Secrets())
	if cl != nil {
		add(cl.req.Secrets)
	}
	return out
}

// maskLiterals replaces every occurrence of a secret in s, longest secrets first (one may contain
// another).
func maskLiterals(s string, secrets []string) string {
	if s == "" || len(secrets) == 0 {
		return s
	}
	sorted := slices.Clone(secrets)
	slices.SortFunc(sorted, func(a, b string) int { return len(b) - len(a) })
	for _, secret := range sorted {
		s = strings.ReplaceAll(s, secret, masked)
	}
	return s
}

// logRetry says, at WARN, why an attempt is retried and how long the call waits first.
func (c *Client) logRetry(ctx context.Context, cl *call, v verdict, wait time.Duration) {
	if c.quiet {
		return
	}
	ctx = c.logContext(ctx, cl)
	tflog.SubsystemWarn(ctx, c.cfg.Family, fmt.Sprintf("retrying %s %s after %s, in %s", cl.req.Method, cl.req.Path, v.reason, describeWait(wait)), map[string]any{
		"http_method":   cl.req.Method,
		"http_url":      strings.TrimRight(c.cfg.BaseURL, "/") + cl.req.Path,
		"attempt":       cl.attempts,
		"max_retries":   c.maxRetries,
		"retry_reason":  v.reason,
		"retry_wait_ms": wait.Milliseconds(),
	})
}

// logSlowWait says, at WARN, why requests wait for the governor.
func (c *Client) logSlowWait(ctx context.Context, wait time.Duration, why string, waiting int) {
	if c.quiet {
		return
	}
	cl, _ := ctx.Value(callKey).(*call)
	ctx = c.logContext(ctx, cl)
	tflog.SubsystemWarn(ctx, c.cfg.Family, fmt.Sprintf("requests to %s wait up to %s: %s", c.cfg.BaseURL, describeWait(wait), why), map[string]any{
		"endpoint":         c.cfg.BaseURL,
		"rate_wait_ms":     wait.Milliseconds(),
		"requests_waiting": waiting,
	})
}

// beforeSend signs the final request of each attempt and logs it. Headers are never logged: they
// carry the credentials.
func (c *Client) beforeSend(_ *resty.Client, r *http.Request) error {
	cl, _ := r.Context().Value(callKey).(*call)
	if c.cfg.Sign != nil {
		var body []byte
		if cl != nil {
			body = cl.body
		}
		if err := c.cfg.Sign(r, body); err != nil {
			// Whatever the hook's error, the request was not sent and re-sending cannot help.
			var signErr *SignError
			if !errors.As(err, &signErr) {
				err = &SignError{Err: err}
			}
			return err
		}
	}
	if c.quiet {
		return nil
	}
	ctx := c.logContext(r.Context(), cl)
	fields := map[string]any{"http_method": r.Method, "http_url": r.URL.String()}
	if cl != nil {
		fields["attempt"] = cl.attempts + 1
	}
	tflog.SubsystemDebug(ctx, c.cfg.Family, "sending request", fields)
	if cl != nil && len(cl.body) > 0 {
		tflog.SubsystemTrace(ctx, c.cfg.Family, "request body", map[string]any{"http_body": c.redactBody(cl.body)})
	}
	return nil
}

func (c *Client) afterResponse(_ *resty.Client, resp *resty.Response) error {
	if c.quiet {
		return nil
	}
	cl, _ := resp.Request.Context().Value(callKey).(*call)
	ctx := c.logContext(resp.Request.Context(), cl)
	fields := map[string]any{
		"http_method": resp.Request.Method,
		"http_url":    resp.Request.URL,
		"http_status": resp.StatusCode(),
		"duration_ms": resp.Time().Milliseconds(),
	}
	if id := requestIDHeader(resp.Header()); id != "" {
		fields["request_id"] = id
	}
	tflog.SubsystemDebug(ctx, c.cfg.Family, "received response", fields)
	if len(resp.Body()) > 0 {
		tflog.SubsystemTrace(ctx, c.cfg.Family, "response body", map[string]any{"http_body": c.redactBody(resp.Body())})
	}
	return nil
}

func (c *Client) onError(req *resty.Request, err error) {
	if c.quiet {
		return
	}
	cl, _ := req.Context().Value(callKey).(*call)
	ctx := c.logContext(req.Context(), cl)
	tflog.SubsystemDebug(ctx, c.cfg.Family, "request failed", map[string]any{
		"http_method": req.Method, "http_url": req.URL, "error": err.Error(),
	})
}

func requestIDHeader(h http.Header) string {
	for _, k := range []string{"X-Amzn-Requestid", "X-Request-Id", "X-Apig-Request-Id"} {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

// redactBody masks the values of sensitive keys at any depth of a JSON body. A body that is not
// JSON is summarised by its size, since its secrets cannot be located.
func (c *Client) redactBody(body []byte) string {
	if text, ok := c.redactJSON(body); ok {
		return text
	}
	return "(non-JSON body, " + strconv.Itoa(len(body)) + " bytes)"
}

// redactJSON returns body with the values of sensitive keys masked, or false when body is not one
// JSON value.
func (c *Client) redactJSON(body []byte) (string, bool) {
	// UseNumber keeps numbers as sent: float64 would round large ids.
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return "", false
	}
	redact(v, c.cfg.SensitiveKeys)
	out, _ := json.Marshal(v)
	return string(out), true
}

func redact(v any, keys []string) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			if isSensitiveKey(k, keys) {
				t[k] = masked
				continue
			}
			redact(child, keys)
		}
	case []any:
		for _, child := range t {
			redact(child, keys)
		}
	}
}

func isSensitiveKey(k string, keys []string) bool {
	for _, s := range keys {
		if strings.EqualFold(k, s) {
			return true
		}
	}
	return false
}
