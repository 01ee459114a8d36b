package awsclient

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// TestCheckSettings covers the plan-time check: it refuses only settings that cannot work, and passes
// every credential source the SDK could still resolve. No case makes a network call: loading the
// configuration reads files and the environment only.
func TestCheckSettings(t *testing.T) {
	testCases := map[string]struct {
		settings Settings
		env      map[string]string
		// config and credentials are the shared files' contents.
		config, credentials string
		wantErr             string
	}{
		"nothing set":             {wantErr: "no AWS region"},
		"keys but no region":      {settings: Settings{AccessKey: "AKID", SecretKey: "secret"}, wantErr: "no AWS region"},
		"region and no source":    {settings: Settings{Region: "us-east-1"}, wantErr: "no AWS credentials: none are set in the provider's aws block"},
		"static keys":             {settings: Settings{Region: "us-east-1", AccessKey: "AKID", SecretKey: "secret"}},
		"environment keys":        {env: map[string]string{"AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"}},
		"region from the env":     {env: map[string]string{"AWS_DEFAULT_REGION": "eu-west-1"}, settings: Settings{AccessKey: "AKID", SecretKey: "secret"}},
		"instance metadata on":    {settings: Settings{Region: "us-east-1"}, env: map[string]string{"AWS_EC2_METADATA_DISABLED": "false"}},
		"unknown settings":        {settings: Settings{Unknown: conns.Unknown{"region"}}},
		"missing profile":         {settings: Settings{Region: "us-east-1", Profile: "nope"}, wantErr: "loading the AWS configuration"},
		"profile with keys":       {settings: Settings{Profile: "dev"}, config: "[profile dev]\nregion = us-west-2\n", credentials: "[dev]\naws_access_key_id = AKID\naws_secret_access_key = secret\n"},
		"default profile keys":    {config: "[default]\nregion = us-west-2\n", credentials: "[default]\naws_access_key_id = AKID\naws_secret_access_key = secret\n"},
		"profile region, no keys": {settings: Settings{Profile: "dev"}, config: "[profile dev]\nregion = us-west-2\n", wantErr: "no AWS credentials"},
		"sso profile": {settings: Settings{Profile: "sso"},
			config: "[profile sso]\nregion = us-east-1\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\n[sso-session corp]\nsso_region = us-east-1\nsso_start_url = https://corp.awsapps.com/start\n"},
		"credential process": {settings: Settings{Profile: "proc"}, config: "[profile proc]\nregion = us-east-1\ncredential_process = /usr/local/bin/creds\n"},
		"role from a source profile": {settings: Settings{Profile: "role"}, credentials: "[base]\naws_access_key_id = AKID\naws_secret_access_key = secret\n",
			config: "[profile role]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n"},
		"web identity": {settings: Settings{Region: "us-east-1"},
			env: map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci"}},
		"container endpoint": {settings: Settings{Region: "us-east-1"}, env: map[string]string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/x"}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			isolateAWS(t)
			dir := t.TempDir()
			for env, content := range map[string]string{"AWS_CONFIG_FILE": tc.config, "AWS_SHARED_CREDENTIALS_FILE": tc.credentials} {
				path := filepath.Join(dir, env)
				if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
				t.Setenv(env, path)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			err := CheckSettings(context.Background(), ProviderBlock.NewMeta("", tc.settings))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckSettings: %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("CheckSettings: %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}
