package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_quicksight covers the QuickSight action connector resource and both data sources.
func TestAccCorpus_quicksight(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 73})
	runCorpus(t, srv, quicksightCorpus(srv))
}

func quicksightCorpus(srv *core.Server) corpus {
	acct := srv.Credentials().AWSAccountID
	cfg := func(hcl string) string { return acctest.Config(srv, hcl) }
	// connector is an action connector; auth is the body of authentication_config.
	connector := func(id, name, typ, auth, extra string) string {
		return cfg(fmt.Sprintf(`
resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = %q
  name                = %q
  type                = %q
  authentication_config = {
%s
  }
%s
}`, id, name, typ, auth, extra))
	}
	none := `authentication_type = "NONE"
none = { base_endpoint = "https://api.example.com" }`
	withAuth := func(auth string) string { return connector("c-1", "Connector", "GENERIC_HTTP", auth, "") }
	withExtra := func(extra string) string { return connector("c-1", "Connector", "GENERIC_HTTP", none, extra) }
	basic := func(fields string, endpoint ...string) string {
		base := "https://api.example.com"
		if len(endpoint) > 0 {
			base = endpoint[0]
		}
		return withAuth("authentication_type = \"BASIC\"\nbasic = { base_endpoint = \"" + base + "\", username = \"u\", " + fields + " }")
	}
	clientCredentials := func(fields string) string {
		return withAuth("authentication_type = \"OAUTH2_CLIENT_CREDENTIALS\"\nclient_credentials_grant = { base_endpoint = \"https://api.example.com\", " + fields + " }")
	}
	// authorizationCode fills the endpoints fields does not set.
	authorizationCode := func(fields string) string {
		for _, e := range []string{`redirect_url = "https://r.example.com"`, `token_endpoint = "https://t.example.com"`, `authorization_endpoint = "https://z.example.com"`} {
			if name, _, _ := strings.Cut(e, " "); !strings.Contains(fields, name+" ") {
				fields += ", " + e
			}
		}
		extra := ""
		if strings.Contains(fields, "_wo ") {
			extra = "authentication_config_wo_version = 1"
		}
		return connector("c-1", "Connector", "GENERIC_HTTP", "authentication_type = \"OAUTH2_AUTHORIZATION_CODE\"\nauthorization_code_grant = { base_endpoint = \"https://api.example.com\", "+fields+" }", extra)
	}
	permission := func(principal, actions string) string {
		return withExtra(fmt.Sprintf(`permissions = [{ principal = %q, actions = %s }]`, principal, actions))
	}
	user := "arn:aws:quicksight:us-east-1:" + acct + ":user/default/alice"
	long := func(n int) string { return strings.Repeat("a", n) }
	const (
		idRule   = `may contain only letters, digits, '_' and '-'`
		nameRule = `must start and end with a letter or digit and contain only letters, digits, spaces, '_' and '-'`
		acctRule = `must be a 12-digit AWS account id`
		// The model's patterns, matched whole and case-sensitively.
		httpsRule = `must start with https:// \(lowercase\)`
		emailRule = `must be an email address \(name@domain\.tld\)`
		// The secret validators name the write-only sibling by a relative path, which the message
		// prints as "password.<.password_wo"; a root path would print "password,...basic.password_wo".
		sibling = `(\.<\.|,authentication_config\.[a-z_]+\.)`
	)

	configs := invalidConfigs{
		"metadata does not match type": {withAuth(`authentication_type = "BASIC"
none = { base_endpoint = "https://api.example.com" }`),
			`authentication_config\.authentication_type "BASIC" needs authentication_config\.basic, but authentication_config\.none is set`},
		"IAM type with api_key metadata": {withAuth(`authentication_type = "IAM"
api_key = { base_endpoint = "https://api.example.com", api_key = "k" }`),
			`authentication_config\.authentication_type "IAM" needs authentication_config\.iam, but authentication_config\.api_key is set`},
		"two metadata variants": {withAuth(none + `
iam = { role_arn = "arn:aws:iam::123456789012:role/qs" }`),
			`authentication_config must set exactly one metadata block, got authentication_config\.none and authentication_config\.iam`},
		"no metadata variant": {withAuth(`authentication_type = "IAM"`),
			`authentication_config\.authentication_type "IAM" needs authentication_config\.iam to be set`},
		"authentication_type enum": {withAuth(`authentication_type = "OAUTH"
none = { base_endpoint = "https://api.example.com" }`),
			`Attribute authentication_config\.authentication_type value must be one of: \["OAUTH2_AUTHORIZATION_CODE" "OAUTH2_CLIENT_CREDENTIALS" "BASIC" "API_KEY" "NONE" "IAM"\], got: "OAUTH"`},
		"type enum":            {connector("c-1", "Connector", "MODEL_CONTEXT_PROTOCOL", none, ""), `Attribute type value must be one of: \["GENERIC_HTTP"`},
		"basic without user":   {withAuth("authentication_type = \"BASIC\"\nbasic = { base_endpoint = \"https://a.example.com\", password = \"p\" }"), `attribute "username" is required`},
		"basic no password":    {basic(``), `No attribute specified when one \(and only one\) of \[authentication_config\.basic\.password` + sibling + `password_wo\] is required`},
		"basic both passwords": {basic(`password = "p", password_wo = "q"`), `2 attributes specified when one \(and only one\) of \[authentication_config\.basic\.password` + sibling + `password_wo\] is required`},
		"basic wo without version": {basic(`password_wo = "q"`),
			`Attribute "authentication_config_wo_version" must be specified when "authentication_config\.basic\.password_wo" is specified`},
		"version with the plain password": {connector("c-1", "Connector", "GENERIC_HTTP", "authentication_type = \"BASIC\"\nbasic = { base_endpoint = \"https://api.example.com\", username = \"u\", password = \"p\" }", "authentication_config_wo_version = 1"),
			`authentication_config_wo_version versions the write-only authentication_config\.authorization_code_grant\.client_secret_wo, authentication_config\.client_credentials_grant\.client_secret_wo, authentication_config\.basic\.password_wo or authentication_config\.api_key\.api_key_wo: set one of them, or remove authentication_config_wo_version`},
		"version without a secret": {withExtra(`authentication_config_wo_version = 1`), `authentication_config_wo_version without a write-only value`},
		"client secret both forms": {clientCredentials(`client_id = "id", client_secret = "s", client_secret_wo = "s", token_endpoint = "https://t.example.com"`),
			`2 attributes specified when one \(and only one\) of \[authentication_config\.client_credentials_grant\.client_secret` + sibling + `client_secret_wo\] is required`},
		"client credentials no token endpoint": {clientCredentials(`client_id = "id", client_secret = "s"`), `attribute "token_endpoint" is required`},
		"client credentials client_id too long": {clientCredentials(`client_id = "` + long(1025) + `", client_secret = "s", token_endpoint = "https://t.example.com"`),
			`Attribute authentication_config\.client_credentials_grant\.client_id string length must be at most 1024, got: 1025`},
		"authorization code client_id too long": {authorizationCode(`client_id = "` + long(1025) + `", client_secret = "s"`),
			`Attribute authentication_config\.authorization_code_grant\.client_id string length must be at most 1024, got: 1025`},
		"client secret too long": {clientCredentials(`client_id = "id", client_secret = "` + long(2049) + `", token_endpoint = "https://t.example.com"`),
			`Attribute authentication_config\.client_credentials_grant\.client_secret string length must be at most 2048, got: 2049`},
		"authorization code secret too long": {authorizationCode(`client_id = "id", client_secret_wo = "` + long(2049) + `"`),
			`Attribute authentication_config\.authorization_code_grant\.client_secret_wo string length must be at most 2048, got: 2049`},
		"token endpoint over http": {clientCredentials(`client_id = "id", client_secret = "s", token_endpoint = "http://t.example.com"`),
			`Attribute authentication_config\.client_credentials_grant\.token_endpoint ` + httpsRule + `, got: http://t\.example\.com`},
		"base endpoint over http": {withAuth("authentication_type = \"NONE\"\nnone = { base_endpoint = \"http://api.example.com\" }"),
			`Attribute authentication_config\.none\.base_endpoint ` + httpsRule},
		"base endpoint uppercase scheme": {withAuth("authentication_type = \"NONE\"\nnone = { base_endpoint = \"HTTPS://api.example.com\" }"),
			`Attribute authentication_config\.none\.base_endpoint ` + httpsRule + `, got: HTTPS://api\.example\.com`},
		"base endpoint mixed-case scheme": {basic(`password = "p"`, "Https://api.example.com"),
			`Attribute authentication_config\.basic\.base_endpoint ` + httpsRule},
		"base endpoint empty": {withAuth("authentication_type = \"API_KEY\"\napi_key = { base_endpoint = \"\", api_key = \"k\" }"),
			`Attribute authentication_config\.api_key\.base_endpoint ` + httpsRule},
		"redirect url uppercase scheme": {authorizationCode(`client_id = "id", client_secret = "s", redirect_url = "HTTPS://r.example.com"`),
			`Attribute authentication_config\.authorization_code_grant\.redirect_url ` + httpsRule},
		"authorization endpoint over http": {authorizationCode(`client_id = "id", client_secret = "s", authorization_endpoint = "http://z.example.com"`),
			`Attribute authentication_config\.authorization_code_grant\.authorization_endpoint ` + httpsRule},
		"api key email without a domain": {withAuth("authentication_type = \"API_KEY\"\napi_key = { base_endpoint = \"https://a.example.com\", api_key = \"k\", email = \"ops@localhost\" }"),
			`Attribute authentication_config\.api_key\.email ` + emailRule + `, got: ops@localhost`},
		"api key email not an address": {withAuth("authentication_type = \"API_KEY\"\napi_key = { base_endpoint = \"https://a.example.com\", api_key = \"k\", email = \"ops team\" }"),
			`Attribute authentication_config\.api_key\.email ` + emailRule},
		"api key email empty": {withAuth("authentication_type = \"API_KEY\"\napi_key = { base_endpoint = \"https://a.example.com\", api_key = \"k\", email = \"\" }"),
			`Attribute authentication_config\.api_key\.email ` + emailRule},
		"base endpoint too long": {withAuth("authentication_type = \"NONE\"\nnone = { base_endpoint = \"https://api.example.com/" + long(8192) + "\" }"),
			`Attribute authentication_config\.none\.base_endpoint string length must be at most 8192`},
		"role ARN of a user": {withAuth("authentication_type = \"IAM\"\niam = { role_arn = \"arn:aws:iam::123456789012:user/qs\" }"),
			`Attribute authentication_config\.iam\.role_arn must be an IAM role ARN \(arn:aws:iam::<account>:role/<name>\)`},
		"role ARN too short": {withAuth("authentication_type = \"IAM\"\niam = { role_arn = \"arn:aws:iam::1:role\" }"),
			`Attribute authentication_config\.iam\.role_arn string length must be between 20 and 2048, got: 19`},
		"iam without role":        {withAuth("authentication_type = \"IAM\"\niam = {}"), `attribute "role_arn" is required`},
		"secrets version zero":    {withExtra(`authentication_config_wo_version = 0`), `Attribute authentication_config_wo_version value must be at least 1, got: 0`},
		"name with a slash":       {connector("c-1", "a/b", "GENERIC_HTTP", none, ""), `Attribute name ` + nameRule + `, got: a/b`},
		"name ending in a space":  {connector("c-1", "Connector ", "GENERIC_HTTP", none, ""), `Attribute name ` + nameRule},
		"name too long":           {connector("c-1", long(256), "GENERIC_HTTP", none, ""), `Attribute name string length must be between 1 and 255, got: 256`},
		"id with a space":         {connector("a b", "Connector", "GENERIC_HTTP", none, ""), `Attribute action_connector_id ` + idRule},
		"id too long":             {connector(long(513), "Connector", "GENERIC_HTTP", none, ""), `Attribute action_connector_id string length must be between 1 and 512, got: 513`},
		"id with reserved prefix": {connector("quicksuite-x", "Connector", "GENERIC_HTTP", none, ""), `action_connector_id must not start with "quicksuite-" \(the prefix is reserved by Amazon Quick Suite\)`},
		"description too long":    {withExtra(`description = "` + long(2049) + `"`), `Attribute description string length must be between 1 and 2048, got: 2049`},
		"description characters":  {withExtra(`description = "a/b"`), `Attribute description may contain only letters, digits, spaces and _ \. , ! \? -`},
		"vpc connection empty":    {withExtra(`vpc_connection_arn = ""`), `Attribute vpc_connection_arn string length must be at least 1, got: 0`},
		"account id too short":    {withExtra(`aws_account_id = "12345"`), `Attribute aws_account_id ` + acctRule + `, got: 12345`},
		"too many tags":           {withExtra(`tags = { for i in range(51) : "k${i}" => "v" }`), `Attribute tags map must contain at most 50 elements, got: 51`},
		"empty tag value":         {withExtra(`tags = { team = "" }`), `Attribute tags\["team"\] string length must be between 1 and 256, got: 0`},
		"namespace principal": {permission("arn:aws:quicksight:us-east-1:"+acct+":namespace/default", `["quicksight:DescribeActionConnector"]`),
			`permissions.*principal must be the ARN of a QuickSight user or group`},
		"no actions": {permission(user, `[]`), `permissions.*actions set must contain at least 1 elements and at most 20 elements, got: 0`},
		"too many actions": {permission(user, `[for i in range(21) : "quicksight:Action${i}"]`),
			`permissions.*actions set must contain at least 1 elements and at most 20 elements, got: 21`},
		"too many permissions": {withExtra(fmt.Sprintf(`permissions = [for i in range(65) : {
  principal = "arn:aws:quicksight:us-east-1:%s:user/default/u${i}"
  actions   = ["quicksight:DescribeActionConnector"]
}]`, acct)), `Attribute permissions set must contain at most 64 elements, got: 65`},
		"tag key too long":              {withExtra(`tags = { "` + long(129) + `" = "v" }`), `Attribute tags\["a{129}"\] string length must be between 1 and 128, got: 129`},
		"tag value too long":            {withExtra(`tags = { team = "` + long(257) + `" }`), `Attribute tags\["team"\] string length must be between 1 and 256, got: 257`},
		"create timeout not a duration": {withExtra(`timeouts { create = "20 minutes" }`), `"20 minutes" must be a string containing a sequence of decimal numbers`},

		"data source account id": {cfg(`data "appauth_quicksight_action_connector" "test" {
  aws_account_id      = "abcdefghijkl"
  action_connector_id = "c-1"
}`), `Attribute aws_account_id ` + acctRule},
		"data source connector id":      {cfg(`data "appauth_quicksight_action_connector" "test" { action_connector_id = "a:b" }`), `Attribute action_connector_id ` + idRule},
		"data source connector id long": {cfg(`data "appauth_quicksight_action_connector" "test" { action_connector_id = "` + long(513) + `" }`), `Attribute action_connector_id string length must be between 1 and 512`},
		"list filter name": {cfg(`data "appauth_quicksight_action_connectors" "test" {
  filter = { name = "NAME", operator = "StringEquals", value = "x" }
}`), `Attribute filter\.name value must be one of: \["ACTION_CONNECTOR_NAME" "ACTION_CONNECTOR_TYPE"`},
		"list filter operator": {cfg(`data "appauth_quicksight_action_connectors" "test" {
  filter = { name = "ACTION_CONNECTOR_NAME", operator = "Equals", value = "x" }
}`), `Attribute filter\.operator value must be one of: \["StringEquals" "StringLike"\], got: "Equals"`},
		"list page size zero":    {cfg(`data "appauth_quicksight_action_connectors" "test" { page_size = 0 }`), `Attribute page_size value must be between 1 and 100, got: 0`},
		"list page size too big": {cfg(`data "appauth_quicksight_action_connectors" "test" { page_size = 101 }`), `Attribute page_size value must be between 1 and 100, got: 101`},
		"list account id":        {cfg(`data "appauth_quicksight_action_connectors" "test" { aws_account_id = "1234567890123" }`), `Attribute aws_account_id ` + acctRule},
	}
	valid := withAuth(none)
	const importRule = "Import a QuickSight action connector by `<aws_account_id>,<action_connector_id>` \\(12-digit account id\\) or by `<action_connector_id>` alone for the provider's account, got "
	res := "appauth_quicksight_action_connector.test"
	imports := invalidImports{
		"import short account":         {res, valid, "1234,c-1", importRule + `"1234,c-1"`},
		"import bad connector id":      {res, valid, acct + ",a b", importRule},
		"import no connector id":       {res, valid, acct + ",", importRule},
		"import three parts":           {res, valid, acct + ",c-1,x", importRule},
		"import connector id too long": {res, valid, acct + "," + long(513), importRule},
		"import ARN":                   {res, valid, "arn:aws:quicksight:us-east-1:" + acct + ":action-connector/c-1", importRule},
	}
	return corpus{configs, imports}
}
