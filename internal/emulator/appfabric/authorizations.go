package appfabric

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

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

// afValidateCredential checks the union (exactly one member), that it matches
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

// authorizationsOf lists b's authorizations, those still being deleted
// included, in ARN order; call with f.mu held.
func (f *appFabricFamily) authorizationsOf(b *afBundle) []*afAuthorization {
	return inARNOrder(f.authorizations, func(_ string, a *afAuthorization) bool { return a.BundleARN == b.ARN })
}

// inScope counts the authorizations of c's account and Region, those still
// being deleted included; call with f.mu held.
func (f *appFabricFamily) inScope(c caller) int {
	n := 0
	for arn := range f.authorizations {
		if ownedBy(arn, c) {
			n++
		}
	}
	return n
}

// observe is one read of a. An authorization whose delete was accepted is
// seen by Settings.DeletingReads reads and then gone: observe reports whether
// this read still sees it, and purges it once no read does; call with f.mu
// held.
func (f *appFabricFamily) observe(a *afAuthorization) bool {
	if !a.deleted {
		return true
	}
	if a.deletingReads <= 0 {
		delete(f.authorizations, a.ARN)
		return false
	}
	a.deletingReads--
	return true
}

func (f *appFabricFamily) createAppAuthorization(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		App         *string       `json:"app"`
		Credential  *afCredential `json:"credential"`
		Tenant      *afTenant     `json:"tenant"`
		AuthType    *string       `json:"authType"`
		ClientToken *string       `json:"clientToken"`
		Tags        []afTagIn     `json:"tags"`
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
	tags := afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	token := in.ClientToken
	in.ClientToken = nil

	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bundleFromPath(w, r, c)
	if b == nil {
		return
	}
	fp := afFingerprint(struct {
		Bundle string
		Body   any
	}{b.ARN, in})
	prior, ok := f.claimToken(w, c, token, "CreateAppAuthorization", fp)
	if !ok {
		return
	}
	if a, exists := f.authorizations[prior]; prior != "" && exists && !a.deleted {
		core.WriteJSON(w, http.StatusCreated, map[string]any{"appAuthorization": a.json()})
		return
	}
	for _, a := range f.authorizationsOf(b) {
		if a.App == *in.App && a.Tenant.TenantIdentifier == in.Tenant.TenantIdentifier {
			f.conflict(w, a.ARN, "AppAuthorization", fmt.Sprintf("An app authorization for app %s and tenant %s already exists in the app bundle.", a.App, a.Tenant.TenantIdentifier))
			return
		}
	}
	if f.inScope(c) >= MaxAppAuthorizations {
		f.quotaExceeded(w, c, b.ARN, "AppAuthorization", QuotaCodeAppAuthorizations, "app authorizations", MaxAppAuthorizations)
		return
	}
	now := f.s.Now()
	id := f.s.UUID()
	a := &afAuthorization{
		ID: id, ARN: b.ARN + "/appauthorization/" + id, BundleARN: b.ARN, App: *in.App, Tenant: *in.Tenant,
		AuthType: authType, Credential: *in.Credential, Status: PendingConnect, Persona: "admin",
		CreatedAt: now, UpdatedAt: now, Tags: tags,
	}
	a.AuthURL = f.authURL(a)
	f.authorizations[a.ARN] = a
	f.rememberToken(c, token, "CreateAppAuthorization", fp, a.ARN)
	core.WriteJSON(w, http.StatusCreated, map[string]any{"appAuthorization": a.json()})
}

// authorizationFromPath validates both labels and resolves the authorization
// of c, answering 400/404 itself; call with f.mu held. One still being
// deleted is found by a read (which counts as one of its reads), never by a
// write.
func (f *appFabricFamily) authorizationFromPath(w http.ResponseWriter, r *http.Request, c caller, read bool) *afAuthorization {
	var errs []afFieldError
	afCheckIdentifier(&errs, "appBundleIdentifier", r.PathValue("appBundleIdentifier"))
	afCheckIdentifier(&errs, "appAuthorizationIdentifier", r.PathValue("appAuthorizationIdentifier"))
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return nil
	}
	b := f.bundleFromPath(w, r, c)
	if b == nil {
		return nil
	}
	id := r.PathValue("appAuthorizationIdentifier")
	a, ok := f.authorizations[id]
	if !ok && afUUIDPattern.MatchString(id) {
		a, ok = f.authorizations[b.ARN+"/appauthorization/"+id]
	}
	if !ok || a.BundleARN != b.ARN || (a.deleted && (!read || !f.observe(a))) {
		f.notFound(w, id, "AppAuthorization")
		return nil
	}
	return a
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

func (f *appFabricFamily) getAppAuthorization(w http.ResponseWriter, r *http.Request, c caller) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r, c, true)
	if a == nil {
		return
	}
	a.settle()
	core.WriteJSON(w, http.StatusOK, map[string]any{"appAuthorization": a.json()})
}

func (f *appFabricFamily) updateAppAuthorization(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		Credential *afCredential `json:"credential"`
		Tenant     *afTenant     `json:"tenant"`
	}
	if !f.decode(w, r, &in, true) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r, c, false)
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

// deleteAppAuthorization accepts the delete; with Settings.DeletingReads the
// authorization stays visible to reads for a while. Deleting it again while it
// is visible is accepted too.
func (f *appFabricFamily) deleteAppAuthorization(w http.ResponseWriter, r *http.Request, c caller) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.authorizationFromPath(w, r, c, true)
	if a == nil {
		return
	}
	switch {
	case a.deleted:
	case f.settings.DeletingReads > 0:
		a.deleted, a.deletingReads = true, f.settings.DeletingReads
	default:
		delete(f.authorizations, a.ARN)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (f *appFabricFamily) listAppAuthorizations(w http.ResponseWriter, r *http.Request, c caller) {
	limit, token, ok := f.pageParams(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	b := f.bundleFromPath(w, r, c)
	if b == nil {
		f.mu.Unlock()
		return
	}
	var all []afSummaryJSON
	for _, a := range f.authorizationsOf(b) {
		if f.observe(a) {
			all = append(all, a.summary())
		}
	}
	f.mu.Unlock()
	page, next, ok := afPage(all, func(s afSummaryJSON) string { return s.AppAuthorizationARN }, c.Scope()+" ListAppAuthorizations "+b.ARN, token, f.s.Now(), limit)
	if !ok {
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

// redeem marks an OAuth2 code of app as used and reports whether it had been
// used before: an authorization code works once (RFC 6749 §4.1.2), so the
// application refuses it the second time; call with f.mu held.
func (f *appFabricFamily) redeem(app, code string) (usedBefore bool) {
	key := app + "\x00" + afSecretDigest(code)
	usedBefore = f.redeemed[key]
	f.redeemed[key] = true
	return usedBefore
}

func (f *appFabricFamily) connectAppAuthorization(w http.ResponseWriter, r *http.Request, c caller) {
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
	a := f.authorizationFromPath(w, r, c, false)
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
	if f.rejects(a.Credential.secret()) {
		outcome = ConnectionValidationFailed
	}
	if ar := in.AuthRequest; ar != nil && (f.redeem(a.App, *ar.Code) || f.rejects(*ar.Code)) {
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

// taggable resolves {resourceArn} to the tags of a bundle or authorization of
// c; a read finds an authorization still being deleted (and counts as one of
// its reads), a write does not. Call with f.mu held.
func (f *appFabricFamily) taggable(w http.ResponseWriter, r *http.Request, c caller, read bool) *[]afTag {
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
	if ownedBy(arn, c) {
		if b, ok := f.bundles[arn]; ok {
			return &b.Tags
		}
		if a, ok := f.authorizations[arn]; ok && (!a.deleted || (read && f.observe(a))) {
			return &a.Tags
		}
	}
	f.notFound(w, arn, "Resource")
	return nil
}

func (f *appFabricFamily) tagResource(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		Tags []afTagIn `json:"tags"`
	}
	if !f.decode(w, r, &in, false) {
		return
	}
	var errs []afFieldError
	afRequired(&errs, "tags", in.Tags != nil)
	add := afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	tags := f.taggable(w, r, c, false)
	if tags == nil {
		return
	}
	merged := slices.Clone(*tags)
	for _, t := range add {
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

func (f *appFabricFamily) untagResource(w http.ResponseWriter, r *http.Request, c caller) {
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
	tags := f.taggable(w, r, c, false)
	if tags == nil {
		return
	}
	*tags = slices.DeleteFunc(slices.Clone(*tags), func(t afTag) bool { return slices.Contains(keys, t.Key) })
	core.WriteJSON(w, http.StatusOK, map[string]any{})
}

func (f *appFabricFamily) listTagsForResource(w http.ResponseWriter, r *http.Request, c caller) {
	f.mu.Lock()
	defer f.mu.Unlock()
	tags := f.taggable(w, r, c, true)
	if tags == nil {
		return
	}
	out := map[string]any{}
	if len(*tags) > 0 {
		out["tags"] = *tags
	}
	core.WriteJSON(w, http.StatusOK, out)
}
