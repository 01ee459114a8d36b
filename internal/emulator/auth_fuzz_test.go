package emulator

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// FuzzForgedAuthorization sends requests with arbitrary credential headers to an AWS, an APIG and an
// Authress route: the emulator parses them without panicking and refuses every one with a 4xx, as the
// real services do; none is served.
func FuzzForgedAuthorization(f *testing.F) {
	s := New(Options{Seed: 1})
	c := s.Credentials()
	now := s.Now().UTC()
	amzDate := now.Format("20060102T150405Z")
	scope := c.AWSAccessKeyID + "/" + now.Format("20060102") + "/us-east-1/appfabric/aws4_request"
	for _, h := range []string{
		"AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host;x-amz-date, Signature=00",
		"AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=, Signature=00",
		"AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request,SignedHeaders=host,Signature=x",
		"AWS4-HMAC-SHA256 Credential", "AWS4-HMAC-SHA256 ,,,", "AWS4-HMAC-SHA256 Credential=/////,SignedHeaders=;;,Signature==",
		"SDK-HMAC-SHA256 Access=" + c.APIGAccessKey + ", SignedHeaders=host;x-sdk-date, Signature=00",
		"SDK-HMAC-SHA256 Access=" + c.APIGAccessKey + ", SignedHeaders=, Signature=00", "SDK-HMAC-SHA256 ", "SDK-HMAC-SHA256 Access=a,Signature=b,SignedHeaders=;",
		"Bearer eyJhbGciOiJFZERTQSJ9.e30.c2ln", "Bearer " + c.AWSAccessKeyID, "Bearer ", "bearer x", "", " ",
	} {
		f.Add(h, amzDate)
	}
	f.Add("SDK-HMAC-SHA256 Access="+c.APIGAccessKey+", SignedHeaders=x-sdk-date, Signature=00", "19700101T000000Z")
	h := s.Handler()
	apigEnvs := "/v2/" + c.APIGProjectID + "/apigw/instances/0123456789abcdef0123456789abcdef/envs"
	// credential is the header that carries the fuzzed value.
	routes := []struct{ method, path, credential, dateHeader string }{
		{http.MethodGet, "/appbundles", "Authorization", "X-Amz-Date"},
		{http.MethodGet, "/accounts/" + c.AWSAccountID + "/action-connectors", "Authorization", "X-Amz-Date"},
		{http.MethodGet, apigEnvs, "Authorization", "X-Sdk-Date"},
		{http.MethodGet, apigEnvs, "X-Auth-Token", ""},
		{http.MethodGet, "/v1/connections", "Authorization", ""},
	}
	f.Fuzz(func(t *testing.T, authorization, date string) {
		for _, rt := range routes {
			req := httptest.NewRequest(rt.method, rt.path, nil)
			req.Host = "127.0.0.1"
			req.Header.Set(rt.credential, authorization)
			if rt.dateHeader != "" {
				req.Header.Set(rt.dateHeader, date)
			}
			rec := httptest.NewRecorder()
			done := make(chan struct{})
			go func() {
				defer close(done)
				h.ServeHTTP(rec, req)
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s %s with %s %q did not answer in 10s", rt.method, rt.path, rt.credential, authorization)
			}
			if rec.Code < 400 || rec.Code >= 500 {
				t.Fatalf("%s %s with %s %q, date %q answered %d %s", rt.method, rt.path, rt.credential, authorization, date, rec.Code, rec.Body)
			}
		}
	})
}
