package appfabric

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/retry"
)

// AppFabric statuses of an app authorization.
const (
	StatusPendingConnect             = "PendingConnect"
	StatusConnected                  = "Connected"
	StatusConnectionValidationFailed = "ConnectionValidationFailed"
	StatusTokenAutoRotationFailed    = "TokenAutoRotationFailed"
)

// Client calls the AppFabric API (REST-JSON, SigV4 service "appfabric").
type Client struct {
	http *httpclient.Client
	// PollInterval is the first wait between status checks; it doubles up to 5 s.
	PollInterval time.Duration
	// PageSize is the maxResults of list calls (1..100).
	PageSize int
}

// defaultRate paces AppFabric requests when the aws block sets no rate. AWS publishes no request-rate
// quota for AppFabric (its quotas are 1 app bundle and 50 app authorizations per account and Region),
// so the rate is a conservative one.
var defaultRate = httpclient.Rate{PerSecond: 5, Burst: 5}

// NewClient builds the client on the provider's shared AWS session.
func NewClient(ctx context.Context, meta *conns.Meta) (*Client, error) {
	sess, err := awsclient.Shared(ctx, meta)
	if err != nil {
		return nil, err
	}
	hc, err := sess.HTTPClient("appfabric", httpclient.Config{
		Family:        "appfabric",
		UserAgent:     meta.UserAgent(),
		SensitiveKeys: []string{"clientSecret", "apiKey", "code"},
		DefaultRate:   defaultRate,
		// An internal error is transient whatever status carries it.
		RetryableError: func(_ int, code string) bool { return code == "InternalServerException" },
	})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc, PollInterval: 250 * time.Millisecond, PageSize: 100}, nil
}

// Tag is one resource tag.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Tenant identifies the application tenant an authorization reaches.
type Tenant struct {
	TenantIdentifier  string `json:"tenantIdentifier"`
	TenantDisplayName string `json:"tenantDisplayName"`
}

// OAuth2Credential is the client an OAuth2 authorization uses.
type OAuth2Credential struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// APIKeyCredential is the key an apiKey authorization uses.
type APIKeyCredential struct {
	APIKey string `json:"apiKey"`
}

// Credential is a union: exactly one member is set.
type Credential struct {
	OAuth2 *OAuth2Credential `json:"oauth2Credential,omitempty"`
	APIKey *APIKeyCredential `json:"apiKeyCredential,omitempty"`
}

// secrets are the credential's secret values, masked wherever a call that sends them is logged or
// reported.
func (c *Credential) secrets() []string {
	var out []string
	if c == nil {
		return out
	}
	if c.OAuth2 != nil {
		out = append(out, c.OAuth2.ClientSecret)
	}
	if c.APIKey != nil {
		out = append(out, c.APIKey.APIKey)
	}
	return out
}

// AppBundle is an app bundle as the API returns it.
type AppBundle struct {
	ARN                   string `json:"arn"`
	CustomerManagedKeyARN string `json:"customerManagedKeyArn,omitempty"`
}

// AppAuthorization is an app authorization as the API returns it; it never carries the credential.
type AppAuthorization struct {
	AppAuthorizationARN string    `json:"appAuthorizationArn"`
	AppBundleARN        string    `json:"appBundleArn"`
	App                 string    `json:"app"`
	Tenant              Tenant    `json:"tenant"`
	AuthType            string    `json:"authType"`
	Status              string    `json:"status"`
	CreatedAt           time.Time `json:"createdAt"`
	UpdatedAt           time.Time `json:"updatedAt"`
	Persona             string    `json:"persona,omitempty"`
	AuthURL             string    `json:"authUrl,omitempty"`
}

// AppAuthorizationSummary is a list entry or a connect answer.
type AppAuthorizationSummary struct {
	AppAuthorizationARN string    `json:"appAuthorizationArn"`
	AppBundleARN        string    `json:"appBundleArn"`
	App                 string    `json:"app"`
	Tenant              Tenant    `json:"tenant"`
	Status              string    `json:"status"`
	UpdatedAt           time.Time `json:"updatedAt"`
}

// AuthRequest completes the OAuth2 flow of a connect.
type AuthRequest struct {
	RedirectURI string `json:"redirectUri"`
	Code        string `json:"code"`
}

var authorizationARN = regexp.MustCompile(`^(arn:[a-z-]+:appfabric:[a-z0-9-]+:\d{12}:appbundle/[^/]+)/appauthorization/[^/]+$`)

// BundleARNOf returns the app bundle ARN inside an app authorization ARN.
func BundleARNOf(authorizationArn string) (string, error) {
	m := authorizationARN.FindStringSubmatch(authorizationArn)
	if m == nil {
		return "", fmt.Errorf("%q is not an AppFabric app authorization ARN (arn:aws:appfabric:<region>:<account>:appbundle/<id>/appauthorization/<id>)", authorizationArn)
	}
	return m[1], nil
}

func bundlePath(bundle string) string { return "/appbundles/" + awsclient.EscapeLabel(bundle) }

func authorizationPath(bundle, arn string) string {
	return bundlePath(bundle) + "/appauthorizations/" + awsclient.EscapeLabel(arn)
}

// tagList is tags sorted by key, nil when there are none (the API wants 1..50 tags or no member).
func tagList(tags map[string]string) []Tag {
	var out []Tag
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, Tag{Key: k, Value: tags[k]})
	}
	return out
}

// newClientToken is a lowercase UUID: the API's pattern refuses upper case.
func newClientToken() string { return strings.ToLower(uuid.NewString()) }

// CreateAppBundle creates a bundle. One client token covers every retry of this call, so a create
// whose answer was lost returns the bundle it made instead of making a second one.
func (c *Client) CreateAppBundle(ctx context.Context, customerManagedKey string, tags map[string]string) (*AppBundle, error) {
	// Interrupted or not, the create runs to the end, so that its bundle is recorded.
	ctx = c.http.Settle(ctx)
	in := struct {
		ClientToken                  string `json:"clientToken"`
		CustomerManagedKeyIdentifier string `json:"customerManagedKeyIdentifier,omitempty"`
		Tags                         []Tag  `json:"tags,omitempty"`
	}{newClientToken(), customerManagedKey, tagList(tags)}
	var out struct {
		AppBundle AppBundle `json:"appBundle"`
	}
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/appbundles", Body: in, Idempotent: true}, &out); err != nil {
		return nil, err
	}
	return &out.AppBundle, nil
}

// GetAppBundle reads a bundle by ARN or UUID.
func (c *Client) GetAppBundle(ctx context.Context, bundle string) (*AppBundle, error) {
	var out struct {
		AppBundle AppBundle `json:"appBundle"`
	}
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: bundlePath(bundle)}, &out); err != nil {
		return nil, err
	}
	return &out.AppBundle, nil
}

// DeleteAppBundle deletes a bundle; one already gone is not an error. AppFabric refuses (409
// ConflictException) while the bundle has app authorizations, also ones whose delete it accepted but
// has not finished, so a refused delete is tried again until ctx ends; the error then unwraps to the
// last refusal.
func (c *Client) DeleteAppBundle(ctx context.Context, bundle string) error {
	p := retry.Poll{What: "app bundle " + bundle + " to have no app authorizations", Backoff: retry.Backoff{Initial: c.PollInterval, Max: 5 * time.Second}}
	var refused error
	return retry.Retry(ctx, p, IsConflict, func(ctx context.Context) error {
		err := c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: bundlePath(bundle)}, nil)
		switch {
		case httpclient.IsNotFound(err):
			return nil
		case IsConflict(err):
			refused = err
		case err != nil && ctx.Err() != nil && refused != nil:
			// The time ran out during an attempt: the refusal before it is what the caller needs.
			return &retry.TimeoutError{What: p.What, LastErr: refused, Err: ctx.Err()}
		}
		return err
	})
}

// IsConflict reports AppFabric's 409 ConflictException in err's chain.
func IsConflict(err error) bool {
	return httpclient.StatusCode(err) == http.StatusConflict && httpclient.ErrorCode(err) == "ConflictException"
}

// ListAppBundles returns the ARNs of every bundle, all pages.
func (c *Client) ListAppBundles(ctx context.Context) ([]string, error) {
	var arns []string
	err := c.paginate(ctx, "/appbundles", func(raw json.RawMessage) error {
		var page struct {
			List []AppBundle `json:"appBundleSummaryList"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return err
		}
		for _, b := range page.List {
			arns = append(arns, b.ARN)
		}
		return nil
	})
	return arns, err
}

// paginate walks maxResults/nextToken pages, handing each raw page to fn.
func (c *Client) paginate(ctx context.Context, path string, fn func(json.RawMessage) error) error {
	token := ""
	for {
		q := url.Values{"maxResults": {strconv.Itoa(c.PageSize)}}
		if token != "" {
			q.Set("nextToken", token)
		}
		var raw json.RawMessage
		if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: q}, &raw); err != nil {
			return err
		}
		if err := fn(raw); err != nil {
			return fmt.Errorf("appfabric: decoding a page of GET %s: %w", path, err)
		}
		var next struct {
			NextToken string `json:"nextToken"`
		}
		_ = json.Unmarshal(raw, &next)
		if next.NextToken == "" {
			return nil
		}
		token = next.NextToken
	}
}

// CreateAppAuthorizationInput is the body of CreateAppAuthorization without the client token.
type CreateAppAuthorizationInput struct {
	App        string
	AuthType   string
	Credential Credential
	Tenant     Tenant
	Tags       map[string]string
}

// CreateAppAuthorization creates an authorization in bundle, retried under one client token.
func (c *Client) CreateAppAuthorization(ctx context.Context, bundle string, in CreateAppAuthorizationInput) (*AppAuthorization, error) {
	// Interrupted or not, the create runs to the end, so that its authorization is recorded.
	ctx = c.http.Settle(ctx)
	body := struct {
		App         string     `json:"app"`
		Credential  Credential `json:"credential"`
		Tenant      Tenant     `json:"tenant"`
		AuthType    string     `json:"authType"`
		ClientToken string     `json:"clientToken"`
		Tags        []Tag      `json:"tags,omitempty"`
	}{in.App, in.Credential, in.Tenant, in.AuthType, newClientToken(), tagList(in.Tags)}
	var out struct {
		AppAuthorization AppAuthorization `json:"appAuthorization"`
	}
	err := c.http.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: bundlePath(bundle) + "/appauthorizations", Body: body, Idempotent: true,
		Secrets: in.Credential.secrets(),
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out.AppAuthorization, nil
}

// GetAppAuthorization reads an authorization of bundle.
func (c *Client) GetAppAuthorization(ctx context.Context, bundle, arn string) (*AppAuthorization, error) {
	var out struct {
		AppAuthorization AppAuthorization `json:"appAuthorization"`
	}
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: authorizationPath(bundle, arn)}, &out); err != nil {
		return nil, err
	}
	return &out.AppAuthorization, nil
}

// UpdateAppAuthorization patches the credential and/or tenant (nil leaves a part unchanged). The
// service puts the authorization back to PendingConnect.
func (c *Client) UpdateAppAuthorization(ctx context.Context, bundle, arn string, cred *Credential, tenant *Tenant) (*AppAuthorization, error) {
	body := struct {
		Credential *Credential `json:"credential,omitempty"`
		Tenant     *Tenant     `json:"tenant,omitempty"`
	}{cred, tenant}
	var out struct {
		AppAuthorization AppAuthorization `json:"appAuthorization"`
	}
	req := httpclient.Request{Method: http.MethodPatch, Path: authorizationPath(bundle, arn), Body: body, Secrets: cred.secrets()}
	if err := c.http.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out.AppAuthorization, nil
}

// DeleteAppAuthorization deletes an authorization and waits, until ctx ends, for AppFabric to no
// longer find it: a delete takes effect over time, reads may still see the authorization, and its
// bundle cannot be deleted meanwhile. One already gone is not an error.
func (c *Client) DeleteAppAuthorization(ctx context.Context, bundle, arn string) error {
	err := c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: authorizationPath(bundle, arn)}, nil)
	if httpclient.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	p := retry.Poll{What: "app authorization " + arn + " to be deleted", Backoff: retry.Backoff{Initial: c.PollInterval, Max: 5 * time.Second}}
	_, err = retry.Until(ctx, p, func(ctx context.Context) (retry.Status[struct{}], error) {
		a, err := c.GetAppAuthorization(ctx, bundle, arn)
		if httpclient.IsNotFound(err) {
			return retry.Status[struct{}]{Done: true}, nil
		}
		if err != nil {
			return retry.Status[struct{}]{}, err
		}
		return retry.Status[struct{}]{State: a.Status + ", still found"}, nil
	})
	return err
}

// ListAppAuthorizations returns every authorization of bundle, all pages.
func (c *Client) ListAppAuthorizations(ctx context.Context, bundle string) ([]AppAuthorizationSummary, error) {
	var all []AppAuthorizationSummary
	err := c.paginate(ctx, bundlePath(bundle)+"/appauthorizations", func(raw json.RawMessage) error {
		var page struct {
			List []AppAuthorizationSummary `json:"appAuthorizationSummaryList"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return err
		}
		all = append(all, page.List...)
		return nil
	})
	return all, err
}

// ConnectAppAuthorization sends the connect request: with the OAuth2 code for oauth2 authorizations,
// with no body for apiKey ones. It returns the answer's summary, or nil when the answer was lost.
// An apiKey connect whose answer is lost is sent again (AppFabric validates the key anew). An OAuth2
// one never is: AppFabric may have spent its code, which works once, so the caller learns the
// outcome from the authorization's status.
func (c *Client) ConnectAppAuthorization(ctx context.Context, bundle, arn string, auth *AuthRequest) (*AppAuthorizationSummary, error) {
	// Interrupted or not, the connect runs to the end: it creates the connection resource, and an OAuth2
	// code it consumed could not be sent again.
	ctx = c.http.Settle(ctx)
	body := struct {
		AuthRequest *AuthRequest `json:"authRequest,omitempty"`
	}{auth}
	req := httpclient.Request{Method: http.MethodPost, Path: authorizationPath(bundle, arn) + "/connect", Body: body, Idempotent: auth == nil}
	if auth != nil {
		req.Secrets = []string{auth.Code}
		// The outcome of a connect whose answer was lost is unknown: count it as applied.
		req.Reconcile = func(context.Context) (bool, error) { return true, nil }
	}
	var out struct {
		Summary *AppAuthorizationSummary `json:"appAuthorizationSummary"`
	}
	if err := c.http.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return out.Summary, nil
}

// ConnectOutcome is what ConnectAndWait did.
type ConnectOutcome struct {
	// Sent is true once AppFabric may have received the connect request: an OAuth2 code sent with it is
	// spent then, whatever happened next, and must not be sent again.
	Sent bool
	// Authorization is the authorization as last seen (by the connect answer or the last read); nil
	// when nothing was seen.
	Authorization *AppAuthorizationSummary
}

// Connected reports whether ConnectAndWait, which returned err, left the authorization Connected.
func (o ConnectOutcome) Connected(err error) bool {
	return err == nil && o.Authorization != nil && o.Authorization.Status == StatusConnected
}

// ConnectAndWait connects the authorization, then waits while it is PendingConnect, until ctx ends.
// A final status other than Connected is no error: it is in Authorization. An error is the connect's
// (refused, or not answered) or the wait's (a failed read, ctx ended); whenever Sent is true the
// caller must record that the connect was sent, error or not, so that its code is not sent again.
// progress, when not nil, is told each status seen: the connect answer's, then each read's.
func (c *Client) ConnectAndWait(ctx context.Context, bundle, arn string, auth *AuthRequest, progress func(status string)) (ConnectOutcome, error) {
	summary, err := c.ConnectAppAuthorization(ctx, bundle, arn, auth)
	if err != nil {
		// AppFabric answering with a client error applied nothing; a code sent without an answer may
		// have been used.
		status := httpclient.StatusCode(err)
		return ConnectOutcome{Sent: auth != nil && (status < 400 || status > 499)}, err
	}
	out := ConnectOutcome{Sent: true, Authorization: summary}
	if progress == nil {
		progress = func(string) {}
	}
	if summary != nil {
		progress(summary.Status)
	}
	p := retry.Poll{What: "app authorization " + arn + " to leave " + StatusPendingConnect, Backoff: retry.Backoff{Initial: c.PollInterval, Max: 5 * time.Second}}
	_, err = retry.Until(ctx, p, func(ctx context.Context) (retry.Status[*AppAuthorization], error) {
		a, err := c.GetAppAuthorization(ctx, bundle, arn)
		if err != nil {
			return retry.Status[*AppAuthorization]{}, err
		}
		out.Authorization = a.Summary()
		progress(a.Status)
		return retry.Status[*AppAuthorization]{Value: a, State: a.Status, Done: a.Status != StatusPendingConnect}, nil
	})
	return out, err
}

// Summary is the authorization as a list entry or a connect answer shows it.
func (a *AppAuthorization) Summary() *AppAuthorizationSummary {
	return &AppAuthorizationSummary{AppAuthorizationARN: a.AppAuthorizationARN, AppBundleARN: a.AppBundleARN, App: a.App, Tenant: a.Tenant, Status: a.Status, UpdatedAt: a.UpdatedAt}
}

// ListTags returns a resource's tags.
func (c *Client) ListTags(ctx context.Context, arn string) (map[string]string, error) {
	var out struct {
		Tags []Tag `json:"tags"`
	}
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/tags/" + awsclient.EscapeLabel(arn)}, &out); err != nil {
		return nil, err
	}
	m := make(map[string]string, len(out.Tags))
	for _, t := range out.Tags {
		m[t.Key] = t.Value
	}
	return m, nil
}

// UpdateTags untags the keys in remove and tags set (new or changed tags); nothing is sent for an
// empty part.
func (c *Client) UpdateTags(ctx context.Context, arn string, set map[string]string, remove []string) error {
	path := "/tags/" + awsclient.EscapeLabel(arn)
	if len(remove) > 0 {
		if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: path, Query: url.Values{"tagKeys": remove}}, nil); err != nil {
			return err
		}
	}
	if len(set) > 0 {
		body := struct {
			Tags []Tag `json:"tags"`
		}{tagList(set)}
		// Tagging is idempotent: the same tags twice leave the same result.
		if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: path, Body: body, Idempotent: true}, nil); err != nil {
			return err
		}
	}
	return nil
}
