package quicksight

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/retry"
)

// Client calls the QuickSight action-connector API.
type Client struct {
	http    *httpclient.Client
	session *awsclient.Session
	// PollMin and PollMax bound the backoff between status polls.
	PollMin, PollMax time.Duration
}

// defaultRate paces QuickSight requests when the aws block sets no rate. AWS publishes no
// request-rate quota for the action-connector APIs, so the rate is a conservative one.
var defaultRate = httpclient.Rate{PerSecond: 10, Burst: 10}

func newClient(ctx context.Context, meta *conns.Meta) (*Client, error) {
	sess, err := awsclient.Shared(ctx, meta)
	if err != nil {
		return nil, err
	}
	hc, err := sess.HTTPClient("quicksight", httpclient.Config{
		Family:        "quicksight",
		UserAgent:     meta.UserAgent(),
		SensitiveKeys: []string{"ClientSecret", "Password", "ApiKey"},
		DefaultRate:   defaultRate,
		// ConflictException means another change is still in progress.
		RetryableError: func(status int, code string) bool {
			return status == http.StatusConflict && code == "ConflictException"
		},
	})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc, session: sess, PollMin: 200 * time.Millisecond, PollMax: 10 * time.Second}, nil
}

// AccountID is the provider's account: the aws block's account_id, APPAUTH_AWS_ACCOUNT_ID, or STS.
func (c *Client) AccountID(ctx context.Context) (string, error) { return c.session.AccountID(ctx) }

func connectorsPath(account string) string {
	return "/accounts/" + awsclient.EscapeLabel(account) + "/action-connectors"
}

func connectorPath(account, id string) string {
	return connectorsPath(account) + "/" + awsclient.EscapeLabel(id)
}

func tagsPath(arn string) string { return "/resources/" + awsclient.EscapeLabel(arn) + "/tags" }

// ErrNotFound is returned (wrapped) when a connector does not exist or is DELETED.
var ErrNotFound = errors.New("action connector not found")

// IsNotFound reports a missing connector.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) || httpclient.IsNotFound(err) }

// ExistsError is a create that met a connector with the same id which this create cannot take as
// its own.
type ExistsError struct {
	ID string
	// Retried means an earlier attempt of this create may have made the connector; Mismatch then
	// names what the connector QuickSight holds has that this create did not send ("" when it could
	// not be read).
	Retried  bool
	Mismatch string
	Err      error
}

func (e *ExistsError) Error() string { return e.Err.Error() }
func (e *ExistsError) Unwrap() error { return e.Err }

// CreateActionConnector creates a connector. The id is the caller's, so the POST is safe to re-send:
// QuickSight answers a second create of the same id with ResourceExistsException. That answer to a
// re-sent create whose earlier attempt may have landed (its answer was lost: no answer or a 5xx) is
// settled by reading the connector back: it is this create's when every non-secret field Describe
// returns is what was sent. Any other ResourceExistsException (the first attempt's, or one after
// attempts that were refused unapplied, such as throttled ones) is an *ExistsError: the connector
// is someone else's.
func (c *Client) CreateActionConnector(ctx context.Context, account string, in CreateActionConnectorInput) (arn string, err error) {
	// Interrupted or not, the create and the read that adopts its lost answer run to the end.
	ctx = c.http.Settle(ctx)
	var out struct {
		Arn string `json:"Arn"`
	}
	mayHaveLanded := false
	err = c.http.Do(ctx, httpclient.Request{
		Method: http.MethodPost, Path: connectorsPath(account), Body: in, Secrets: in.AuthenticationConfig.secrets(),
		// Not marked idempotent, so that an attempt whose outcome is unknown goes through Reconcile,
		// which notes it and lets the create be sent again: the re-send's answer settles the outcome.
		Reconcile: func(context.Context) (bool, error) {
			mayHaveLanded = true
			return false, nil
		},
	}, &out)
	if httpclient.ErrorCode(err) != "ResourceExistsException" {
		if err != nil {
			return "", err
		}
		return out.Arn, nil
	}
	exists := &ExistsError{ID: in.ActionConnectorID, Retried: mayHaveLanded, Err: err}
	if !mayHaveLanded {
		return "", exists
	}
	existing, derr := c.DescribeActionConnector(ctx, account, in.ActionConnectorID)
	if derr != nil {
		return "", exists
	}
	if exists.Mismatch = mismatch(existing, in); exists.Mismatch != "" {
		return "", exists
	}
	return existing.Arn, nil
}

// mismatch names the first field Describe returned for ac that differs from what in sent, or is ""
// when they all agree (secrets are never returned, so they cannot be compared).
func mismatch(ac *ActionConnector, in CreateActionConnectorInput) string {
	deref := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}
	want := in.AuthenticationConfig.readForm()
	if ac.AuthenticationConfig != nil && want.AuthenticationMetadata.IamConnectionMetadata != nil &&
		ac.AuthenticationConfig.AuthenticationMetadata.IamConnectionMetadata != nil {
		// SourceArn is QuickSight's, not sent.
		want.AuthenticationMetadata.IamConnectionMetadata.SourceArn = ac.AuthenticationConfig.AuthenticationMetadata.IamConnectionMetadata.SourceArn
	}
	switch {
	case ac.Type != in.Type:
		return "type"
	case ac.Name != in.Name:
		return "name"
	case deref(ac.Description) != deref(in.Description):
		return "description"
	case deref(ac.VpcConnectionArn) != deref(in.VpcConnectionArn):
		return "vpc_connection_arn"
	case ac.AuthenticationConfig == nil || !reflect.DeepEqual(*ac.AuthenticationConfig, want):
		return "authentication_config"
	}
	return ""
}

// DescribeActionConnector returns the connector; a DELETED one counts as not found.
func (c *Client) DescribeActionConnector(ctx context.Context, account, id string) (*ActionConnector, error) {
	var out struct {
		ActionConnector *ActionConnector `json:"ActionConnector"`
	}
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: connectorPath(account, id)}, &out); err != nil {
		if httpclient.IsNotFound(err) {
			return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
		}
		return nil, err
	}
	if out.ActionConnector == nil {
		return nil, fmt.Errorf("quicksight: DescribeActionConnector %s answered without an ActionConnector", id)
	}
	if out.ActionConnector.Status == StatusDeleted {
		return nil, fmt.Errorf("%w: %s is DELETED", ErrNotFound, id)
	}
	return out.ActionConnector, nil
}

// UpdateActionConnector replaces the connector's configuration (PUT).
func (c *Client) UpdateActionConnector(ctx context.Context, account, id string, in UpdateActionConnectorInput) error {
	return c.http.Do(ctx, httpclient.Request{Method: http.MethodPut, Path: connectorPath(account, id), Body: in, Secrets: in.AuthenticationConfig.secrets()}, nil)
}

// DeleteActionConnector deletes the connector; one already gone is not an error.
func (c *Client) DeleteActionConnector(ctx context.Context, account, id string) error {
	err := c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: connectorPath(account, id)}, nil)
	if httpclient.IsNotFound(err) {
		return nil
	}
	return err
}

// FailedError is a create or update that ended in *_FAILED.
type FailedError struct {
	Status, Message string
}

func (e *FailedError) Error() string {
	if e.Message == "" {
		return "the action connector is " + e.Status
	}
	return "the action connector is " + e.Status + ": " + e.Message
}

// poll is the wait for the connector id to reach what, with the client's backoff.
func (c *Client) poll(id, what string) retry.Poll {
	return retry.Poll{What: "action connector " + id + " to " + what, Backoff: retry.Backoff{Initial: c.PollMin, Max: c.PollMax}}
}

// WaitForStatus polls Describe until the connector reaches success, failing on failed (with the
// API's Error.Message) or when ctx ends. Other statuses (in progress, or values this client does not
// know) keep it waiting.
func (c *Client) WaitForStatus(ctx context.Context, account, id, success, failed string) (*ActionConnector, error) {
	return retry.Until(ctx, c.poll(id, "become "+success), func(ctx context.Context) (retry.Status[*ActionConnector], error) {
		ac, err := c.DescribeActionConnector(ctx, account, id)
		if err != nil {
			return retry.Status[*ActionConnector]{}, err
		}
		s := retry.Status[*ActionConnector]{Value: ac, State: ac.Status, Done: ac.Status == success}
		if ac.Status == failed {
			fe := &FailedError{Status: ac.Status}
			if ac.Error != nil {
				fe.Message = ac.Error.Message
			}
			return s, fe
		}
		return s, nil
	})
}

// ListActionConnectors returns every connector of the account, following next-token; pageSize 0
// uses the API's default.
func (c *Client) ListActionConnectors(ctx context.Context, account string, pageSize int) ([]ActionConnectorSummary, error) {
	return c.pages(ctx, func(q url.Values) httpclient.Request {
		return httpclient.Request{Method: http.MethodGet, Path: connectorsPath(account), Query: q}
	}, pageSize)
}

// SearchActionConnectors returns every connector matching filter, following next-token.
func (c *Client) SearchActionConnectors(ctx context.Context, account string, filter SearchFilter, pageSize int) ([]ActionConnectorSummary, error) {
	body := map[string][]SearchFilter{"Filters": {filter}}
	return c.pages(ctx, func(q url.Values) httpclient.Request {
		// Search only reads, so re-sending it is safe.
		return httpclient.Request{Method: http.MethodPost, Path: "/accounts/" + awsclient.EscapeLabel(account) + "/search/action-connectors", Query: q, Body: body, Idempotent: true}
	}, pageSize)
}

func (c *Client) pages(ctx context.Context, req func(url.Values) httpclient.Request, pageSize int) ([]ActionConnectorSummary, error) {
	var all []ActionConnectorSummary
	token := ""
	for {
		q := url.Values{}
		if pageSize > 0 {
			q.Set("max-results", strconv.Itoa(pageSize))
		}
		if token != "" {
			q.Set("next-token", token)
		}
		var out struct {
			ActionConnectorSummaries []ActionConnectorSummary `json:"ActionConnectorSummaries"`
			NextToken                string                   `json:"NextToken"`
		}
		if err := c.http.Do(ctx, req(q), &out); err != nil {
			return nil, err
		}
		all = append(all, out.ActionConnectorSummaries...)
		if out.NextToken == "" || out.NextToken == token {
			return all, nil
		}
		token = out.NextToken
	}
}

// DescribePermissions returns the connector's permissions.
func (c *Client) DescribePermissions(ctx context.Context, account, id string) ([]ResourcePermission, error) {
	var out struct {
		Permissions []ResourcePermission `json:"Permissions"`
	}
	err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: connectorPath(account, id) + "/permissions"}, &out)
	if httpclient.IsNotFound(err) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return out.Permissions, err
}

// SetPermissions makes the connector's permissions want, granting and revoking what differs from
// those it has now.
func (c *Client) SetPermissions(ctx context.Context, account, id string, want []ResourcePermission) error {
	have, err := c.DescribePermissions(ctx, account, id)
	if err != nil {
		return err
	}
	grant, revoke := DiffPermissions(have, want)
	return c.UpdatePermissions(ctx, account, id, grant, revoke)
}

// maxPermissionsPerCall is the API's limit on GrantPermissions and RevokePermissions.
const maxPermissionsPerCall = 64

// UpdatePermissions grants and revokes, in calls of at most 64 of each. Grants and revokes are
// absolute (add/remove these actions), so a re-sent call changes nothing more.
func (c *Client) UpdatePermissions(ctx context.Context, account, id string, grant, revoke []ResourcePermission) error {
	for len(grant) > 0 || len(revoke) > 0 {
		body := map[string][]ResourcePermission{}
		if n := min(len(grant), maxPermissionsPerCall); n > 0 {
			body["GrantPermissions"], grant = grant[:n], grant[n:]
		}
		if n := min(len(revoke), maxPermissionsPerCall); n > 0 {
			body["RevokePermissions"], revoke = revoke[:n], revoke[n:]
		}
		err := c.http.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: connectorPath(account, id) + "/permissions", Body: body, Idempotent: true}, nil)
		if err != nil {
			return err
		}
	}
	return nil
}

// ListTags returns the resource's tags.
func (c *Client) ListTags(ctx context.Context, arn string) ([]Tag, error) {
	var out struct {
		Tags []Tag `json:"Tags"`
	}
	err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: tagsPath(arn)}, &out)
	if httpclient.IsNotFound(err) {
		return nil, fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return out.Tags, err
}

// TagResource adds or overwrites tags (setting a tag twice is harmless, so re-sending is safe).
func (c *Client) TagResource(ctx context.Context, arn string, tags []Tag) error {
	if len(tags) == 0 {
		return nil
	}
	return c.http.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: tagsPath(arn), Body: map[string][]Tag{"Tags": tags}, Idempotent: true}, nil)
}

// UntagResource removes tag keys (query key "keys", repeated).
func (c *Client) UntagResource(ctx context.Context, arn string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	return c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: tagsPath(arn), Query: url.Values{"keys": keys}}, nil)
}

// EpochTime converts the API's epoch seconds.
func EpochTime(v *float64) time.Time {
	if v == nil {
		return time.Time{}
	}
	sec := int64(*v)
	return time.Unix(sec, int64((*v-float64(sec))*1e9)).UTC()
}

// DiffPermissions returns what to grant and revoke to go from have to want (both keyed by principal).
func DiffPermissions(have, want []ResourcePermission) (grant, revoke []ResourcePermission) {
	index := func(ps []ResourcePermission) map[string]map[string]bool {
		m := map[string]map[string]bool{}
		for _, p := range ps {
			if m[p.Principal] == nil {
				m[p.Principal] = map[string]bool{}
			}
			for _, a := range p.Actions {
				m[p.Principal][a] = true
			}
		}
		return m
	}
	h, w := index(have), index(want)
	for _, p := range sortedKeys(w) {
		var add []string
		for _, a := range sortedKeys(w[p]) {
			if !h[p][a] {
				add = append(add, a)
			}
		}
		if len(add) > 0 {
			grant = append(grant, ResourcePermission{Principal: p, Actions: add})
		}
	}
	for _, p := range sortedKeys(h) {
		var drop []string
		for _, a := range sortedKeys(h[p]) {
			if !w[p][a] {
				drop = append(drop, a)
			}
		}
		// Actions per entry are limited to 20.
		for len(drop) > 0 {
			n := min(len(drop), 20)
			revoke = append(revoke, ResourcePermission{Principal: p, Actions: drop[:n]})
			drop = drop[n:]
		}
	}
	return grant, revoke
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// WaitDeleted polls Describe until the connector is gone (404 or DELETED).
func (c *Client) WaitDeleted(ctx context.Context, account, id string) error {
	_, err := retry.Until(ctx, c.poll(id, "be deleted"), func(ctx context.Context) (retry.Status[struct{}], error) {
		ac, err := c.DescribeActionConnector(ctx, account, id)
		if IsNotFound(err) {
			return retry.Status[struct{}]{Done: true}, nil
		}
		if err != nil {
			return retry.Status[struct{}]{}, err
		}
		return retry.Status[struct{}]{State: ac.Status}, nil
	})
	return err
}

// WaitSettled polls Describe until no create or update is in progress (a change made elsewhere may
// still be running; QuickSight rejects another one meanwhile with ConflictException).
func (c *Client) WaitSettled(ctx context.Context, account, id string) error {
	_, err := retry.Until(ctx, c.poll(id, "finish the change in progress"), func(ctx context.Context) (retry.Status[struct{}], error) {
		ac, err := c.DescribeActionConnector(ctx, account, id)
		if err != nil {
			return retry.Status[struct{}]{}, err
		}
		return retry.Status[struct{}]{State: ac.Status, Done: ac.Status != StatusCreationInProgress && ac.Status != StatusUpdateInProgress}, nil
	})
	return err
}
