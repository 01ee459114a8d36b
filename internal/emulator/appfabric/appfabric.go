// Package appfabric emulates AWS AppFabric (REST-JSON, SigV4 service
// "appfabric"): app bundles, app authorizations, the connect step and tags,
// per the wire reference (specs/aws-appfabric-quicksight.md §1).
//
// Like the service, it keeps every account and Region apart: each AWS account
// the emulator accepts (core.Server.AWSAccounts) has its own objects in each
// of the Regions AppFabric exists in (us-east-1, eu-west-1, ap-northeast-1),
// within AppFabric's quotas of 1 app bundle and 50 app authorizations per
// account and Region. Optionally (Settings.DeletingReads) a deleted app
// authorization stays visible for a while, as in an eventually consistent
// service.
package appfabric

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Name is the family's name in stats, state and route names.
const Name = "appfabric"

// Statuses of an app authorization.
const (
	PendingConnect             = "PendingConnect"
	Connected                  = "Connected"
	ConnectionValidationFailed = "ConnectionValidationFailed"
	TokenAutoRotationFailed    = "TokenAutoRotationFailed"
)

// Regions are the Regions AppFabric has an endpoint in (General Reference, "AWS AppFabric endpoints
// and quotas").
var Regions = []string{"us-east-1", "eu-west-1", "ap-northeast-1"}

// AppFabric's resource quotas per account and Region (same page); neither can be raised.
const (
	MaxAppBundles        = 1
	MaxAppAuthorizations = 50
)

// Quota codes of the quota errors. AWS publishes no Service Quotas code for these quotas, so the
// emulator names them after the General Reference's rows.
const (
	QuotaCodeAppBundles        = "ApplicationBundles"
	QuotaCodeAppAuthorizations = "ApplicationAuthorizations"
)

const (
	appFabricDefaultPage = 10
	appFabricMaxTags     = 50
)

var (
	afUUIDPattern        = regexp.MustCompile(`^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`)
	afKMSKeyARNPattern   = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$`)
	afRedirectURIPattern = regexp.MustCompile(`^https://[-a-zA-Z0-9-._~:/?#@!$&'()*+,;=]+$`)
)

type afTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// afTagIn is a Tag as a request sends it: both members are required, so their absence must show.
type afTagIn struct {
	Key   *string `json:"key"`
	Value *string `json:"value"`
}

type afTenant struct {
	TenantIdentifier  string `json:"tenantIdentifier"`
	TenantDisplayName string `json:"tenantDisplayName"`
}

type afOAuth2Credential struct {
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

type afAPIKeyCredential struct {
	APIKey string `json:"apiKey"`
}

type afCredential struct {
	OAuth2Credential *afOAuth2Credential `json:"oauth2Credential,omitempty"`
	APIKeyCredential *afAPIKeyCredential `json:"apiKeyCredential,omitempty"`
}

// secret is the credential's secret part, which connect validates.
func (c afCredential) secret() string {
	if c.OAuth2Credential != nil {
		return c.OAuth2Credential.ClientSecret
	}
	if c.APIKeyCredential != nil {
		return c.APIKeyCredential.APIKey
	}
	return ""
}

type afBundle struct {
	ID                    string
	ARN                   string
	CustomerManagedKeyARN string
	Tags                  []afTag
}

type afAuthorization struct {
	ID         string
	ARN        string
	BundleARN  string
	App        string
	Tenant     afTenant
	AuthType   string
	Credential afCredential
	Status     string
	Persona    string
	AuthURL    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Tags       []afTag
	// pendingPolls counts the Gets still answered PendingConnect before a
	// connect attempt's outcome (outcome) becomes visible.
	pendingPolls int
	outcome      string
	// deleted marks an authorization whose delete was accepted but which reads
	// still see for deletingReads more observations (Settings.DeletingReads).
	deleted       bool
	deletingReads int
}

// afIdempotency remembers what a clientToken created so a retry returns the
// same object and a reuse with other parameters fails.
type afIdempotency struct {
	Operation   string
	Fingerprint string
	ARN         string
}

type appFabricFamily struct {
	s *core.Server

	mu             sync.Mutex
	bundles        map[string]*afBundle        // by ARN
	authorizations map[string]*afAuthorization // by ARN
	// tokens are the client tokens seen, by caller scope and token: a token of
	// one account and Region means nothing in another.
	tokens map[string]afIdempotency
	// redeemed holds the digests of the OAuth2 codes connects have used, by
	// app: an authorization code works once.
	redeemed map[string]bool
	settings Settings
}

// Settings are the emulator's AppFabric knobs. AppFabric's quotas are not
// among them: like the service's, they cannot be raised.
type Settings struct {
	// ConnectPolls is how many GetAppAuthorization calls after a connect still
	// answer PendingConnect before the outcome shows (default 1).
	ConnectPolls int `json:"connect_polls"`
	// RejectSecrets are client secrets, API keys or OAuth codes that the SaaS
	// application refuses: connecting with one ends in ConnectionValidationFailed.
	// Any secret starting with "invalid" is refused too.
	RejectSecrets []string `json:"reject_secrets"`
	// DeletingReads makes the emulator eventually consistent: a deleted app
	// authorization is still seen by this many reads (GetAppAuthorization,
	// ListAppAuthorizations, ListTagsForResource, a repeated delete), and while
	// it is seen its bundle's delete answers 409 ConflictException (each such
	// answer counts as a read). 0, the default, deletes at once.
	DeletingReads int `json:"deleting_reads"`
}

func defaultSettings() Settings { return Settings{ConnectPolls: 1} }

// New builds the AppFabric family of s.
func New(s *core.Server) core.Family {
	f := &appFabricFamily{s: s, settings: defaultSettings()}
	f.Reset()
	return f
}

// Emulator gives tests direct access to the AppFabric family.
type Emulator struct{ f *appFabricFamily }

// Of returns the server's AppFabric family.
func Of(s *core.Server) *Emulator {
	f, _ := s.Family(Name).(*appFabricFamily) // registered by emulator.New
	return &Emulator{f: f}
}

// Settings returns the current knobs.
func (e *Emulator) Settings() Settings {
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	st := e.f.settings
	st.RejectSecrets = slices.Clone(st.RejectSecrets)
	return st
}

// SetSettings replaces the knobs; negative numbers count as 0.
func (e *Emulator) SetSettings(st Settings) {
	st.ConnectPolls = max(st.ConnectPolls, 0)
	st.DeletingReads = max(st.DeletingReads, 0)
	st.RejectSecrets = slices.Clone(st.RejectSecrets)
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	e.f.settings = st
}

// SetStatus changes an authorization's status behind the client's back (token
// rotation failing, a console reconnect); it reports whether arn exists.
func (e *Emulator) SetStatus(arn, status string) bool {
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	a, ok := e.f.authorizations[arn]
	if !ok || a.deleted {
		return false
	}
	a.Status, a.pendingPolls, a.outcome = status, 0, ""
	a.UpdatedAt = e.f.s.Now()
	return true
}

// ReceivedCredential is the credential the emulator holds for an
// authorization: the last one a create or update sent.
type ReceivedCredential struct {
	ClientID, ClientSecret, APIKey string
}

// Credential returns the credential last sent for the authorization arn.
func (e *Emulator) Credential(arn string) (ReceivedCredential, bool) {
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	a, ok := e.f.authorizations[arn]
	if !ok {
		return ReceivedCredential{}, false
	}
	var c ReceivedCredential
	if o := a.Credential.OAuth2Credential; o != nil {
		c.ClientID, c.ClientSecret = o.ClientID, o.ClientSecret
	}
	if k := a.Credential.APIKeyCredential; k != nil {
		c.APIKey = k.APIKey
	}
	return c, true
}

// Status returns an authorization's stored status ("" when absent).
func (e *Emulator) Status(arn string) string {
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	if a, ok := e.f.authorizations[arn]; ok {
		return a.Status
	}
	return ""
}

// Counts returns how many app bundles and app authorizations exist, in every
// account and Region; authorizations still being deleted count.
func (e *Emulator) Counts() (bundles, authorizations int) {
	e.f.mu.Lock()
	defer e.f.mu.Unlock()
	return len(e.f.bundles), len(e.f.authorizations)
}

func (f *appFabricFamily) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.bundles = map[string]*afBundle{}
	f.authorizations = map[string]*afAuthorization{}
	f.tokens = map[string]afIdempotency{}
	f.redeemed = map[string]bool{}
}

// SensitiveFields: the OAuth code of a connect request is a credential.
func (f *appFabricFamily) SensitiveFields() []string { return []string{"code"} }

func afSecretDigest(s string) string {
	if s == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// State lists bundles and authorizations (those still being deleted marked
// "deleting"); secrets appear only as SHA-256 digests so a state dump never
// carries them.
func (f *appFabricFamily) State() any {
	f.mu.Lock()
	defer f.mu.Unlock()
	bundles := map[string]any{}
	for arn, b := range f.bundles {
		bundles[arn] = map[string]any{"arn": b.ARN, "customerManagedKeyArn": b.CustomerManagedKeyARN, "tags": afTagMap(b.Tags)}
	}
	authz := map[string]any{}
	for arn, a := range f.authorizations {
		cred := map[string]any{}
		if o := a.Credential.OAuth2Credential; o != nil {
			cred["clientId"] = o.ClientID
			cred["clientSecretSha256"] = afSecretDigest(o.ClientSecret)
		}
		if k := a.Credential.APIKeyCredential; k != nil {
			cred["apiKeySha256"] = afSecretDigest(k.APIKey)
		}
		entry := map[string]any{
			"appAuthorizationArn": a.ARN, "appBundleArn": a.BundleARN, "app": a.App, "tenant": a.Tenant,
			"authType": a.AuthType, "status": a.Status, "credential": cred, "tags": afTagMap(a.Tags),
		}
		if a.deleted {
			entry["deleting"] = true
		}
		authz[arn] = entry
	}
	return map[string]any{"appBundles": bundles, "appAuthorizations": authz}
}

func afTagMap(tags []afTag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[t.Key] = t.Value
	}
	return m
}

func (f *appFabricFamily) Routes(r *core.Router) {
	r.Handle("POST /appbundles", "CreateAppBundle", f.auth(f.createAppBundle))
	r.Handle("GET /appbundles", "ListAppBundles", f.auth(f.listAppBundles))
	r.Handle("GET /appbundles/{appBundleIdentifier}", "GetAppBundle", f.auth(f.getAppBundle))
	r.Handle("DELETE /appbundles/{appBundleIdentifier}", "DeleteAppBundle", f.auth(f.deleteAppBundle))
	r.Handle("POST /appbundles/{appBundleIdentifier}/appauthorizations", "CreateAppAuthorization", f.auth(f.createAppAuthorization))
	r.Handle("GET /appbundles/{appBundleIdentifier}/appauthorizations", "ListAppAuthorizations", f.auth(f.listAppAuthorizations))
	r.Handle("GET /appbundles/{appBundleIdentifier}/appauthorizations/{appAuthorizationIdentifier}", "GetAppAuthorization", f.auth(f.getAppAuthorization))
	r.Handle("PATCH /appbundles/{appBundleIdentifier}/appauthorizations/{appAuthorizationIdentifier}", "UpdateAppAuthorization", f.auth(f.updateAppAuthorization))
	r.Handle("DELETE /appbundles/{appBundleIdentifier}/appauthorizations/{appAuthorizationIdentifier}", "DeleteAppAuthorization", f.auth(f.deleteAppAuthorization))
	r.Handle("POST /appbundles/{appBundleIdentifier}/appauthorizations/{appAuthorizationIdentifier}/connect", "ConnectAppAuthorization", f.auth(f.connectAppAuthorization))
	r.Handle("POST /tags/{resourceArn}", "TagResource", f.auth(f.tagResource))
	r.Handle("DELETE /tags/{resourceArn}", "UntagResource", f.auth(f.untagResource))
	r.Handle("GET /tags/{resourceArn}", "ListTagsForResource", f.auth(f.listTagsForResource))

	r.Admin("GET /_emulator/appfabric/settings", func(w http.ResponseWriter, r *http.Request) {
		core.WriteJSON(w, http.StatusOK, Of(f.s).Settings())
	})
	r.Admin("PUT /_emulator/appfabric/settings", func(w http.ResponseWriter, r *http.Request) {
		var st Settings
		if !core.DecodeAdminJSON(w, r, &st) {
			return
		}
		Of(f.s).SetSettings(st)
		core.WriteJSON(w, http.StatusOK, Of(f.s).Settings())
	})
	r.Admin("POST /_emulator/appfabric/status", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			ARN    string `json:"arn"`
			Status string `json:"status"`
		}
		if !core.DecodeAdminJSON(w, r, &in) {
			return
		}
		if !slices.Contains([]string{PendingConnect, Connected, ConnectionValidationFailed, TokenAutoRotationFailed}, in.Status) {
			core.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": "unknown status " + in.Status})
			return
		}
		if !Of(f.s).SetStatus(in.ARN, in.Status) {
			core.WriteJSON(w, http.StatusNotFound, map[string]string{"message": "no app authorization " + in.ARN})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// WriteFault answers injected faults with AppFabric's own error shapes.
func (f *appFabricFamily) WriteFault(w http.ResponseWriter, _ *http.Request, status int) {
	switch status {
	case http.StatusTooManyRequests:
		f.WriteThrottle(w, nil, core.Throttle{})
	case http.StatusServiceUnavailable:
		f.writeError(w, status, "ServiceUnavailableException", map[string]any{"message": "Service is unavailable. Please try again later."})
	default:
		f.writeError(w, status, "InternalServerException", map[string]any{"message": "An internal error occurred. Please retry your request."})
	}
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) with AWS's access-denied error.
func (f *appFabricFamily) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	f.writeError(w, http.StatusForbidden, "AccessDeniedException", map[string]any{"message": message})
}

// WriteUnmatched answers a request signed for appfabric on a route AppFabric
// has not, once its signature holds, as AWS answers an operation a service
// does not have: 404 UnknownOperationException, which the SDKs parse as an API
// error.
func (f *appFabricFamily) WriteUnmatched(w http.ResponseWriter, r *http.Request) bool {
	if core.SigV4Service(r) != "appfabric" {
		return false
	}
	if _, err := f.s.VerifySigV4Caller(r, core.Body(r), "appfabric"); err != nil {
		f.s.WriteSigV4Error(w, err)
		return true
	}
	f.writeError(w, http.StatusNotFound, "UnknownOperationException", map[string]any{
		"message": fmt.Sprintf("AppFabric has no operation %s %s", r.Method, r.URL.EscapedPath()),
	})
	return true
}

// caller is the account and Region a request is served in.
type caller = core.AWSCaller

// handler is a wire route's handler once auth has identified the caller.
type handler func(w http.ResponseWriter, r *http.Request, c caller)

// auth verifies the SigV4 signature before any other check, as AWS's front
// end does, and serves the three Regions AppFabric exists in only.
func (f *appFabricFamily) auth(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, err := f.s.VerifySigV4Caller(r, core.Body(r), "appfabric")
		if err != nil {
			f.s.WriteSigV4Error(w, err)
			return
		}
		w.Header().Set("X-Amzn-RequestId", f.s.UUID())
		if !slices.Contains(Regions, c.Region) {
			// A real client cannot get this far: appfabric.<region>.amazonaws.com does not resolve
			// for any other Region. One endpoint stands for the three here, so the request reached
			// an endpoint its scope does not name.
			f.writeError(w, http.StatusForbidden, "InvalidSignatureException", map[string]any{
				"message": fmt.Sprintf("Credential should be scoped to a valid region, not '%s'. AppFabric is available in %s only.", c.Region, strings.Join(Regions, ", ")),
			})
			return
		}
		if f.s.Throttled(w, r, c.Scope()) {
			return
		}
		h(w, r, c)
	}
}

// writeError sends an AppFabric error: X-Amzn-ErrorType names it, the body
// holds the shape's members.
func (f *appFabricFamily) writeError(w http.ResponseWriter, status int, code string, body map[string]any) {
	w.Header().Set("X-Amzn-ErrorType", code)
	if w.Header().Get("X-Amzn-RequestId") == "" {
		w.Header().Set("X-Amzn-RequestId", f.s.UUID())
	}
	core.WriteJSON(w, status, body)
}

type afFieldError struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

// validationError is a 400 ValidationException. reason is fieldValidationFailed
// when fields are named, else the given reason.
func (f *appFabricFamily) validationError(w http.ResponseWriter, reason, message string, fields ...afFieldError) {
	body := map[string]any{"message": message, "reason": reason}
	if len(fields) > 0 {
		body["fieldList"] = fields
	}
	f.writeError(w, http.StatusBadRequest, "ValidationException", body)
}

func (f *appFabricFamily) fieldErrors(w http.ResponseWriter, fields []afFieldError) {
	msgs := make([]string, len(fields))
	for i, fe := range fields {
		msgs[i] = fe.Name + ": " + fe.Message
	}
	noun := "error"
	if len(fields) > 1 {
		noun = "errors"
	}
	f.validationError(w, "fieldValidationFailed", fmt.Sprintf("%d validation %s detected: %s", len(fields), noun, strings.Join(msgs, "; ")), fields...)
}

func (f *appFabricFamily) notFound(w http.ResponseWriter, id, typ string) {
	f.writeError(w, http.StatusNotFound, "ResourceNotFoundException", map[string]any{
		"message": fmt.Sprintf("Resource %s of type %s does not exist", id, typ), "resourceId": id, "resourceType": typ,
	})
}

func (f *appFabricFamily) conflict(w http.ResponseWriter, id, typ, message string) {
	f.writeError(w, http.StatusConflict, "ConflictException", map[string]any{"message": message, "resourceId": id, "resourceType": typ})
}

// quotaExceeded is the modelled 402 for a create beyond a quota of the
// caller's account and Region; resourceId names what the quota is counted on.
func (f *appFabricFamily) quotaExceeded(w http.ResponseWriter, c caller, resourceID, typ, quotaCode, what string, limit int) {
	f.writeError(w, http.StatusPaymentRequired, "ServiceQuotaExceededException", map[string]any{
		"message": fmt.Sprintf("You have reached the quota of %d %s per account and Region (account %s, %s); it cannot be increased.",
			limit, what, c.AccountID, c.Region),
		"resourceId": resourceID, "resourceType": typ, "serviceCode": "appfabric", "quotaCode": quotaCode,
	})
}

// decode strictly decodes the body; an empty body is allowed when emptyOK.
func (f *appFabricFamily) decode(w http.ResponseWriter, r *http.Request, v any, emptyOK bool) bool {
	body := core.Body(r)
	if emptyOK && len(strings.TrimSpace(string(body))) == 0 {
		return true
	}
	if err := core.DecodeJSON(body, v); err != nil {
		if de, ok := err.(*core.DecodeError); ok && de.Field != "" {
			f.fieldErrors(w, []afFieldError{{Name: de.Field, Message: de.Reason}})
		} else {
			f.validationError(w, "cannotParse", "Could not parse request body: "+err.Error())
		}
		return false
	}
	return true
}

func afCheckLen(errs *[]afFieldError, name, v string, lo, hi int) {
	if n := len([]rune(v)); n < lo || n > hi {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length between %d and %d", name, lo, hi)})
	}
}

func afCheckPattern(errs *[]afFieldError, name, v string, re *regexp.Regexp) {
	if !re.MatchString(v) {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", name, re.String())})
	}
}

func afRequired(errs *[]afFieldError, name string, present bool) bool {
	if !present {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must not be null", name)})
	}
	return present
}

// afCheckTags validates a TagList (0..50 Tags; key 1..128 and value 0..256, both required) and
// returns it.
func afCheckTags(errs *[]afFieldError, name string, in []afTagIn) []afTag {
	if len(in) > appFabricMaxTags {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", name, appFabricMaxTags)})
	}
	tags := make([]afTag, 0, len(in))
	for i, t := range in {
		key, value := fmt.Sprintf("%s.%d.member.key", name, i+1), fmt.Sprintf("%s.%d.member.value", name, i+1)
		if afRequired(errs, key, t.Key != nil) {
			afCheckLen(errs, key, *t.Key, 1, 128)
		}
		if afRequired(errs, value, t.Value != nil) {
			afCheckLen(errs, value, *t.Value, 0, 256)
		}
		if t.Key != nil && t.Value != nil {
			tags = append(tags, afTag{Key: *t.Key, Value: *t.Value})
		}
	}
	return tags
}

func afCheckClientToken(errs *[]afFieldError, token *string) {
	if token != nil {
		afCheckPattern(errs, "clientToken", *token, afUUIDPattern)
	}
}

// afCheckIdentifier validates an Identifier (ARN or lowercase UUID, 1..1011), with the model's
// pattern in the message.
func afCheckIdentifier(errs *[]afFieldError, name, v string) {
	if len(v) < 1 || len(v) > 1011 {
		afCheckLen(errs, name, v, 1, 1011)
		return
	}
	if !(strings.HasPrefix(v, "arn:") && len(v) > len("arn:")) && !afUUIDPattern.MatchString(v) {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.+$|^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", name)})
	}
}

func arnPrefix(c caller) string {
	return fmt.Sprintf("arn:aws:appfabric:%s:%s:", c.Region, c.AccountID)
}

// ownedBy reports whether arn is an object of c's account and Region: each
// regional endpoint of each account sees only its own.
func ownedBy(arn string, c caller) bool { return strings.HasPrefix(arn, arnPrefix(c)) }

// claimToken applies clientToken idempotency in c's account and Region; call
// with f.mu held. It returns the ARN created earlier under token with the
// same parameters, or writes the mismatch error and returns ok=false.
func (f *appFabricFamily) claimToken(w http.ResponseWriter, c caller, token *string, op, fingerprint string) (prior string, ok bool) {
	if token == nil {
		return "", true
	}
	seen, found := f.tokens[c.Scope()+"/"+*token]
	if !found {
		return "", true
	}
	if seen.Operation != op || seen.Fingerprint != fingerprint {
		f.writeError(w, http.StatusBadRequest, "IdempotentParameterMismatchException", map[string]any{
			"message": "The client token " + *token + " was already used with different request parameters.",
		})
		return "", false
	}
	return seen.ARN, true
}

// rememberToken records what token created; call with f.mu held.
func (f *appFabricFamily) rememberToken(c caller, token *string, op, fingerprint, arn string) {
	if token != nil {
		f.tokens[c.Scope()+"/"+*token] = afIdempotency{Operation: op, Fingerprint: fingerprint, ARN: arn}
	}
}

// fingerprint is the request body without the token, re-encoded canonically.
func afFingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
