package httpclient

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// PlainHTTPError refuses a request over plain http to a host that is not loopback: every request of
// this provider carries credentials.
type PlainHTTPError struct {
	// URL is the scheme and host refused.
	URL string
	// Source says where the URL came from, when known.
	Source string
}

func (e *PlainHTTPError) Error() string {
	return "plain http refused for " + e.URL + From(e.Source) + ": credentials are sent over https:// only " +
		"(http:// is accepted for loopback addresses such as 127.0.0.1); use https://"
}

// Headline is the diagnostic summary for the error.
func (e *PlainHTTPError) Headline() string { return "Plain http refused for " + e.URL }

// checkScheme is the one rule for every URL the provider calls: https, or http to a loopback host or
// to one of allowed (host names or addresses).
func checkScheme(u *url.URL, source string, allowed []string) error {
	if !strings.EqualFold(u.Scheme, "http") {
		return nil
	}
	host := u.Hostname()
	if IsLoopbackHost(host) {
		return nil
	}
	for _, a := range allowed {
		if strings.EqualFold(host, a) || equalIP(host, a) {
			return nil
		}
	}
	return &PlainHTTPError{URL: "http://" + u.Host, Source: source}
}

// CheckPlainHTTP applies the provider's rule for plain http to a request URL about to be sent:
// allowed lists hosts that may be reached over http besides loopback ones.
func CheckPlainHTTP(u *url.URL, allowed ...string) error { return checkScheme(u, "", allowed) }

func parseIP(host string) net.IP { return net.ParseIP(host) }

func equalIP(a, b string) bool {
	ia, ib := parseIP(a), parseIP(b)
	return ia != nil && ib != nil && ia.Equal(ib)
}

// GuardPlainHTTP makes tr refuse, before any connection is made, a plain http request to a host that
// is neither loopback nor one of allowed. It serves transports built and cloned by others (the AWS
// SDK's), which RefusePlainHTTP cannot wrap: the check runs where tr asks for the request's proxy,
// first thing for every request, and a field survives tr.Clone.
func GuardPlainHTTP(tr *http.Transport, allowed ...string) {
	proxy := tr.Proxy
	tr.Proxy = func(r *http.Request) (*url.URL, error) {
		if err := CheckPlainHTTP(r.URL, allowed...); err != nil {
			return nil, err
		}
		if proxy == nil {
			return nil, nil
		}
		return proxy(r)
	}
}

// RefusePlainHTTP wraps a transport so that it refuses, before anything is sent, a plain http
// request to a host that is not loopback, whatever built the request.
func RefusePlainHTTP(next http.RoundTripper) http.RoundTripper { return plainHTTPGuard{next: next} }

type plainHTTPGuard struct{ next http.RoundTripper }

func (g plainHTTPGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := CheckPlainHTTP(r.URL); err != nil {
		if r.Body != nil {
			_ = r.Body.Close()
		}
		return nil, err
	}
	return g.next.RoundTrip(r)
}
