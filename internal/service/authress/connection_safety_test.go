package authress_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
)

// storedConnections counts the connections the emulator holds.
func storedConnections(srv *core.Server) int {
	family, _ := srv.State()["authress"].(map[string]any)
	all, _ := family["connections"].(map[string]any)
	return len(all)
}

// A connection made outside Terraform is never taken over: a create of the same connection_id fails
// on connection_id, saying how to import it, even when the configuration matches it; and neither the
// failed apply nor the destroy touches it.
func TestAccAuthressConnection_refusesConnectionItDidNotCreate(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 21})
	if _, err := testClient(t, srv).CreateConnection(context.Background(), authress.Connection{
		ConnectionID:      ptr("taken"),
		AuthenticationURL: ptr("https://foreign.example.com/authorize"),
		ClientID:          ptr("foreign-client"),
		ClientSecret:      ptr("foreign-secret"),
	}); err != nil {
		t.Fatal(err)
	}
	foreign := storedConnection(srv, "taken")
	untouched := func() error {
		if got := storedConnection(srv, "taken"); !reflect.DeepEqual(got, foreign) {
			return fmt.Errorf("the foreign connection changed: %v, was %v", got, foreign)
		}
		return nil
	}
	const refused = `(?s)Authress connection already exists.*connection_id "taken" already exists.*` +
		`terraform import appauth_authress_connection.<name> taken.*import \{.*id = "taken"`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             func(*terraform.State) error { return untouched() },
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id      = "taken"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
}`),
				ExpectError: regexp.MustCompile(refused),
			},
			{
				// The same settings as the foreign one: still not this resource's to take.
				Config: acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id      = "taken"
  authentication_url = "https://foreign.example.com/authorize"
  client_id          = "foreign-client"
  client_secret      = "foreign-secret"
}`),
				ExpectError: regexp.MustCompile(refused),
			},
		},
	})
	if err := untouched(); err != nil {
		t.Error(err)
	}
	if st := srv.Stats(); st.Route("authress.UpdateConnection") != 0 || st.Route("authress.DeleteConnection") != 0 {
		t.Errorf("the foreign connection was written to: %+v", st)
	}
}

// A create whose answer is lost after the connection was made takes that connection as its own: no
// error and no second connection, with the id chosen in the configuration or by the provider.
func TestAccAuthressConnection_createAnswerLost(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 22})
	config := acctest.Config(srv, `
resource "appauth_authress_connection" "test" {
  connection_id      = "lost"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
  client_secret      = "idp-secret"
  data               = { name = "Lost answer" }
  tags               = { team = "identity" }
}

resource "appauth_authress_connection" "generated_id" {
  authentication_url = "https://idp.example.com/authorize"
}`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"authress.CreateConnection"}})
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("id"), knownvalue.StringExact("lost")),
					statecheck.ExpectKnownValue(connectionAddr, tfjsonpath.New("data").AtMapKey("name"), knownvalue.StringExact("Lost answer")),
				},
				Check: func(*terraform.State) error {
					srv.SetFaults(core.FaultConfig{})
					if n := srv.Stats().Faults[core.FaultCommitDrop]; n != 2 {
						return fmt.Errorf("%d creates lost their answer, want both", n)
					}
					if n := storedConnections(srv); n != 2 {
						return fmt.Errorf("the emulator holds %d connections, want 2", n)
					}
					if got := storedConnection(srv, "lost")["clientSecret"]; got != "idp-secret" {
						return fmt.Errorf("the adopted connection holds client secret %v", got)
					}
					return nil
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// An update that would send no client secret for a connection last written with one fails at plan,
// with no request (the plan reads no state from the API), whichever form held the secret; a write-only
// secret, once configured, goes with every update, a tag change included.
func TestAccAuthressConnection_updateKeepsClientSecret(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 23})
	config := func(team, secret string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_authress_connection" "test" {
  connection_id      = "keep"
  authentication_url = "https://idp.example.com/authorize"
  client_id          = "client-1"
  tags               = { team = %q }
  %s
}`, team, secret))
	}
	const writeOnly = "client_secret_wo = \"wo-secret\"\n  client_secret_wo_version = 1"
	const plain = `client_secret = "plain-secret"`
	storedSecret := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := storedConnection(srv, "keep")["clientSecret"]; got != want {
				return fmt.Errorf("the emulator holds client secret %v, want %q", got, want)
			}
			return nil
		}
	}
	var requestsBefore int
	countRequests := func() { requestsBefore = srv.Stats().Total() }
	noRequestsSince := func() {
		if n := srv.Stats().Total() - requestsBefore; n != 0 {
			t.Errorf("the refused plan sent %d requests", n)
		}
	}
	const refused = `(?s)This update would remove the connection's client secret.*client_secret_wo.*client_secret_wo_version`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkConnectionsDestroyed(srv),
		// Plans read the state as stored, so that a refused plan is seen to send nothing at all.
		AdditionalCLIOptions: &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{Config: config("a", writeOnly), Check: storedSecret("wo-secret")},
			{PreConfig: countRequests, Config: config("b", ""), ExpectError: regexp.MustCompile(refused)},
			{
				// The write-only secret goes with an update that changes only a tag.
				PreConfig: noRequestsSince,
				Config:    config("b", writeOnly),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(connectionAddr, plancheck.ResourceActionUpdate)},
				},
				Check: storedSecret("wo-secret"),
			},
			{Config: config("c", plain), Check: storedSecret("plain-secret")},
			{PreConfig: countRequests, Config: config("d", ""), ExpectError: regexp.MustCompile(refused)},
			{PreConfig: noRequestsSince, Config: config("d", plain), Check: storedSecret("plain-secret")},
		},
	})
}

// Connections imported with -generate-config-out hold secrets the provider cannot see. Following the
// import documentation (replace the three generated secret lines, declare the variable) before the
// first apply imports the connection and sends the secret in that apply. Left as generated, a later
// update warns, naming the write-only attributes; the same edit then keeps the secret, and plans are
// clean.
func TestAccAuthressConnection_importedThenUpdated(t *testing.T) {
	acctest.PreCheck(t)
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 24})
	for id, secret := range map[string]string{"corp": "idp-secret", "sso": "secret-to-replace"} {
		if _, err := testClient(t, srv).CreateConnection(context.Background(), authress.Connection{
			ConnectionID:      ptr(id),
			AuthenticationURL: ptr("https://idp.example.com/authorize"),
			ClientID:          ptr("client-" + id),
			ClientSecret:      ptr(secret),
			Tags:              map[string]string{"team": "identity"},
		}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}

provider "appauth" {}

import {
  to = appauth_authress_connection.corp
  id = "corp"
}

import {
  to = appauth_authress_connection.sso
  id = "sso"
}
`)
	env := append(os.Environ(), srv.Env()...)
	env = append(env, "TF_CLI_CONFIG_FILE="+acctest.DevOverridesConfig(t, acctest.ProviderBinary(t)), "TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1", "TF_VAR_client_secret=idp-secret")
	cli := &acctest.CLI{T: t, Dir: dir, Env: env}

	cli.Must("plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	raw, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	generated := string(raw)
	// The three lines of each connection the import documentation says to replace, and what it says
	// to put in their place.
	secretLines := regexp.MustCompile(`(?m)^\s*client_secret(_wo|_wo_version)?\s*=\s*null.*\n`)
	if n := len(secretLines.FindAllString(generated, -1)); n != 6 {
		t.Fatalf("the generated configuration has %d of the six secret lines to replace:\n%s", n, generated)
	}
	documented := func(config, name string) string {
		head := `resource "appauth_authress_connection" "` + name + `" {` + "\n"
		start := strings.Index(config, head)
		if start < 0 || !strings.Contains(config[start:], "\n}\n") {
			t.Fatalf("no resource %s in:\n%s", name, config)
		}
		end := start + strings.Index(config[start:], "\n}\n")
		block := secretLines.ReplaceAllString(config[start+len(head):end], "")
		return config[:start] + head + "  client_secret_wo         = var.client_secret\n  client_secret_wo_version = 1\n" + block + config[end:]
	}
	write("variables.tf", `variable "client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}
`)
	write("generated.tf", documented(generated, "sso"))
	cli.Must("apply", "-input=false", "-no-color", "-auto-approve")
	if got := storedConnection(srv, "sso")["clientSecret"]; got != "idp-secret" {
		t.Errorf("the apply that imported sso, configured as documented, left client secret %v", got)
	}

	// A tag change alone on corp, left as generated: the provider cannot know whether a secret is
	// set, and warns.
	// Terraform writes the generated resources in no fixed order: edit corp's block by name.
	edited := documented(generated, "sso")
	corp := strings.Index(edited, `resource "appauth_authress_connection" "corp" {`)
	if corp < 0 {
		t.Fatalf("no resource corp in:\n%s", edited)
	}
	corpEnd := corp + strings.Index(edited[corp:], "\n}\n")
	if !strings.Contains(edited[corp:corpEnd], `"identity"`) {
		t.Fatalf("corp's block has no tag \"identity\" to change:\n%s", edited)
	}
	edited = edited[:corp] + strings.Replace(edited[corp:corpEnd], `"identity"`, `"platform"`, 1) + edited[corpEnd:]
	write("generated.tf", edited)
	const warning = "This update may remove the connection's client secret"
	plan := string(cli.Must("plan", "-input=false", "-no-color"))
	if strings.Count(plan, "Warning: "+warning) != 1 || !strings.Contains(plan, "client_secret_wo_version") {
		t.Fatalf("the plan does not warn about corp's secret, once:\n%s", plan)
	}

	write("generated.tf", documented(edited, "corp"))
	apply := string(cli.Must("apply", "-input=false", "-no-color", "-auto-approve"))
	if strings.Contains(apply, warning) {
		t.Errorf("the apply still warns about the secret:\n%s", apply)
	}
	stored := storedConnection(srv, "corp")
	if stored["clientSecret"] != "idp-secret" || jsonTag(stored, "team") != "platform" {
		t.Errorf("after the apply the emulator holds %v", stored)
	}
	if _, _, err := cli.Run("plan", "-input=false", "-no-color", "-detailed-exitcode"); err != nil {
		t.Errorf("the documented configuration does not plan clean: %v", err)
	}
}

func jsonTag(connection map[string]any, key string) any {
	tags, _ := connection["tags"].(map[string]any)
	return tags[key]
}
