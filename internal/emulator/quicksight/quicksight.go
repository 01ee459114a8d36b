// Package quicksight emulates the action-connector API of Amazon QuickSight
// (REST-JSON, PascalCase, SigV4 service "quicksight"): the eight
// action-connector operations and the three tagging operations.
//
// Creates and updates are asynchronous: the connector stays
// CREATION_IN_PROGRESS / UPDATE_IN_PROGRESS for the number of describes New
// is given (a negative number finishes immediately), then becomes
// *_SUCCESSFUL. To make one fail, arm a failure before the create or update:
//
//	POST /_emulator/quicksight/fail-next {"ActionConnectorId":"my-id","Message":"why"}
//
// (or FailNext). The next create or update of that id then ends in
// CREATION_FAILED / UPDATE_FAILED with Error.Message set; a failed update
// restores the previous configuration.
//
// Only the account of the configured credentials exists; any other account id
// in a path or ARN is answered with AccessDeniedException (401). Secrets are
// kept (State shows them, so tests can check what was received) but never
// returned by the API.
package quicksight

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const (
	qsMaxTagsPerResource       = 50
	qsMaxPrincipalsPerResource = 64
)

type quickSightFamily struct {
	s          *core.Server
	connectors *core.Store[qsConnector]
	// pollCount is how many describes a create or update stays *_IN_PROGRESS.
	pollCount int

	mu       sync.Mutex
	failNext map[string]string
}

// Name is the family's name in stats, state and route names.
const Name = "quicksight"

// New builds the QuickSight family of s; polls is how many describes a create
// or update stays *_IN_PROGRESS (0 means 2, a negative number none).
func New(s *core.Server, polls int) core.Family {
	if polls == 0 {
		polls = 2
	}
	return &quickSightFamily{s: s, connectors: core.NewStore[qsConnector](), pollCount: max(polls, 0), failNext: map[string]string{}}
}

// qsConnector is one stored action connector.
type qsConnector struct {
	AccountID            string         `json:"AwsAccountId"`
	ActionConnectorID    string         `json:"ActionConnectorId"`
	Arn                  string         `json:"Arn"`
	Type                 string         `json:"Type"`
	Name                 string         `json:"Name"`
	Description          string         `json:"Description,omitempty"`
	VpcConnectionArn     string         `json:"VpcConnectionArn,omitempty"`
	AuthenticationConfig qsAuthConfig   `json:"AuthenticationConfig"`
	Permissions          []qsPermission `json:"Permissions,omitempty"`
	Tags                 []qsTag        `json:"Tags,omitempty"`
	CreatedTime          time.Time      `json:"CreatedTime"`
	LastUpdatedTime      time.Time      `json:"LastUpdatedTime"`
	Status               string         `json:"Status"`
	ErrorMessage         string         `json:"ErrorMessage,omitempty"`
	// PendingPolls counts the describes left before an in-progress create or
	// update finishes; FailWith is the armed failure message for it.
	PendingPolls int    `json:"PendingPolls,omitempty"`
	FailWith     string `json:"FailWith,omitempty"`
	// rollback is the configuration before an update still in progress.
	rollback *qsConfig
}

// qsConfig is the part of a connector that UpdateActionConnector replaces.
type qsConfig struct {
	Name, Description, VpcConnectionArn string
	AuthenticationConfig                qsAuthConfig
}

func (c *qsConnector) config() qsConfig {
	return qsConfig{Name: c.Name, Description: c.Description, VpcConnectionArn: c.VpcConnectionArn, AuthenticationConfig: c.AuthenticationConfig}
}

func (c *qsConnector) apply(cfg qsConfig) {
	c.Name, c.Description, c.VpcConnectionArn, c.AuthenticationConfig = cfg.Name, cfg.Description, cfg.VpcConnectionArn, cfg.AuthenticationConfig
}

func (q *quickSightFamily) Routes(r *core.Router) {
	const conns = "/accounts/{AwsAccountId}/action-connectors"
	r.Handle("POST "+conns, "CreateActionConnector", q.api(q.create))
	r.Handle("GET "+conns, "ListActionConnectors", q.api(q.list))
	r.Handle("POST /accounts/{AwsAccountId}/search/action-connectors", "SearchActionConnectors", q.api(q.search))
	r.Handle("GET "+conns+"/{ActionConnectorId}", "DescribeActionConnector", q.api(q.describe))
	r.Handle("PUT "+conns+"/{ActionConnectorId}", "UpdateActionConnector", q.api(q.update))
	r.Handle("DELETE "+conns+"/{ActionConnectorId}", "DeleteActionConnector", q.api(q.delete))
	r.Handle("GET "+conns+"/{ActionConnectorId}/permissions", "DescribeActionConnectorPermissions", q.api(q.describePermissions))
	r.Handle("POST "+conns+"/{ActionConnectorId}/permissions", "UpdateActionConnectorPermissions", q.api(q.updatePermissions))
	r.Handle("POST /resources/{ResourceArn}/tags", "TagResource", q.api(q.tagResource))
	r.Handle("DELETE /resources/{ResourceArn}/tags", "UntagResource", q.api(q.untagResource))
	r.Handle("GET /resources/{ResourceArn}/tags", "ListTagsForResource", q.api(q.listTags))

	r.Admin("POST /_emulator/quicksight/fail-next", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			ActionConnectorID string `json:"ActionConnectorId"`
			Message           string `json:"Message"`
		}
		if !core.DecodeAdminJSON(w, r, &in) {
			return
		}
		if in.ActionConnectorID == "" {
			core.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": "ActionConnectorId is required"})
			return
		}
		q.armFailure(in.ActionConnectorID, in.Message)
		w.WriteHeader(http.StatusNoContent)
	})
}

// FailNext makes the next QuickSight create or update of the action
// connector id end in *_FAILED with message (a default message when empty).
func FailNext(s *core.Server, actionConnectorID, message string) {
	if q, ok := s.Family(Name).(*quickSightFamily); ok {
		q.armFailure(actionConnectorID, message)
	}
}

func (q *quickSightFamily) armFailure(actionConnectorID, message string) {
	if message == "" {
		message = "The action connector could not reach its endpoint."
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.failNext[actionConnectorID] = message
}

func (q *quickSightFamily) takeFailure(id string) string {
	q.mu.Lock()
	defer q.mu.Unlock()
	msg := q.failNext[id]
	delete(q.failNext, id)
	return msg
}

func (q *quickSightFamily) State() any {
	out := map[string]any{}
	for k, c := range q.connectors.Snapshot() {
		out[k] = c
	}
	return map[string]any{"action_connectors": out}
}

func (q *quickSightFamily) Reset() {
	q.connectors.Reset()
	q.mu.Lock()
	q.failNext = map[string]string{}
	q.mu.Unlock()
}

// WriteFault gives injected faults QuickSight's error body.
func (q *quickSightFamily) WriteFault(w http.ResponseWriter, _ *http.Request, status int) {
	switch status {
	case http.StatusTooManyRequests:
		q.WriteThrottle(w, nil, core.Throttle{})
	case http.StatusServiceUnavailable:
		q.writeError(w, &qsError{status, "ServiceUnavailableException", "Service is unavailable. Try again later.", ""})
	default:
		q.writeError(w, &qsError{status, "InternalFailureException", "An internal failure occurred.", ""})
	}
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) with AccessDeniedException.
func (q *quickSightFamily) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	q.writeError(w, &qsError{http.StatusForbidden, "AccessDeniedException", message, ""})
}

// qsError is an error answer: HTTP status, exception name, message and, for
// some exceptions, a ResourceType.
type qsError struct {
	status       int
	code         string
	message      string
	resourceType string
}

func (e *qsError) Error() string { return e.code + ": " + e.message }

func qsInvalid(format string, args ...any) *qsError {
	return &qsError{http.StatusBadRequest, "InvalidParameterValueException", fmt.Sprintf(format, args...), ""}
}

// qsResourceType is the ResourceType of the errors whose model shape has one
// (ResourceNotFoundException, ResourceExistsException, LimitExceededException).
// The model's ExceptionResourceType enum predates action connectors and has no
// member for them; SDKs decode it as an open string.
const qsResourceType = "ACTION_CONNECTOR"

func qsNotFound(what string) *qsError {
	return &qsError{http.StatusNotFound, "ResourceNotFoundException", what + " not found.", qsResourceType}
}

func qsLimitExceeded(format string, args ...any) *qsError {
	return &qsError{http.StatusConflict, "LimitExceededException", fmt.Sprintf(format, args...), qsResourceType}
}

func (q *quickSightFamily) writeError(w http.ResponseWriter, e *qsError) {
	reqID := q.s.UUID()
	w.Header().Set("X-Amzn-ErrorType", e.code)
	w.Header().Set("X-Amzn-RequestId", reqID)
	body := map[string]any{"__type": e.code, "Message": e.message, "RequestId": reqID}
	if e.resourceType != "" {
		body["ResourceType"] = e.resourceType
	}
	core.WriteJSON(w, e.status, body)
}

func (q *quickSightFamily) writeOK(w http.ResponseWriter, body map[string]any) {
	reqID := q.s.UUID()
	w.Header().Set("X-Amzn-RequestId", reqID)
	body["RequestId"] = reqID
	body["Status"] = http.StatusOK
	core.WriteJSON(w, http.StatusOK, body)
}

// api wraps a handler with SigV4 verification, the account check and error
// writing. Handlers return the success body or an error.
func (q *quickSightFamily) api(h func(r *http.Request, acct string) (map[string]any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := q.s.VerifySigV4(r, core.Body(r), "quicksight"); err != nil {
			q.s.WriteSigV4Error(w, err)
			return
		}
		if q.s.Throttled(w, r, q.s.AWSQuotaScope(r)) {
			return
		}
		acct := r.PathValue("AwsAccountId")
		if acct != "" {
			if !qsAccountRe.MatchString(acct) {
				q.writeError(w, qsInvalid("1 validation error detected: Value '%s' at 'awsAccountId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$", acct))
				return
			}
			if err := q.checkAccount(r, acct); err != nil {
				q.writeError(w, err)
				return
			}
		}
		body, err := h(r, acct)
		if err != nil {
			var qe *qsError
			if !errors.As(err, &qe) {
				qe = &qsError{http.StatusInternalServerError, "InternalFailureException", err.Error(), ""}
			}
			q.writeError(w, qe)
			return
		}
		q.writeOK(w, body)
	}
}

func (q *quickSightFamily) checkAccount(r *http.Request, acct string) *qsError {
	c := q.s.Credentials()
	if acct == c.AWSAccountID {
		return nil
	}
	op := strings.TrimPrefix(core.RouteName(r), "quicksight.")
	return &qsError{http.StatusUnauthorized, "AccessDeniedException", fmt.Sprintf(
		"User: arn:aws:iam::%s:user/appauth is not authorized to perform: quicksight:%s on resource: arn:aws:quicksight:%s:%s:*",
		c.AWSAccountID, op, c.AWSRegion, acct), ""}
}

func qsKey(acct, id string) string { return acct + "/" + id }

func (q *quickSightFamily) arn(acct, id string) string {
	return fmt.Sprintf("arn:aws:quicksight:%s:%s:action-connector/%s", q.s.Credentials().AWSRegion, acct, id)
}

func qsEpoch(t time.Time) float64 { return float64(t.UnixMilli()) / 1000 }

// --- operations ---

type qsCreateInput struct {
	ActionConnectorID    *string        `json:"ActionConnectorId"`
	Name                 *string        `json:"Name"`
	Type                 *string        `json:"Type"`
	AuthenticationConfig *qsAuthConfig  `json:"AuthenticationConfig"`
	Description          *string        `json:"Description"`
	Permissions          []qsPermission `json:"Permissions"`
	VpcConnectionArn     *string        `json:"VpcConnectionArn"`
	Tags                 []qsTag        `json:"Tags"`
}

func (q *quickSightFamily) create(r *http.Request, acct string) (map[string]any, error) {
	var in qsCreateInput
	if err := qsDecode(r, &in); err != nil {
		return nil, err
	}
	v := &qsValidator{}
	v.required("ActionConnectorId", in.ActionConnectorID)
	v.required("Name", in.Name)
	v.required("Type", in.Type)
	if in.AuthenticationConfig == nil {
		v.fail("AuthenticationConfig", "Member must not be null")
	}
	if in.ActionConnectorID != nil {
		v.actionConnectorID(*in.ActionConnectorID)
	}
	v.name(in.Name)
	v.description(in.Description)
	if in.Type != nil && !slices.Contains(qsConnectorTypes, *in.Type) {
		v.enum("Type", *in.Type, qsConnectorTypes)
	}
	if in.AuthenticationConfig != nil {
		v.authConfig(in.AuthenticationConfig)
	}
	if in.Permissions != nil {
		v.permissions("Permissions", in.Permissions)
	}
	if in.Tags != nil {
		v.tags(in.Tags)
	}
	if err := v.err(); err != nil {
		return nil, err
	}

	id := *in.ActionConnectorID
	now := q.s.Now()
	c := qsConnector{
		AccountID:            acct,
		ActionConnectorID:    id,
		Arn:                  q.arn(acct, id),
		Type:                 *in.Type,
		Name:                 *in.Name,
		Description:          qsDeref(in.Description),
		VpcConnectionArn:     qsDeref(in.VpcConnectionArn),
		AuthenticationConfig: *in.AuthenticationConfig,
		Permissions:          qsMergePermissions(nil, in.Permissions, nil),
		Tags:                 qsMergeTags(nil, in.Tags),
		CreatedTime:          now,
		LastUpdatedTime:      now,
	}
	if len(c.Tags) > qsMaxTagsPerResource {
		return nil, qsLimitExceeded("A resource can have at most %d tags.", qsMaxTagsPerResource)
	}
	c.Status, c.PendingPolls = "CREATION_IN_PROGRESS", q.polls()
	failure := q.takeFailure(id)
	c.FailWith = failure
	if c.PendingPolls == 0 {
		c.finish()
	}
	if !q.connectors.Insert(qsKey(acct, id), c) {
		if failure != "" {
			q.armFailure(id, failure)
		}
		return nil, &qsError{http.StatusConflict, "ResourceExistsException", fmt.Sprintf("Action connector %s already exists.", id), qsResourceType}
	}
	return map[string]any{"Arn": c.Arn, "ActionConnectorId": id, "CreationStatus": c.Status}, nil
}

func (q *quickSightFamily) polls() int { return q.pollCount }

// finish ends an in-progress create or update.
func (c *qsConnector) finish() {
	creating := c.Status == "CREATION_IN_PROGRESS"
	c.PendingPolls = 0
	switch {
	case c.FailWith != "" && creating:
		c.Status, c.ErrorMessage = "CREATION_FAILED", c.FailWith
	case c.FailWith != "":
		c.Status, c.ErrorMessage = "UPDATE_FAILED", c.FailWith
		if c.rollback != nil {
			c.apply(*c.rollback)
		}
	case creating:
		c.Status, c.ErrorMessage = "CREATION_SUCCESSFUL", ""
	default:
		c.Status, c.ErrorMessage = "UPDATE_SUCCESSFUL", ""
	}
	c.FailWith, c.rollback = "", nil
}

func (c *qsConnector) inProgress() bool {
	return c.Status == "CREATION_IN_PROGRESS" || c.Status == "UPDATE_IN_PROGRESS"
}

// connectorID reads and checks the {ActionConnectorId} label.
func qsConnectorID(r *http.Request) (string, error) {
	id := r.PathValue("ActionConnectorId")
	v := &qsValidator{}
	v.actionConnectorID(id)
	return id, v.err()
}

func (q *quickSightFamily) describe(r *http.Request, acct string) (map[string]any, error) {
	id, err := qsConnectorID(r)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	found, _ := q.connectors.Update(qsKey(acct, id), func(c *qsConnector) error {
		if c.inProgress() {
			if c.PendingPolls > 0 {
				c.PendingPolls--
			} else {
				c.finish()
			}
		}
		out = c.describeShape()
		return nil
	})
	if !found {
		return nil, qsNotFound("Action connector " + id)
	}
	return map[string]any{"ActionConnector": out}, nil
}

func (c *qsConnector) summaryShape() map[string]any {
	m := map[string]any{
		"Arn":               c.Arn,
		"ActionConnectorId": c.ActionConnectorID,
		"Type":              c.Type,
		"Name":              c.Name,
		"CreatedTime":       qsEpoch(c.CreatedTime),
		"LastUpdatedTime":   qsEpoch(c.LastUpdatedTime),
		"Status":            c.Status,
	}
	if c.ErrorMessage != "" {
		m["Error"] = map[string]any{"Message": c.ErrorMessage, "Type": "INTERNAL_FAILURE"}
	}
	return m
}

func (c *qsConnector) describeShape() map[string]any {
	m := c.summaryShape()
	m["AuthenticationConfig"] = c.AuthenticationConfig.readShape(c.Arn)
	if c.Description != "" {
		m["Description"] = c.Description
	}
	if c.VpcConnectionArn != "" {
		m["VpcConnectionArn"] = c.VpcConnectionArn
	}
	return m
}

type qsUpdateInput struct {
	Name                 *string       `json:"Name"`
	AuthenticationConfig *qsAuthConfig `json:"AuthenticationConfig"`
	Description          *string       `json:"Description"`
	VpcConnectionArn     *string       `json:"VpcConnectionArn"`
}

func (q *quickSightFamily) update(r *http.Request, acct string) (map[string]any, error) {
	id, err := qsConnectorID(r)
	if err != nil {
		return nil, err
	}
	var in qsUpdateInput
	if err := qsDecode(r, &in); err != nil {
		return nil, err
	}
	v := &qsValidator{}
	v.required("Name", in.Name)
	if in.AuthenticationConfig == nil {
		v.fail("AuthenticationConfig", "Member must not be null")
	} else {
		v.authConfig(in.AuthenticationConfig)
	}
	v.name(in.Name)
	v.description(in.Description)
	if err := v.err(); err != nil {
		return nil, err
	}
	var out map[string]any
	found, err := q.connectors.Update(qsKey(acct, id), func(c *qsConnector) error {
		if c.inProgress() {
			return &qsError{http.StatusConflict, "ConflictException", fmt.Sprintf("Action connector %s is %s; wait until it finishes.", id, c.Status), ""}
		}
		prev := c.config()
		c.apply(qsConfig{Name: *in.Name, Description: qsDeref(in.Description), VpcConnectionArn: qsDeref(in.VpcConnectionArn), AuthenticationConfig: *in.AuthenticationConfig})
		c.rollback = &prev
		c.LastUpdatedTime = q.s.Now()
		c.Status, c.PendingPolls, c.ErrorMessage = "UPDATE_IN_PROGRESS", q.polls(), ""
		c.FailWith = q.takeFailure(id)
		if c.PendingPolls == 0 {
			c.finish()
		}
		out = map[string]any{"Arn": c.Arn, "ActionConnectorId": id, "UpdateStatus": c.Status}
		return nil
	})
	if !found {
		return nil, qsNotFound("Action connector " + id)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (q *quickSightFamily) delete(r *http.Request, acct string) (map[string]any, error) {
	id, err := qsConnectorID(r)
	if err != nil {
		return nil, err
	}
	c, ok := q.connectors.Get(qsKey(acct, id))
	if !ok || !q.connectors.Delete(qsKey(acct, id)) {
		return nil, qsNotFound("Action connector " + id)
	}
	return map[string]any{"Arn": c.Arn, "ActionConnectorId": id}, nil
}

// page reads max-results / next-token and pages the account's connectors
// that keep returns true.
func (q *quickSightFamily) page(r *http.Request, acct string, minResults int, keep func(*qsConnector) bool) (map[string]any, error) {
	query := r.URL.Query()
	limit := 100
	if s := query.Get("max-results"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < minResults || n > 100 {
			return nil, qsInvalid("1 validation error detected: Value '%s' at 'maxResults' failed to satisfy constraint: Member must have value between %d and 100", s, minResults)
		}
		if n > 0 {
			limit = n
		}
	}
	var items []qsConnector
	for _, c := range q.connectors.List() {
		if c.AccountID == acct && keep(&c) {
			items = append(items, c)
		}
	}
	page, next, err := core.CursorPage(items, func(c qsConnector) string { return c.ActionConnectorID }, query.Get("next-token"), limit)
	if err != nil {
		return nil, &qsError{http.StatusBadRequest, "InvalidNextTokenException", "The NextToken is invalid.", ""}
	}
	summaries := make([]map[string]any, 0, len(page))
	for _, c := range page {
		summaries = append(summaries, c.summaryShape())
	}
	out := map[string]any{"ActionConnectorSummaries": summaries}
	if next != "" {
		out["NextToken"] = next
	}
	return out, nil
}

func (q *quickSightFamily) list(r *http.Request, acct string) (map[string]any, error) {
	return q.page(r, acct, 1, func(*qsConnector) bool { return true })
}

type qsSearchFilter struct {
	Name     *string `json:"Name"`
	Operator *string `json:"Operator"`
	Value    *string `json:"Value"`
}

var (
	qsSearchNames = []string{"ACTION_CONNECTOR_NAME", "ACTION_CONNECTOR_TYPE", "QUICKSIGHT_OWNER", "QUICKSIGHT_VIEWER_OR_OWNER",
		"DIRECT_QUICKSIGHT_SOLE_OWNER", "DIRECT_QUICKSIGHT_OWNER", "DIRECT_QUICKSIGHT_VIEWER_OR_OWNER"}
	qsOperators = []string{"StringEquals", "StringLike"}
)

func (q *quickSightFamily) search(r *http.Request, acct string) (map[string]any, error) {
	var in struct {
		Filters []qsSearchFilter `json:"Filters"`
	}
	if err := qsDecode(r, &in); err != nil {
		return nil, err
	}
	v := &qsValidator{}
	switch {
	case in.Filters == nil:
		v.fail("Filters", "Member must not be null")
	case len(in.Filters) > 1:
		v.fail("Filters", "Member must have length less than or equal to 1")
	case len(in.Filters) == 1:
		f := in.Filters[0]
		v.required("Filters.1.member.Name", f.Name)
		v.required("Filters.1.member.Operator", f.Operator)
		v.required("Filters.1.member.Value", f.Value)
		if f.Name != nil && !slices.Contains(qsSearchNames, *f.Name) {
			v.enum("Filters.1.member.Name", *f.Name, qsSearchNames)
		}
		if f.Operator != nil && !slices.Contains(qsOperators, *f.Operator) {
			v.enum("Filters.1.member.Operator", *f.Operator, qsOperators)
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if len(in.Filters) == 0 {
		return q.page(r, acct, 0, func(*qsConnector) bool { return true })
	}
	f := in.Filters[0]
	match := func(s string) bool {
		if *f.Operator == "StringEquals" {
			return s == *f.Value
		}
		return strings.Contains(strings.ToLower(s), strings.ToLower(*f.Value))
	}
	return q.page(r, acct, 0, func(c *qsConnector) bool {
		switch *f.Name {
		case "ACTION_CONNECTOR_NAME":
			return match(c.Name)
		case "ACTION_CONNECTOR_TYPE":
			return match(c.Type)
		case "DIRECT_QUICKSIGHT_SOLE_OWNER":
			owners := c.owners()
			return len(owners) == 1 && match(owners[0])
		case "QUICKSIGHT_OWNER", "DIRECT_QUICKSIGHT_OWNER":
			return slices.ContainsFunc(c.owners(), match)
		default:
			return slices.ContainsFunc(c.Permissions, func(p qsPermission) bool { return match(p.Principal) })
		}
	})
}

// owners are the principals allowed to delete the connector.
func (c *qsConnector) owners() []string {
	var out []string
	for _, p := range c.Permissions {
		if slices.Contains(p.Actions, "quicksight:DeleteActionConnector") {
			out = append(out, p.Principal)
		}
	}
	return out
}

func (q *quickSightFamily) describePermissions(r *http.Request, acct string) (map[string]any, error) {
	id, err := qsConnectorID(r)
	if err != nil {
		return nil, err
	}
	c, ok := q.connectors.Get(qsKey(acct, id))
	if !ok {
		return nil, qsNotFound("Action connector " + id)
	}
	return map[string]any{"Arn": c.Arn, "ActionConnectorId": id, "Permissions": qsPermissionsShape(c.Permissions)}, nil
}

func qsPermissionsShape(ps []qsPermission) []qsPermission {
	if ps == nil {
		return []qsPermission{}
	}
	return ps
}

func (q *quickSightFamily) updatePermissions(r *http.Request, acct string) (map[string]any, error) {
	id, err := qsConnectorID(r)
	if err != nil {
		return nil, err
	}
	var in struct {
		GrantPermissions  []qsPermission `json:"GrantPermissions"`
		RevokePermissions []qsPermission `json:"RevokePermissions"`
	}
	if err := qsDecode(r, &in); err != nil {
		return nil, err
	}
	v := &qsValidator{}
	if in.GrantPermissions != nil {
		v.permissions("GrantPermissions", in.GrantPermissions)
	}
	if in.RevokePermissions != nil {
		v.permissions("RevokePermissions", in.RevokePermissions)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var out map[string]any
	found, err := q.connectors.Update(qsKey(acct, id), func(c *qsConnector) error {
		if c.Status == "CREATION_IN_PROGRESS" {
			return &qsError{http.StatusConflict, "ConflictException", fmt.Sprintf("Action connector %s is still being created.", id), ""}
		}
		ps := qsMergePermissions(c.Permissions, in.GrantPermissions, in.RevokePermissions)
		if len(ps) > qsMaxPrincipalsPerResource {
			return qsLimitExceeded("An action connector can be shared with at most %d principals.", qsMaxPrincipalsPerResource)
		}
		c.Permissions = ps
		out = map[string]any{"Arn": c.Arn, "ActionConnectorId": id, "Permissions": qsPermissionsShape(ps)}
		return nil
	})
	if !found {
		return nil, qsNotFound("Action connector " + id)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// tagged finds the connector a /resources/{ResourceArn}/tags route names.
func (q *quickSightFamily) tagged(r *http.Request) (string, error) {
	arn := r.PathValue("ResourceArn")
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "quicksight" {
		return "", qsInvalid("1 validation error detected: Value '%s' at 'resourceArn' is not a valid ARN.", arn)
	}
	if err := q.checkAccount(r, parts[4]); err != nil {
		return "", err
	}
	id, ok := strings.CutPrefix(parts[5], "action-connector/")
	if !ok || parts[3] != q.s.Credentials().AWSRegion {
		return "", qsNotFound("Resource " + arn)
	}
	return qsKey(parts[4], id), nil
}

func (q *quickSightFamily) tagResource(r *http.Request, _ string) (map[string]any, error) {
	key, err := q.tagged(r)
	if err != nil {
		return nil, err
	}
	var in struct {
		Tags []qsTag `json:"Tags"`
	}
	if err := qsDecode(r, &in); err != nil {
		return nil, err
	}
	v := &qsValidator{}
	if in.Tags == nil {
		v.fail("Tags", "Member must not be null")
	} else {
		v.tags(in.Tags)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	found, err := q.connectors.Update(key, func(c *qsConnector) error {
		tags := qsMergeTags(c.Tags, in.Tags)
		if len(tags) > qsMaxTagsPerResource {
			return qsLimitExceeded("A resource can have at most %d tags.", qsMaxTagsPerResource)
		}
		c.Tags = tags
		return nil
	})
	if !found {
		return nil, qsNotFound("Resource " + r.PathValue("ResourceArn"))
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{}, nil
}

func (q *quickSightFamily) untagResource(r *http.Request, _ string) (map[string]any, error) {
	key, err := q.tagged(r)
	if err != nil {
		return nil, err
	}
	keys := r.URL.Query()["keys"]
	if len(keys) == 0 {
		return nil, qsInvalid("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
	}
	v := &qsValidator{}
	if len(keys) > 200 {
		v.fail("TagKeys", "Member must have length less than or equal to 200")
	}
	for i, k := range keys {
		v.str(fmt.Sprintf("TagKeys.%d.member", i+1), &k, qsTagKeyRule)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	found, _ := q.connectors.Update(key, func(c *qsConnector) error {
		c.Tags = slices.DeleteFunc(slices.Clone(c.Tags), func(t qsTag) bool { return slices.Contains(keys, qsDeref(t.Key)) })
		return nil
	})
	if !found {
		return nil, qsNotFound("Resource " + r.PathValue("ResourceArn"))
	}
	return map[string]any{}, nil
}

func (q *quickSightFamily) listTags(r *http.Request, _ string) (map[string]any, error) {
	key, err := q.tagged(r)
	if err != nil {
		return nil, err
	}
	c, ok := q.connectors.Get(key)
	if !ok {
		return nil, qsNotFound("Resource " + r.PathValue("ResourceArn"))
	}
	tags := c.Tags
	if tags == nil {
		tags = []qsTag{}
	}
	return map[string]any{"Tags": tags}, nil
}

// mergeTags applies tags over existing ones by key, keeping key order stable.
func qsMergeTags(existing, add []qsTag) []qsTag {
	out := slices.Clone(existing)
	for _, t := range add {
		i := slices.IndexFunc(out, func(o qsTag) bool { return qsDeref(o.Key) == qsDeref(t.Key) })
		if i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b qsTag) int { return strings.Compare(qsDeref(a.Key), qsDeref(b.Key)) })
	return out
}

// mergePermissions grants then revokes actions per principal; a principal
// left with no action disappears.
func qsMergePermissions(existing, grant, revoke []qsPermission) []qsPermission {
	byPrincipal := map[string][]string{}
	var order []string
	for _, p := range existing {
		byPrincipal[p.Principal] = slices.Clone(p.Actions)
		order = append(order, p.Principal)
	}
	for _, p := range grant {
		if _, ok := byPrincipal[p.Principal]; !ok {
			order = append(order, p.Principal)
		}
		for _, a := range p.Actions {
			if !slices.Contains(byPrincipal[p.Principal], a) {
				byPrincipal[p.Principal] = append(byPrincipal[p.Principal], a)
			}
		}
	}
	for _, p := range revoke {
		byPrincipal[p.Principal] = slices.DeleteFunc(byPrincipal[p.Principal], func(a string) bool { return slices.Contains(p.Actions, a) })
	}
	slices.Sort(order)
	var out []qsPermission
	for _, principal := range order {
		actions := byPrincipal[principal]
		if len(actions) == 0 {
			continue
		}
		slices.Sort(actions)
		out = append(out, qsPermission{Principal: principal, Actions: actions})
	}
	return out
}

func qsDeref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
