package apig

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/aksk"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// Client calls the APIG dedicated gateway v2 API of one project. It is safe for concurrent use.
type Client struct {
	http      *httpclient.Client
	projectID string
	// tokens is set with IAM password authentication.
	tokens *tokenSource

	locksMu sync.Mutex
	locks   map[string]*keyLock
}

type keyLock struct {
	mu   sync.Mutex
	refs int
}

// credentialHint names every way to configure the family; used in errors.
const credentialHint = `the provider's apig block (or OS_APIG_ENDPOINT, OS_PROJECT_ID and OS_AUTH_TOKEN; ` +
	`OS_ACCESS_KEY/OS_SECRET_KEY; or OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_DOMAIN_NAME, OS_PROJECT_NAME)`

// ErrNotConfigured explains what the apig settings lack.
var ErrNotConfigured = errors.New(`the apig block is not configured: set endpoint + project_id and one of token; access_key + secret_key; ` +
	`or auth_url + user_name + password + domain_name (+ project_name) in provider "appauth" { apig { ... } }, or the environment variables ` +
	`OS_APIG_ENDPOINT, OS_PROJECT_ID, OS_AUTH_TOKEN, OS_ACCESS_KEY, OS_SECRET_KEY, OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_DOMAIN_NAME, OS_PROJECT_NAME`)

// defaultRate paces APIG (and IAM) requests when the apig block sets no rate. Neither Open Telekom
// Cloud nor Huawei Cloud publishes the flow control of the APIG management API (a throttled call gets
// APIG.0308, "The throttling threshold has been reached: policy user over ratelimit", with a limit
// per user per second or minute), so the rate is a conservative one.
var defaultRate = httpclient.Rate{PerSecond: 10, Burst: 10}

// codeThrottled is the gateway's "The throttling threshold has been reached".
const codeThrottled = "APIG.0308"

// NewClient builds the client from the provider's settings. Authentication, in order of preference:
// a token; AK/SK signing; IAM password authentication (the provider warns when more than one is set).
func NewClient(s Settings, userAgent string) (*Client, error) {
	if err := s.Unknown.Err("apig"); err != nil {
		return nil, err
	}
	if s.Endpoint == "" {
		return nil, errors.Join(ErrNotConfigured, errors.New("endpoint is missing"))
	}
	c := &Client{projectID: s.ProjectID, locks: map[string]*keyLock{}}
	// The gateway's flow control counts per user: one governor per project, or per IAM domain.
	rateKey := s.ProjectID + " " + s.DomainName + " " + s.ProjectName
	cfg := httpclient.Config{
		Family:         "apig",
		BaseURL:        s.Endpoint,
		BaseURLSource:  s.EndpointSource,
		UserAgent:      userAgent,
		Tuning:         s.HTTP,
		DefaultRate:    defaultRate,
		RateKey:        rateKey,
		SensitiveKeys:  []string{"app_secret", "app_key", "password"},
		DecodeError:    decodeError,
		RetryableError: func(_ int, code string) bool { return code == "APIG.3500" },
		ThrottleCodes:  []string{codeThrottled},
		CredentialHint: credentialHint,
	}
	switch {
	case s.Token != "":
		if s.ProjectID == "" {
			return nil, errors.Join(ErrNotConfigured, errors.New("project_id is required with token authentication"))
		}
		token := s.Token
		cfg.CredentialHint = "the apig block's token (OS_AUTH_TOKEN) and project_id (OS_PROJECT_ID)"
		cfg.Secrets = func() []string { return []string{token} }
		cfg.Sign = func(r *http.Request, _ []byte) error {
			r.Header.Set("X-Auth-Token", token)
			return nil
		}
	case s.AccessKey != "" || s.SecretKey != "":
		if s.AccessKey == "" || s.SecretKey == "" {
			return nil, errors.Join(ErrNotConfigured, errors.New("access_key and secret_key must be set together"))
		}
		if s.ProjectID == "" {
			return nil, errors.Join(ErrNotConfigured, errors.New("project_id is required with AK/SK authentication"))
		}
		ak, sk, project := s.AccessKey, s.SecretKey, s.ProjectID
		cfg.CredentialHint = "the apig block's access_key and secret_key (OS_ACCESS_KEY, OS_SECRET_KEY) and project_id (OS_PROJECT_ID)"
		cfg.Secrets = func() []string { return []string{sk} }
		cfg.Sign = func(r *http.Request, body []byte) error {
			aksk.Sign(r, body, ak, sk, project, time.Now())
			return nil
		}
	case s.AuthURL != "" || s.UserName != "" || s.Password != "":
		var missing []string
		for name, v := range map[string]string{"auth_url": s.AuthURL, "user_name": s.UserName, "password": s.Password, "domain_name": s.DomainName} {
			if v == "" {
				missing = append(missing, name)
			}
		}
		if s.ProjectID == "" && s.ProjectName == "" {
			missing = append(missing, "project_name (or project_id)")
		}
		if len(missing) > 0 {
			slices.Sort(missing)
			return nil, errors.Join(ErrNotConfigured, errors.New("IAM password authentication also needs "+strings.Join(missing, ", ")))
		}
		password := s.Password
		iam, err := httpclient.New(httpclient.Config{
			Family:         "apig",
			BaseURL:        s.AuthURL,
			BaseURLSource:  s.AuthURLSource,
			UserAgent:      userAgent,
			Tuning:         s.HTTP,
			DefaultRate:    defaultRate,
			RateKey:        rateKey,
			Secrets:        func() []string { return []string{password} },
			SensitiveKeys:  []string{"password"},
			DecodeError:    decodeError,
			ThrottleCodes:  []string{codeThrottled},
			CredentialHint: "the apig block's user_name, password, domain_name and project_name (OS_USERNAME, OS_PASSWORD, OS_DOMAIN_NAME, OS_PROJECT_NAME)",
		})
		if err != nil {
			return nil, err
		}
		c.tokens = newTokenSource(iam, s.UserName, s.Password, s.DomainName, s.ProjectID, s.ProjectName)
		cfg.Secrets = func() []string { return []string{password, c.tokens.current()} }
		cfg.Sign = func(r *http.Request, _ []byte) error {
			token, _, err := c.tokens.Token(r.Context())
			if err != nil {
				return err
			}
			if used, ok := r.Context().Value(usedTokenKey{}).(*string); ok {
				*used = token
			}
			r.Header.Set("X-Auth-Token", token)
			return nil
		}
	default:
		return nil, errors.Join(ErrNotConfigured, errors.New("no credentials are set"))
	}
	hc, err := httpclient.New(cfg)
	if err != nil {
		return nil, err
	}
	c.http = hc
	return c, nil
}

// decodeError reads APIG's {error_code, error_msg, request_id} and Keystone's
// {"error": {"code", "title", "message"}}.
func decodeError(_ int, h http.Header, body []byte) (code, message, requestID string) {
	var e struct {
		ErrorCode string `json:"error_code"`
		ErrorMsg  string `json:"error_msg"`
		RequestID string `json:"request_id"`
		Error     *struct {
			Title   string `json:"title"`
			Message string `json:"message"`
		} `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	requestID = e.RequestID
	if requestID == "" {
		requestID = h.Get("X-Request-Id")
	}
	if e.Error != nil {
		return e.Error.Title, e.Error.Message, requestID
	}
	return e.ErrorCode, e.ErrorMsg, requestID
}

// project returns the project id for API paths: the configured one, else the IAM token's.
func (c *Client) project(ctx context.Context) (string, error) {
	if c.projectID != "" {
		return c.projectID, nil
	}
	_, p, err := c.tokens.Token(ctx)
	return p, err
}

// do sends one call. With IAM authentication a 401 (the token was revoked or expired early) drops
// the cached token and the call is sent once more with a new one.
func (c *Client) do(ctx context.Context, req httpclient.Request, out any) error {
	// The gateway answers error messages in the language asked for.
	req.Header = map[string]string{"X-Language": "en-us"}
	var used string
	err := c.http.Do(context.WithValue(ctx, usedTokenKey{}, &used), req, out)
	var signErr *httpclient.SignError
	if c.tokens == nil || httpclient.StatusCode(err) != http.StatusUnauthorized || errors.As(err, &signErr) {
		// A token IAM refused to issue is not retried: the password will not improve.
		return err
	}
	c.tokens.invalidate(used)
	return c.http.Do(ctx, req, out)
}

// usedTokenKey carries, per call, the token the last attempt was signed with.
type usedTokenKey struct{}

// Lock serializes writes to one key (instance/env/app): the gateway answers APIG.3500 to
// concurrent changes of the same data. It returns the unlock function.
func (c *Client) Lock(key string) func() {
	c.locksMu.Lock()
	l, ok := c.locks[key]
	if !ok {
		l = &keyLock{}
		c.locks[key] = l
	}
	l.refs++
	c.locksMu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		c.locksMu.Lock()
		l.refs--
		if l.refs == 0 {
			delete(c.locks, key)
		}
		c.locksMu.Unlock()
	}
}
