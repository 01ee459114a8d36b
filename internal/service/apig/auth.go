package apig

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// tokenSource obtains project-scoped tokens from IAM (Keystone v3 password authentication) and
// caches one until shortly before it expires. Concurrent callers share one fetch: the mutex is
// held while fetching, so requests that need a token wait for the one being fetched.
type tokenSource struct {
	iam  *httpclient.Client
	body keystoneAuthRequest
	now  func() time.Time

	mu        sync.Mutex
	token     string
	projectID string
	refreshAt time.Time
}

type keystoneName struct {
	Name string `json:"name,omitempty"`
	ID   string `json:"id,omitempty"`
}

type keystoneAuthRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password struct {
				User struct {
					Name     string       `json:"name"`
					Password string       `json:"password"`
					Domain   keystoneName `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope struct {
			Project keystoneName `json:"project"`
		} `json:"scope"`
	} `json:"auth"`
}

type keystoneTokenResponse struct {
	Token struct {
		ExpiresAt string `json:"expires_at"`
		Project   struct {
			ID string `json:"id"`
		} `json:"project"`
	} `json:"token"`
}

// refreshMargin is how long before expires_at a cached token is replaced; IAM's advice is not to
// use a nearly expired token.
const refreshMargin = 5 * time.Minute

func newTokenSource(iam *httpclient.Client, user, password, domain, projectID, projectName string) *tokenSource {
	ts := &tokenSource{iam: iam, now: time.Now}
	b := &ts.body.Auth
	b.Identity.Methods = []string{"password"}
	b.Identity.Password.User.Name = user
	b.Identity.Password.User.Password = password
	b.Identity.Password.User.Domain.Name = domain
	if projectID != "" {
		b.Scope.Project.ID = projectID
	} else {
		b.Scope.Project.Name = projectName
	}
	return ts
}

// Token returns the cached token, fetching a new one when there is none or it is about to expire.
func (ts *tokenSource) Token(ctx context.Context) (token, projectID string, err error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token != "" && ts.now().Before(ts.refreshAt) {
		return ts.token, ts.projectID, nil
	}
	var subject string
	var out keystoneTokenResponse
	err = ts.iam.Do(context.WithValue(ctx, subjectTokenKey{}, &subject), httpclient.Request{
		Method:     http.MethodPost,
		Path:       "/auth/tokens",
		Query:      url.Values{"nocatalog": {"true"}},
		Body:       ts.body,
		Idempotent: true, // a second token is harmless
	}, &out)
	if err != nil {
		return "", "", fmt.Errorf("obtaining an IAM token: %w", err)
	}
	if subject == "" {
		return "", "", errors.New("obtaining an IAM token: the response has no X-Subject-Token header")
	}
	expires, err := time.Parse(time.RFC3339Nano, out.Token.ExpiresAt)
	if err != nil {
		return "", "", fmt.Errorf("obtaining an IAM token: unreadable expires_at %q: %w", out.Token.ExpiresAt, err)
	}
	margin := refreshMargin
	if life := expires.Sub(ts.now()); life < 2*margin {
		margin = life / 2
	}
	ts.token, ts.projectID, ts.refreshAt = subject, out.Token.Project.ID, expires.Add(-margin)
	return ts.token, ts.projectID, nil
}

// current returns the cached token without fetching.
func (ts *tokenSource) current() string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.token
}

// invalidate drops the cached token if it is still the one a request was rejected with, so that
// concurrent rejections cause one re-fetch.
func (ts *tokenSource) invalidate(token string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token == token {
		ts.token = ""
	}
}

type subjectTokenKey struct{}

// subjectTokenTransport hands the X-Subject-Token response header (where Keystone returns the token)
// to the caller that asked for it through the request context.
type subjectTokenTransport struct{ base http.RoundTripper }

func (t subjectTokenTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err == nil {
		if dst, ok := r.Context().Value(subjectTokenKey{}).(*string); ok {
			if v := resp.Header.Get("X-Subject-Token"); v != "" {
				*dst = v
			}
		}
	}
	return resp, err
}
