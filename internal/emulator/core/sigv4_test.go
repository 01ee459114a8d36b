package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// arnSegment escapes an ARN the way the AWS SDK escapes path labels.
func arnSegment(arn string) string {
	return strings.NewReplacer(":", "%3A", "/", "%2F").Replace(arn)
}

func signedRequest(t *testing.T, s *Server, creds aws.Credentials, service, region string, at time.Time, body string) *http.Request {
	t.Helper()
	path := "/testfam/signed/" + arnSegment("arn:aws:appfabric:us-east-1:123456789012:appbundle/abc")
	req, err := http.NewRequest("POST", s.URL()+path+"?b=2&a=1", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256([]byte(body))
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, service, region, at); err != nil {
		t.Fatal(err)
	}
	return req
}

func TestVerifySigV4(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 21})
	c := s.Credentials()
	good := aws.Credentials{AccessKeyID: c.AWSAccessKeyID, SecretAccessKey: c.AWSSecretAccessKey}
	body := `{"name":"x"}`
	testCases := map[string]struct {
		build     func() *http.Request
		status    int
		code      string
		inMessage string
	}{
		"valid": {
			build:  func() *http.Request { return signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body) },
			status: http.StatusNoContent,
		},
		"valid with session token": {
			build: func() *http.Request {
				creds := good
				creds.SessionToken = "session"
				return signedRequest(t, s, creds, "testsvc", "us-east-1", time.Now(), body)
			},
			status: http.StatusNoContent,
		},
		"missing": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				r.Header.Del("Authorization")
				return r
			},
			status: http.StatusForbidden, code: "MissingAuthenticationTokenException", inMessage: "Missing Authentication Token",
		},
		"malformed": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=x")
				return r
			},
			status: http.StatusBadRequest, code: "IncompleteSignatureException",
		},
		"unknown key": {
			build: func() *http.Request {
				creds := good
				creds.AccessKeyID = "AKIAIOSFODNN7EXAMPLE"
				return signedRequest(t, s, creds, "testsvc", "us-east-1", time.Now(), body)
			},
			status: http.StatusForbidden, code: "UnrecognizedClientException", inMessage: "security token included in the request is invalid",
		},
		"wrong secret": {
			build: func() *http.Request {
				creds := good
				creds.SecretAccessKey = "wrong"
				return signedRequest(t, s, creds, "testsvc", "us-east-1", time.Now(), body)
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "signature we calculated does not match",
		},
		"wrong service": {
			build:  func() *http.Request { return signedRequest(t, s, good, "othersvc", "us-east-1", time.Now(), body) },
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "correct service",
		},
		"wrong region": {
			build:  func() *http.Request { return signedRequest(t, s, good, "testsvc", "eu-west-1", time.Now(), body) },
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "valid region",
		},
		"expired": {
			build: func() *http.Request {
				return signedRequest(t, s, good, "testsvc", "us-east-1", time.Now().Add(-20*time.Minute), body)
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "Signature expired",
		},
		"from the future": {
			build: func() *http.Request {
				return signedRequest(t, s, good, "testsvc", "us-east-1", time.Now().Add(20*time.Minute), body)
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "not yet current",
		},
		"tampered body": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				r.Body = newBody(`{"name":"y"}`)
				r.ContentLength = int64(len(`{"name":"y"}`))
				return r
			},
			status: http.StatusForbidden, code: "InvalidSignatureException",
		},
		"tampered query": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				r.URL.RawQuery = "a=1&b=3"
				return r
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "signature we calculated does not match",
		},
		"tampered path escaping": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				// Same decoded path, different escaping: ':' sent raw.
				r.URL.RawPath = strings.ReplaceAll(r.URL.RawPath, "%3A", ":")
				return r
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "signature we calculated does not match",
		},
		"tampered signed header": {
			build: func() *http.Request {
				r := signedRequest(t, s, good, "testsvc", "us-east-1", time.Now(), body)
				r.Header.Set("Content-Type", "text/plain")
				return r
			},
			status: http.StatusForbidden, code: "InvalidSignatureException", inMessage: "signature we calculated does not match",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp, err := emutest.FreshClient().Do(tc.build())
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out map[string]string
			_ = json.NewDecoder(resp.Body).Decode(&out)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (%v)", resp.StatusCode, tc.status, out)
			}
			if got := resp.Header.Get("X-Amzn-ErrorType"); got != tc.code {
				t.Errorf("X-Amzn-ErrorType = %q, want %q", got, tc.code)
			}
			if !strings.Contains(out["message"], tc.inMessage) {
				t.Errorf("message %q does not contain %q", out["message"], tc.inMessage)
			}
		})
	}
}

func TestSigV4ErrorCodes(t *testing.T) {
	t.Parallel()
	testCases := map[SigV4Failure][2]string{
		SigV4Missing:      {"MissingAuthenticationTokenException", "MissingAuthenticationToken"},
		SigV4Malformed:    {"IncompleteSignatureException", "IncompleteSignature"},
		SigV4UnknownKey:   {"UnrecognizedClientException", "InvalidClientTokenId"},
		SigV4BadScope:     {"InvalidSignatureException", "SignatureDoesNotMatch"},
		SigV4Expired:      {"InvalidSignatureException", "SignatureDoesNotMatch"},
		SigV4BadSignature: {"InvalidSignatureException", "SignatureDoesNotMatch"},
	}
	for failure, want := range testCases {
		e := &SigV4Error{Failure: failure}
		if e.RESTJSONCode() != want[0] || e.QueryCode() != want[1] {
			t.Errorf("%s: codes %s/%s, want %v", failure, e.RESTJSONCode(), e.QueryCode(), want)
		}
	}
}
