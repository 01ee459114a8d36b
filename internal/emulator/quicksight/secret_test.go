package quicksight

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// secretCanary is a secret no message of the emulator's own contains.
const secretCanary = "QsCanary5e1f0c9aSecret"

// Validation messages name the member and the rule but never carry the value
// of a sensitive member (the secrets, and Name, Description, Username and
// Email), however the request gets it wrong; AWS leaves them out of its
// validation messages too.
func TestValidationErrorsNeverEchoSecrets(t *testing.T) {
	t.Parallel()
	s := startServer(t, 1, 1)
	c := s.Credentials()
	conns := "/accounts/" + c.AWSAccountID + "/action-connectors"
	long := `"` + strings.Repeat(secretCanary, 2048/len(secretCanary)+1) + `"`
	clientCredentials := func(secret string) string {
		return `{"ClientCredentialsGrantMetadata":{"BaseEndpoint":"https://api.example.com","ClientCredentialsDetails":{"ClientCredentialsGrantDetails":{"ClientId":"c","ClientSecret":` +
			secret + `,"TokenEndpoint":"https://idp.example.com/token"}}}}`
	}
	authorizationCode := func(secret string) string {
		return `{"AuthorizationCodeGrantMetadata":{"BaseEndpoint":"https://api.example.com","RedirectUrl":"https://app.example.com/cb","AuthorizationCodeGrantCredentialsDetails":{"AuthorizationCodeGrantDetails":{"ClientId":"c","ClientSecret":` +
			secret + `,"TokenEndpoint":"https://idp.example.com/token","AuthorizationEndpoint":"https://idp.example.com/authorize"}}}}`
	}
	basic := func(password string) string {
		return `{"BasicAuthConnectionMetadata":{"BaseEndpoint":"https://api.example.com","Username":"u","Password":` + password + `}}`
	}
	apiKey := func(key string) string {
		return `{"ApiKeyConnectionMetadata":{"BaseEndpoint":"https://api.example.com","ApiKey":` + key + `}}`
	}
	create := func(authType, metadata string, extra string) string {
		return `{"ActionConnectorId":"leaky","Name":"Leaky","Type":"GENERIC_HTTP"` + extra +
			`,"AuthenticationConfig":{"AuthenticationType":"` + authType + `","AuthenticationMetadata":` + metadata + `}}`
	}
	// Names, descriptions and emails are checked before the connector exists, so a request that
	// breaks one of their rules is refused whatever else it holds.
	named := func(name string) string {
		return `{"ActionConnectorId":"leaky","Name":` + name + `,"Type":"GENERIC_HTTP","AuthenticationConfig":{"AuthenticationType":"BASIC","AuthenticationMetadata":` + basic(`"p"`) + `}}`
	}
	testCases := map[string]struct{ method, path, body string }{
		"client secret too long":             {"POST", conns, create("OAUTH2_CLIENT_CREDENTIALS", clientCredentials(long), "")},
		"authorization code secret too long": {"POST", conns, create("OAUTH2_AUTHORIZATION_CODE", authorizationCode(long), "")},
		"among other errors":                 {"POST", conns, create("OAUTH2_CLIENT_CREDENTIALS", clientCredentials(long), `,"Description":"a/b"`)},
		"with the wrong metadata":            {"POST", conns, create("BASIC", apiKey(long), "")},
		"name breaking its pattern":          {"POST", conns, named(`"` + secretCanary + `-"`)},
		"name too long":                      {"POST", conns, named(`"` + strings.Repeat(secretCanary, 256/len(secretCanary)+1) + `"`)},
		"description breaking its pattern":   {"POST", conns, create("BASIC", basic(`"p"`), `,"Description":"`+secretCanary+`/"`)},
		"email breaking its pattern": {"POST", conns, create("API_KEY",
			`{"ApiKeyConnectionMetadata":{"BaseEndpoint":"https://api.example.com","ApiKey":"k","Email":"`+secretCanary+`"}}`, "")},
		"secret as a number":       {"POST", conns, create("BASIC", basic("51920147"), "")},
		"secret as an array":       {"POST", conns, create("BASIC", basic(`["`+secretCanary+`"]`), "")},
		"secret as an object":      {"POST", conns, create("API_KEY", apiKey(`{"v":"`+secretCanary+`"}`), "")},
		"secret not quoted":        {"POST", conns, create("BASIC", basic(secretCanary), "")},
		"secret with a bad escape": {"POST", conns, create("API_KEY", apiKey(`"Qs\Canary"`), "")},
		"update with a secret too long": {"PUT", conns + "/leaky",
			`{"Name":"Leaky","AuthenticationConfig":{"AuthenticationType":"OAUTH2_CLIENT_CREDENTIALS","AuthenticationMetadata":` + clientCredentials(long) + `}}`},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp, body := sendSigned(t, s.URL(), c.AWSAccessKeyID, c.AWSSecretAccessKey, tc.method, tc.path, tc.body)
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("X-Amzn-ErrorType") != "InvalidParameterValueException" {
				t.Fatalf("status %d %s %s, want 400 InvalidParameterValueException", resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), body)
			}
			// Not the secret, nor a quoted piece of it such as encoding/json's
			// "invalid character 'Q'".
			for _, leak := range []string{secretCanary[:8], "5e1f0c9a", "51920147", "'Q'", "'C'"} {
				if strings.Contains(string(body), leak) {
					t.Errorf("the answer carries %q: %s", leak, body)
				}
			}
		})
	}
}

// sendSigned sends a SigV4-signed JSON request, as the SDK would but with a
// body of the test's choosing.
func sendSigned(t *testing.T, baseURL, accessKey, secretKey, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, baseURL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: accessKey, SecretAccessKey: secretKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "quicksight", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, b, err := emutest.Send(emutest.FreshClient(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}
