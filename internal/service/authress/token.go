package authress

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	tokenLifetime = 24 * time.Hour
	// A token is replaced once less than this much of its life remains, as the official SDKs do.
	tokenRefreshMargin = time.Hour
)

// AccessKey is a parsed service-client access key "clientId.keyId.accountId.privateKey", whose last
// part is the standard base64 of a PKCS#8 Ed25519 private key.
type AccessKey struct {
	ClientID, KeyID, AccountID string
	PrivateKey                 ed25519.PrivateKey
}

// accessKeyID matches the client, key and account ids of an access key (the SDKs' test key is
// sc_service_client.uDeF.acc-test_account_id). The account id becomes the label of the API host, so
// anything that could end or redirect a host name is refused.
var accessKeyID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// ParseAccessKey reads a service-client access key. The error never repeats the key.
func ParseAccessKey(s string) (*AccessKey, error) {
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" || parts[3] == "" {
		return nil, errors.New("an Authress service-client access key has four dot-separated parts: clientId.keyId.accountId.privateKey")
	}
	for i, name := range []string{"client id", "key id", "account id"} {
		if !accessKeyID.MatchString(parts[i]) {
			return nil, fmt.Errorf("the %s part of the Authress access key may hold only letters, digits, '-' and '_'", name)
		}
	}
	der, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil {
		return nil, errors.New("the private-key part of the Authress access key is not standard base64")
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, errors.New("the private-key part of the Authress access key is not a PKCS#8 private key")
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the Authress access key holds a %T, not an Ed25519 key", key)
	}
	return &AccessKey{ClientID: parts[0], KeyID: parts[1], AccountID: parts[2], PrivateKey: priv}, nil
}

// DefaultAPIURL is the account's own API host.
func (k *AccessKey) DefaultAPIURL() string {
	return "https://" + k.AccountID + ".api.authress.io"
}

// issuer follows the SDKs: a custom domain is the issuer's origin unless it is an authress.io host.
func (k *AccessKey) issuer(apiURL string) string {
	origin := strings.TrimRight(apiURL, "/")
	if origin == "" || strings.Contains(origin, "authress.io") {
		origin = k.DefaultAPIURL()
	}
	return origin + "/v1/clients/" + url.QueryEscape(k.ClientID)
}

// Sign mints an EdDSA access token for the API at apiURL.
func (k *AccessKey) Sign(apiURL string, now time.Time) (string, time.Time, error) {
	exp := now.Add(tokenLifetime)
	claims := jwt.MapClaims{
		"iss":       k.issuer(apiURL),
		"sub":       k.ClientID,
		"client_id": k.ClientID,
		"aud":       k.AccountID + ".accounts.authress.io",
		"iat":       now.Unix(),
		"exp":       exp.Unix(),
		"scope":     "openid",
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["kid"] = k.KeyID
	tok.Header["typ"] = "at+jwt"
	signed, err := tok.SignedString(k.PrivateKey)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("signing the Authress access token: %w", err)
	}
	return signed, exp, nil
}

// tokenSource yields the bearer token: a JWT minted from a service-client key and reused until near
// expiry, or a JWT given as the access key itself.
type tokenSource struct {
	apiURL string
	key    *AccessKey
	static string
	now    func() time.Time
	// credentials are the texts of the configured access key to mask: the whole key and its
	// private part.
	credentials []string

	mu      sync.Mutex
	current string
	expires time.Time
	// minted are the tokens signed so far, to mask wherever one may be echoed.
	minted []string
}

func (s *tokenSource) Token() (string, error) {
	if s.static != "" {
		return s.static, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if s.current != "" && now.Add(tokenRefreshMargin).Before(s.expires) {
		return s.current, nil
	}
	tok, exp, err := s.key.Sign(s.apiURL, now)
	if err != nil {
		return "", err
	}
	s.current, s.expires = tok, exp
	s.minted = append(s.minted, tok)
	return tok, nil
}

// secrets are the literal texts to mask in logs and errors: the access key as configured, its private
// part, and every token minted from it.
func (s *tokenSource) secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append(slices.Clone(s.credentials), s.minted...)
}

// accessKeyTexts are the parts of an access key that must never be shown: the key as given and, for
// a service-client key, its private part.
func accessKeyTexts(accessKey string) []string {
	out := []string{accessKey, strings.TrimSpace(accessKey)}
	if parts := strings.Split(strings.TrimSpace(accessKey), "."); len(parts) == 4 {
		out = append(out, parts[3])
	}
	return out
}

// authressAPIAudience matches the Authress API hosts a token's audience may name: the account's host
// https://{accountId}.api.authress.io, or a regional one, https://{accountId}.api-{region}.authress.io
// (e.g. api-eu-west, as in the C# SDK's tests). The SDKs treat {accountId}.{label}.authress.io as
// Authress's own; anything else (another domain ending, a custom domain) needs api_url.
var authressAPIAudience = regexp.MustCompile(`^https://[a-zA-Z0-9-]+\.api(-[a-z0-9]+)*\.authress\.io/?$`)

// apiURLFromJWT reads, without verifying it, the audience of a JWT given as the access key: tokens
// for the Authress API name the account's API host there.
func apiURLFromJWT(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("the Authress access key starts like a JWT but is not one")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", errors.New("the Authress access token's payload is not base64url")
	}
	var claims struct {
		Aud any `json:"aud"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", errors.New("the Authress access token's payload is not JSON")
	}
	var auds []string
	switch a := claims.Aud.(type) {
	case string:
		auds = []string{a}
	case []any:
		for _, v := range a {
			if s, ok := v.(string); ok {
				auds = append(auds, s)
			}
		}
	}
	for _, a := range auds {
		if authressAPIAudience.MatchString(a) {
			return strings.TrimRight(a, "/"), nil
		}
	}
	return "", errors.New("the Authress access token's audience names no Authress API host (https://{accountId}.api.authress.io, " +
		"or https://{accountId}.api-{region}.authress.io); set api_url in the authress block or AUTHRESS_API_URL")
}
