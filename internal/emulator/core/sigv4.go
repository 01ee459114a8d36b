package core

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// SigV4Failure classifies why VerifySigV4 rejected a request, so each AWS
// family can answer with its protocol's own error code.
type SigV4Failure string

const (
	// SigV4Missing: no Authorization header.
	SigV4Missing SigV4Failure = "missing"
	// SigV4Malformed: the header is not "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…",
	// or X-Amz-Date is missing or malformed.
	SigV4Malformed SigV4Failure = "malformed"
	// SigV4UnknownKey: the access key id is not the configured one.
	SigV4UnknownKey SigV4Failure = "unknown_key"
	// SigV4BadScope: the credential scope names another date, region or service.
	SigV4BadScope SigV4Failure = "bad_scope"
	// SigV4Expired: X-Amz-Date is more than 15 minutes from the server clock.
	SigV4Expired SigV4Failure = "expired"
	// SigV4BadSignature: the signature does not match the request.
	SigV4BadSignature SigV4Failure = "bad_signature"
)

// SigV4Error is the error VerifySigV4 returns. Message is the text AWS sends.
type SigV4Error struct {
	Failure SigV4Failure
	Message string
}

func (e *SigV4Error) Error() string { return string(e.Failure) + ": " + e.Message }

// RESTJSONCode is the error code REST-JSON services (AppFabric, QuickSight)
// send in X-Amzn-ErrorType.
func (e *SigV4Error) RESTJSONCode() string {
	switch e.Failure {
	case SigV4Missing:
		return "MissingAuthenticationTokenException"
	case SigV4Malformed:
		return "IncompleteSignatureException"
	case SigV4UnknownKey:
		return "UnrecognizedClientException"
	default:
		return "InvalidSignatureException"
	}
}

// QueryCode is the error code query-protocol services (STS) send.
func (e *SigV4Error) QueryCode() string {
	switch e.Failure {
	case SigV4Missing:
		return "MissingAuthenticationToken"
	case SigV4Malformed:
		return "IncompleteSignature"
	case SigV4UnknownKey:
		return "InvalidClientTokenId"
	default:
		return "SignatureDoesNotMatch"
	}
}

// Status is the HTTP status AWS uses: 400 for an incomplete signature, else 403.
func (e *SigV4Error) Status() int {
	if e.Failure == SigV4Malformed {
		return http.StatusBadRequest
	}
	return http.StatusForbidden
}

// WriteSigV4Error answers a REST-JSON request that failed VerifySigV4 the way
// AWS's front end does: the status, X-Amzn-ErrorType and {"message": …}.
func (s *Server) WriteSigV4Error(w http.ResponseWriter, err error) {
	var se *SigV4Error
	if !errors.As(err, &se) {
		se = &SigV4Error{Failure: SigV4BadSignature, Message: err.Error()}
	}
	w.Header().Set("X-Amzn-ErrorType", se.RESTJSONCode())
	w.Header().Set("X-Amzn-RequestId", s.UUID())
	WriteJSON(w, se.Status(), map[string]string{"message": se.Message})
}

const (
	sigV4Algorithm = "AWS4-HMAC-SHA256"
	amzDateFormat  = "20060102T150405Z"
	sigV4MaxSkew   = 15 * time.Minute
)

var sigV4Signer = v4.NewSigner()

type sigV4Auth struct {
	accessKey, date, region, service string
	signedHeaders                    []string
	signature                        string
}

func parseSigV4Authorization(h string) (sigV4Auth, error) {
	var a sigV4Auth
	alg, rest, ok := strings.Cut(h, " ")
	if !ok || alg != sigV4Algorithm {
		return a, fmt.Errorf("Authorization header requires the %s algorithm", sigV4Algorithm)
	}
	fields := map[string]string{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, fmt.Errorf("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters")
		}
		fields[k] = v
	}
	for _, k := range []string{"Credential", "SignedHeaders", "Signature"} {
		if fields[k] == "" {
			return a, fmt.Errorf("Authorization header requires '%s' parameter. Authorization=%s", k, h)
		}
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[4] != "aws4_request" {
		return a, fmt.Errorf("Credential should be scoped to a valid region, service and aws4_request terminator")
	}
	a.accessKey, a.date, a.region, a.service = scope[0], scope[1], scope[2], scope[3]
	a.signedHeaders = strings.Split(fields["SignedHeaders"], ";")
	a.signature = fields["Signature"]
	return a, nil
}

// VerifySigV4 checks r's AWS Signature Version 4 (Authorization header form)
// against the configured AWS credentials (Credentials) for service, in the
// configured Region. body is the exact request body (Body(r)). The signature
// is recomputed with the AWS SDK signer over a clone of r holding only the
// signed headers, the exact escaped path, the X-Amz-Date time and
// X-Amz-Content-Sha256 (or the body's hash), so any tampering with path,
// query, signed headers or body is caught. Errors are *SigV4Error.
func (s *Server) VerifySigV4(r *http.Request, body []byte, service string) error {
	onlyDefault := func(key string) (AWSAccount, bool) {
		if key != s.creds.AWSAccessKeyID {
			return AWSAccount{}, false
		}
		return AWSAccount{AccessKeyID: key, SecretAccessKey: s.creds.AWSSecretAccessKey, AccountID: s.creds.AWSAccountID}, true
	}
	_, _, err := s.verifySigV4(r, body, service, onlyDefault, func(region string) bool { return region == s.creds.AWSRegion })
	return err
}

// verifySigV4 is VerifySigV4 with the accounts (by access key) and Regions a
// service accepts.
func (s *Server) verifySigV4(r *http.Request, body []byte, service string, account func(accessKey string) (AWSAccount, bool),
	regionOK func(string) bool,
) (sigV4Auth, AWSAccount, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return sigV4Auth{}, AWSAccount{}, &SigV4Error{SigV4Missing, "Missing Authentication Token"}
	}
	a, err := parseSigV4Authorization(h)
	if err != nil {
		return a, AWSAccount{}, &SigV4Error{SigV4Malformed, err.Error()}
	}
	acct, known := account(a.accessKey)
	if !known {
		return a, acct, &SigV4Error{SigV4UnknownKey, "The security token included in the request is invalid."}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	t, err := time.Parse(amzDateFormat, amzDate)
	if err != nil {
		return a, acct, &SigV4Error{SigV4Malformed, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."}
	}
	if a.service != service {
		return a, acct, &SigV4Error{SigV4BadScope, fmt.Sprintf("Credential should be scoped to correct service: '%s'. ", service)}
	}
	if !regionOK(a.region) {
		return a, acct, &SigV4Error{SigV4BadScope, fmt.Sprintf("Credential should be scoped to a valid region, not '%s'. ", a.region)}
	}
	if a.date != t.Format("20060102") {
		return a, acct, &SigV4Error{SigV4BadScope, fmt.Sprintf("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.", a.date, t.Format("20060102"), amzDate)}
	}
	now := s.Now()
	if now.Sub(t) > sigV4MaxSkew {
		return a, acct, &SigV4Error{SigV4Expired, fmt.Sprintf("Signature expired: %s is now earlier than %s (%s - 15 min.)", amzDate, now.Add(-sigV4MaxSkew).Format(amzDateFormat), now.Format(amzDateFormat))}
	}
	if t.Sub(now) > sigV4MaxSkew {
		return a, acct, &SigV4Error{SigV4Expired, fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + 15 min.)", amzDate, now.Add(sigV4MaxSkew).Format(amzDateFormat), now.Format(amzDateFormat))}
	}

	payloadHash := r.Header.Get("X-Amz-Content-Sha256")
	if payloadHash == "" || payloadHash == "UNSIGNED-PAYLOAD" {
		sum := sha256.Sum256(body)
		payloadHash = hex.EncodeToString(sum[:])
	} else if sum := sha256.Sum256(body); payloadHash != hex.EncodeToString(sum[:]) {
		return a, acct, &SigV4Error{SigV4BadSignature, "The provided 'x-amz-content-sha256' header does not match what was computed."}
	}

	clone, err := http.NewRequestWithContext(context.Background(), r.Method, "http://emulator/", nil)
	if err != nil {
		return a, acct, &SigV4Error{SigV4Malformed, err.Error()}
	}
	// Keep the exact escaping the client sent (and signed): ARNs carry %2F and %3A.
	clone.URL = &url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery}
	clone.Host = r.Host
	for _, name := range a.signedHeaders {
		switch name {
		case "host":
		case "content-length":
			n, _ := strconv.ParseInt(r.Header.Get("Content-Length"), 10, 64)
			if n == 0 {
				n = r.ContentLength
			}
			clone.ContentLength = n
		default:
			for _, v := range r.Header.Values(name) {
				clone.Header.Add(name, v)
			}
		}
	}
	creds := aws.Credentials{
		AccessKeyID:     acct.AccessKeyID,
		SecretAccessKey: acct.SecretAccessKey,
		SessionToken:    r.Header.Get("X-Amz-Security-Token"),
	}
	if err := sigV4Signer.SignHTTP(context.Background(), creds, clone, payloadHash, a.service, a.region, t); err != nil {
		return a, acct, &SigV4Error{SigV4Malformed, err.Error()}
	}
	want, err := parseSigV4Authorization(clone.Header.Get("Authorization"))
	if err != nil {
		return a, acct, &SigV4Error{SigV4Malformed, err.Error()}
	}
	if strings.Join(want.signedHeaders, ";") != strings.Join(a.signedHeaders, ";") ||
		subtle.ConstantTimeCompare([]byte(want.signature), []byte(a.signature)) != 1 {
		return a, acct, &SigV4Error{SigV4BadSignature, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
	}
	return a, acct, nil
}
