package apig_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// appSecret is the app's secret as the emulator holds it.
func appSecret(t *testing.T, srv *core.Server, appID string) string {
	t.Helper()
	state := srv.State()["apig"].(map[string]any)["instances"].(map[string]any)[inst].(map[string]any)
	secret, _ := state["apps"].(map[string]any)[appID].(map[string]any)["app_secret"].(string)
	if secret == "" {
		t.Fatal("the emulator holds no app secret")
	}
	return secret
}

func TestAccAPIGAppDataSource(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 22)
	a.Authorize(inst, app, listOrders, release)
	secret := appSecret(t, srv, app)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_app" "test" {
  instance_id = %q
  name        = "demo_app"
}`, inst)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_apig_app.test", tfjsonpath.New("id"), knownvalue.StringExact(app)),
					statecheck.ExpectKnownValue("data.appauth_apig_app.test", tfjsonpath.New("status"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("data.appauth_apig_app.test", tfjsonpath.New("bound_api_count"), knownvalue.Int64Exact(1)),
					statecheck.ExpectSensitiveValue("data.appauth_apig_app.test", tfjsonpath.New("app_key")),
				},
				Check: func(s *terraform.State) error {
					for _, v := range s.RootModule().Resources["data.appauth_apig_app.test"].Primary.Attributes {
						if strings.Contains(v, secret) {
							return fmt.Errorf("the app secret reached the state")
						}
					}
					return nil
				},
			},
		},
	})
}

// Huawei Cloud accepts Chinese characters in app, group and API names and counts characters, not
// bytes: the lookups find such objects, even when the name is longer in bytes than the limit is in
// characters (64 for apps, 255 for APIs).
func TestAccAPIGDataSources_chineseNames(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 24)
	appName := "订单应用_" + strings.Repeat("甲", 40) // 45 characters, 125 bytes
	apiName := "查询订单（内部）：" + strings.Repeat("乙", 100)
	chineseApp := a.CreateApp(inst, appName)
	chineseAPI := a.CreateAPI(inst, a.CreateGroup(inst, "订单服务"), apiName, "APP", release)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, fmt.Sprintf(`
data "appauth_apig_app" "test" {
  instance_id = %[1]q
  name        = %[2]q
}
data "appauth_apig_api" "test" {
  instance_id = %[1]q
  name        = %[3]q
}`, inst, appName, apiName)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.appauth_apig_app.test", tfjsonpath.New("id"), knownvalue.StringExact(chineseApp)),
					statecheck.ExpectKnownValue("data.appauth_apig_api.test", tfjsonpath.New("id"), knownvalue.StringExact(chineseAPI)),
					statecheck.ExpectKnownValue("data.appauth_apig_api.test", tfjsonpath.New("group_name"), knownvalue.StringExact("订单服务")),
				},
			},
		},
	})
}
