package appfabric_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const authzAddr = "appauth_appfabric_app_authorization.test"

var authzARNRegexp = regexp.MustCompile(`^arn:aws:appfabric:us-east-1:\d{12}:appbundle/[a-f0-9-]{36}/appauthorization/[a-f0-9-]{36}$`)

// checkReceived verifies the credential the emulator holds for the authorization in state.
func checkReceived(srv *core.Server, want emuappfabric.ReceivedCredential) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		arn, err := stateAttr(s, authzAddr, "arn")
		if err != nil {
			return err
		}
		got, ok := emuappfabric.Of(srv).Credential(arn)
		if !ok {
			return fmt.Errorf("the emulator has no authorization %s", arn)
		}
		if got != want {
			return fmt.Errorf("the emulator holds credential %+v, want %+v", got, want)
		}
		return nil
	}
}

func TestAccAppFabricAppAuthorization_oauth2(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 10})
	config := func(clientID, displayName string) string {
		return acctest.Config(srv, bundleHCL, fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "SLACK"
  auth_type      = "oauth2"
  tenant = {
    tenant_identifier   = "T0001"
    tenant_display_name = %[2]q
  }
  credential = {
    oauth2 = {
      client_id     = %[1]q
      client_secret = "stored-secret"
    }
  }
  tags = { env = "test" }
}`, clientID, displayName))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("client-1", "Acme"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("arn"), knownvalue.StringRegexp(authzARNRegexp)),
					statecheck.CompareValuePairs(authzAddr, tfjsonpath.New("id"), authzAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.CompareValuePairs(authzAddr, tfjsonpath.New("app_bundle_arn"), bundleAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("status"), knownvalue.StringExact("PendingConnect")),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("persona"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("auth_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://.*client_id=client-1`))),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("credential").AtMapKey("oauth2").AtMapKey("client_secret"), knownvalue.StringExact("stored-secret")),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("test")})),
				},
				Check: checkReceived(srv, emuappfabric.ReceivedCredential{ClientID: "client-1", ClientSecret: "stored-secret"}),
			},
			{
				Config:           config("client-1", "Acme"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Tenant and client id change in place (PATCH); the authorization needs a new connect.
				Config: config("client-2", "Acme Corp"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("tenant").AtMapKey("tenant_display_name"), knownvalue.StringExact("Acme Corp")),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("auth_url"), knownvalue.StringRegexp(regexp.MustCompile(`client_id=client-2`))),
				},
				Check: checkReceived(srv, emuappfabric.ReceivedCredential{ClientID: "client-2", ClientSecret: "stored-secret"}),
			},
			{
				// Import by the authorization ARN alone; AppFabric never returns the credential.
				ResourceName:            authzAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"credential"},
			},
			{
				// An import block plans to record the configured credential (without sending it).
				ResourceName:       authzAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				Config:             config("client-2", "Acme Corp"),
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccAppFabricAppAuthorization_writeOnly(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 11})
	config := func(key string, version int) string {
		return acctest.Config(srv, bundleHCL, fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "ZOOM"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "zoom-1"
    tenant_display_name = "Zoom"
  }
  credential = {
    api_key = {
      api_key_wo = %[1]q
    }
  }
  credential_wo_version = %[2]d
}`, key, version))
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("wo-key-one", 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("credential").AtMapKey("api_key").AtMapKey("api_key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("credential").AtMapKey("api_key").AtMapKey("api_key"), knownvalue.Null()),
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("auth_url"), knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoSecretInState("wo-key-one"),
					checkReceived(srv, emuappfabric.ReceivedCredential{APIKey: "wo-key-one"}),
				),
			},
			{
				// A new write-only value alone changes nothing: the version says when to send it.
				Config:           config("wo-key-two", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkReceived(srv, emuappfabric.ReceivedCredential{APIKey: "wo-key-one"}),
			},
			{
				// Rotation: bumping the version sends the new key with a PATCH, in place.
				PreConfig: func() { connectInEmulator(t, srv) },
				Config:    config("wo-key-two", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(authzAddr, tfjsonpath.New("updated_at")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authzAddr, tfjsonpath.New("status"), knownvalue.StringExact("PendingConnect")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkNoSecretInState("wo-key-one", "wo-key-two"),
					checkReceived(srv, emuappfabric.ReceivedCredential{APIKey: "wo-key-two"}),
				),
			},
			{
				ResourceName:            authzAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"credential", "credential_wo_version"},
			},
		},
	})
}

// connectInEmulator connects the only authorization behind Terraform's back.
func connectInEmulator(t *testing.T, srv *core.Server) {
	t.Helper()
	ctx := context.Background()
	c := apiClient(t, srv)
	bundle := bundleARNInEmulator(t, srv)
	list, err := c.ListAppAuthorizations(ctx, bundle)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListAppAuthorizations = %v, %v", list, err)
	}
	if out, err := c.ConnectAndWait(ctx, bundle, list[0].AppAuthorizationARN, nil); err != nil || out.Authorization.Status != "Connected" {
		t.Fatalf("connect: %+v, %v", out, err)
	}
}

func TestAccAppFabricAppAuthorization_replaceAndDisappears(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 12})
	config := func(app, authType, credential string) string {
		return acctest.Config(srv, bundleHCL, fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = %[1]q
  auth_type      = %[2]q
  tenant = {
    tenant_identifier   = "t"
    tenant_display_name = "T"
  }
  credential = { %[3]s }
}`, app, authType, credential))
	}
	apiKey := `api_key = { api_key = "k" }`
	oauth2 := `oauth2 = { client_id = "id", client_secret = "s" }`
	var firstARN string
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config("ZENDESK", "apiKey", apiKey),
				Check: func(s *terraform.State) (err error) {
					firstARN, err = stateAttr(s, authzAddr, "arn")
					return err
				},
			},
			{
				Config: config("OKTA", "apiKey", apiKey),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					arn, err := stateAttr(s, authzAddr, "arn")
					if err == nil && arn == firstARN {
						return fmt.Errorf("the authorization was not replaced")
					}
					return err
				},
			},
			{
				Config: config("OKTA", "oauth2", oauth2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
			{
				// Deleted behind Terraform's back: the plan creates it again.
				PreConfig: func() {
					ctx := context.Background()
					c := apiClient(t, srv)
					bundle := bundleARNInEmulator(t, srv)
					list, err := c.ListAppAuthorizations(ctx, bundle)
					if err != nil || len(list) != 1 {
						t.Fatalf("ListAppAuthorizations = %v, %v", list, err)
					}
					if err := c.DeleteAppAuthorization(ctx, bundle, list[0].AppAuthorizationARN); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("OKTA", "oauth2", oauth2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authzAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccAppFabricAppAuthorization_invalid(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 13})
	acct := srv.Credentials().AWSAccountID
	bundle := "arn:aws:appfabric:us-east-1:" + acct + ":appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
	config := func(bundleARN, app, authType, tenant, credential, extra string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = %q
  app            = %q
  auth_type      = %q
  tenant         = { %s }
  credential     = { %s }
  %s
}`, bundleARN, app, authType, tenant, credential, extra))
	}
	tenant := `tenant_identifier = "t", tenant_display_name = "d"`
	oauth2 := `oauth2 = { client_id = "id", client_secret = "s" }`
	apiKey := `api_key = { api_key = "k" }`
	manyTags := make([]string, 51)
	for i := range manyTags {
		manyTags[i] = fmt.Sprintf("t%d = \"v\"", i)
	}
	testCases := map[string]struct {
		config string
		want   string
	}{
		"both variants":        {config(bundle, "SLACK", "oauth2", tenant, oauth2+"\n"+apiKey, ""), `(?s)credential\.oauth2.*credential\.api_key`},
		"no variant":           {config(bundle, "SLACK", "oauth2", tenant, "", ""), `(?s)No attribute specified.*credential\.oauth2`},
		"variant vs auth_type": {config(bundle, "SLACK", "apiKey", tenant, oauth2, ""), `auth_type is "apiKey": configure credential.api_key`},
		"bad auth_type":        {config(bundle, "SLACK", "basic", tenant, oauth2, ""), `(?s)auth_type.*value must be one of`},
		"app too long":         {config(bundle, strings.Repeat("a", 256), "oauth2", tenant, oauth2, ""), `(?s)app.*string length must be between 1 and 255`},
		"empty tenant id":      {config(bundle, "SLACK", "oauth2", `tenant_identifier = "", tenant_display_name = "d"`, oauth2, ""), `(?s)tenant\.tenant_identifier.*between 1 and 1024`},
		"tenant name too long": {config(bundle, "SLACK", "oauth2", `tenant_identifier = "t", tenant_display_name = "`+strings.Repeat("d", 2049)+`"`, oauth2, ""), `(?s)tenant\.tenant_display_name.*between 1 and 2048`},
		"secret too long":      {config(bundle, "SLACK", "oauth2", tenant, `oauth2 = { client_id = "id", client_secret = "`+strings.Repeat("s", 2049)+`" }`, ""), `(?s)client_secret.*between 1 and 2048`},
		"secret twice":         {config(bundle, "SLACK", "oauth2", tenant, `oauth2 = { client_id = "id", client_secret = "s", client_secret_wo = "s" }`, "credential_wo_version = 1"), `(?s)client_secret.*client_secret_wo`},
		"wo without version":   {config(bundle, "ZOOM", "apiKey", tenant, `api_key = { api_key_wo = "k" }`, ""), `(?s)credential_wo_version`},
		"version without wo":   {config(bundle, "ZOOM", "apiKey", tenant, apiKey, "credential_wo_version = 1"), `credential_wo_version without a write-only value`},
		"bad bundle ARN":       {config("arn:aws:s3:::bucket", "SLACK", "oauth2", tenant, oauth2, ""), `(?s)app_bundle_arn must be an AppFabric app bundle ARN`},
		"too many tags":        {config(bundle, "SLACK", "oauth2", tenant, oauth2, "tags = {"+strings.Join(manyTags, "\n")+"}"), `tags map must contain at most 50 elements`},
		"tag value too long":   {config(bundle, "SLACK", "oauth2", tenant, oauth2, `tags = { k = "`+strings.Repeat("v", 257)+`" }`), `(?s)tags\["k"\].*at most 256`},
	}
	var steps []resource.TestStep
	for _, tc := range testCases {
		// Terraform wraps long messages: any space may be a line break.
		want := strings.ReplaceAll(tc.want, " ", `\s+`)
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(want)})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}
