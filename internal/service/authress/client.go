package authress

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

const credentialHint = `access_key (and api_url for a custom domain) in the provider's authress block, or AUTHRESS_KEY (and AUTHRESS_API_URL)`

// Client calls the Authress connections API.
type Client struct {
	http *httpclient.Client
}

// settingsError says why the settings cannot make a client yet, or returns nil.
func settingsError(s Settings) error {
	if err := s.Unknown.Err("authress"); err != nil {
		return err
	}
	if s.AccessKey == "" {
		return errors.New("the authress block is not configured: set " + credentialHint)
	}
	return nil
}

// defaultRate paces Authress requests when the authress block sets no rate. Authress documents its
// administrative routes at 10 calls a second (Billing, caching, and rate limiting, in its knowledge
// base); its newest revision puts the creation of identity connections at 1 call a second, so creates
// keep to a tenth below that on their own: left to find it through 429s, a large apply slowed every
// request to a fraction of the rate, and creates waiting for their turn ran out of time. Pacing at
// exactly 1 a second still met 429s, from the jitter between the provider's clock and the service's
// bucket, and each one halves the rate.
var (
	defaultRate = httpclient.Rate{PerSecond: 10, Burst: 10}
	createRate  = httpclient.Rate{PerSecond: 0.9, Burst: 1}
)

const createOperation = "CreateConnection"

func newClient(s Settings, userAgent string) (*Client, error) {
	if err := settingsError(s); err != nil {
		return nil, err
	}
	src := &tokenSource{apiURL: s.APIURL, now: time.Now, credentials: accessKeyTexts(s.AccessKey)}
	apiURLSource := s.APIURLSource
	if strings.HasPrefix(s.AccessKey, "eyJ") {
		src.static = s.AccessKey
		if src.apiURL == "" {
			u, err := apiURLFromJWT(s.AccessKey)
			if err != nil {
				return nil, httpclient.WithHeadline("Authress access token is malformed", fmt.Errorf("the access key%s: %w", httpclient.From(s.AccessKeySource), err))
			}
			src.apiURL, apiURLSource = u, "the audience of the token in "+cmp.Or(s.AccessKeySource, "the access key")
		}
	} else {
		key, err := ParseAccessKey(s.AccessKey)
		if err != nil {
			return nil, httpclient.WithHeadline("Authress access key is malformed", fmt.Errorf("the access key%s: %w", httpclient.From(s.AccessKeySource), err))
		}
		src.key = key
		if src.apiURL == "" {
			src.apiURL, apiURLSource = key.DefaultAPIURL(), "the account id in "+cmp.Or(s.AccessKeySource, "the access key")
		}
	}
	hc, err := httpclient.New(httpclient.Config{
		Family:         "authress",
		BaseURL:        src.apiURL,
		BaseURLSource:  apiURLSource,
		UserAgent:      userAgent,
		Tuning:         s.HTTP,
		DefaultRate:    defaultRate,
		OperationRates: map[string]httpclient.Rate{createOperation: createRate},
		Sign: func(r *http.Request, _ []byte) error {
			tok, err := src.Token()
			if err != nil {
				return &httpclient.SignError{Err: err}
			}
			r.Header.Set("Authorization", "Bearer "+tok)
			return nil
		},
		Secrets:        src.secrets,
		SensitiveKeys:  []string{"clientSecret", "accessToken"},
		DecodeError:    decodeError,
		CredentialHint: credentialHint,
	})
	if err != nil {
		return nil, err
	}
	return &Client{http: hc}, nil
}

func decodeError(_ int, _ http.Header, body []byte) (code, message, requestID string) {
	var e errorBody
	if json.Unmarshal(body, &e) != nil {
		return "", "", ""
	}
	return e.ErrorCode, e.Title, e.ErrorID
}

func connectionPath(id string) string { return "/v1/connections/" + url.PathEscape(id) }

// CreateConnection creates conn, whose ConnectionID the caller has chosen. It takes an existing
// connection of that id as the one it created only on both of these grounds: an attempt of this
// create may have been applied without its answer arriving (the connection broke, or a 5xx came back
// after the request was sent), and the connection read back holds every field that was sent (the
// secret aside, which Authress never returns). Any other existing connection is refused with a
// *ConnectionExistsError, so that one create never leaves two connections, nor takes over one it did
// not make.
func (c *Client) CreateConnection(ctx context.Context, conn Connection) (*Connection, error) {
	// Interrupted or not, the create and the reads that settle its outcome run to the end.
	ctx = c.http.Settle(ctx)
	id := *conn.ConnectionID
	// ownAttemptUnknown is set once an attempt may have created the connection unheard.
	ownAttemptUnknown := false
	var out Connection
	var reconciled *Connection
	err := c.http.Do(ctx, httpclient.Request{
		Method:    http.MethodPost,
		Path:      "/v1/connections",
		Body:      conn,
		Secrets:   conn.secrets(),
		Operation: createOperation,
		Reconcile: func(ctx context.Context) (bool, error) {
			ownAttemptUnknown = true
			existing, err := c.ownConnection(ctx, conn)
			if httpclient.IsNotFound(err) {
				return false, nil
			}
			reconciled = existing
			return err == nil, err
		},
	}, &out)
	switch {
	case httpclient.StatusCode(err) == http.StatusConflict && ownAttemptUnknown:
		// An earlier attempt may have landed, seen neither by this client nor by the read that
		// followed it (a retry re-sent the create and met it).
		return c.ownConnection(ctx, conn)
	case httpclient.StatusCode(err) == http.StatusConflict:
		return nil, &ConnectionExistsError{ConnectionID: id}
	case err != nil:
		return nil, err
	case reconciled != nil:
		return reconciled, nil
	}
	return &out, nil
}

// ownConnection reads back the connection a create of conn may have made, and returns it when it
// holds what was sent, else a *ConnectionExistsError.
func (c *Client) ownConnection(ctx context.Context, conn Connection) (*Connection, error) {
	got, err := c.GetConnection(ctx, *conn.ConnectionID)
	if err != nil {
		return nil, err
	}
	if diff := differences(conn, *got); len(diff) > 0 {
		return nil, &ConnectionExistsError{ConnectionID: *conn.ConnectionID, Differences: diff}
	}
	return got, nil
}

// GetConnection reads one connection; the API never returns its client secret.
func (c *Client) GetConnection(ctx context.Context, id string) (*Connection, error) {
	var out Connection
	if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: connectionPath(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateConnection replaces the whole connection: fields left out are cleared.
func (c *Client) UpdateConnection(ctx context.Context, id string, conn Connection) (*Connection, error) {
	var out Connection
	req := httpclient.Request{Method: http.MethodPut, Path: connectionPath(id), Body: conn, Secrets: conn.secrets()}
	if err := c.http.Do(ctx, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteConnection deletes a connection; one already gone is not an error.
func (c *Client) DeleteConnection(ctx context.Context, id string) error {
	err := c.http.Do(ctx, httpclient.Request{Method: http.MethodDelete, Path: connectionPath(id)}, nil)
	if httpclient.IsNotFound(err) {
		return nil
	}
	return err
}

// listPageSize is the most connections a list request may ask for (the SDK models' limit: 1 to 100).
const listPageSize = 100

// ListConnections reads every page, optionally narrowed by the API's text filter.
func (c *Client) ListConnections(ctx context.Context, filter string) ([]Connection, error) {
	var all []Connection
	cursor := ""
	for {
		q := url.Values{"limit": {strconv.Itoa(listPageSize)}}
		if filter != "" {
			q.Set("filter", filter)
		}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page connectionCollection
		if err := c.http.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/v1/connections", Query: q}, &page); err != nil {
			return nil, err
		}
		all = append(all, page.Connections...)
		if page.Pagination == nil || page.Pagination.Next == nil || page.Pagination.Next.Cursor == "" {
			return all, nil
		}
		cursor = page.Pagination.Next.Cursor
	}
}

// UserCredentials reads the token a user obtained from a connection's provider at their last login.
func (c *Client) UserCredentials(ctx context.Context, connectionID, userID string) (*UserConnectionCredentials, error) {
	var out UserConnectionCredentials
	err := c.http.Do(ctx, httpclient.Request{
		Method: http.MethodGet,
		Path:   connectionPath(connectionID) + "/users/" + url.PathEscape(userID) + "/credentials",
	}, &out)
	if err != nil {
		return nil, err
	}
	return &out, nil
}
