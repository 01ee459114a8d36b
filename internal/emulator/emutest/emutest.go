// Package emutest starts emulator servers in tests and sends them plain
// requests. It knows the server only through Start and Close, so the core's
// own tests can use it too.
package emutest

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Server is what Start needs of an emulator server.
type Server interface {
	Start(addr string) error
	Close() error
}

// Start starts s on a free loopback port and closes it when the test ends.
func Start[S Server](t testing.TB, s S) S {
	t.Helper()
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// FreshClient never reuses connections, so a dropped connection is always
// seen by the caller instead of being retried by the transport.
func FreshClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
}

// Do sends method url with body (JSON when not empty) and reads the answer.
func Do(t testing.TB, c *http.Client, method, url, body string) (*http.Response, []byte, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return Send(c, req)
}

// Send sends req and reads the answer.
func Send(c *http.Client, req *http.Request) (*http.Response, []byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

// MustDo is Do on a FreshClient that fails the test unless the answer has
// wantStatus; it returns the body.
func MustDo(t testing.TB, method, url, body string, wantStatus int) []byte {
	t.Helper()
	resp, b, err := Do(t, FreshClient(), method, url, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, url, resp.StatusCode, wantStatus, b)
	}
	return b
}

// JSONBodySeeds are fuzz seeds for request-body decoders: every JSON kind,
// nulls, wrong types, unknown and duplicate keys, trailing data, truncated and
// empty bodies, and invalid UTF-8.
var JSONBodySeeds = []string{
	`{}`, `{"name":"a","count":1,"ratio":0.5,"on":true,"tags":{"k":"v"},"items":[{"id":"x","n":2}],"any":[1,"s",null,{"a":false}]}`,
	`{"name":null}`, `{"count":"1"}`, `{"count":1e400}`, `{"unknown":1}`, `{"items":[{"id":1}]}`, `{} {}`, `{`, ``, `  `, `[]`, `"s"`, `0`,
	`{"NAME":"a","name":"b"}`, "{\"name\":\"\xff\"}", `{"tags":{"k":null}}`,
}
