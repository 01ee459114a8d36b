package authress_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/service/authress"
)

var regexpSpecial = regexp.MustCompile(`^special-`)

func TestAccAuthressUserConnectionCredentialsEphemeral_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 13})
	const token = "provider-access-token-123"
	seed := func() {
		id := "github"
		if _, err := testClient(t, srv).CreateConnection(context.Background(), authress.Connection{ConnectionID: &id}); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPut, srv.URL()+"/_emulator/authress/users/user-1/connections/github/credentials",
			bytes.NewBufferString(`{"accessToken":"`+token+`"}`))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("seeding credentials: HTTP %d", resp.StatusCode)
		}
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactoriesWithEcho,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		Steps: []resource.TestStep{
			{
				// An unknown user has no credentials: a clear error, not an empty token.
				PreConfig: seed,
				Config: acctest.Config(srv, `
ephemeral "appauth_authress_user_connection_credentials" "test" {
  connection_id = "github"
  user_id       = "nobody"
}

provider "echo" {
  data = ephemeral.appauth_authress_user_connection_credentials.test
}

resource "echo" "test" {}
`),
				ExpectError: regexp.MustCompile(`(?s)Reading the user's connection credentials failed.*HTTP 404`),
			},
			{
				Config: acctest.Config(srv, `
ephemeral "appauth_authress_user_connection_credentials" "test" {
  connection_id = "github"
  user_id       = "user-1"
}

provider "echo" {
  data = ephemeral.appauth_authress_user_connection_credentials.test
}

resource "echo" "test" {}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("access_token"), knownvalue.StringExact(token)),
				},
			},
		},
	})
}
