package authress

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func testAccessKey(t *testing.T) (string, ed25519.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return "sc_client.key1.acc-123." + base64.StdEncoding.EncodeToString(der), pub
}

func TestParseAccessKey(t *testing.T) {
	t.Parallel()
	key, _ := testAccessKey(t)
	testCases := map[string]struct {
		in      string
		wantErr string
	}{
		"valid":                      {in: key},
		"three parts":                {in: "a.b.c", wantErr: "four dot-separated parts"},
		"empty part":                 {in: "a..c.d", wantErr: "four dot-separated parts"},
		"not base64":                 {in: "a.b.c.!!!", wantErr: "not standard base64"},
		"not pkcs8":                  {in: "a.b.c." + base64.StdEncoding.EncodeToString([]byte("nope")), wantErr: "not a PKCS#8"},
		"secret not echo":            {in: "a.b.c.c2VjcmV0LXZhbHVl", wantErr: "not a PKCS#8"},
		"account id ending the host": {in: strings.Replace(key, "acc-123", "acc#", 1), wantErr: "account id part"},
		"invalid UTF-8 account id":   {in: strings.Replace(key, "acc-123", "\xa3", 1), wantErr: "account id part"},
		"space in client id":         {in: strings.Replace(key, "sc_client", "sc client", 1), wantErr: "client id part"},
		"slash in key id":            {in: strings.Replace(key, "key1", "key/1", 1), wantErr: "key id part"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			k, err := ParseAccessKey(tc.in)
			if tc.wantErr == "" {
				if err != nil || k.ClientID != "sc_client" || k.KeyID != "key1" || k.AccountID != "acc-123" {
					t.Fatalf("ParseAccessKey = %+v, %v", k, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error = %v, want %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "c2VjcmV0LXZhbHVl") {
				t.Fatalf("the error repeats the key: %v", err)
			}
		})
	}
}

func TestAccessKeySign(t *testing.T) {
	t.Parallel()
	raw, pub := testAccessKey(t)
	key, err := ParseAccessKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	testCases := map[string]struct {
		apiURL, wantIss string
	}{
		"custom domain":    {"https://login.example.com", "https://login.example.com/v1/clients/sc_client"},
		"account host":     {"https://acc-123.api.authress.io", "https://acc-123.api.authress.io/v1/clients/sc_client"},
		"regional host":    {"https://acc-123.api-eu-west.authress.io", "https://acc-123.api.authress.io/v1/clients/sc_client"},
		"no url (default)": {"", "https://acc-123.api.authress.io/v1/clients/sc_client"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			signed, exp, err := key.Sign(tc.apiURL, now)
			if err != nil {
				t.Fatal(err)
			}
			claims := jwt.MapClaims{}
			tok, err := jwt.ParseWithClaims(signed, claims, func(*jwt.Token) (any, error) { return pub, nil },
				jwt.WithValidMethods([]string{"EdDSA"}), jwt.WithAudience("acc-123.accounts.authress.io"), jwt.WithIssuer(tc.wantIss))
			if err != nil {
				t.Fatalf("token does not verify: %v", err)
			}
			if tok.Header["kid"] != "key1" || tok.Header["typ"] != "at+jwt" {
				t.Errorf("header = %v", tok.Header)
			}
			if claims["sub"] != "sc_client" || claims["client_id"] != "sc_client" {
				t.Errorf("claims = %v", claims)
			}
			if d := exp.Sub(now); d != 24*time.Hour {
				t.Errorf("lifetime = %v, want 24h", d)
			}
		})
	}
}

func TestTokenSourceCaches(t *testing.T) {
	t.Parallel()
	raw, _ := testAccessKey(t)
	key, err := ParseAccessKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now()
	src := &tokenSource{apiURL: "https://login.example.com", key: key, now: func() time.Time { return clock }}
	first, _ := src.Token()
	clock = clock.Add(22 * time.Hour)
	if again, _ := src.Token(); again != first {
		t.Error("a token with more than an hour left was not reused")
	}
	clock = clock.Add(90 * time.Minute)
	if renewed, _ := src.Token(); renewed == first {
		t.Error("a token with less than an hour left was reused")
	}
}

func TestAPIURLFromJWT(t *testing.T) {
	t.Parallel()
	mk := func(payload string) string {
		return "eyJhbGciOiJFZERTQSJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".sig"
	}
	testCases := map[string]struct {
		token, want, wantErr string
	}{
		"string audience":               {token: mk(`{"aud":"https://acc1.api.authress.io"}`), want: "https://acc1.api.authress.io"},
		"list audience":                 {token: mk(`{"aud":["other","https://acc1.api-eu-west.authress.io/"]}`), want: "https://acc1.api-eu-west.authress.io"},
		"foreign":                       {token: mk(`{"aud":"https://api.example.com"}`), wantErr: "set api_url"},
		"another domain after authress": {token: mk(`{"aud":"https://acc1.api.authress.evil.com"}`), wantErr: "set api_url"},
		"authress.io inside another":    {token: mk(`{"aud":"https://acc1.api.authress.io.evil.com"}`), wantErr: "set api_url"},
		"the login host":                {token: mk(`{"aud":"https://acc1.login.authress.io"}`), wantErr: "set api_url"},
		"a port":                        {token: mk(`{"aud":"https://acc1.api.authress.io:8443"}`), wantErr: "set api_url"},
		"not json":                      {token: mk(`nope`), wantErr: "not JSON"},
		"two parts":                     {token: "eyJa.b", wantErr: "not one"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := apiURLFromJWT(tc.token)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("apiURLFromJWT = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
