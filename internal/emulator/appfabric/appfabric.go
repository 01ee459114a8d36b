// Package appfabric emulates AWS AppFabric (REST-JSON, SigV4 service
// "appfabric"): app bundles, app authorizations, the connect step and tags,
// per the wire reference (specs/aws-appfabric-quicksight.md §1).
package appfabric

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
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
	tokens         map[string]afIdempotency
	settings       Settings
}

// Settings are the emulator's AppFabric knobs.
type Settings struct {
	// ConnectPolls is how many GetAppAuthorization calls after a connect still
	// answer PendingConnect before the outcome shows (default 1).
	ConnectPolls int `json:"connect_polls"`
	// RejectSecrets are client secrets, API keys or OAuth codes that the SaaS
	// application refuses: connecting with one ends in ConnectionValidationFailed.
	// Any secret starting with "invalid" is refused too.
	RejectSecrets []string `json:"reject_secrets"`
	// MaxAppBundles is the per-region app bundle quota (402 beyond it; default 1000).
	MaxAppBundles int `json:"max_app_bundles"`
	// MaxAppAuthorizations is the per-bundle app authorization quota (default 1000).
	MaxAppAuthorizations int `json:"max_app_authorizations"`
}

func defaultSettings() Settings {
	return Settings{ConnectPolls: 1, MaxAppBundles: 1000, MaxAppAuthorizations: 1000}
}

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

// SetSettings replaces the knobs; zero numbers take their defaults.
func (e *Emulator) SetSettings(st Settings) {
	d := defaultSettings()
	if st.MaxAppBundles == 0 {
		st.MaxAppBundles = d.MaxAppBundles
	}
	if st.MaxAppAuthorizations == 0 {
		st.MaxAppAuthorizations = d.MaxAppAuthorizations
	}
	if st.ConnectPolls < 0 {
		st.ConnectPolls = 0
	}
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
	if !ok {
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

// Counts returns how many app bundles and app authorizations exist.
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

// State lists bundles and authorizations; secrets appear only as SHA-256
// digests so a state dump never carries them.
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
		authz[arn] = map[string]any{
			"appAuthorizationArn": a.ARN, "appBundleArn": a.BundleARN, "app": a.App, "tenant": a.Tenant,
			"authType": a.AuthType, "status": a.Status, "credential": cred, "tags": afTagMap(a.Tags),
		}
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

// auth verifies the SigV4 signature before any other check, as AWS's front end does.
func (f *appFabricFamily) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := f.s.VerifySigV4(r, core.Body(r), "appfabric"); err != nil {
			f.s.WriteSigV4Error(w, err)
			return
		}
		w.Header().Set("X-Amzn-RequestId", f.s.UUID())
		if f.s.Throttled(w, r, f.s.AWSQuotaScope(r)) {
			return
		}
		h(w, r)
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

func (f *appFabricFamily) quotaExceeded(w http.ResponseWriter, id, typ, quotaCode string, limit int) {
	f.writeError(w, http.StatusPaymentRequired, "ServiceQuotaExceededException", map[string]any{
		"message":    fmt.Sprintf("You have reached the maximum of %d resources of type %s allowed for this account", limit, typ),
		"resourceId": id, "resourceType": typ, "serviceCode": "appfabric", "quotaCode": quotaCode,
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

func afCheckTags(errs *[]afFieldError, name string, tags []afTag) {
	if len(tags) > appFabricMaxTags {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", name, appFabricMaxTags)})
	}
	for i, t := range tags {
		afCheckLen(errs, fmt.Sprintf("%s.%d.member.key", name, i+1), t.Key, 1, 128)
		afCheckLen(errs, fmt.Sprintf("%s.%d.member.value", name, i+1), t.Value, 0, 256)
	}
}

func afCheckClientToken(errs *[]afFieldError, token *string) {
	if token != nil {
		afCheckPattern(errs, "clientToken", *token, afUUIDPattern)
	}
}

// checkIdentifier validates an Identifier path label (ARN or lowercase UUID, 1..1011).
func afCheckIdentifier(errs *[]afFieldError, name, v string) {
	if len(v) < 1 || len(v) > 1011 || !(strings.HasPrefix(v, "arn:") || afUUIDPattern.MatchString(v)) {
		*errs = append(*errs, afFieldError{Name: name, Message: fmt.Sprintf("Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.+$|^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}", name)})
	}
}

func (f *appFabricFamily) arnPrefix() string {
	c := f.s.Credentials()
	return fmt.Sprintf("arn:aws:appfabric:%s:%s:", c.AWSRegion, c.AWSAccountID)
}

// findBundle resolves an ARN or UUID; call with f.mu held.
func (f *appFabricFamily) findBundle(id string) *afBundle {
	if b, ok := f.bundles[id]; ok {
		return b
	}
	if afUUIDPattern.MatchString(id) {
		return f.bundles[f.arnPrefix()+"appbundle/"+id]
	}
	return nil
}

// findAuthorization resolves an authorization of bundle b; call with f.mu held.
func (f *appFabricFamily) findAuthorization(b *afBundle, id string) *afAuthorization {
	a, ok := f.authorizations[id]
	if !ok && afUUIDPattern.MatchString(id) {
		a, ok = f.authorizations[b.ARN+"/appauthorization/"+id]
	}
	if !ok || a.BundleARN != b.ARN {
		return nil
	}
	return a
}

// claimToken applies clientToken idempotency; call with f.mu held. It returns
// the ARN created earlier under token with the same parameters, or writes the
// mismatch error and returns ok=false.
func (f *appFabricFamily) claimToken(w http.ResponseWriter, token *string, op, fingerprint string) (prior string, ok bool) {
	if token == nil {
		return "", true
	}
	seen, found := f.tokens[*token]
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

// fingerprint is the request body without the token, re-encoded canonically.
func afFingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type afBundleJSON struct {
	ARN                   string `json:"arn"`
	CustomerManagedKeyARN string `json:"customerManagedKeyArn,omitempty"`
}

func (b *afBundle) json() afBundleJSON {
	return afBundleJSON{ARN: b.ARN, CustomerManagedKeyARN: b.CustomerManagedKeyARN}
}

func (f *appFabricFamily) createAppBundle(w http.ResponseWriter, r *http.Request) {
	var in struct {
		ClientToken                  *string `json:"clientToken"`
		CustomerManagedKeyIdentifier *string `json:"customerManagedKeyIdentifier"`
		Tags                         []afTag `json:"tags"`
	}
	if !f.decode(w, r, &in, true) {
		return
	}
	var errs []afFieldError
	afCheckClientToken(&errs, in.ClientToken)
	if k := in.CustomerManagedKeyIdentifier; k != nil {
		afCheckLen(&errs, "customerManagedKeyIdentifier", *k, 1, 1011)
		if !afKMSKeyARNPattern.MatchString(*k) && !afUUIDPattern.MatchString(*k) {
			errs = append(errs, afFieldError{Name: "customerManagedKeyIdentifier", Message: "Value at 'customerManagedKeyIdentifier' must be a KMS key ARN or key id"})
		}
	}
	afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	token := in.ClientToken
	in.ClientToken = nil
	fp := afFingerprint(in)

	f.mu.Lock()
	defer f.mu.Unlock()
	prior, ok := f.claimToken(w, token, "CreateAppBundle", fp)
	if !ok {
		return
	}
	if b, exists := f.bundles[prior]; prior != "" && exists {
		core.WriteJSON(w, http.StatusCreated, map[string]any{"appBundle": b.json()})
		return
	}
	if len(f.bundles) >= f.settings.MaxAppBundles {
		f.quotaExceeded(w, "", "AppBundle", "L-APPBUNDLES", f.settings.MaxAppBundles)
		return
	}
	id := f.s.UUID()
	b := &afBundle{ID: id, ARN: f.arnPrefix() + "appbundle/" + id, Tags: slices.Clone(in.Tags)}
	if k := in.CustomerManagedKeyIdentifier; k != nil {
		b.CustomerManagedKeyARN = *k
		if afUUIDPattern.MatchString(*k) {
			c := f.s.Credentials()
			b.CustomerManagedKeyARN = fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", c.AWSRegion, c.AWSAccountID, *k)
		}
	}
	f.bundles[b.ARN] = b
	if token != nil {
		f.tokens[*token] = afIdempotency{Operation: "CreateAppBundle", Fingerprint: fp, ARN: b.ARN}
	}
	core.WriteJSON(w, http.StatusCreated, map[string]any{"appBundle": b.json()})
}

// bundleFromPath validates the {appBundleIdentifier} label and resolves it,
// answering 400/404 itself; call with f.mu held.
func (f *appFabricFamily) bundleFromPath(w http.ResponseWriter, r *http.Request) *afBundle {
	id := r.PathValue("appBundleIdentifier")
	var errs []afFieldError
	afCheckIdentifier(&errs, "appBundleIdentifier", id)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return nil
	}
	b := f.findBundle(id)
	if b == nil {
		f.notFound(w, id, "AppBundle")
	}
	return b
}

func (f *appFabricFamily) authorizationFromPath(w http.ResponseWriter, r *http.Request) *afAuthorization {
	var errs []afFieldError
	afCheckIdentifier(&errs, "appBundleIdentifier", r.PathValue("appBundleIdentifier"))
	afCheckIdentifier(&errs, "appAuthorizationIdentifier", r.PathValue("appAuthorizationIdentifier"))
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return nil
	}
	b := f.bundleFromPath(w, r)
	if b == nil {
		return nil
	}
	id := r.PathValue("appAuthorizationIdentifier")
	a := f.findAuthorization(b, id)
	if a == nil {
		f.notFound(w, id, "AppAuthorization")
	}
	return a
}

func (f *appFabricFamily) getAppBundle(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if b := f.bundleFromPath(w, r); b != nil {
		core.WriteJSON(w, http.StatusOK, map[string]any{"appBundle": b.json()})
	}
}

func (f *appFabricFamily) deleteAppBundle(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bundleFromPath(w, r)
	if b == nil {
		return
	}
	for _, a := range f.authorizations {
		if a.BundleARN == b.ARN {
			f.conflict(w, b.ARN, "AppBundle", "The app bundle "+b.ARN+" still has app authorizations. Delete every app authorization of the app bundle before deleting it.")
			return
		}
	}
	delete(f.bundles, b.ARN)
	w.WriteHeader(http.StatusNoContent)
}

// pageParams reads maxResults (1..100) and nextToken (1..2048).
func (f *appFabricFamily) pageParams(w http.ResponseWriter, r *http.Request) (limit int, token string, ok bool) {
	q := r.URL.Query()
	limit = appFabricDefaultPage
	var errs []afFieldError
	if v, has := q["maxResults"]; has {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || n > 100 {
			errs = append(errs, afFieldError{Name: "maxResults", Message: "Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100"})
		}
		limit = n
	}
	if v, has := q["nextToken"]; has {
		token = v[0]
		afCheckLen(&errs, "nextToken", token, 1, 2048)
	}
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return 0, "", false
	}
	return limit, token, true
}

func (f *appFabricFamily) invalidToken(w http.ResponseWriter) {
	f.validationError(w, "other", "The nextToken provided is invalid or expired.")
}

func (f *appFabricFamily) listAppBundles(w http.ResponseWriter, r *http.Request) {
	limit, token, ok := f.pageParams(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	arns := make([]string, 0, len(f.bundles))
	for arn := range f.bundles {
		arns = append(arns, arn)
	}
	f.mu.Unlock()
	slices.Sort(arns)
	page, next, err := core.CursorPage(arns, func(s string) string { return s }, token, limit)
	if err != nil {
		f.invalidToken(w)
		return
	}
	list := make([]map[string]string, len(page))
	for i, arn := range page {
		list[i] = map[string]string{"arn": arn}
	}
	out := map[string]any{"appBundleSummaryList": list}
	if next != "" {
		out["nextToken"] = next
	}
	core.WriteJSON(w, http.StatusOK, out)
}

type afAuthorizationJSON struct {
	AppAuthorizationARN string   `json:"appAuthorizationArn"`
	AppBundleARN        string   `json:"appBundleArn"`
	App                 string   `json:"app"`
	Tenant              afTenant `json:"tenant"`
	AuthType            string   `json:"authType"`
	Status              string   `json:"status"`
	CreatedAt           string   `json:"createdAt"`
	UpdatedAt           string   `json:"updatedAt"`
	Persona             string   `json:"persona,omitempty"`
	AuthURL             string   `json:"authUrl,omitempty"`
}

type afSummaryJSON struct {
	AppAuthorizationARN string   `json:"appAuthorizationArn"`
	AppBundleARN        string   `json:"appBundleArn"`
	App                 string   `json:"app"`
	Tenant              afTenant `json:"tenant"`
	Status              string   `json:"status"`
	UpdatedAt           string   `json:"updatedAt"`
}

func afTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func (a *afAuthorization) json() afAuthorizationJSON {
	return afAuthorizationJSON{
		AppAuthorizationARN: a.ARN, AppBundleARN: a.BundleARN, App: a.App, Tenant: a.Tenant, AuthType: a.AuthType,
		Status: a.Status, CreatedAt: afTime(a.CreatedAt), UpdatedAt: afTime(a.UpdatedAt), Persona: a.Persona, AuthURL: a.AuthURL,
	}
}

func (a *afAuthorization) summary() afSummaryJSON {
	return afSummaryJSON{AppAuthorizationARN: a.ARN, AppBundleARN: a.BundleARN, App: a.App, Tenant: a.Tenant, Status: a.Status, UpdatedAt: afTime(a.UpdatedAt)}
}

// validateCredential checks the union (exactly one member), that it matches
// authType and the member lengths.
func afValidateCredential(errs *[]afFieldError, c *afCredential, authType string) {
	n := 0
	if c.OAuth2Credential != nil {
		n++
		if afRequired(errs, "credential.oauth2Credential.clientId", c.OAuth2Credential.ClientID != "") {
			afCheckLen(errs, "credential.oauth2Credential.clientId", c.OAuth2Credential.ClientID, 1, 2048)
		}
		if afRequired(errs, "credential.oauth2Credential.clientSecret", c.OAuth2Credential.ClientSecret != "") {
			afCheckLen(errs, "credential.oauth2Credential.clientSecret", c.OAuth2Credential.ClientSecret, 1, 2048)
		}
	}
	if c.APIKeyCredential != nil {
		n++
		if afRequired(errs, "credential.apiKeyCredential.apiKey", c.APIKeyCredential.APIKey != "") {
			afCheckLen(errs, "credential.apiKeyCredential.apiKey", c.APIKeyCredential.APIKey, 1, 2048)
		}
	}
	switch {
	case n != 1:
		*errs = append(*errs, afFieldError{Name: "credential", Message: "Exactly one of oauth2Credential or apiKeyCredential must be set"})
	case authType == "oauth2" && c.OAuth2Credential == nil:
		*errs = append(*errs, afFieldError{Name: "credential", Message: "The authType is oauth2; provide an oauth2Credential"})
	case authType == "apiKey" && c.APIKeyCredential == nil:
		*errs = append(*errs, afFieldError{Name: "credential", Message: "The authType is apiKey; provide an apiKeyCredential"})
	}
}

func afValidateTenant(errs *[]afFieldError, t *afTenant) {
	if afRequired(errs, "tenant.tenantIdentifier", t.TenantIdentifier != "") {
		afCheckLen(errs, "tenant.tenantIdentifier", t.TenantIdentifier, 1, 1024)
	}
	if afRequired(errs, "tenant.tenantDisplayName", t.TenantDisplayName != "") {
		afCheckLen(errs, "tenant.tenantDisplayName", t.TenantDisplayName, 1, 2048)
	}
}

// authURL is where an admin grants AppFabric access to the application.
func (f *appFabricFamily) authURL(a *afAuthorization) string {
	if a.AuthType != "oauth2" || a.Credential.OAuth2Credential == nil {
		return ""
	}
	q := url.Values{}
	q.Set("client_id", a.Credential.OAuth2Credential.ClientID)
	q.Set("response_type", "code")
	q.Set("state", a.ID)
	return "https://" + strings.ToLower(url.PathEscape(a.App)) + ".oauth.appfabric.emulator/oauth2/authorize?" + q.Encode()
}

func (f *appFabricFamily) createAppAuthorization(w http.ResponseWriter, r *http.Request) {
	var in struct {
		App         *string       `json:"app"`
		Credential  *afCredential `json:"credential"`
		Tenant      *afTenant     `json:"tenant"`
		AuthType    *string       `json:"authType"`
		ClientToken *string       `json:"clientToken"`
		Tags        []afTag       `json:"tags"`
	}
	if !f.decode(w, r, &in, false) {
		return
	}
	var errs []afFieldError
	afCheckIdentifier(&errs, "appBundleIdentifier", r.PathValue("appBundleIdentifier"))
	if afRequired(&errs, "app", in.App != nil) {
		afCheckLen(&errs, "app", *in.App, 1, 255)
	}
	authType := ""
	if afRequired(&errs, "authType", in.AuthType != nil) {
		authType = *in.AuthType
		if authType != "oauth2" && authType != "apiKey" {
			errs = append(errs, afFieldError{Name: "authType", Message: "Value at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [oauth2, apiKey]"})
		}
	}
	if afRequired(&errs, "credential", in.Credential != nil) {
		afValidateCredential(&errs, in.Credential, authType)
	}
	if afRequired(&errs, "tenant", in.Tenant != nil) {
		afValidateTenant(&errs, in.Tenant)
	}
	afCheckClientToken(&errs, in.ClientToken)
	afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	token := in.ClientToken
	in.ClientToken = nil

	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bundleFromPath(w, r)
	if b == nil {
		return
	}
	fp := afFingerprint(struct {
		Bundle string
		Body   any
	}{b.ARN, in})
	prior, ok := f.claimToken(w, token, "CreateAppAuthorization", fp)
	if !ok {
		return
	}
	if a, exists := f.authorizations[prior]; prior != "" && exists {
		core.WriteJSON(w, http.StatusCreated, map[string]any{"appAuthorization": a.json()})
		return
	}
	count := 0
	for _, a := range f.authorizations {
		if a.BundleARN == b.ARN {
			count++
			if a.App == *in.App && a.Tenant.TenantIdentifier == in.Tenant.TenantIdentifier {
				f.conflict(w, a.ARN, "AppAuthorization", fmt.Sprintf("An app authorization for app %s and tenant %s already exists in the app bundle.", a.App, a.Tenant.TenantIdentifier))
				return
			}
		}
	}
	if count >= f.settings.MaxAppAuthorizations {
		f.quotaExceeded(w, b.ARN, "AppAuthorization", "L-APPAUTHORIZATIONS", f.settings.MaxAppAuthorizations)
		return
	}
	now := f.s.Now()
	id := f.s.UUID()
	a := &afAuthorization{
		ID: id, ARN: b.ARN + "/appauthorization/" + id, BundleARN: b.ARN, App: *in.App, Tenant: *in.Tenant,
		AuthType: authType, Credential: *in.Credential, Status: PendingConnect, Persona: "admin",
		CreatedAt: now, UpdatedAt: now, Tags: slices.Clone(in.Tags),
	}
	a.AuthURL = f.authURL(a)
	f.authorizations[a.ARN] = a
	if token != nil {
		f.tokens[*token] = afIdempotency{Operation: "CreateAppAuthorization", Fingerprint: fp, ARN: a.ARN}
	}
	core.WriteJSON(w, http.StatusCreated, map[string]any{"appAuthorization": a.json()})
}

// settle makes a pending connect outcome visible once its polls are used up;
// call with f.mu held.
func (a *afAuthorization) settle() {
	if a.outcome == "" {
		return
	}
	if a.pendingPolls > 0 {
		a.pendingPolls--
		return
	}
	a.Status, a.outcome = a.outcome, ""
}

func (f *appFabricFamily) getAppAuthorization(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r)
	if a == nil {
		return
	}
	a.settle()
	core.WriteJSON(w, http.StatusOK, map[string]any{"appAuthorization": a.json()})
}

func (f *appFabricFamily) updateAppAuthorization(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Credential *afCredential `json:"credential"`
		Tenant     *afTenant     `json:"tenant"`
	}
	if !f.decode(w, r, &in, true) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r)
	if a == nil {
		return
	}
	var errs []afFieldError
	if in.Credential != nil {
		afValidateCredential(&errs, in.Credential, a.AuthType)
	}
	if in.Tenant != nil {
		afValidateTenant(&errs, in.Tenant)
	}
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	if in.Credential != nil {
		a.Credential = *in.Credential
		a.AuthURL = f.authURL(a)
	}
	if in.Tenant != nil {
		a.Tenant = *in.Tenant
	}
	// An update always needs a new connect.
	a.Status, a.pendingPolls, a.outcome = PendingConnect, 0, ""
	a.UpdatedAt = f.s.Now()
	core.WriteJSON(w, http.StatusOK, map[string]any{"appAuthorization": a.json()})
}

func (f *appFabricFamily) deleteAppAuthorization(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r)
	if a == nil {
		return
	}
	delete(f.authorizations, a.ARN)
	w.WriteHeader(http.StatusNoContent)
}

func (f *appFabricFamily) listAppAuthorizations(w http.ResponseWriter, r *http.Request) {
	limit, token, ok := f.pageParams(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	b := f.bundleFromPath(w, r)
	if b == nil {
		f.mu.Unlock()
		return
	}
	var all []afSummaryJSON
	for _, a := range f.authorizations {
		if a.BundleARN == b.ARN {
			all = append(all, a.summary())
		}
	}
	f.mu.Unlock()
	slices.SortFunc(all, func(x, y afSummaryJSON) int { return strings.Compare(x.AppAuthorizationARN, y.AppAuthorizationARN) })
	page, next, err := core.CursorPage(all, func(s afSummaryJSON) string { return s.AppAuthorizationARN }, token, limit)
	if err != nil {
		f.invalidToken(w)
		return
	}
	if page == nil {
		page = []afSummaryJSON{}
	}
	out := map[string]any{"appAuthorizationSummaryList": page}
	if next != "" {
		out["nextToken"] = next
	}
	core.WriteJSON(w, http.StatusOK, out)
}

func (f *appFabricFamily) rejects(secret string) bool {
	return strings.HasPrefix(secret, "invalid") || slices.Contains(f.settings.RejectSecrets, secret)
}

func (f *appFabricFamily) connectAppAuthorization(w http.ResponseWriter, r *http.Request) {
	var in struct {
		AuthRequest *struct {
			RedirectURI *string `json:"redirectUri"`
			Code        *string `json:"code"`
		} `json:"authRequest"`
	}
	if !f.decode(w, r, &in, true) {
		return
	}
	var errs []afFieldError
	if ar := in.AuthRequest; ar != nil {
		if afRequired(&errs, "authRequest.redirectUri", ar.RedirectURI != nil) {
			afCheckLen(&errs, "authRequest.redirectUri", *ar.RedirectURI, 0, 1024)
			afCheckPattern(&errs, "authRequest.redirectUri", *ar.RedirectURI, afRedirectURIPattern)
		}
		if afRequired(&errs, "authRequest.code", ar.Code != nil) {
			afCheckLen(&errs, "authRequest.code", *ar.Code, 1, 2048)
		}
	}
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r)
	if a == nil {
		return
	}
	switch {
	case a.AuthType == "oauth2" && in.AuthRequest == nil:
		f.fieldErrors(w, []afFieldError{{Name: "authRequest", Message: "authRequest is required for an app authorization with the oauth2 authType"}})
		return
	case a.AuthType == "apiKey" && in.AuthRequest != nil:
		f.fieldErrors(w, []afFieldError{{Name: "authRequest", Message: "authRequest is only allowed for an app authorization with the oauth2 authType"}})
		return
	}
	outcome := Connected
	if f.rejects(a.Credential.secret()) || (in.AuthRequest != nil && f.rejects(*in.AuthRequest.Code)) {
		outcome = ConnectionValidationFailed
	}
	a.UpdatedAt = f.s.Now()
	if f.settings.ConnectPolls > 0 {
		a.Status, a.outcome, a.pendingPolls = PendingConnect, outcome, f.settings.ConnectPolls
	} else {
		a.Status, a.outcome, a.pendingPolls = outcome, "", 0
	}
	core.WriteJSON(w, http.StatusOK, map[string]any{"appAuthorizationSummary": a.summary()})
}

// taggable resolves {resourceArn} to the tags of a bundle or authorization;
// call with f.mu held.
func (f *appFabricFamily) taggable(w http.ResponseWriter, r *http.Request) *[]afTag {
	arn := r.PathValue("resourceArn")
	var errs []afFieldError
	afCheckLen(&errs, "resourceArn", arn, 1, 1011)
	if !strings.HasPrefix(arn, "arn:") {
		errs = append(errs, afFieldError{Name: "resourceArn", Message: "Value at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:.+"})
	}
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return nil
	}
	if b, ok := f.bundles[arn]; ok {
		return &b.Tags
	}
	if a, ok := f.authorizations[arn]; ok {
		return &a.Tags
	}
	f.notFound(w, arn, "Resource")
	return nil
}

func (f *appFabricFamily) tagResource(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Tags []afTag `json:"tags"`
	}
	if !f.decode(w, r, &in, false) {
		return
	}
	var errs []afFieldError
	afRequired(&errs, "tags", in.Tags != nil)
	afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	tags := f.taggable(w, r)
	if tags == nil {
		return
	}
	merged := slices.Clone(*tags)
	for _, t := range in.Tags {
		i := slices.IndexFunc(merged, func(x afTag) bool { return x.Key == t.Key })
		if i >= 0 {
			merged[i] = t
		} else {
			merged = append(merged, t)
		}
	}
	if len(merged) > appFabricMaxTags {
		f.fieldErrors(w, []afFieldError{{Name: "tags", Message: fmt.Sprintf("A resource can have at most %d tags", appFabricMaxTags)}})
		return
	}
	*tags = merged
	core.WriteJSON(w, http.StatusOK, map[string]any{})
}

func (f *appFabricFamily) untagResource(w http.ResponseWriter, r *http.Request) {
	keys, has := r.URL.Query()["tagKeys"]
	var errs []afFieldError
	afRequired(&errs, "tagKeys", has)
	if len(keys) > 200 {
		errs = append(errs, afFieldError{Name: "tagKeys", Message: "Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 200"})
	}
	for i, k := range keys {
		afCheckLen(&errs, fmt.Sprintf("tagKeys.%d.member", i+1), k, 1, 128)
	}
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	tags := f.taggable(w, r)
	if tags == nil {
		return
	}
	*tags = slices.DeleteFunc(slices.Clone(*tags), func(t afTag) bool { return slices.Contains(keys, t.Key) })
	core.WriteJSON(w, http.StatusOK, map[string]any{})
}

func (f *appFabricFamily) listTagsForResource(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tags := f.taggable(w, r)
	if tags == nil {
		return
	}
	out := map[string]any{}
	if len(*tags) > 0 {
		out["tags"] = *tags
	}
	core.WriteJSON(w, http.StatusOK, out)
}
