package leakcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Secret values used in the configuration; each is distinctive so that any copy of it is found.
const (
	authressSecret   = "leak-authress-client-secret-7f3a"
	appfabricSecret  = "leak-appfabric-client-secret-91c2"
	appfabricAPIKey  = "leak-appfabric-api-key-5d80"
	appfabricCode    = "leak-appfabric-oauth-code-e4b1"
	quicksightSecret = "leak-quicksight-client-secret-2a6d"
	quicksightPass   = "leak-quicksight-basic-password-c3f9"
	quicksightAPIKey = "leak-quicksight-api-key-08be"
	userAccessToken  = "leak-user-connection-token-6e1f"
)

// secretVariables maps the configuration's variables to the secret values given through TF_VAR_*.
var secretVariables = map[string]string{
	"authress_secret":     authressSecret,
	"appfabric_secret":    appfabricSecret,
	"appfabric_api_key":   appfabricAPIKey,
	"appfabric_code":      appfabricCode,
	"quicksight_secret":   quicksightSecret,
	"quicksight_password": quicksightPass,
	"quicksight_api_key":  quicksightAPIKey,
}

var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.`)

// configuration declares at least one of every resource, data source and ephemeral resource, with every
// secret in its write-only form, or (sensitive) in its plain sensitive form where one exists.
func configuration(sensitive bool) string {
	secret := func(name, variable string) string {
		if sensitive {
			return fmt.Sprintf("%s = var.%s", name, variable)
		}
		return fmt.Sprintf("%s_wo = var.%s", name, variable)
	}
	version := func(name string) string {
		if sensitive {
			return ""
		}
		return name + " = 1"
	}
	var variables strings.Builder
	for name := range secretVariables {
		fmt.Fprintf(&variables, "variable %q {\n  type      = string\n  sensitive = true\n  ephemeral = %t\n}\n\n", name, !sensitive)
	}
	return variables.String() + fmt.Sprintf(`
provider "appauth" {}

variable "apig_instance_id" {
  type = string
}

ephemeral "appauth_authress_user_connection_credentials" "upstream" {
  connection_id = "upstream"
  user_id       = "user-1"
}

resource "appauth_authress_connection" "leak" {
  connection_id      = "leak"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
  %[1]s
  %[2]s
}

# An ephemeral value may feed a write-only argument: it is never stored either way.
resource "appauth_authress_connection" "from_ephemeral" {
  connection_id            = "from-ephemeral"
  authentication_url       = "https://idp.example.com/authorize"
  client_secret_wo         = ephemeral.appauth_authress_user_connection_credentials.upstream.access_token
  client_secret_wo_version = 1
}

data "appauth_authress_connection" "leak" {
  connection_id = appauth_authress_connection.leak.connection_id
}

data "appauth_authress_connections" "all" {
  depends_on = [appauth_authress_connection.leak]
}

resource "appauth_appfabric_app_bundle" "leak" {}

resource "appauth_appfabric_app_authorization" "oauth" {
  app_bundle_arn = appauth_appfabric_app_bundle.leak.arn
  app            = "SLACK"
  auth_type      = "oauth2"
  tenant = {
    tenant_identifier   = "T0001"
    tenant_display_name = "Leak test"
  }
  credential = {
    oauth2 = {
      client_id = "slack-client"
      %[3]s
    }
  }
  %[4]s
}

resource "appauth_appfabric_app_authorization" "key" {
  app_bundle_arn = appauth_appfabric_app_bundle.leak.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Leak test"
  }
  credential = {
    api_key = {
      %[5]s
    }
  }
  %[4]s
}

resource "appauth_appfabric_app_authorization_connection" "oauth" {
  app_authorization_arn = appauth_appfabric_app_authorization.oauth.arn
  auth_request = {
    redirect_uri = "https://example.com/callback"
    %[6]s
  }
  %[7]s
}

resource "appauth_appfabric_app_authorization_connection" "key" {
  app_authorization_arn = appauth_appfabric_app_authorization.key.arn
}

data "appauth_appfabric_app_bundle" "leak" {
  arn = appauth_appfabric_app_bundle.leak.arn
}

data "appauth_appfabric_app_authorization" "key" {
  arn = appauth_appfabric_app_authorization.key.arn
}

data "appauth_appfabric_app_authorizations" "leak" {
  app_bundle_arn = appauth_appfabric_app_bundle.leak.arn
  depends_on     = [appauth_appfabric_app_authorization_connection.key, appauth_appfabric_app_authorization_connection.oauth]
}

resource "appauth_quicksight_action_connector" "client_credentials" {
  action_connector_id = "leak-cc"
  name                = "Leak client credentials"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "OAUTH2_CLIENT_CREDENTIALS"
    client_credentials_grant = {
      base_endpoint  = "https://api.example.com"
      client_id      = "qs-client"
      token_endpoint = "https://api.example.com/oauth/token"
      %[8]s
    }
  }
  %[9]s
}

resource "appauth_quicksight_action_connector" "basic" {
  action_connector_id = "leak-basic"
  name                = "Leak basic"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "BASIC"
    basic = {
      base_endpoint = "https://api.example.com"
      username      = "qs-user"
      %[10]s
    }
  }
  %[9]s
}

resource "appauth_quicksight_action_connector" "api_key" {
  action_connector_id = "leak-apikey"
  name                = "Leak api key"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "API_KEY"
    api_key = {
      base_endpoint = "https://api.example.com"
      %[11]s
    }
  }
  %[9]s
}

data "appauth_quicksight_action_connector" "basic" {
  action_connector_id = appauth_quicksight_action_connector.basic.action_connector_id
}

data "appauth_quicksight_action_connectors" "all" {
  depends_on = [appauth_quicksight_action_connector.basic]
}

data "appauth_apig_environment" "dev" {
  instance_id = var.apig_instance_id
  name        = "DEV"
}

data "appauth_apig_app" "demo" {
  instance_id = var.apig_instance_id
  name        = "demo_app"
}

data "appauth_apig_api" "orders" {
  instance_id = var.apig_instance_id
  name        = "list_orders"
}

resource "appauth_apig_app_authorization" "leak" {
  instance_id = var.apig_instance_id
  env_id      = data.appauth_apig_environment.dev.id
  app_id      = data.appauth_apig_app.demo.id
  api_ids     = [data.appauth_apig_api.orders.id]
}

data "appauth_apig_app_authorizations" "leak" {
  instance_id = var.apig_instance_id
  app_id      = data.appauth_apig_app.demo.id
  depends_on  = [appauth_apig_app_authorization.leak]
}
`,
		secret("client_secret", "authress_secret"), version("client_secret_wo_version"),
		secret("client_secret", "appfabric_secret"), version("credential_wo_version"),
		secret("api_key", "appfabric_api_key"),
		secret("code", "appfabric_code"), version("code_wo_version"),
		secret("client_secret", "quicksight_secret"), version("authentication_config_wo_version"),
		secret("password", "quicksight_password"),
		secret("api_key", "quicksight_api_key"),
	)
}

func seedUpstream(t *testing.T, srv *core.Server) {
	t.Helper()
	put := func(path, body string) {
		req, err := http.NewRequest(http.MethodPut, srv.URL()+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode >= 300 {
			t.Fatalf("PUT %s: HTTP %d", path, resp.StatusCode)
		}
	}
	put("/_emulator/authress/users/user-1/connections/upstream/credentials", `{"accessToken":"`+userAccessToken+`"}`)
	req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/v1/connections", strings.NewReader(`{"connectionId":"upstream"}`))
	req.Header.Set("Authorization", "Bearer "+srv.Credentials().AuthressAccessKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("creating the upstream connection: HTTP %d", resp.StatusCode)
	}
}

// iamTokenPrefixes returns the beginnings of the IAM tokens the emulator issued (it keeps no more).
func iamTokenPrefixes(srv *core.Server) []string {
	iam, _ := srv.State()["iam"].(map[string]any)
	tokens, _ := iam["tokens"].(map[string]any)
	var out []string
	for k := range tokens {
		out = append(out, strings.TrimSuffix(k, "…"))
	}
	return out
}

func TestSecretsNeverLeak(t *testing.T) {
	acctest.PreCheck(t)
	bin := acctest.ProviderBinary(t)
	for _, sensitive := range []bool{false, true} {
		name := "write_only"
		if sensitive {
			name = "sensitive"
		}
		t.Run(name, func(t *testing.T) { checkRun(t, bin, sensitive) })
	}
}

func checkRun(t *testing.T, bin string, sensitive bool) {
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 77, APIGFixtures: true, QuickSightPolls: 1})
	seedUpstream(t, srv)
	dir := t.TempDir()
	cliConfig := acctest.DevOverridesConfig(t, bin)
	work := filepath.Join(dir, "work")
	must(t, os.MkdirAll(work, 0o755))
	must(t, os.WriteFile(filepath.Join(work, "main.tf"), []byte(`terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}
`+configuration(sensitive)), 0o600))
	logPath := filepath.Join(dir, "terraform.log")
	// Each run authenticates to APIG differently: IAM password tokens, then AK/SK signing.
	drop := []string{"OS_ACCESS_KEY=", "OS_SECRET_KEY="}
	if sensitive {
		drop = []string{"OS_PASSWORD="}
	}
	env := os.Environ()
	for _, e := range srv.Env() {
		if !hasAnyPrefix(e, drop) {
			env = append(env, e)
		}
	}
	for name, value := range secretVariables {
		env = append(env, "TF_VAR_"+name+"="+value)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	r := &acctest.CLI{T: t, Dir: work, Env: env}

	planText := r.Must("plan", "-input=false", "-no-color", "-out=plan.tfplan")
	planJSON := r.Must("show", "-json", "plan.tfplan")
	applyText := r.Must("apply", "-input=false", "-no-color", "plan.tfplan")
	state := r.Must("state", "pull")
	rePlan := r.Must("plan", "-input=false", "-no-color", "-detailed-exitcode")
	logBytes, err := os.ReadFile(logPath)
	must(t, err)
	requests, err := json.Marshal(srv.Requests())
	must(t, err)
	fromEphemeral := storedAuthressSecret(srv, "from-ephemeral")
	iamTokens := iamTokenPrefixes(srv)
	r.Must("destroy", "-auto-approve", "-input=false", "-no-color")

	if len(logBytes) < 10000 || !bytes.Contains(logBytes, []byte("sending request")) {
		t.Fatalf("the TRACE log (%d bytes) does not hold the provider's request lines; the scan would prove nothing", len(logBytes))
	}
	c := srv.Credentials()
	everywhere := map[string]string{
		"AWS secret access key": c.AWSSecretAccessKey,
		"Authress access key":   c.AuthressAccessKey,
		"Authress private key":  c.AuthressAccessKey[strings.LastIndex(c.AuthressAccessKey, ".")+1:],
		"APIG password":         c.APIGPassword,
		"APIG secret key":       c.APIGSecretKey,
		"user connection token": userAccessToken,
	}
	for i, p := range iamTokens {
		everywhere[fmt.Sprintf("IAM token %d", i)] = p
	}
	if !sensitive && len(iamTokens) == 0 {
		t.Error("the provider obtained no IAM token: the APIG password flow was not exercised")
	}
	configured := map[string]string{
		"Authress client secret":       authressSecret,
		"AppFabric client secret":      appfabricSecret,
		"AppFabric API key":            appfabricAPIKey,
		"QuickSight client secret":     quicksightSecret,
		"QuickSight password":          quicksightPass,
		"QuickSight API key":           quicksightAPIKey,
		"AppFabric authorization code": appfabricCode,
	}
	places := map[string][]byte{
		"TRACE log":              logBytes,
		"plan output":            planText,
		"apply output":           applyText,
		"second plan output":     rePlan,
		"emulator request log":   requests,
		"state":                  state,
		"plan JSON (show -json)": planJSON,
	}
	for place, content := range places {
		for what, value := range everywhere {
			if value != "" && bytes.Contains(content, []byte(value)) {
				t.Errorf("the %s appears in the %s: %s", what, place, around(content, value))
			}
		}
		if jwtPattern.Match(content) && place != "emulator request log" {
			t.Errorf("a JWT appears in the %s", place)
		}
		for what, value := range configured {
			// The sensitive form keeps the configured secret in state, and Terraform documents that a
			// saved plan holds sensitive values too; nowhere else.
			allowed := sensitive && (place == "state" || place == "plan JSON (show -json)")
			if bytes.Contains(content, []byte(value)) && !allowed {
				t.Errorf("the %s appears in the %s: %s", what, place, around(content, value))
			}
		}
	}
	if sensitive {
		for what, value := range configured {
			if !bytes.Contains(state, []byte(value)) {
				t.Errorf("the %s, configured in its sensitive form, is missing from state", what)
			}
		}
	}
	// The write-only values did reach the service.
	if got := fmt.Sprint(fromEphemeral); got != userAccessToken {
		t.Errorf("the connection fed from the ephemeral value holds client secret %q", got)
	}
}

func storedAuthressSecret(srv *core.Server, id string) any {
	family, _ := srv.State()["authress"].(map[string]any)
	all, _ := family["connections"].(map[string]any)
	c, _ := all[id].(map[string]any)
	return c["clientSecret"]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// around shows where value was found, with the value itself replaced.
func around(content []byte, value string) string {
	i := bytes.Index(content, []byte(value))
	start, end := max(0, i-160), min(len(content), i+len(value)+80)
	return strings.ReplaceAll(string(content[start:end]), value, "<SECRET>")
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
