package appfabric_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/service/appfabric"
)

// apiClient talks to the emulator directly, to change things behind Terraform's back.
func apiClient(t *testing.T, srv *core.Server) *appfabric.Client {
	t.Helper()
	c := srv.Credentials()
	meta := awsclient.ProviderBlock.NewMeta("test", awsclient.Settings{
		Region: c.AWSRegion, AccessKey: c.AWSAccessKeyID, SecretKey: c.AWSSecretAccessKey, AccountID: c.AWSAccountID,
		Endpoints: map[string]string{"appfabric": srv.URL()},
	})
	client, err := appfabric.NewClient(context.Background(), meta)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// checkAllDestroyed verifies destroy left no bundle and no authorization behind.
func checkAllDestroyed(srv *core.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if b, a := emuappfabric.Of(srv).Counts(); b != 0 || a != 0 {
			return fmt.Errorf("the emulator still holds %d app bundles and %d app authorizations", b, a)
		}
		return nil
	}
}

// checkNoSecretInState fails when any attribute of any resource holds one of the secrets.
func checkNoSecretInState(secrets ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				for _, secret := range secrets {
					if strings.Contains(v, secret) {
						return fmt.Errorf("%s.%s holds a write-only secret", addr, k)
					}
				}
			}
		}
		return nil
	}
}

// stateAttr reads one flat attribute of a resource from state.
func stateAttr(s *terraform.State, addr, key string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s is not in state", addr)
	}
	return rs.Primary.Attributes[key], nil
}

const bundleHCL = `
resource "appauth_appfabric_app_bundle" "test" {}
`
