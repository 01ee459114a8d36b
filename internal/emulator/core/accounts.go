package core

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
)

// AWSAccount is one AWS account the emulator accepts SigV4 requests from: an access key pair and the
// account it belongs to. The first is always the one Credentials holds.
type AWSAccount struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key"`
	AccountID       string `json:"account_id"`
}

// MaxAWSAccounts bounds how many accounts a server holds.
const MaxAWSAccounts = 1000

// awsAccounts is the server's account list, grown on demand (EnsureAWSAccounts). Accounts are
// configuration, like Credentials: Reset keeps them.
type awsAccounts struct {
	seed int64
	mu   sync.RWMutex
	list []AWSAccount
}

func newAWSAccounts(seed int64, first Credentials, n int) *awsAccounts {
	a := &awsAccounts{seed: seed, list: []AWSAccount{{
		AccessKeyID: first.AWSAccessKeyID, SecretAccessKey: first.AWSSecretAccessKey, AccountID: first.AWSAccountID,
	}}}
	a.ensure(n)
	return a
}

// ensure grows the list to n accounts (at most MaxAWSAccounts); each new one is derived from the seed
// and its position, so the same seed always yields the same accounts.
func (a *awsAccounts) ensure(n int) []AWSAccount {
	a.mu.Lock()
	defer a.mu.Unlock()
	for len(a.list) < min(n, MaxAWSAccounts) {
		a.list = append(a.list, a.derive(len(a.list)+1))
	}
	return append([]AWSAccount(nil), a.list...)
}

// derive makes account number n (2 and up) with a key and an account id no earlier account has;
// call with a.mu held.
func (a *awsAccounts) derive(n int) AWSAccount {
	r := rand.New(rand.NewPCG(uint64(a.seed), 0x6177736163637400+uint64(n)))
	pick := func(k int, alphabet string) string {
		var b strings.Builder
		for range k {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for {
		acct := AWSAccount{
			AccessKeyID:     "AKIA" + pick(16, upperAlnum),
			SecretAccessKey: pick(40, base64Std),
			AccountID:       pick(1, "123456789") + pick(11, digits),
		}
		if !a.taken(acct) {
			return acct
		}
	}
}

func (a *awsAccounts) taken(acct AWSAccount) bool {
	for _, o := range a.list {
		if o.AccessKeyID == acct.AccessKeyID || o.AccountID == acct.AccountID {
			return true
		}
	}
	return false
}

func (a *awsAccounts) byKey(accessKey string) (AWSAccount, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, o := range a.list {
		if o.AccessKeyID == accessKey {
			return o, true
		}
	}
	return AWSAccount{}, false
}

// AWSAccounts returns every account the emulator accepts, the default one (Credentials) first.
func (s *Server) AWSAccounts() []AWSAccount { return s.aws.ensure(0) }

// EnsureAWSAccounts makes the emulator accept at least n accounts (at most MaxAWSAccounts) and
// returns them all, the default one first. Accounts are never removed.
func (s *Server) EnsureAWSAccounts(n int) ([]AWSAccount, error) {
	if n < 1 || n > MaxAWSAccounts {
		return nil, fmt.Errorf("the number of AWS accounts must be between 1 and %d, got %d", MaxAWSAccounts, n)
	}
	return s.aws.ensure(n), nil
}

// AWSCaller is who sent a SigV4 request that VerifySigV4Caller accepted.
type AWSCaller struct {
	AccountID, AccessKeyID string
	// Region is the Region of the credential scope.
	Region string
}

// Scope is "ACCOUNT/REGION", what AWS counts resource quotas and request rates against.
func (c AWSCaller) Scope() string { return c.AccountID + "/" + c.Region }

// VerifySigV4Caller is VerifySigV4 for a service that every account of AWSAccounts reaches, in any
// Region: the family decides which Regions it serves. It returns the caller.
func (s *Server) VerifySigV4Caller(r *http.Request, body []byte, service string) (AWSCaller, error) {
	a, acct, err := s.verifySigV4(r, body, service, s.aws.byKey, func(string) bool { return true })
	if err != nil {
		return AWSCaller{}, err
	}
	return AWSCaller{AccountID: acct.AccountID, AccessKeyID: acct.AccessKeyID, Region: a.region}, nil
}

// SigV4Service is the service named in the credential scope of r's Authorization header, "" when r
// carries no SigV4 authorization.
func SigV4Service(r *http.Request) string {
	a, err := parseSigV4Authorization(r.Header.Get("Authorization"))
	if err != nil {
		return ""
	}
	return a.service
}
