package appfabric

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

type afBundleJSON struct {
	ARN                   string `json:"arn"`
	CustomerManagedKeyARN string `json:"customerManagedKeyArn,omitempty"`
}

func (b *afBundle) json() afBundleJSON {
	return afBundleJSON{ARN: b.ARN, CustomerManagedKeyARN: b.CustomerManagedKeyARN}
}

// bundlesOf lists c's bundles in ARN order; call with f.mu held.
func (f *appFabricFamily) bundlesOf(c caller) []*afBundle {
	return inARNOrder(f.bundles, func(arn string, _ *afBundle) bool { return ownedBy(arn, c) })
}

// inARNOrder lists the objects of m (by ARN) that keep accepts, in ARN order.
func inARNOrder[T any](m map[string]*T, keep func(arn string, v *T) bool) []*T {
	var out []*T
	for _, arn := range slices.Sorted(maps.Keys(m)) {
		if keep(arn, m[arn]) {
			out = append(out, m[arn])
		}
	}
	return out
}

func (f *appFabricFamily) createAppBundle(w http.ResponseWriter, r *http.Request, c caller) {
	var in struct {
		ClientToken                  *string   `json:"clientToken"`
		CustomerManagedKeyIdentifier *string   `json:"customerManagedKeyIdentifier"`
		Tags                         []afTagIn `json:"tags"`
	}
	if !f.decode(w, r, &in, true) {
		return
	}
	var errs []afFieldError
	afCheckClientToken(&errs, in.ClientToken)
	if k := in.CustomerManagedKeyIdentifier; k != nil {
		before := len(errs)
		afCheckIdentifier(&errs, "customerManagedKeyIdentifier", *k)
		// The model's pattern admits any ARN; AppFabric needs a KMS key.
		if len(errs) == before && !afKMSKeyARNPattern.MatchString(*k) && !afUUIDPattern.MatchString(*k) {
			errs = append(errs, afFieldError{Name: "customerManagedKeyIdentifier", Message: "Value at 'customerManagedKeyIdentifier' must identify a KMS key: a KMS key ARN or key id"})
		}
	}
	tags := afCheckTags(&errs, "tags", in.Tags)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return
	}
	token := in.ClientToken
	in.ClientToken = nil
	fp := afFingerprint(in)

	f.mu.Lock()
	defer f.mu.Unlock()
	prior, ok := f.claimToken(w, c, token, "CreateAppBundle", fp)
	if !ok {
		return
	}
	if b, exists := f.bundles[prior]; prior != "" && exists {
		core.WriteJSON(w, http.StatusCreated, map[string]any{"appBundle": b.json()})
		return
	}
	if len(f.bundlesOf(c)) >= MaxAppBundles {
		f.quotaExceeded(w, c, c.AccountID, "AppBundle", QuotaCodeAppBundles, "app bundle", MaxAppBundles)
		return
	}
	id := f.s.UUID()
	b := &afBundle{ID: id, ARN: arnPrefix(c) + "appbundle/" + id, Tags: tags}
	if k := in.CustomerManagedKeyIdentifier; k != nil {
		b.CustomerManagedKeyARN = *k
		if afUUIDPattern.MatchString(*k) {
			b.CustomerManagedKeyARN = fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", c.Region, c.AccountID, *k)
		}
	}
	f.bundles[b.ARN] = b
	f.rememberToken(c, token, "CreateAppBundle", fp, b.ARN)
	core.WriteJSON(w, http.StatusCreated, map[string]any{"appBundle": b.json()})
}

// findBundle resolves an ARN or UUID among c's bundles; call with f.mu held.
func (f *appFabricFamily) findBundle(c caller, id string) *afBundle {
	if afUUIDPattern.MatchString(id) {
		id = arnPrefix(c) + "appbundle/" + id
	}
	if !ownedBy(id, c) {
		return nil
	}
	return f.bundles[id]
}

// bundleFromPath validates the {appBundleIdentifier} label and resolves it,
// answering 400/404 itself; call with f.mu held.
func (f *appFabricFamily) bundleFromPath(w http.ResponseWriter, r *http.Request, c caller) *afBundle {
	id := r.PathValue("appBundleIdentifier")
	var errs []afFieldError
	afCheckIdentifier(&errs, "appBundleIdentifier", id)
	if len(errs) > 0 {
		f.fieldErrors(w, errs)
		return nil
	}
	b := f.findBundle(c, id)
	if b == nil {
		f.notFound(w, id, "AppBundle")
	}
	return b
}

func (f *appFabricFamily) getAppBundle(w http.ResponseWriter, r *http.Request, c caller) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if b := f.bundleFromPath(w, r, c); b != nil {
		core.WriteJSON(w, http.StatusOK, map[string]any{"appBundle": b.json()})
	}
}

// deleteAppBundle refuses (409) while the bundle has authorizations, also
// those whose delete is not yet complete: each such refusal counts as one
// read of them.
func (f *appFabricFamily) deleteAppBundle(w http.ResponseWriter, r *http.Request, c caller) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bundleFromPath(w, r, c)
	if b == nil {
		return
	}
	live, deleting := 0, 0
	for _, a := range f.authorizationsOf(b) {
		switch {
		case !a.deleted:
			live++
		case f.observe(a):
			deleting++
		}
	}
	switch {
	case live > 0:
		f.conflict(w, b.ARN, "AppBundle", "The app bundle "+b.ARN+" still has app authorizations. Delete every app authorization of the app bundle before deleting it.")
		return
	case deleting > 0:
		f.conflict(w, b.ARN, "AppBundle", fmt.Sprintf("The app bundle %s has %d app authorizations that are still being deleted. Try again later.", b.ARN, deleting))
		return
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

// pageTokenLifetime is how long a nextToken works ("Each pagination token expires after 24 hours").
const pageTokenLifetime = 24 * time.Hour

// afPageToken is what a nextToken carries: the listing it continues (the caller, the operation and
// its parent), the last key of the page before, and when it was issued.
type afPageToken struct {
	Listing string `json:"l"`
	After   string `json:"a"`
	Issued  int64  `json:"t"`
}

// afPage pages items sorted by key for the listing: up to limit items after token's key, and the
// next page's token. ok is false when token was not issued for this listing or has expired.
func afPage[T any](items []T, key func(T) string, listing, token string, now time.Time, limit int) (page []T, next string, ok bool) {
	start := 0
	if token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		var t afPageToken
		if err != nil || json.Unmarshal(raw, &t) != nil || t.Listing != listing || t.After == "" ||
			now.Sub(time.Unix(t.Issued, 0)) > pageTokenLifetime {
			return nil, "", false
		}
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) > t.After })
	}
	end := min(start+limit, len(items))
	page = items[start:end]
	if end < len(items) && len(page) > 0 {
		raw, _ := json.Marshal(afPageToken{Listing: listing, After: key(page[len(page)-1]), Issued: now.Unix()})
		next = base64.RawURLEncoding.EncodeToString(raw)
	}
	return page, next, true
}

// invalidToken answers a nextToken that afPage refused: the documented "HTTP 400 InvalidToken", as
// the ValidationException the list operations model.
func (f *appFabricFamily) invalidToken(w http.ResponseWriter) {
	f.fieldErrors(w, []afFieldError{{Name: "nextToken", Message: "InvalidToken: the nextToken was not issued for this request, or it has expired (tokens expire after 24 hours)"}})
}

func (f *appFabricFamily) listAppBundles(w http.ResponseWriter, r *http.Request, c caller) {
	limit, token, ok := f.pageParams(w, r)
	if !ok {
		return
	}
	f.mu.Lock()
	var arns []string
	for _, b := range f.bundlesOf(c) {
		arns = append(arns, b.ARN)
	}
	f.mu.Unlock()
	page, next, ok := afPage(arns, func(s string) string { return s }, c.Scope()+" ListAppBundles", token, f.s.Now(), limit)
	if !ok {
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
