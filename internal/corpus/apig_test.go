package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_apig covers the APIG app authorization resource and the APIG data sources.
func TestAccCorpus_apig(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 74})
	c := apigCorpus(srv)
	runCorpus(t, srv, c)
	t.Logf("%d invalid APIG configurations and %d invalid import ids rejected with zero requests", len(c.configs), len(c.imports))
}

func apigCorpus(srv *core.Server) corpus {
	cfg := func(hcl string) string { return acctest.Config(srv, hcl) }
	const (
		hex         = "0123456789abcdef0123456789abcdef"
		hexRule     = `: 32 lowercase hexadecimal characters`
		envRule     = `must be an environment id: 32 lowercase hexadecimal characters, or DEFAULT_ENVIRONMENT_RELEASE_ID for the RELEASE environment`
		envNameRule = `must be 3 to 64 letters, digits and underscores, starting with a letter`
		appNameRule = `must be 3 to 64 characters: letters, Chinese characters, digits and underscores, starting with a letter or a Chinese character`
		apiNameRule = `must be 3 to 255 characters: letters, Chinese characters, digits, hyphens, underscores, periods, slashes, parentheses, colons and the Chinese enumeration comma \(、\), starting with a letter, a Chinese character or a digit`
	)
	dataSource := func(typ, name string) string {
		return cfg(fmt.Sprintf(`data %q "test" {
  instance_id = %q
  name        = %q
}`, typ, hex, name))
	}
	authorization := func(instance, env, app, apis string) string {
		return cfg(fmt.Sprintf(`
resource "appauth_apig_app_authorization" "test" {
  instance_id = %q
  env_id      = %q
  app_id      = %q
  api_ids     = %s
}`, instance, env, app, apis))
	}
	apis := `["` + hex + `"]`

	configs := invalidConfigs{
		"instance id upper case": {authorization(strings.ToUpper(hex), hex, hex, apis), `Attribute instance_id must be a gateway instance id` + hexRule},
		"instance id too short":  {authorization(hex[:31], hex, hex, apis), `Attribute instance_id must be a gateway instance id` + hexRule + `, got: ` + hex[:31]},
		"env id by name":         {authorization(hex, "RELEASE", hex, apis), `Attribute env_id ` + envRule + `, got: RELEASE`},
		"env id lower case default": {authorization(hex, "default_environment_release_id", hex, apis),
			`Attribute env_id ` + envRule},
		"app id with dashes": {authorization(hex, hex, "01234567-89ab-cdef-0123-456789abcdef", apis), `Attribute app_id must be an app id` + hexRule},
		"no api ids":         {authorization(hex, hex, hex, `[]`), `Attribute api_ids set must contain at least 1 elements and at most 1000 elements, got: 0`},
		"too many api ids": {authorization(hex, hex, hex, `[for i in range(1001) : format("%032x", i)]`),
			`Attribute api_ids set must contain at least 1 elements and at most 1000 elements, got: 1001`},
		"api id by name":      {authorization(hex, hex, hex, `["get_user"]`), `Attribute api_ids\[Value\("get_user"\)\] must be an API id` + hexRule},
		"read-only bound ids": {strings.Replace(authorization(hex, hex, hex, apis), "api_ids", "bound_api_ids = []\n  api_ids", 1), `Invalid Configuration for Read-Only Attribute.*bound_api_ids`},
		"missing env id": {cfg(`resource "appauth_apig_app_authorization" "test" {
  instance_id = "` + hex + `"
  app_id      = "` + hex + `"
  api_ids     = ["` + hex + `"]
}`), `The argument "env_id" is required`},

		"api data source instance": {cfg(`data "appauth_apig_api" "test" {
  instance_id = "gw-1"
  name        = "get_user"
}`), `Attribute instance_id must be a gateway instance id` + hexRule},
		"api data source empty name":               {dataSource("appauth_apig_api", ""), `Attribute name ` + apiNameRule + `, got: `},
		"api data source name of two characters":   {dataSource("appauth_apig_api", "ab"), `Attribute name ` + apiNameRule + `, got: ab`},
		"api data source name with a space":        {dataSource("appauth_apig_api", "get order"), `Attribute name ` + apiNameRule},
		"api data source name starting with a dot": {dataSource("appauth_apig_api", ".orders"), `Attribute name ` + apiNameRule},
		"api data source name of 256 characters":   {dataSource("appauth_apig_api", strings.Repeat("订", 256)), `Attribute name ` + apiNameRule},
		"api data source group": {cfg(`data "appauth_apig_api" "test" {
  instance_id = "` + hex + `"
  name        = "get_user"
  group_id    = "group"
}`), `Attribute group_id must be an API group id` + hexRule},
		"app data source short name":                         {dataSource("appauth_apig_app", "ab"), `Attribute name ` + appNameRule + `, got: ab`},
		"app data source name starting with a digit":         {dataSource("appauth_apig_app", "1app"), `Attribute name ` + appNameRule},
		"app data source name with a dash":                   {dataSource("appauth_apig_app", "orders-app"), `Attribute name ` + appNameRule},
		"app data source name of 65 chinese characters":      {dataSource("appauth_apig_app", strings.Repeat("订", 65)), `Attribute name ` + appNameRule},
		"environment data source name with a dash":           {dataSource("appauth_apig_environment", "pre-prod"), `Attribute name ` + envNameRule + `, got: pre-prod`},
		"environment data source name in chinese characters": {dataSource("appauth_apig_environment", "生产环境"), `Attribute name ` + envNameRule},
		"environment data source instance": {cfg(`data "appauth_apig_environment" "test" {
  instance_id = ""
  name        = "RELEASE"
}`), `Attribute instance_id must be a gateway instance id` + hexRule},
		"authorizations data source app": {cfg(`data "appauth_apig_app_authorizations" "test" {
  instance_id = "` + hex + `"
  app_id      = "app"
}`), `Attribute app_id must be an app id` + hexRule},
		"authorizations data source env": {cfg(`data "appauth_apig_app_authorizations" "test" {
  instance_id = "` + hex + `"
  app_id      = "` + hex + `"
  env_id      = "RELEASE"
}`), `Attribute env_id ` + envRule},
	}
	valid := authorization(hex, hex, hex, apis)
	res := "appauth_apig_app_authorization.test"
	const importRule = `Expected <instance_id>/<env_id>/<app_id>, or <instance_id>/<env_id>/<app_id>/<api_id>\[,<api_id>...\] to take over only those APIs \(32 lowercase hex characters each; env_id may be DEFAULT_ENVIRONMENT_RELEASE_ID\), got `
	imports := invalidImports{
		"import two parts":                    {res, valid, hex + "/" + hex, importRule + `"` + hex + "/" + hex + `"`},
		"import five parts":                   {res, valid, strings.Repeat(hex+"/", 4) + hex, importRule},
		"import upper-case api":               {res, valid, hex + "/" + hex + "/" + hex + "/" + strings.ToUpper(hex), importRule},
		"import api list ending with a comma": {res, valid, hex + "/" + hex + "/" + hex + "/" + hex + ",", importRule},
		"import api names":                    {res, valid, hex + "/" + hex + "/" + hex + "/list_orders", importRule},
		"import 1001 api ids":                 {res, valid, hex + "/" + hex + "/" + hex + "/" + manyAPIs(1001), importRule},
		"import env by name":                  {res, valid, hex + "/RELEASE/" + hex, importRule + `"` + hex + `/RELEASE/`},
		"import upper-case app":               {res, valid, hex + "/" + hex + "/" + strings.ToUpper(hex), importRule},
		"import trailing slash":               {res, valid, hex + "/" + hex + "/" + hex + "/", importRule},
		"import comma separated":              {res, valid, hex + "," + hex + "," + hex, importRule},
	}
	return corpus{configs, imports}
}

// manyAPIs is n distinct API ids, comma-separated.
func manyAPIs(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("%032x", i)
	}
	return strings.Join(ids, ",")
}
