// Package authress emulates Authress SSO connections
// (specs/authress-connections.md).
//
// Wire routes (Authorization: Bearer <access key>, an EdDSA JWT minted from it, or a JWT of a
// trusted OIDC identity):
//
//	POST   /v1/connections                                              201 Connection
//	GET    /v1/connections?limit=(1..100)&cursor=&filter=               200 ConnectionCollection
//	GET    /v1/connections/{connectionId}                               200 | 404
//	PUT    /v1/connections/{connectionId}                               200 | 404 (full replace)
//	DELETE /v1/connections/{connectionId}                               204 | 404
//	GET    /v1/connections/{connectionId}/users/{userId}/credentials    200 {"accessToken"} | 404
//
// Emulator choices where the reference is UNVERIFIED:
//   - A caller-chosen connectionId is honoured; POSTing an existing one answers
//     409 errorCode ConnectionAlreadyExists. Without one the server assigns
//     "con_" + 22 random characters.
//   - clientSecret is stored but never returned (POST, GET, PUT, list).
//   - PUT is a full replace: omitting clientSecret (or any field) clears it, so
//     the provider must always send the secret on update. A connectionId in a
//     PUT body must equal the path's.
//   - 400 for validation (title names the field and rule; errorCode
//     InvalidRequest), 401 Unauthorized, 403 Forbidden, 404 NotFound. A
//     connectionId in a path, and the credentials route's userId, are 1 to 64
//     characters (the SDK models), else 400.
//   - A JWT lives at most 24 hours from its iat (what every SDK mints); a
//     longer one is refused with 401, as is one without exp.
//   - A trusted OIDC identity (issuer, audience, key) lets its JWTs call the
//     API directly, as Authress's OIDC trusted identities do (POST
//     /v1/identities; the knowledge base's CI/CD guides). The real service
//     reads the issuer's keys from its OIDC discovery document; the emulator
//     is given an Ed25519 key instead.
//
// Admin routes:
//
//	PUT /_emulator/authress/users/{userId}/connections/{connectionId}/credentials
//	    body {"accessToken":"..."}: the token the credentials route returns; 204.
//	PUT /_emulator/authress/forbidden
//	    body {"operations":["CreateConnection", ...]} ("*" = all): those
//	    operations answer 403 to valid credentials; [] clears; 204.
//	PUT /_emulator/authress/trusted-identities
//	    body {"issuer":"https://...","audience":"...","publicKey":"<base64 of
//	    the 32-byte Ed25519 key>"}: JWTs with that iss, signed by that key and
//	    naming that audience, are accepted; 204.
package authress

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const authressContentType = "application/links+json"

type authressFamily struct {
	s           *core.Server
	key         accessKey
	keyErr      error
	connections *core.Store[authressConnection]
	userCreds   *core.Store[authressUserCredentials]

	mu        sync.Mutex
	forbidden []string
	// trusted are the OIDC identities whose JWTs are accepted, by issuer.
	trusted map[string]trustedIdentity
}

// trustedIdentity is an OIDC provider whose tokens may call the API.
type trustedIdentity struct {
	Issuer    string            `json:"issuer"`
	Audience  string            `json:"audience"`
	PublicKey ed25519.PublicKey `json:"-"`
}

type authressUserCredentials struct {
	ConnectionID string `json:"connectionId"`
	UserID       string `json:"userId"`
	AccessToken  string `json:"accessToken"`
}

// Name is the family's name in stats, state and route names.
const Name = "authress"

// New builds the Authress family of s.
func New(s *core.Server) core.Family {
	f := &authressFamily{
		s:           s,
		connections: core.NewStore[authressConnection](),
		userCreds:   core.NewStore[authressUserCredentials](),
	}
	f.key, f.keyErr = parseAccessKey(s.Credentials().AuthressAccessKey)
	return f
}

func (f *authressFamily) Routes(r *core.Router) {
	r.Handle("POST /v1/connections", "CreateConnection", f.auth(f.create))
	r.Handle("GET /v1/connections", "GetConnections", f.auth(f.list))
	// The JS SDK lists with a trailing slash.
	r.Handle("GET /v1/connections/{$}", "GetConnections", f.auth(f.list))
	r.Handle("GET /v1/connections/{connectionId}", "GetConnection", f.auth(f.get))
	r.Handle("PUT /v1/connections/{connectionId}", "UpdateConnection", f.auth(f.update))
	r.Handle("DELETE /v1/connections/{connectionId}", "DeleteConnection", f.auth(f.delete))
	r.Handle("GET /v1/connections/{connectionId}/users/{userId}/credentials", "GetConnectionCredentials", f.auth(f.userCredentials))
	r.Admin("PUT /_emulator/authress/users/{userId}/connections/{connectionId}/credentials", f.seedUserCredentials)
	r.Admin("PUT /_emulator/authress/forbidden", f.setForbidden)
	r.Admin("PUT /_emulator/authress/trusted-identities", f.setTrustedIdentity)
}

func (f *authressFamily) State() any {
	return map[string]any{
		"connections":     f.connections.Snapshot(),
		"userCredentials": f.userCreds.List(),
	}
}

func (f *authressFamily) Reset() {
	f.connections.Reset()
	f.userCreds.Reset()
	f.mu.Lock()
	f.forbidden = nil
	f.trusted = nil
	f.mu.Unlock()
}

// WriteFault gives injected faults Authress's error body.
func (f *authressFamily) WriteFault(w http.ResponseWriter, r *http.Request, status int) {
	codes := map[int]string{
		http.StatusTooManyRequests:     "TooManyRequests",
		http.StatusInternalServerError: "InternalServerError",
		http.StatusServiceUnavailable:  "ServiceUnavailable",
	}
	f.writeError(w, status, codes[status], http.StatusText(status))
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) with Authress's 403.
func (f *authressFamily) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	f.writeError(w, http.StatusForbidden, "Forbidden", message)
}

func (f *authressFamily) writeError(w http.ResponseWriter, status int, code, title string) {
	core.WriteJSONAs(w, status, authressContentType, map[string]string{"title": title, "errorCode": code, "errorId": f.s.UUID()})
}

func (f *authressFamily) notFound(w http.ResponseWriter) {
	f.writeError(w, http.StatusNotFound, "NotFound", "Not found. The connection does not exist.")
}

func (f *authressFamily) badRequest(w http.ResponseWriter, title string) {
	f.writeError(w, http.StatusBadRequest, "InvalidRequest", title)
}

// auth accepts the raw access key or a JWT signed by its private key, and
// applies the forbidden-operations switch.
func (f *authressFamily) auth(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := f.authenticate(r); err != nil {
			f.writeError(w, http.StatusUnauthorized, "Unauthorized",
				"Unauthorized. The request JWT found in the Authorization header is no longer valid: "+err.Error())
			return
		}
		if f.s.Throttled(w, r, f.key.AccountID) {
			return
		}
		op := strings.TrimPrefix(core.RouteName(r), "authress.")
		f.mu.Lock()
		denied := slices.Contains(f.forbidden, "*") || slices.Contains(f.forbidden, op)
		f.mu.Unlock()
		if denied {
			f.writeError(w, http.StatusForbidden, "Forbidden", "Forbidden. The service client does not have permission to call "+op+".")
			return
		}
		h(w, r)
	}
}

const (
	// authJWTLeeway is the clock skew allowed on exp and iat.
	authJWTLeeway = 30 * time.Second
	// maxJWTLifetime is the life every SDK gives the tokens it mints (exp = iat + 86400).
	maxJWTLifetime = 24 * time.Hour
)

func (f *authressFamily) authenticate(r *http.Request) error {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if h == "" {
		return errors.New("missing Authorization header")
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return errors.New("the Authorization header must be 'Bearer <token>'")
	}
	if f.keyErr != nil {
		return fmt.Errorf("emulator access key is unusable: %w", f.keyErr)
	}
	if token == f.s.Credentials().AuthressAccessKey {
		return nil
	}
	if !strings.HasPrefix(token, "eyJ") {
		return errors.New("token is neither the service client access key nor a JWT")
	}
	claims := jwt.MapClaims{}
	var identity *trustedIdentity
	_, err := jwt.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		iss, _ := claims["iss"].(string)
		if id, ok := f.trustedIdentity(iss); ok {
			identity = &id
			return id.PublicKey, nil
		}
		if kid, _ := t.Header["kid"].(string); kid != f.key.KeyID {
			return nil, fmt.Errorf("unknown key id %q", t.Header["kid"])
		}
		pub, ok := f.key.PrivateKey.Public().(ed25519.PublicKey)
		if !ok {
			return nil, errors.New("the emulator's Authress key is not Ed25519")
		}
		return pub, nil
	},
		jwt.WithValidMethods([]string{"EdDSA"}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(authJWTLeeway),
	)
	if err != nil {
		return err
	}
	if err := f.checkLifetime(claims); err != nil {
		return err
	}
	aud, _ := claims.GetAudience()
	if identity != nil {
		if !slices.Contains(aud, identity.Audience) {
			return fmt.Errorf("audience %v is not %q, the audience trusted for issuer %q", []string(aud), identity.Audience, identity.Issuer)
		}
		return nil
	}
	if want := f.key.AccountID + ".accounts.authress.io"; !slices.Contains(aud, want) {
		return fmt.Errorf("audience %v is not %q", []string(aud), want)
	}
	if sub, _ := claims.GetSubject(); sub != f.key.ClientID {
		return fmt.Errorf("subject %q is not the service client", sub)
	}
	iss, _ := claims["iss"].(string)
	if !f.validIssuer(r, iss) {
		return fmt.Errorf("issuer %q is not {origin}/v1/clients/{clientId} for this account", iss)
	}
	return nil
}

// checkLifetime refuses a token that lives longer than the SDKs' tokens: from iat when it has one,
// else from now.
func (f *authressFamily) checkLifetime(claims jwt.MapClaims) error {
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return errors.New("token has no expiry")
	}
	start := f.s.Now()
	if iat, err := claims.GetIssuedAt(); err == nil && iat != nil {
		start = iat.Time
	}
	if life := exp.Sub(start); life > maxJWTLifetime {
		return fmt.Errorf("token lifetime %s exceeds the %s Authress tokens have", life.Round(time.Second), maxJWTLifetime)
	}
	return nil
}

func (f *authressFamily) trustedIdentity(issuer string) (trustedIdentity, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id, ok := f.trusted[issuer]
	return id, ok && issuer != ""
}

// TrustIdentity lets JWTs whose iss is issuer, signed by key and naming audience, call the API, as an
// Authress OIDC trusted identity does.
func TrustIdentity(s *core.Server, issuer, audience string, key ed25519.PublicKey) {
	f, ok := s.Family(Name).(*authressFamily)
	if !ok {
		panic("emulator: authress family is not registered")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.trusted == nil {
		f.trusted = map[string]trustedIdentity{}
	}
	f.trusted[issuer] = trustedIdentity{Issuer: issuer, Audience: audience, PublicKey: key}
}

func (f *authressFamily) setTrustedIdentity(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Issuer    string `json:"issuer"`
		Audience  string `json:"audience"`
		PublicKey string `json:"publicKey"`
	}
	if !core.DecodeAdminJSON(w, r, &body) {
		return
	}
	key, err := base64.StdEncoding.DecodeString(body.PublicKey)
	if body.Issuer == "" || body.Audience == "" || err != nil || len(key) != ed25519.PublicKeySize {
		core.WriteJSON(w, http.StatusBadRequest, map[string]string{
			"message": "issuer, audience and publicKey (standard base64 of a 32-byte Ed25519 public key) are required"})
		return
	}
	TrustIdentity(f.s, body.Issuer, body.Audience, key)
	w.WriteHeader(http.StatusNoContent)
}

// validIssuer accepts {origin}/v1/clients/{urlencoded clientId} where origin is
// this server (the custom-domain rule) or the account's authress.io host.
func (f *authressFamily) validIssuer(r *http.Request, iss string) bool {
	origin, client, ok := strings.Cut(iss, "/v1/clients/")
	if !ok {
		return false
	}
	// SDKs differ: JS uses encodeURIComponent, the Go provider url.QueryEscape.
	p, errP := url.PathUnescape(client)
	q, errQ := url.QueryUnescape(client)
	if (errP != nil || p != f.key.ClientID) && (errQ != nil || q != f.key.ClientID) {
		return false
	}
	origin = strings.TrimSuffix(origin, "/")
	allowed := []string{"https://" + f.key.AccountID + ".api.authress.io", "http://" + r.Host}
	if u := f.s.URL(); u != "" {
		allowed = append(allowed, u)
	}
	return slices.Contains(allowed, origin)
}

func (f *authressFamily) decodeConnection(w http.ResponseWriter, r *http.Request) (*authressConnectionInput, bool) {
	var in authressConnectionInput
	if err := core.DecodeJSON(core.Body(r), &in); err != nil {
		var de *core.DecodeError
		if errors.As(err, &de) && de.Field != "" {
			f.badRequest(w, (&authressFieldError{de.Field, de.Reason}).Error())
		} else {
			f.badRequest(w, "Invalid request: "+err.Error())
		}
		return nil, false
	}
	if err := in.validate(); err != nil {
		f.badRequest(w, err.Error())
		return nil, false
	}
	return &in, true
}

func (f *authressFamily) now() string { return f.s.Now().Format(authressTimeFormat) }

func (f *authressFamily) create(w http.ResponseWriter, r *http.Request) {
	in, ok := f.decodeConnection(w, r)
	if !ok {
		return
	}
	id := ""
	if in.ConnectionID != nil {
		id = *in.ConnectionID
	} else {
		id = "con_" + f.s.RandomAlnum(22)
	}
	c := in.toConnection(id)
	c.CreatedTime = f.now()
	c.LastUpdated = c.CreatedTime
	if !f.connections.Insert(id, c) {
		f.writeError(w, http.StatusConflict, "ConnectionAlreadyExists", fmt.Sprintf("Conflict. A connection with connectionId %q already exists.", id))
		return
	}
	core.WriteJSONAs(w, http.StatusCreated, authressContentType, c.public())
}

// pathConnectionID is the route's connectionId, 1 to 64 characters (the SDK models), or false once
// a 400 is written.
func (f *authressFamily) pathConnectionID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("connectionId")
	if err := authressCheckLength("connectionId", &id, 1, 64); err != nil {
		f.badRequest(w, err.Error())
		return "", false
	}
	return id, true
}

func (f *authressFamily) get(w http.ResponseWriter, r *http.Request) {
	id, ok := f.pathConnectionID(w, r)
	if !ok {
		return
	}
	c, ok := f.connections.Get(id)
	if !ok {
		f.notFound(w)
		return
	}
	core.WriteJSONAs(w, http.StatusOK, authressContentType, c.public())
}

func (f *authressFamily) update(w http.ResponseWriter, r *http.Request) {
	id, ok := f.pathConnectionID(w, r)
	if !ok {
		return
	}
	if _, ok := f.connections.Get(id); !ok {
		f.notFound(w)
		return
	}
	in, ok := f.decodeConnection(w, r)
	if !ok {
		return
	}
	if in.ConnectionID != nil && *in.ConnectionID != id {
		f.badRequest(w, (&authressFieldError{"connectionId", fmt.Sprintf("must equal the connectionId in the path (%q)", id)}).Error())
		return
	}
	var out authressConnection
	found, _ := f.connections.Update(id, func(c *authressConnection) error {
		next := in.toConnection(id)
		next.CreatedTime = c.CreatedTime
		next.LastUpdated = f.now()
		*c = next
		out = next
		return nil
	})
	if !found {
		f.notFound(w)
		return
	}
	core.WriteJSONAs(w, http.StatusOK, authressContentType, out.public())
}

func (f *authressFamily) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := f.pathConnectionID(w, r)
	if !ok {
		return
	}
	if !f.connections.Delete(id) {
		f.notFound(w)
		return
	}
	f.userCreds.DeleteFunc(func(_ string, u authressUserCredentials) bool { return u.ConnectionID == id })
	w.WriteHeader(http.StatusNoContent)
}

// The list page size when limit is absent, and the most a request may ask for (the SDK models' list
// parameters: default 100, minimum 1, maximum 100).
const (
	authressDefaultLimit = 100
	authressMaxLimit     = 100
)

func (f *authressFamily) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := authressDefaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > authressMaxLimit {
			f.badRequest(w, (&authressFieldError{"limit", fmt.Sprintf("must be an integer between 1 and %d (got %q)", authressMaxLimit, v)}).Error())
			return
		}
		limit = n
	}
	filter := q.Get("filter")
	var matched []authressConnection
	for _, c := range f.connections.List() {
		if c.matches(filter) {
			matched = append(matched, c.public())
		}
	}
	page, next, err := core.CursorPage(matched, func(c authressConnection) string { return c.ConnectionID }, q.Get("cursor"), limit)
	if err != nil {
		f.badRequest(w, (&authressFieldError{"cursor", "is not a cursor returned by this API"}).Error())
		return
	}
	type cursor struct {
		Cursor string `json:"cursor"`
	}
	pagination := map[string]*cursor{}
	if next != "" {
		pagination["next"] = &cursor{Cursor: next}
	}
	if page == nil {
		page = []authressConnection{}
	}
	core.WriteJSONAs(w, http.StatusOK, authressContentType, map[string]any{"connections": page, "pagination": pagination})
}

// authressMaxUserID is the longest user id the credentials route takes (the SDK models: 1 to 64).
const authressMaxUserID = 64

func authressCredentialsKey(connectionID, userID string) string {
	return connectionID + "\x00" + userID
}

func (f *authressFamily) userCredentials(w http.ResponseWriter, r *http.Request) {
	id, ok := f.pathConnectionID(w, r)
	if !ok {
		return
	}
	user := r.PathValue("userId")
	if err := authressCheckLength("userId", &user, 1, authressMaxUserID); err != nil {
		f.badRequest(w, err.Error())
		return
	}
	_, hasConn := f.connections.Get(id)
	creds, hasCreds := f.userCreds.Get(authressCredentialsKey(id, user))
	if !hasConn || !hasCreds {
		f.writeError(w, http.StatusNotFound, "NotFound", "Not found. The connection or user does not exist.")
		return
	}
	core.WriteJSONAs(w, http.StatusOK, authressContentType, map[string]string{"accessToken": creds.AccessToken})
}

// SetUserCredentials stores the access token the credentials route returns
// for userID on connectionID (the connection must also exist for the route to
// answer 200).
func SetUserCredentials(s *core.Server, connectionID, userID, accessToken string) {
	f, ok := s.Family(Name).(*authressFamily)
	if !ok {
		panic("emulator: authress family is not registered")
	}
	f.userCreds.Put(authressCredentialsKey(connectionID, userID), authressUserCredentials{
		ConnectionID: connectionID, UserID: userID, AccessToken: accessToken,
	})
}

func (f *authressFamily) seedUserCredentials(w http.ResponseWriter, r *http.Request) {
	var body struct {
		AccessToken string `json:"accessToken"`
	}
	if !core.DecodeAdminJSON(w, r, &body) {
		return
	}
	if body.AccessToken == "" {
		core.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": "accessToken is required"})
		return
	}
	SetUserCredentials(f.s, r.PathValue("connectionId"), r.PathValue("userId"), body.AccessToken)
	w.WriteHeader(http.StatusNoContent)
}

func (f *authressFamily) setForbidden(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Operations []string `json:"operations"`
	}
	if !core.DecodeAdminJSON(w, r, &body) {
		return
	}
	f.mu.Lock()
	f.forbidden = slices.Clone(body.Operations)
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}
