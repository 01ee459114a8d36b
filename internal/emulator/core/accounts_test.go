package core

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// callerFamily answers who VerifySigV4Caller says sent a request, and recognises unmatched requests
// signed for its service.
type callerFamily struct{ s *Server }

func (f *callerFamily) Routes(r *Router) {
	r.Handle("POST /callerfam/signed/{arn}", "Signed", func(w http.ResponseWriter, r *http.Request) {
		c, err := f.s.VerifySigV4Caller(r, Body(r), "callersvc")
		if err != nil {
			f.s.WriteSigV4Error(w, err)
			return
		}
		WriteJSON(w, http.StatusOK, map[string]string{"account": c.AccountID, "key": c.AccessKeyID, "region": c.Region, "scope": f.s.AWSQuotaScope(r)})
	})
}

func (f *callerFamily) State() any { return map[string]any{} }
func (f *callerFamily) Reset()     {}

func (f *callerFamily) WriteUnmatched(w http.ResponseWriter, r *http.Request) bool {
	if SigV4Service(r) != "callersvc" {
		return false
	}
	w.Header().Set("X-Amzn-ErrorType", "UnknownOperationException")
	WriteJSON(w, http.StatusNotFound, map[string]string{"message": "unknown operation"})
	return true
}

func TestAWSAccountsAreDerivedFromTheSeedAndDistinct(t *testing.T) {
	t.Parallel()
	s := NewServer(Config{Seed: 8, AWSAccounts: 3})
	accts := s.AWSAccounts()
	if len(accts) != 3 {
		t.Fatalf("%d accounts, want 3", len(accts))
	}
	c := s.Credentials()
	if accts[0] != (AWSAccount{AccessKeyID: c.AWSAccessKeyID, SecretAccessKey: c.AWSSecretAccessKey, AccountID: c.AWSAccountID}) {
		t.Fatalf("the first account %+v is not the default credentials", accts[0])
	}
	more, err := s.EnsureAWSAccounts(5)
	if err != nil || len(more) != 5 || !slices.Equal(more[:3], accts) {
		t.Fatalf("EnsureAWSAccounts(5) = %v, %v; want the 3 accounts and 2 more", more, err)
	}
	keys, ids := map[string]bool{}, map[string]bool{}
	for _, a := range more {
		if len(a.AccessKeyID) != 20 || len(a.SecretAccessKey) != 40 || len(a.AccountID) != 12 || keys[a.AccessKeyID] || ids[a.AccountID] {
			t.Fatalf("account %+v is malformed or repeats an earlier one", a)
		}
		keys[a.AccessKeyID], ids[a.AccountID] = true, true
	}
	again, _ := NewServer(Config{Seed: 8}).EnsureAWSAccounts(5)
	if !slices.Equal(again, more) {
		t.Fatal("the same seed gave other accounts")
	}
	if _, err := s.EnsureAWSAccounts(MaxAWSAccounts + 1); err == nil {
		t.Fatal("more than MaxAWSAccounts accepted")
	}
}

// Every account's key signs for a family that serves all accounts; VerifySigV4 keeps accepting the
// default account only, in its Region.
func TestVerifySigV4CallerAcceptsEveryAccount(t *testing.T) {
	t.Parallel()
	s := newTestServer(Config{Seed: 9, AWSAccounts: 2})
	s.Register("callerfam", &callerFamily{s: s})
	emutest.Start(t, s)
	second := s.AWSAccounts()[1]
	creds := aws.Credentials{AccessKeyID: second.AccessKeyID, SecretAccessKey: second.SecretAccessKey}

	resp, body, err := emutest.Send(emutest.FreshClient(), signedRequestAt(t, s, creds, "callersvc", "eu-west-1", "/callerfam/signed/x"))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("second account: %v %v %s", resp, err, body)
	}
	var got map[string]string
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"account": second.AccountID, "key": second.AccessKeyID, "region": "eu-west-1", "scope": second.AccountID + "/eu-west-1"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}

	// The test family's route uses VerifySigV4: the default account only.
	resp, body, err = emutest.Send(emutest.FreshClient(), signedRequest(t, s, creds, "testsvc", "us-east-1", time.Now(), `{}`))
	if err != nil || resp.StatusCode != http.StatusForbidden || resp.Header.Get("X-Amzn-ErrorType") != "UnrecognizedClientException" {
		t.Fatalf("VerifySigV4 with the second account: %v %v %s", resp, err, body)
	}
}

// signedRequestAt is an empty JSON POST to path, signed for service in region.
func signedRequestAt(t *testing.T, s *Server, creds aws.Credentials, service, region, path string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL()+path, strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256([]byte(`{}`))
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), service, region, time.Now()); err != nil {
		t.Fatal(err)
	}
	return req
}

func TestUnmatchedRequestsGoToTheFamilyThatRecognisesThem(t *testing.T) {
	t.Parallel()
	s := newTestServer(Config{Seed: 10})
	s.Register("callerfam", &callerFamily{s: s})
	emutest.Start(t, s)
	c := s.Credentials()
	creds := aws.Credentials{AccessKeyID: c.AWSAccessKeyID, SecretAccessKey: c.AWSSecretAccessKey}
	resp, _, err := emutest.Send(emutest.FreshClient(), signedRequestAt(t, s, creds, "callersvc", "us-east-1", "/no/such/operation"))
	if err != nil || resp.StatusCode != http.StatusNotFound || resp.Header.Get("X-Amzn-ErrorType") != "UnknownOperationException" {
		t.Fatalf("unmatched request signed for callersvc: %v %v", resp, err)
	}
	// Signed for another service, or not signed: the plain 404.
	resp, _, err = emutest.Send(emutest.FreshClient(), signedRequestAt(t, s, creds, "othersvc", "us-east-1", "/no/such/operation"))
	if err != nil || resp.StatusCode != http.StatusNotFound || resp.Header.Get("X-Amzn-ErrorType") != "" {
		t.Fatalf("unmatched request signed for othersvc: %v %v", resp, err)
	}
	if got := s.Stats().Route("unmatched"); got != 2 {
		t.Fatalf("unmatched counted %d times, want 2", got)
	}
}
