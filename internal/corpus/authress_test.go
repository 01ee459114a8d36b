package corpus

import (
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_authress covers the Authress connection resource, both data sources and the
// ephemeral user credentials.
func TestAccCorpus_authress(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 71})
	runCorpus(t, srv, authressCorpus(srv))
}

func authressCorpus(srv *core.Server) corpus {
	conn := func(body string) string {
		return acctest.Config(srv, "resource \"appauth_authress_connection\" \"test\" {\n"+body+"\n}")
	}
	cfg := func(hcl string) string { return acctest.Config(srv, hcl) }
	creds := func(body string) string {
		return cfg("ephemeral \"appauth_authress_user_connection_credentials\" \"test\" {\n" + body + "\n}")
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	const idRule = `must contain only letters, digits and - _ \. :`
	const assignmentRule = `Attribute tenant_configuration.assignment_type must be an upper-case option such as DEFAULT or TRUSTED_DOMAIN_FALLBACK`

	configs := invalidConfigs{
		"type not an enum value":        {conn(`type = "OIDC"`), `Attribute type value must be one of: \["OAUTH2" "SAML2" "WebAuthN" "PASSWORD" "OPENID-LEGACY"\], got: "OIDC"`},
		"type in lower case":            {conn(`type = "oauth2"`), `Attribute type value must be one of: \["OAUTH2"`},
		"type WebAuthN in upper case":   {conn(`type = "WEBAUTHN"`), `Attribute type value must be one of: \["OAUTH2" "SAML2" "WebAuthN"`},
		"connection_id with a space":    {conn(`connection_id = "has space"`), `Attribute connection_id ` + idRule + `, got: has space`},
		"connection_id with a slash":    {conn(`connection_id = "a/b"`), `Attribute connection_id ` + idRule},
		"connection_id too long":        {conn(`connection_id = "` + long(65) + `"`), `Attribute connection_id string length must be between 1 and 64, got: 65`},
		"connection_id empty":           {conn(`connection_id = ""`), `Attribute connection_id string length must be between 1 and 64, got: 0`},
		"authentication_url over http":  {conn(`authentication_url = "http://idp.example.com/authorize"`), `authentication_url must be an absolute https:// URL`},
		"authentication_url no scheme":  {conn(`authentication_url = "idp.example.com"`), `authentication_url must be an absolute https:// URL`},
		"authentication_url empty":      {conn(`authentication_url = ""`), `Attribute authentication_url string length must be between 1 and 256, got: 0`},
		"authentication_url too long":   {conn(`authentication_url = "https://idp.example.com/` + long(240) + `"`), `Attribute authentication_url string length must be between 1 and 256`},
		"token_url too long":            {conn(`token_url = "https://idp.example.com/` + long(120) + `"`), `Attribute token_url string length must be between 1 and 128`},
		"token_url not a URL":           {conn(`token_url = "token"`), `token_url must be an absolute https:// URL`},
		"issuer_url too long":           {conn(`issuer_url = "` + long(129) + `"`), `Attribute issuer_url string length must be between 1 and 128, got: 129`},
		"provider_certificate empty":    {conn(`provider_certificate = ""`), `Attribute provider_certificate string length must be between 1 and 4096, got: 0`},
		"client_id too long":            {conn(`client_id = "` + long(129) + `"`), `Attribute client_id string length must be between 1 and 128, got: 129`},
		"client_secret_id too long":     {conn(`client_secret_id = "` + long(33) + `"`), `Attribute client_secret_id string length must be between 1 and 32, got: 33`},
		"client_secret too long":        {conn(`client_secret = "` + long(2049) + `"`), `Attribute client_secret string length must be between 1 and 2048, got: 2049`},
		"client_secret_wo too long":     {conn(`client_secret_wo = "` + long(2049) + "\"\nclient_secret_wo_version = 1"), `Attribute client_secret_wo string length must be between 1 and 2048`},
		"client_secret and its wo form": {conn("client_secret = \"a\"\nclient_secret_wo = \"b\"\nclient_secret_wo_version = 1"), `Attribute "client_secret_wo" cannot be specified when "client_secret" is specified`},
		"client_secret_wo no version":   {conn(`client_secret_wo = "b"`), `Attribute "client_secret_wo_version" must be specified when "client_secret_wo" is specified`},
		"wo version without secret":     {conn(`client_secret_wo_version = 1`), `client_secret_wo_version versions the write-only client_secret_wo: set it, or remove client_secret_wo_version`},
		"wo version zero":               {conn("client_secret_wo = \"b\"\nclient_secret_wo_version = 0"), `Attribute client_secret_wo_version value must be at least 1, got: 0`},
		"data content type":             {conn(`data = { supported_content_type = "text/plain" }`), `Attribute data.supported_content_type value must be one of: \["application/json" "application/x-www-form-urlencoded"\]`},
		"data name too long":            {conn(`data = { name = "` + long(65) + `" }`), `Attribute data.name string length must be between 1 and 64, got: 65`},
		"data tenant_id too long":       {conn(`data = { tenant_id = "` + long(129) + `" }`), `Attribute data.tenant_id string length must be at most 128, got: 129`},
		"data tenant_id pattern":        {conn(`data = { tenant_id = "bad tenant!" }`), `Attribute data.tenant_id ` + idRule},
		"data developer account long":   {conn(`data = { developer_account_id = "` + long(33) + `" }`), `Attribute data.developer_account_id string length must be between 1 and 32`},
		"data user endpoint not a URL":  {conn(`data = { oidc_user_endpoint_url = "userinfo" }`), `data.oidc_user_endpoint_url must be an absolute https:// URL`},
		"data user_id_expression long":  {conn(`data = { user_id_expression = "` + long(129) + `" }`), `Attribute data.user_id_expression string length must be between 1 and 128, got: 129`},
		"data user endpoint too long":   {conn(`data = { oidc_user_endpoint_url = "https://idp.example.com/` + long(110) + `" }`), `Attribute data.oidc_user_endpoint_url string length must be between 1 and 128`},
		"data content type upper case":  {conn(`data = { supported_content_type = "APPLICATION/JSON" }`), `Attribute data.supported_content_type value must be one of`},
		"data user_id_expression empty": {conn(`data = { user_id_expression = "" }`), `Attribute data.user_id_expression string length must be between 1 and 128, got: 0`},
		"leeway under a minute":         {conn(`conditions = { authentication_leeway_duration = "PT30S" }`), `conditions.authentication_leeway_duration must be an ISO 8601 duration such as PT5M, from PT1M to PT1H, got "PT30S"`},
		"leeway above an hour":          {conn(`conditions = { authentication_leeway_duration = "PT2H" }`), `conditions.authentication_leeway_duration must be an ISO 8601 duration such as PT5M, from PT1M to PT1H, got "PT2H"`},
		"leeway not ISO 8601":           {conn(`conditions = { authentication_leeway_duration = "5m" }`), `conditions.authentication_leeway_duration must be an ISO 8601 duration such as PT5M, from PT1M to PT1H, got "5m"`},
		"leeway that overflows":         {conn(`conditions = { authentication_leeway_duration = "PT5124096H" }`), `conditions.authentication_leeway_duration must be an ISO 8601 duration such as PT5M, from PT1M to PT1H, got "PT5124096H"`},
		"scope too long":                {conn(`default_connection_properties = { scope = "` + long(385) + `" }`), `Attribute default_connection_properties.scope string length must be at most 384, got: 385`},
		"parameters key scope":          {conn(`default_connection_properties = { parameters = { scope = "x" } }`), `default_connection_properties.parameters.*value must be none of: \["scope"\]`},
		"parameters value too long":     {conn(`default_connection_properties = { parameters = { prompt = "` + long(129) + `" } }`), `Attribute default_connection_properties.parameters\["prompt"\] string length must be at most 128, got: 129`},
		"linking type":                  {conn(`linking_configuration = { type = "MANUAL" }`), `Attribute linking_configuration.type value must be one of: \["EXPLICIT" "AUTOMATIC"\], got: "MANUAL"`},
		"linking type lower case":       {conn(`linking_configuration = { type = "explicit" }`), `Attribute linking_configuration.type value must be one of: \["EXPLICIT" "AUTOMATIC"\], got: "explicit"`},
		"linking without type":          {conn(`linking_configuration = {}`), `attribute "type" is required`},
		"tenant assignment empty":       {conn(`tenant_configuration = { assignment_type = "" }`), assignmentRule},
		"tenant assignment lower case":  {conn(`tenant_configuration = { assignment_type = "default" }`), assignmentRule + `, got: default`},
		"data location lower case":      {conn(`user_data_configuration = { location = "deu" }`), `Attribute user_data_configuration.location value must be one of: \["ZAF" "HKG"`},
		"data location":                 {conn(`user_data_configuration = { location = "XYZ" }`), `Attribute user_data_configuration.location value must be one of: \["ZAF" "HKG"`},
		"tag value too long":            {conn(`tags = { team = "` + long(129) + `" }`), `Attribute tags\["team"\] string length must be at most 128, got: 129`},
		"read-only created_at":          {conn(`created_at = "2024-01-01T00:00:00Z"`), `Invalid Configuration for Read-Only Attribute.*created_at`},
		"unknown argument":              {conn(`unknown_argument = "x"`), `An argument named "unknown_argument" is not expected here`},

		"data source connection_id":         {cfg(`data "appauth_authress_connection" "test" { connection_id = "a b" }`), `Attribute connection_id ` + idRule},
		"data source connection_id missing": {cfg(`data "appauth_authress_connection" "test" {}`), `The argument "connection_id" is required`},
		"data source filter empty":          {cfg(`data "appauth_authress_connections" "test" { filter = "" }`), `Attribute filter string length must be at least 1, got: 0`},
		"data source connection_id long":    {cfg(`data "appauth_authress_connection" "test" { connection_id = "` + long(65) + `" }`), `Attribute connection_id string length must be between 1 and 64, got: 65`},

		"ephemeral connection_id pattern": {creds("connection_id = \"a b\"\nuser_id = \"u\""), `Attribute connection_id ` + idRule},
		"ephemeral connection_id long":    {creds("connection_id = \"" + long(65) + "\"\nuser_id = \"u\""), `Attribute connection_id string length must be between 1 and 64`},
		"ephemeral user_id empty":         {creds("connection_id = \"c\"\nuser_id = \"\""), `Attribute user_id string length must be between 1 and 64, got: 0`},
		"ephemeral user_id too long":      {creds("connection_id = \"c\"\nuser_id = \"" + long(65) + "\""), `Attribute user_id string length must be between 1 and 64, got: 65`},
		"ephemeral connection_id empty":   {creds("connection_id = \"\"\nuser_id = \"u\""), `Attribute connection_id string length must be between 1 and 64, got: 0`},
		"ephemeral user_id missing":       {creds(`connection_id = "c"`), `The argument "user_id" is required`},
		"ephemeral access_token set":      {creds("connection_id = \"c\"\nuser_id = \"u\"\naccess_token = \"t\""), `Invalid Configuration for Read-Only Attribute.*access_token`},
	}
	valid := conn(`connection_id = "con_1"`)
	const importRule = `Import an Authress connection by its connection id: 1 to 64 of a-z A-Z 0-9 - _ \. :`
	imports := invalidImports{
		"import id with a space": {"appauth_authress_connection.test", valid, "con 1", importRule + `, got "con 1"`},
		"import id too long":     {"appauth_authress_connection.test", valid, long(65), importRule},
		"import id with a slash": {"appauth_authress_connection.test", valid, "con/1", importRule + `, got "con/1"`},
	}
	return corpus{configs, imports}
}
