package httpclient

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// APIError is a non-2xx answer from a service.
type APIError struct {
	Family     string
	Method     string
	Path       string
	StatusCode int
	// Code is the service's stable error code (errorCode, X-Amzn-ErrorType, error_code).
	Code      string
	Message   string
	RequestID string
	// Location is where a 3xx answer pointed (redirects are not followed).
	Location string
	// Attempts counts the tries made, retries included.
	Attempts       int
	credentialHint string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: HTTP %d", e.Family, e.Method, e.Path, e.StatusCode)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Location != "" {
		fmt.Fprintf(&b, " (redirected to %s)", e.Location)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request id %s)", e.RequestID)
	}
	return b.String()
}

// Advice says what the user can do about the error.
func (e *APIError) Advice() string {
	switch {
	case e.StatusCode >= 300 && e.StatusCode <= 399:
		return fmt.Sprintf("The %s endpoint answered with a redirect, which the provider does not follow with credentials. Set the endpoint to the URL the API is served from.", e.Family)
	case e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden:
		hint := e.credentialHint
		if hint == "" {
			hint = "the provider's " + e.Family + " block"
		}
		return fmt.Sprintf("The %s API rejected the credentials or their permissions. Check %s.", e.Family, hint)
	case e.StatusCode == http.StatusTooManyRequests:
		return fmt.Sprintf("The %s API kept throttling after %d attempts. Lower -parallelism or try again later.", e.Family, e.Attempts)
	case e.StatusCode >= 500:
		return fmt.Sprintf("The %s API failed on its side after %d attempts. Nothing in the configuration needs changing; try the apply again.", e.Family, e.Attempts)
	case e.StatusCode == http.StatusNotFound:
		return "The object does not exist (it may have been deleted outside Terraform)."
	case e.StatusCode == http.StatusConflict:
		return "The request conflicts with the object's current state."
	case e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity:
		return "The service rejected the values sent; correct the configuration."
	}
	return ""
}

// TransportError is a call that never got an HTTP answer.
type TransportError struct {
	Family, Method, Path string
	Attempts             int
	Err                  error
	// URL is the endpoint called and Source where it came from (a setting or environment variable).
	URL, Source string
	// Unreachable means no connection could be made (refused, no route, unknown host).
	Unreachable bool
}

func (e *TransportError) Error() string {
	if e.Unreachable {
		return fmt.Sprintf("%s: %s %s: cannot reach %s%s after %d attempts: %v", e.Family, e.Method, e.Path, e.URL, From(e.Source), e.Attempts, errorText(e.Err))
	}
	return fmt.Sprintf("%s: %s %s: no answer from %s after %d attempts: %v", e.Family, e.Method, e.Path, e.URL, e.Attempts, errorText(e.Err))
}

func (e *TransportError) Unwrap() error { return e.Err }

// Advice says what the user can do about the error.
func (e *TransportError) Advice() string {
	if !e.Unreachable {
		return ""
	}
	where := "the " + e.Family + " endpoint"
	if e.Source != "" {
		where = e.Source
	}
	return fmt.Sprintf("Check %s: is %s the URL of the %s API, and can this machine reach it?", where, e.URL, e.Family)
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// IsNotFound reports a 404 answer.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// ErrorCode returns the service code of an *APIError in err's chain, or "".
func ErrorCode(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// Diagnostic turns err into an error diagnostic whose detail carries the service's words and what
// to do next.
func Diagnostic(summary string, err error) diag.Diagnostic {
	detail := err.Error()
	var advised interface{ Advice() string }
	if errors.As(err, &advised) {
		if advice := advised.Advice(); advice != "" {
			detail += "\n\n" + advice
		}
	}
	return diag.NewErrorDiagnostic(summary, detail)
}

// Headline returns what a diagnostic about err should be titled: the headline of the first error in
// err's chain that has one (it says what happened: "Plain http refused for http://..."), else
// fallback (which says what failed).
func Headline(err error, fallback string) string {
	var h interface{ Headline() string }
	if errors.As(err, &h) {
		return h.Headline()
	}
	return fallback
}

// WithHeadline gives err a headline for its diagnostic.
func WithHeadline(headline string, err error) error {
	return &headlined{headline: headline, err: err}
}

type headlined struct {
	headline string
	err      error
}

func (e *headlined) Error() string    { return e.err.Error() }
func (e *headlined) Unwrap() error    { return e.err }
func (e *headlined) Headline() string { return e.headline }

// SignError is a failure to authenticate a request before sending it (no credentials, a token that
// cannot be fetched). It is never retried.
type SignError struct{ Err error }

func (e *SignError) Error() string { return e.Err.Error() }

func (e *SignError) Unwrap() error { return e.Err }
