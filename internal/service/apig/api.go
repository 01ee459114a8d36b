package apig

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// DefaultEnvID is the id of the environment every gateway has (named RELEASE).
const DefaultEnvID = "DEFAULT_ENVIRONMENT_RELEASE_ID"

// maxPageSize is the largest limit the list calls honour.
const maxPageSize = 500

// Auth-result statuses of POST /app-auths.
const (
	AuthSuccess = "SUCCESS"
	AuthSkipped = "SKIPPED"
	AuthFailed  = "FAILED"
)

// AuthResult is the per-pair outcome of an authorization.
type AuthResult struct {
	Status    string `json:"status"`
	ErrorCode string `json:"error_code"`
	ErrorMsg  string `json:"error_msg"`
	APIName   string `json:"api_name"`
	AppName   string `json:"app_name"`
}

// AuthRelation is one (app, api) element of the POST /app-auths answer.
type AuthRelation struct {
	ID         string     `json:"id"`
	APIID      string     `json:"api_id"`
	AppID      string     `json:"app_id"`
	AuthResult AuthResult `json:"auth_result"`
}

// AuthInfo is one authorization record as the list calls return it.
type AuthInfo struct {
	ID        string `json:"id"`
	APIID     string `json:"api_id"`
	APIName   string `json:"api_name"`
	GroupID   string `json:"group_id"`
	GroupName string `json:"group_name"`
	EnvID     string `json:"env_id"`
	EnvName   string `json:"env_name"`
	AppID     string `json:"app_id"`
	AppName   string `json:"app_name"`
	AuthTime  string `json:"auth_time"`
	PublishID string `json:"publish_id"`
}

// Env is an environment.
type Env struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Remark     string `json:"remark"`
	CreateTime string `json:"create_time"`
}

// App is an app (credential). AppSecret is deliberately absent: nothing in the provider needs it.
type App struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Remark       string `json:"remark"`
	AppKey       string `json:"app_key"`
	Status       int    `json:"status"`
	Creator      string `json:"creator"`
	RegisterTime string `json:"register_time"`
	BindNum      int    `json:"bind_num"`
}

// API is an API definition; RunEnvID/RunEnvName/PublishID list its publications joined by '|'.
type API struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	GroupID     string `json:"group_id"`
	GroupName   string `json:"group_name"`
	AuthType    string `json:"auth_type"`
	ReqMethod   string `json:"req_method"`
	ReqURI      string `json:"req_uri"`
	ReqProtocol string `json:"req_protocol"`
	RunEnvID    string `json:"run_env_id"`
	RunEnvName  string `json:"run_env_name"`
	PublishID   string `json:"publish_id"`
}

func (c *Client) instancePath(ctx context.Context, instanceID, rest string) (string, error) {
	p, err := c.project(ctx)
	if err != nil {
		return "", err
	}
	return "/v2/" + url.PathEscape(p) + "/apigw/instances/" + url.PathEscape(instanceID) + rest, nil
}

// Authorize authorizes app for apis in env. The service answers per pair; a pair that failed is
// reported in its AuthResult, not as an error. An already authorized pair comes back SKIPPED; the
// documentation leaves open whether a duplicate may instead be FAILED with APIG.3316 or fail the
// whole request with it, so both are turned into SKIPPED too. Callers send only APIs that were not
// authorized when they last read the app's authorizations, so every pair authorized afterwards,
// SKIPPED included, is this call's own (see ownership.go).
func (c *Client) Authorize(ctx context.Context, instanceID, envID, appID string, apiIDs []string) ([]AuthRelation, error) {
	// Interrupted or not, the write and the reads that settle its outcome run to the end.
	ctx = c.http.Settle(ctx)
	rels, err := c.authorize(ctx, instanceID, envID, appID, apiIDs)
	if httpclient.ErrorCode(err) == codeAuthExists {
		bound, lerr := c.ListBoundAPIs(ctx, instanceID, appID, envID)
		if lerr != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, b := range bound {
			have[b.APIID] = true
		}
		var rest []string
		rels = nil
		for _, id := range apiIDs {
			if have[id] {
				rels = append(rels, AuthRelation{APIID: id, AppID: appID, AuthResult: AuthResult{Status: AuthSkipped}})
			} else {
				rest = append(rest, id)
			}
		}
		if len(rest) == 0 {
			return rels, nil
		}
		more, err := c.authorize(ctx, instanceID, envID, appID, rest)
		if err != nil {
			return nil, err
		}
		rels = append(rels, more...)
	} else if err != nil {
		return nil, err
	}
	for i := range rels {
		if rels[i].AuthResult.Status == AuthFailed && rels[i].AuthResult.ErrorCode == codeAuthExists {
			rels[i].AuthResult = AuthResult{Status: AuthSkipped}
		}
	}
	return rels, nil
}

// codeAuthExists is APIG's "The API authorization record already exists.".
const codeAuthExists = "APIG.3316"

// authorize sends POST /app-auths once. The call is not idempotent on the wire, so an interrupted
// attempt is reconciled by reading the bindings back: if every API is bound, nothing is re-sent and
// every pair is reported as SUCCESS.
func (c *Client) authorize(ctx context.Context, instanceID, envID, appID string, apiIDs []string) ([]AuthRelation, error) {
	path, err := c.instancePath(ctx, instanceID, "/app-auths")
	if err != nil {
		return nil, err
	}
	var out struct {
		Auths []AuthRelation `json:"auths"`
	}
	err = c.do(ctx, httpclient.Request{
		Method: http.MethodPost,
		Path:   path,
		Body:   map[string]any{"env_id": envID, "app_ids": []string{appID}, "api_ids": apiIDs},
		Reconcile: func(ctx context.Context) (bool, error) {
			bound, err := c.ListBoundAPIs(ctx, instanceID, appID, envID)
			if err != nil {
				return false, err
			}
			have := map[string]bool{}
			for _, b := range bound {
				have[b.APIID] = true
			}
			for _, id := range apiIDs {
				if !have[id] {
					return false, nil
				}
			}
			return true, nil
		},
	}, &out)
	if err != nil {
		return nil, err
	}
	if len(out.Auths) == 0 {
		// Reconciled: the interrupted attempt bound every API.
		for _, id := range apiIDs {
			out.Auths = append(out.Auths, AuthRelation{APIID: id, AppID: appID, AuthResult: AuthResult{Status: AuthSuccess}})
		}
	}
	return out.Auths, nil
}

// CancelAuth deletes one authorization record.
func (c *Client) CancelAuth(ctx context.Context, instanceID, authID string) error {
	path, err := c.instancePath(ctx, instanceID, "/app-auths/"+url.PathEscape(authID))
	if err != nil {
		return err
	}
	return c.do(ctx, httpclient.Request{Method: http.MethodDelete, Path: path}, nil)
}

// ListBoundAPIs returns every authorization of app (in env when envID is not empty), reading all pages.
// A 404 means the app or the instance does not exist.
func (c *Client) ListBoundAPIs(ctx context.Context, instanceID, appID, envID string) ([]AuthInfo, error) {
	return c.ListBoundAPIsNamed(ctx, instanceID, appID, envID, "")
}

// ListBoundAPIsNamed is ListBoundAPIs keeping the APIs whose name contains apiName (APIG's filter),
// all of them when apiName is empty.
func (c *Client) ListBoundAPIsNamed(ctx context.Context, instanceID, appID, envID, apiName string) ([]AuthInfo, error) {
	q := url.Values{"app_id": {appID}}
	if envID != "" {
		q.Set("env_id", envID)
	}
	if apiName != "" {
		q.Set("api_name", apiName)
	}
	return listAll[AuthInfo](ctx, c, instanceID, "/app-auths/binded-apis", "auths", q)
}

// ListEnvs returns the environments whose name contains name (all when empty).
func (c *Client) ListEnvs(ctx context.Context, instanceID, name string) ([]Env, error) {
	q := url.Values{}
	if name != "" {
		q.Set("name", name)
	}
	return listAll[Env](ctx, c, instanceID, "/envs", "envs", q)
}

// ListApps returns the apps named exactly name, or every app of the gateway when name is empty.
func (c *Client) ListApps(ctx context.Context, instanceID, name string) ([]App, error) {
	q := url.Values{}
	if name != "" {
		q = url.Values{"name": {name}, "precise_search": {"name"}}
	}
	return listAll[App](ctx, c, instanceID, "/apps", "apps", q)
}

// ListAPIs returns the APIs named exactly name, optionally only in one group.
func (c *Client) ListAPIs(ctx context.Context, instanceID, name, groupID string) ([]API, error) {
	q := url.Values{"name": {name}, "precise_search": {"name"}}
	if groupID != "" {
		q.Set("group_id", groupID)
	}
	return listAll[API](ctx, c, instanceID, "/apis", "apis", q)
}

// listAll reads every page of an offset/limit list whose items are under key.
func listAll[T any](ctx context.Context, c *Client, instanceID, rest, key string, q url.Values) ([]T, error) {
	path, err := c.instancePath(ctx, instanceID, rest)
	if err != nil {
		return nil, err
	}
	var all []T
	for offset := 0; ; {
		page := url.Values{}
		for k, v := range q {
			page[k] = v
		}
		page.Set("offset", strconv.Itoa(offset))
		page.Set("limit", strconv.Itoa(maxPageSize))
		var raw map[string]json.RawMessage
		if err := c.do(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: page}, &raw); err != nil {
			return nil, err
		}
		var total int
		var items []T
		if err := json.Unmarshal(raw["total"], &total); err != nil {
			return nil, fmt.Errorf("apig: GET %s: reading total: %w", path, err)
		}
		if v, ok := raw[key]; ok {
			if err := json.Unmarshal(v, &items); err != nil {
				return nil, fmt.Errorf("apig: GET %s: reading %s: %w", path, key, err)
			}
		}
		all = append(all, items...)
		offset += len(items)
		if len(items) == 0 || offset >= total {
			return all, nil
		}
	}
}
