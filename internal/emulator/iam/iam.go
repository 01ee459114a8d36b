// Package iam emulates the Keystone v3 token endpoint APIG clients authenticate
// against (OTC-IAM "obtaining a user token through password authentication"):
//
//	POST /v3/auth/tokens   password method, project scope → 201, token in X-Subject-Token
//
// It accepts only the configured user, password, domain and project. Tokens
// live 24 hours unless the settings say otherwise; APIG routes validate them
// through VerifyToken.
//
// Admin routes:
//
//	GET /_emulator/iam/settings   current Settings
//	PUT /_emulator/iam/settings   replace Settings
//	POST /_emulator/iam/revoke    invalidate every issued token (as a password change does)
package iam

import (
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Name is the family's name in stats, state and route names.
const Name = "iam"

// Settings tune token issuance for tests.
type Settings struct {
	// TokenTTLSeconds is the lifetime of new tokens; 0 means 24 hours.
	TokenTTLSeconds int `json:"token_ttl_seconds"`
	// RevokeAfterUses invalidates a token after it authenticated this many
	// APIG requests (0: never), as a password change does behind a client's
	// back.
	RevokeAfterUses int `json:"revoke_after_uses"`
}

// Emulator is the emulated IAM token service of one Server.
type Emulator struct {
	s *core.Server

	mu       sync.Mutex
	settings Settings
	tokens   map[string]*iamToken
}

type iamToken struct {
	ProjectID string    `json:"project_id"`
	ExpiresAt time.Time `json:"expires_at"`
	IssuedAt  time.Time `json:"issued_at"`
	Uses      int       `json:"uses"`
	Revoked   bool      `json:"revoked"`
}

// New builds the IAM family of s.
func New(s *core.Server) *Emulator { return &Emulator{s: s, tokens: map[string]*iamToken{}} }

var _ core.TokenVerifier = (*Emulator)(nil)

// Of returns the IAM family of s.
func Of(s *core.Server) *Emulator {
	m, ok := s.Family(Name).(*Emulator)
	if !ok {
		panic("emulator: the iam family is not registered")
	}
	return m
}

// Routes registers the token endpoint and the admin routes.
func (m *Emulator) Routes(r *core.Router) {
	r.Handle("POST /v3/auth/tokens", "KeystoneCreateUserTokenByPassword", m.createToken)
	r.Admin("GET /_emulator/iam/settings", func(w http.ResponseWriter, _ *http.Request) {
		core.WriteJSON(w, http.StatusOK, m.Settings())
	})
	r.Admin("PUT /_emulator/iam/settings", func(w http.ResponseWriter, r *http.Request) {
		var st Settings
		if !core.DecodeAdminJSON(w, r, &st) {
			return
		}
		m.SetSettings(st)
		core.WriteJSON(w, http.StatusOK, m.Settings())
	})
	r.Admin("POST /_emulator/iam/revoke", func(w http.ResponseWriter, _ *http.Request) {
		m.RevokeAll()
		w.WriteHeader(http.StatusNoContent)
	})
}

// State lists issued tokens by a short prefix (never the token itself).
func (m *Emulator) State() any {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]iamToken{}
	for tok, t := range m.tokens {
		out[tok[:12]+"…"] = *t
	}
	return map[string]any{"tokens": out}
}

// Reset forgets every token; settings are kept.
func (m *Emulator) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tokens = map[string]*iamToken{}
}

// SensitiveFields blanks the password in the request log (the generic rule
// already does; listed for clarity of intent).
func (m *Emulator) SensitiveFields() []string { return []string{"password"} }

// Settings returns the current settings.
func (m *Emulator) Settings() Settings {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.settings
}

// SetSettings replaces the settings; existing tokens keep their expiry.
func (m *Emulator) SetSettings(st Settings) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.settings = st
}

// RevokeAll invalidates every token issued so far.
func (m *Emulator) RevokeAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range m.tokens {
		t.Revoked = true
	}
}

// Issued is the number of tokens issued since the last Reset.
func (m *Emulator) Issued() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.tokens)
}

type keystoneAuthRequest struct {
	Auth struct {
		Identity struct {
			Methods  []string `json:"methods"`
			Password *struct {
				User struct {
					ID       string `json:"id"`
					Name     string `json:"name"`
					Password string `json:"password"`
					Domain   *struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"domain"`
				} `json:"user"`
			} `json:"password"`
		} `json:"identity"`
		Scope *struct {
			Project *struct {
				ID     string `json:"id"`
				Name   string `json:"name"`
				Domain *struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"domain"`
			} `json:"project"`
			Domain *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"domain"`
		} `json:"scope"`
	} `json:"auth"`
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) in Keystone's error shape.
func (m *Emulator) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	keystoneError(w, http.StatusForbidden, "Forbidden", message)
}

// keystoneError writes Keystone's error shape.
func keystoneError(w http.ResponseWriter, status int, title, msg string) {
	core.WriteJSON(w, status, map[string]any{"error": map[string]any{"code": status, "title": title, "message": msg}})
}

// keystoneTokenAlphabet is the alphabet of the base64 text tokens carry.
const keystoneTokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// keystoneTime is the IAM timestamp format (microseconds, Z).
const keystoneTime = "2006-01-02T15:04:05.000000Z"

func (m *Emulator) createToken(w http.ResponseWriter, r *http.Request) {
	c := m.s.Credentials()
	var req keystoneAuthRequest
	if err := json.Unmarshal(core.Body(r), &req); err != nil {
		keystoneError(w, http.StatusBadRequest, "Bad Request", "The request body is not valid JSON: "+err.Error())
		return
	}
	id := req.Auth.Identity
	if !slices.Contains(id.Methods, "password") || id.Password == nil {
		keystoneError(w, http.StatusBadRequest, "Bad Request", "Invalid input for field 'identity': only the password method is supported")
		return
	}
	u := id.Password.User
	if u.Name == "" || u.Password == "" || u.Domain == nil || (u.Domain.Name == "" && u.Domain.ID == "") {
		keystoneError(w, http.StatusBadRequest, "Bad Request", "Invalid input for field 'user': name, password and domain are required")
		return
	}
	if u.Name != c.APIGUser || u.Password != c.APIGPassword || (u.Domain.Name != "" && u.Domain.Name != c.APIGDomain) ||
		(u.Domain.ID != "" && u.Domain.ID != iamDomainID(c)) {
		keystoneError(w, http.StatusUnauthorized, "Unauthorized", "The username or password is wrong.")
		return
	}
	sc := req.Auth.Scope
	if sc == nil || sc.Project == nil {
		// APIG is a project-level service: a domain-scoped token is useless to it.
		keystoneError(w, http.StatusBadRequest, "Bad Request", "Invalid input for field 'scope': a project scope (id or name) is required")
		return
	}
	if (sc.Project.ID != "" && sc.Project.ID != c.APIGProjectID) || (sc.Project.ID == "" && sc.Project.Name != c.APIGProject) {
		keystoneError(w, http.StatusUnauthorized, "Unauthorized", "The project in the scope does not exist or the user has no access to it.")
		return
	}

	now := m.s.Now()
	m.mu.Lock()
	ttl := time.Duration(m.settings.TokenTTLSeconds) * time.Second
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	tok := "MIIT" + m.s.RandomString(380, keystoneTokenAlphabet)
	t := &iamToken{ProjectID: c.APIGProjectID, IssuedAt: now, ExpiresAt: now.Add(ttl)}
	m.tokens[tok] = t
	m.mu.Unlock()

	domain := map[string]any{"id": iamDomainID(c), "name": c.APIGDomain}
	token := map[string]any{
		"expires_at": t.ExpiresAt.Format(keystoneTime),
		"issued_at":  t.IssuedAt.Format(keystoneTime),
		"methods":    []string{"password"},
		"project":    map[string]any{"id": c.APIGProjectID, "name": c.APIGProject, "domain": domain},
		"roles":      []map[string]string{{"id": "0", "name": "te_admin"}, {"id": "0", "name": "op_gated_apig"}},
		"user":       map[string]any{"id": iamUserID(c), "name": c.APIGUser, "domain": domain, "password_expires_at": ""},
	}
	// Any non-empty nocatalog value leaves the catalog out (OTC IAM API reference).
	if r.URL.Query().Get("nocatalog") == "" {
		token["catalog"] = []map[string]any{{
			"type": "apig", "name": "apig", "id": "apig",
			"endpoints": []map[string]string{{"interface": "public", "region": "eu-de", "region_id": "eu-de", "url": m.s.URL(), "id": "apig-public"}},
		}}
	}
	w.Header().Set("X-Subject-Token", tok)
	w.Header().Set("X-Request-Id", m.s.RandomHex(32))
	core.WriteJSON(w, http.StatusCreated, map[string]any{"token": token})
}

// VerifyToken checks a token presented to APIG and counts its use.
func (m *Emulator) VerifyToken(tok string) (projectID string, state core.TokenState) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tokens[tok]
	if !ok {
		return "", core.TokenUnknown
	}
	if t.Revoked || !m.s.Now().Before(t.ExpiresAt) {
		return "", core.TokenExpired
	}
	t.Uses++
	if m.settings.RevokeAfterUses > 0 && t.Uses >= m.settings.RevokeAfterUses {
		t.Revoked = true
	}
	return t.ProjectID, core.TokenValid
}

func iamDomainID(c core.Credentials) string { return "d" + c.APIGProjectID[1:] }
func iamUserID(c core.Credentials) string   { return "u" + c.APIGProjectID[1:] }
