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
// caches one until shortly before it expires. Concurrent callers share one fetch, and each may stop
// waiting for it when its own context ends (Ctrl-C, a timeout): the fetch serves them all, so it runs
// on its own, bounded by fetchTimeout, and is cancelled once no caller waits for it any more.
type tokenSource struct {
	iam          *httpclient.Client
	body         keystoneAuthRequest
	now          func() time.Time
	fetchTimeout time.Duration

	mu        sync.Mutex
	token     string
	projectID string
	refreshAt time.Time
	fetching  *tokenFetch
}

// tokenFetch is one request to IAM and the callers waiting for it.
type tokenFetch struct {
	done    chan struct{}
	cancel  context.CancelFunc
	waiters int // guarded by tokenSource.mu
	// Set before done is closed.
	token, projectID string
	err              error
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

// tokenFetchTimeout bounds one token request to IAM, its retries included.
const tokenFetchTimeout = time.Minute

func newTokenSource(iam *httpclient.Client, user, password, domain, projectID, projectName string) *tokenSource {
	ts := &tokenSource{iam: iam, now: time.Now, fetchTimeout: tokenFetchTimeout}
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

// Token returns the cached token, or waits for a new one when there is none or it is about to expire.
func (ts *tokenSource) Token(ctx context.Context) (token, projectID string, err error) {
	ts.mu.Lock()
	if ts.token != "" && ts.now().Before(ts.refreshAt) {
		defer ts.mu.Unlock()
		return ts.token, ts.projectID, nil
	}
	f := ts.fetching
	if f == nil {
		// Not the caller's cancellation, which would fail every other caller too; the caller's
		// values (its logger) are kept.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ts.fetchTimeout)
		f = &tokenFetch{done: make(chan struct{}), cancel: cancel}
		ts.fetching = f
		go ts.fetch(fctx, f)
	}
	f.waiters++
	ts.mu.Unlock()

	select {
	case <-f.done:
		return f.token, f.projectID, f.err
	case <-ctx.Done():
		ts.mu.Lock()
		f.waiters--
		if f.waiters == 0 && ts.fetching == f {
			// Nobody waits for this token any more.
			ts.fetching = nil
			f.cancel()
		}
		ts.mu.Unlock()
		return "", "", fmt.Errorf("waiting for an IAM token: %w", ctx.Err())
	}
}

// fetch asks IAM for a token, keeps it for later callers and wakes the waiting ones.
func (ts *tokenSource) fetch(ctx context.Context, f *tokenFetch) {
	defer close(f.done)
	defer f.cancel()
	token, projectID, refreshAt, err := ts.request(ctx)
	f.token, f.projectID, f.err = token, projectID, err
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.fetching == f {
		ts.fetching = nil
	}
	if err == nil {
		ts.token, ts.projectID, ts.refreshAt = token, projectID, refreshAt
	}
}

func (ts *tokenSource) request(ctx context.Context) (token, projectID string, refreshAt time.Time, err error) {
	var header http.Header
	var out keystoneTokenResponse
	err = ts.iam.Do(ctx, httpclient.Request{
		Method:         http.MethodPost,
		Path:           "/auth/tokens",
		Query:          url.Values{"nocatalog": {"true"}},
		Body:           ts.body,
		Idempotent:     true, // a second token is harmless
		ResponseHeader: &header,
	}, &out)
	if err != nil {
		return "", "", time.Time{}, fmt.Errorf("obtaining an IAM token: %w", err)
	}
	// Keystone returns the token in a header.
	token = header.Get("X-Subject-Token")
	if token == "" {
		return "", "", time.Time{}, errors.New("obtaining an IAM token: the response has no X-Subject-Token header")
	}
	expires, err := time.Parse(time.RFC3339Nano, out.Token.ExpiresAt)
	if err != nil {
		return "", "", time.Time{}, fmt.Errorf("obtaining an IAM token: unreadable expires_at %q: %w", out.Token.ExpiresAt, err)
	}
	margin := refreshMargin
	if life := expires.Sub(ts.now()); life < 2*margin {
		margin = life / 2
	}
	return token, out.Token.Project.ID, expires.Add(-margin), nil
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
