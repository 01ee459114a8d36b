package appfabric_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sdkappfabric "github.com/aws/aws-sdk-go-v2/service/appfabric"
	"github.com/aws/aws-sdk-go-v2/service/appfabric/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func authorizationsHCL(n int) string {
	return fmt.Sprintf(`
resource "appauth_appfabric_app_bundle" "test" {}

resource "appauth_appfabric_app_authorization" "test" {
  count          = %d
  app_bundle_arn = appauth_appfabric_app_bundle.test.arn
  app            = "OKTA"
  auth_type      = "apiKey"
  tenant = {
    tenant_identifier   = "org-${count.index}"
    tenant_display_name = "Org ${count.index}"
  }
  credential = { api_key = { api_key = "key-${count.index}" } }
}
`, n)
}

// bundleDeletesRefused counts the DeleteAppBundle answers 409.
func bundleDeletesRefused(srv *core.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Route == "appfabric.DeleteAppBundle" && r.Status == 409 {
			n++
		}
	}
	return n
}

// AppFabric deletes over time: a deleted authorization is still seen for a while, and its bundle
// cannot be deleted until it is gone. Each authorization's delete waits until AppFabric no longer
// finds it, so the bundle's delete is never refused.
func TestAccAppFabric_eventuallyConsistentDeletes(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 42})
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1, DeletingReads: 3})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(checkAllDestroyed(srv), func(*terraform.State) error {
			if n := bundleDeletesRefused(srv); n != 0 {
				return fmt.Errorf("DeleteAppBundle was refused %d times: an authorization's delete returned before AppFabric finished it", n)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{Config: acctest.Config(srv, authorizationsHCL(2))},
			{
				// One authorization fewer: the apply ends when AppFabric no longer finds it.
				Config: acctest.Config(srv, authorizationsHCL(1)),
				Check: func(*terraform.State) error {
					if _, n := emuappfabric.Of(srv).Counts(); n != 1 {
						return fmt.Errorf("AppFabric still holds %d authorizations after the apply, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// An authorization deleted outside Terraform, by a caller that did not wait, leaves the bundle
// refusing deletes for a while: the bundle's destroy waits that out.
func TestAccAppFabric_bundleDestroyWaitsForDeletesOutsideTerraform(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 43})
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1, DeletingReads: 3})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, bundleHCL),
				Check: func(*terraform.State) error {
					ctx := context.Background()
					c := sdkClient(srv)
					bundle := aws.String(bundleARNInEmulator(t, srv))
					a, err := c.CreateAppAuthorization(ctx, &sdkappfabric.CreateAppAuthorizationInput{
						AppBundleIdentifier: bundle, App: aws.String("ZOOM"), AuthType: types.AuthTypeApiKey,
						Credential: &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("k")}},
						Tenant:     &types.Tenant{TenantIdentifier: aws.String("outside"), TenantDisplayName: aws.String("Outside")},
					})
					if err != nil {
						return err
					}
					_, err = c.DeleteAppAuthorization(ctx, &sdkappfabric.DeleteAppAuthorizationInput{
						AppBundleIdentifier: bundle, AppAuthorizationIdentifier: a.AppAuthorization.AppAuthorizationArn,
					})
					return err
				},
			},
		},
	})
	if bundleDeletesRefused(srv) == 0 {
		t.Fatal("the bundle's delete was never refused: the test proves nothing")
	}
}

// sdkClient is the official AppFabric client of the emulator's default account: another caller
// than the provider.
func sdkClient(srv *core.Server) *sdkappfabric.Client {
	c := srv.Credentials()
	return sdkappfabric.New(sdkappfabric.Options{
		Region:           c.AWSRegion,
		BaseEndpoint:     aws.String(srv.URL()),
		Credentials:      credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, c.AWSSecretAccessKey, ""),
		RetryMaxAttempts: 1,
	})
}
