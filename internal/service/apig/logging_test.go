package apig

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

// At TRACE, with request and response bodies logged, no credential appears: not the password sent to
// IAM, not the token it returns, not the secret key, not an app's secret in a response.
func TestClientLogsNoSecrets(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_APPAUTH_APIG", "TRACE")
	srv := startEmulator(t)
	creds := srv.Credentials()
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)

	pw := newTestClient(t, passwordSettings(srv))
	if _, err := pw.ListApps(ctx, emuapig.FixtureInstanceID, "demo_app"); err != nil {
		t.Fatal(err)
	}
	ak := newTestClient(t, Settings{Endpoint: srv.URL(), ProjectID: creds.APIGProjectID, AccessKey: creds.APIGAccessKey, SecretKey: creds.APIGSecretKey})
	if _, err := ak.ListApps(ctx, emuapig.FixtureInstanceID, "demo_app"); err != nil {
		t.Fatal(err)
	}

	logs := buf.String()
	if !strings.Contains(logs, "/auth/tokens") || !strings.Contains(logs, "response body") || !strings.Contains(logs, "app_secret") {
		t.Fatalf("the calls were not logged at TRACE:\n%s", logs)
	}
	state := srv.State()["apig"].(map[string]any)["instances"].(map[string]any)[emuapig.FixtureInstanceID].(map[string]any)
	appSecret := state["apps"].(map[string]any)[emuapig.FixtureAppID].(map[string]any)["app_secret"].(string)
	token, _, _ := pw.tokens.Token(ctx)
	for name, secret := range map[string]string{"password": creds.APIGPassword, "token": token, "secret key": creds.APIGSecretKey, "app secret": appSecret} {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the logs", name)
		}
	}
}
