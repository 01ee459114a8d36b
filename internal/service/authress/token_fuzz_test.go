package authress

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fuzzKey is a valid service-client key from a fixed Ed25519 seed.
func fuzzKey(f *testing.F) string {
	f.Helper()
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		f.Fatal(err)
	}
	return "sc_client.key1.acc123." + base64.StdEncoding.EncodeToString(der)
}

// FuzzParseAccessKey: an accepted key has the documented clientId.keyId.accountId.privateKey shape,
// re-encodes to a key that parses to the same values, and signs a token its public key verifies; a
// rejected key is never repeated in the error.
func FuzzParseAccessKey(f *testing.F) {
	key := fuzzKey(f)
	for _, s := range []string{key, " " + key + "\n", "a.b.c", "a..c.d", "a.b.c.!!!", "a.b.c.c2VjcmV0LXZhbHVl", key + ".x", strings.Replace(key, "acc123", "", 1),
		strings.Replace(key, "acc123", "\xa3", 1), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseAccessKey(s)
		if err != nil {
			if secret := strings.TrimSpace(s); len(secret) >= 8 && strings.Contains(err.Error(), secret) {
				t.Fatalf("the error repeats the key: %v", err)
			}
			if parts := strings.Split(strings.TrimSpace(s), "."); len(parts) == 4 && len(parts[3]) >= 8 && strings.Contains(err.Error(), parts[3]) {
				t.Fatalf("the error repeats the private part: %v", err)
			}
			return
		}
		for name, part := range map[string]string{"client id": k.ClientID, "key id": k.KeyID, "account id": k.AccountID} {
			if !accessKeyID.MatchString(part) {
				t.Fatalf("%q parsed to %s %q", s, name, part)
			}
		}
		if len(k.PrivateKey) != ed25519.PrivateKeySize {
			t.Fatalf("%q parsed to a %d-byte private key", s, len(k.PrivateKey))
		}
		der, err := x509.MarshalPKCS8PrivateKey(k.PrivateKey)
		if err != nil {
			t.Fatalf("re-encoding the private key: %v", err)
		}
		again, err := ParseAccessKey(strings.Join([]string{k.ClientID, k.KeyID, k.AccountID, base64.StdEncoding.EncodeToString(der)}, "."))
		if err != nil {
			t.Fatalf("%q parsed, but its re-encoding does not: %v", s, err)
		}
		if again.ClientID != k.ClientID || again.KeyID != k.KeyID || again.AccountID != k.AccountID || !again.PrivateKey.Equal(k.PrivateKey) {
			t.Fatalf("%q and its re-encoding parse differently: %+v vs %+v", s, k, again)
		}
		now := time.Now()
		tok, _, err := k.Sign(k.DefaultAPIURL(), now)
		if err != nil {
			t.Fatalf("signing with the key of %q: %v", s, err)
		}
		pub, _ := k.PrivateKey.Public().(ed25519.PublicKey)
		claims := jwt.MapClaims{}
		if _, err := jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return pub, nil }, jwt.WithValidMethods([]string{"EdDSA"})); err != nil {
			t.Fatalf("the token signed with the key of %q does not verify: %v", s, err)
		}
		if claims["sub"] != k.ClientID || claims["aud"] != k.AccountID+".accounts.authress.io" {
			t.Fatalf("the token signed with the key of %q has claims %v", s, claims)
		}
	})
}

// unsignedJWT is a token whose payload holds aud; apiURLFromJWT does not verify signatures.
func unsignedJWT(aud any) string {
	payload, _ := json.Marshal(map[string]any{"aud": aud, "sub": "sc_client"})
	return "eyJhbGciOiJFZERTQSJ9." + base64.RawURLEncoding.EncodeToString(payload) + ".c2ln"
}

// FuzzAPIURLFromJWT feeds audiences: an accepted one yields a bare https:// origin on an Authress API
// host, https://{accountId}.api.authress.io or https://{accountId}.api-{region}.authress.io (no other
// domain, user info, query, fragment, port or path, so the token goes nowhere else), and that origin
// given back as the audience yields itself.
func FuzzAPIURLFromJWT(f *testing.F) {
	for _, s := range []string{"https://acc123.api.authress.io", "https://acc123.api.authress.io/", "https://acc123.api-eu-west.authress.io",
		"https://login.example.com", "acc123.accounts.authress.io", "http://acc123.api.authress.io", "",
		"https://acc.api.authress.evil.com", "https://acc.api.authress.io.evil.com", "https://acc.api-.authress.io",
		"https://a.b.api.authress.io", "https://acc.login.authress.io", "https://acc.api.authress.io:8443"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, aud string) {
		for _, tok := range []string{unsignedJWT(aud), unsignedJWT([]string{"other", aud})} {
			got, err := apiURLFromJWT(tok)
			if err != nil {
				continue
			}
			if !isAuthressAPIOrigin(got) {
				t.Fatalf("audience %q gave API URL %q, which is not an https:// origin on an Authress API host", aud, got)
			}
			back, err := apiURLFromJWT(unsignedJWT(got))
			if err != nil || back != got {
				t.Fatalf("audience %q gave %q, which as an audience gives %q (%v)", aud, got, back, err)
			}
		}
	})
}

// isAuthressAPIOrigin is the oracle: exactly https://{account}.api.authress.io or
// https://{account}.api-{region}.authress.io, nothing before or after.
func isAuthressAPIOrigin(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || s != "https://"+u.Host || u.Port() != "" {
		return false
	}
	labels := strings.Split(u.Host, ".")
	if len(labels) != 4 || labels[2] != "authress" || labels[3] != "io" || !hostLabel(labels[0], true) {
		return false
	}
	if labels[1] == "api" {
		return true
	}
	region, ok := strings.CutPrefix(labels[1], "api-")
	if !ok {
		return false
	}
	for _, part := range strings.Split(region, "-") {
		if !hostLabel(part, false) {
			return false
		}
	}
	return true
}

// hostLabel reports whether s is a non-empty run of lower-case ASCII letters and digits; an account
// label may also hold upper-case letters and '-'.
func hostLabel(s string, account bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case account && (r >= 'A' && r <= 'Z' || r == '-'):
		default:
			return false
		}
	}
	return true
}

// FuzzConnectionImportID: an accepted import id is a connection id (1 to 64 of a-z A-Z 0-9 - _ . :)
// and lands unchanged in id and connection_id.
func FuzzConnectionImportID(f *testing.F) {
	for _, s := range []string{"con_1", "a:b.c-d_e", "con 1", "", strings.Repeat("a", 64), strings.Repeat("a", 65), "con/1", "con\n"} {
		f.Add(s)
	}
	r := &connectionResource{}
	f.Fuzz(func(t *testing.T, id string) {
		state, diags := importState(r, id)
		if diags.HasError() {
			return
		}
		if id == "" || len(id) > 64 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") != "" {
			t.Fatalf("import id %q accepted", id)
		}
		for _, attr := range []string{"id", "connection_id"} {
			var got string
			if d := state.GetAttribute(context.Background(), path.Root(attr), &got); d.HasError() || got != id {
				t.Fatalf("import id %q set %s to %q (%v)", id, attr, got, d)
			}
		}
	})
}

// importState runs r's ImportState on an empty state, as the framework does.
func importState(r resource.ResourceWithImportState, id string) (tfsdk.State, diag.Diagnostics) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}}
	r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
	return resp.State, resp.Diagnostics
}
