package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_appfabric covers the AppFabric bundle, authorization and connection resources and
// their data sources.
func TestAccCorpus_appfabric(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 72})
	runCorpus(t, srv, appfabricCorpus(srv))
}

func appfabricCorpus(srv *core.Server) corpus {
	cfg := func(hcl string) string { return acctest.Config(srv, hcl) }
	bundle := "arn:aws:appfabric:us-east-1:" + srv.Credentials().AWSAccountID + ":appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
	authzARN := bundle + "/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	bundleRes := func(body string) string {
		return cfg("resource \"appauth_appfabric_app_bundle\" \"test\" {\n" + body + "\n}")
	}
	// authz is an app authorization; each argument replaces one part of a valid oauth2 one.
	authz := func(bundleARN, authType, tenant, credential, extra string) string {
		return cfg(fmt.Sprintf(`
resource "appauth_appfabric_app_authorization" "test" {
  app_bundle_arn = %q
  app            = "SLACK"
  auth_type      = %q
  tenant         = { %s }
  credential     = { %s }
  %s
}`, bundleARN, authType, tenant, credential, extra))
	}
	tenant := `tenant_identifier = "t", tenant_display_name = "d"`
	oauth2 := `oauth2 = { client_id = "id", client_secret = "s" }`
	apiKey := `api_key = { api_key = "k" }`
	connection := func(arn, authRequest, extra string) string {
		return cfg(fmt.Sprintf(`
resource "appauth_appfabric_app_authorization_connection" "test" {
  app_authorization_arn = %q
  %s
  %s
}`, arn, authRequest, extra))
	}
	request := func(fields string) string { return "auth_request = { " + fields + " }" }
	long := func(n int) string { return strings.Repeat("a", n) }
	manyTags := make([]string, 51)
	for i := range manyTags {
		manyTags[i] = fmt.Sprintf("t%d = \"v\"", i)
	}
	const (
		bundleRule = `must be an AppFabric app bundle ARN \(arn:aws:appfabric:<region>:<account>:appbundle/<uuid>\)`
		authzRule  = `must be an AppFabric app authorization ARN \(arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>\)`
		kmsRule    = `must be a KMS key ARN \(arn:aws:kms:<region>:<account>:key/<key-id>\)`
	)

	configs := invalidConfigs{
		"bundle key not a KMS ARN":  {bundleRes(`customer_managed_key_arn = "arn:aws:s3:::bucket"`), `Attribute customer_managed_key_arn ` + kmsRule},
		"bundle key alias ARN":      {bundleRes(`customer_managed_key_arn = "arn:aws:kms:us-east-1:123456789012:alias/app"`), `Attribute customer_managed_key_arn ` + kmsRule},
		"bundle key too long":       {bundleRes(`customer_managed_key_arn = "arn:aws:kms:us-east-1:123456789012:key/` + long(1000) + `"`), `Attribute customer_managed_key_arn string length must be between 1 and 1011`},
		"bundle too many tags":      {bundleRes("tags = {" + strings.Join(manyTags, "\n") + "}"), `Attribute tags map must contain at most 50 elements, got: 51`},
		"bundle tag key too long":   {bundleRes(`tags = { ` + long(129) + ` = "v" }`), `Attribute tags\["` + long(129) + `"\] string length must be between 1 and 128`},
		"bundle tag value too long": {bundleRes(`tags = { k = "` + long(257) + `" }`), `Attribute tags\["k"\] string length must be at most 256, got: 257`},
		"bundle read-only arn":      {bundleRes(`arn = "` + bundle + `"`), `Invalid Configuration for Read-Only Attribute.*arn`},
		// AppFabric also takes a key id; the attribute is compared with the key ARN AppFabric answers.
		"bundle key id instead of ARN": {bundleRes(`customer_managed_key_arn = "1234abcd-12ab-34cd-56ef-1234567890ab"`), `Attribute customer_managed_key_arn ` + kmsRule},
		"bundle tag key empty":         {bundleRes(`tags = { "" = "v" }`), `Attribute tags\[""\] string length must be between 1 and 128, got: 0`},
		"bundle delete timeout":        {bundleRes(`timeouts { delete = "soon" }`), `"soon" must be a string containing a sequence of decimal numbers`},
		"bundle create timeout":        {bundleRes(`timeouts { create = "5m" }`), `An argument named "create" is not expected here`},

		"authorization two credential variants": {authz(bundle, "oauth2", tenant, oauth2+"\n"+apiKey, ""),
			`2 attributes specified when one \(and only one\) of \[credential\.oauth2,credential\.api_key\] is required`},
		"authorization no credential variant": {authz(bundle, "oauth2", tenant, "", ""),
			`No attribute specified when one \(and only one\) of \[credential\.oauth2,credential\.api_key\] is required`},
		"authorization apiKey with oauth2": {authz(bundle, "apiKey", tenant, oauth2, ""),
			`auth_type is "apiKey": configure credential\.api_key, not credential\.oauth2`},
		"authorization oauth2 with api_key": {authz(bundle, "oauth2", tenant, apiKey, ""),
			`auth_type is "oauth2": configure credential\.oauth2 \(client_id and a client secret\), not credential\.api_key`},
		"authorization auth_type enum": {authz(bundle, "basic", tenant, oauth2, ""), `Attribute auth_type value must be one of: \["oauth2" "apiKey"\], got: "basic"`},
		"authorization auth_type case": {authz(bundle, "OAUTH2", tenant, oauth2, ""), `Attribute auth_type value must be one of: \["oauth2" "apiKey"\], got: "OAUTH2"`},
		"authorization app empty": {strings.Replace(authz(bundle, "oauth2", tenant, oauth2, ""), `"SLACK"`, `""`, 1),
			`Attribute app string length must be between 1 and 255, got: 0`},
		"authorization app too long": {strings.Replace(authz(bundle, "oauth2", tenant, oauth2, ""), `"SLACK"`, `"`+long(256)+`"`, 1),
			`Attribute app string length must be between 1 and 255, got: 256`},
		"authorization tenant id empty": {authz(bundle, "oauth2", `tenant_identifier = "", tenant_display_name = "d"`, oauth2, ""),
			`Attribute tenant\.tenant_identifier string length must be between 1 and 1024, got: 0`},
		"authorization tenant name too long": {authz(bundle, "oauth2", `tenant_identifier = "t", tenant_display_name = "`+long(2049)+`"`, oauth2, ""),
			`Attribute tenant\.tenant_display_name string length must be between 1 and 2048, got: 2049`},
		"authorization tenant id too long": {authz(bundle, "oauth2", `tenant_identifier = "`+long(1025)+`", tenant_display_name = "d"`, oauth2, ""),
			`Attribute tenant\.tenant_identifier string length must be between 1 and 1024, got: 1025`},
		"authorization client_id too long": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "`+long(2049)+`", client_secret = "s" }`, ""),
			`Attribute credential\.oauth2\.client_id string length must be between 1 and 2048, got: 2049`},
		"authorization api key too long": {authz(bundle, "apiKey", tenant, `api_key = { api_key = "`+long(2049)+`" }`, ""),
			`Attribute credential\.api_key\.api_key string length must be between 1 and 2048, got: 2049`},
		"authorization delete timeout": {authz(bundle, "oauth2", tenant, oauth2, `timeouts { delete = "soon" }`),
			`"soon" must be a string containing a sequence of decimal numbers`},
		"authorization bundle key id": {authz("0f8fad5b-d9cb-469f-a165-70867728950e", "oauth2", tenant, oauth2, ""), `Attribute app_bundle_arn ` + bundleRule},
		"authorization tenant name missing": {authz(bundle, "oauth2", `tenant_identifier = "t"`, oauth2, ""),
			`attribute "tenant_display_name" is required`},
		"authorization client_id empty": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "", client_secret = "s" }`, ""),
			`Attribute credential\.oauth2\.client_id string length must be between 1 and 2048, got: 0`},
		"authorization secret too long": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "id", client_secret = "`+long(2049)+`" }`, ""),
			`Attribute credential\.oauth2\.client_secret string length must be between 1 and 2048, got: 2049`},
		"authorization secret and its wo form": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "id", client_secret = "s", client_secret_wo = "s" }`, "credential_wo_version = 1"),
			`2 attributes specified when one \(and only one\) of \[credential\.oauth2\.client_secret,credential\.oauth2\.client_secret_wo\] is required`},
		"authorization no secret at all": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "id" }`, ""),
			`No attribute specified when one \(and only one\) of \[credential\.oauth2\.client_secret,credential\.oauth2\.client_secret_wo\] is required`},
		"authorization api key and its wo form": {authz(bundle, "apiKey", tenant, `api_key = { api_key = "k", api_key_wo = "k" }`, "credential_wo_version = 1"),
			`2 attributes specified when one \(and only one\) of \[credential\.api_key\.api_key,credential\.api_key\.api_key_wo\] is required`},
		"authorization wo secret without version": {authz(bundle, "oauth2", tenant, `oauth2 = { client_id = "id", client_secret_wo = "s" }`, ""),
			`Attribute "credential_wo_version" must be specified when "credential\.oauth2\.client_secret_wo" is specified`},
		"authorization wo key without version": {authz(bundle, "apiKey", tenant, `api_key = { api_key_wo = "k" }`, ""),
			`Attribute "credential_wo_version" must be specified when "credential\.api_key\.api_key_wo" is specified`},
		"authorization version without wo": {authz(bundle, "apiKey", tenant, apiKey, "credential_wo_version = 1"),
			`credential_wo_version versions the write-only credential\.oauth2\.client_secret_wo or credential\.api_key\.api_key_wo: set one of them, or remove credential_wo_version`},
		"authorization negative version": {authz(bundle, "apiKey", tenant, `api_key = { api_key_wo = "k" }`, "credential_wo_version = -1"),
			`Attribute credential_wo_version value must be at least 1, got: -1`},
		"authorization version zero": {authz(bundle, "apiKey", tenant, `api_key = { api_key_wo = "k" }`, "credential_wo_version = 0"),
			`Attribute credential_wo_version value must be at least 1, got: 0`},
		"authorization bundle not AppFabric": {authz("arn:aws:s3:::bucket", "oauth2", tenant, oauth2, ""), `Attribute app_bundle_arn ` + bundleRule},
		"authorization bundle id not a UUID": {authz(strings.TrimSuffix(bundle, "0f8fad5b-d9cb-469f-a165-70867728950e")+"my-bundle", "oauth2", tenant, oauth2, ""),
			`Attribute app_bundle_arn ` + bundleRule},
		"authorization ARN as bundle": {authz(authzARN, "oauth2", tenant, oauth2, ""), `Attribute app_bundle_arn ` + bundleRule},
		"authorization tag value too long": {authz(bundle, "oauth2", tenant, oauth2, `tags = { k = "`+long(257)+`" }`),
			`Attribute tags\["k"\] string length must be at most 256, got: 257`},

		"connection bundle ARN":          {connection(bundle, "", ""), `Attribute app_authorization_arn ` + authzRule},
		"connection ARN of another kind": {connection("arn:aws:iam::123456789012:role/x", "", ""), `Attribute app_authorization_arn ` + authzRule},
		"connection http redirect": {connection(authzARN, request(`redirect_uri = "http://app.example.com/cb", code = "c"`), ""),
			`Attribute auth_request\.redirect_uri must be an https:// URL \(https:// followed by letters, digits and`},
		"connection redirect without host": {connection(authzARN, request(`redirect_uri = "https://", code = "c"`), ""),
			`Attribute auth_request\.redirect_uri must be an https:// URL`},
		"connection redirect with a space": {connection(authzARN, request(`redirect_uri = "https://app.example.com/c b", code = "c"`), ""),
			`Attribute auth_request\.redirect_uri must be an https:// URL`},
		"connection code empty": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code = ""`), ""),
			`Attribute auth_request\.code string length must be between 1 and 2048, got: 0`},
		"connection redirect too long": {connection(authzARN, request(`redirect_uri = "https://app.example.com/`+long(1010)+`", code = "c"`), ""),
			`Attribute auth_request\.redirect_uri string length must be at most 1024, got: 1034`},
		"connection code and its wo form": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code = "c", code_wo = "c"`), "code_wo_version = 1"),
			`2 attributes specified when one \(and only one\) of \[auth_request\.code,auth_request\.code_wo\] is required`},
		"connection no code": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb"`), ""),
			`No attribute specified when one \(and only one\) of \[auth_request\.code,auth_request\.code_wo\] is required`},
		"connection code_wo without version": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code_wo = "c"`), ""),
			`Attribute "code_wo_version" must be specified when "auth_request\.code_wo" is specified`},
		"connection version without code_wo": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code = "c"`), "code_wo_version = 1"),
			`code_wo_version versions the write-only auth_request\.code_wo: set it, or remove code_wo_version`},
		"connection version zero": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code_wo = "c"`), "code_wo_version = 0"),
			`Attribute code_wo_version value must be at least 1, got: 0`},
		"connection code too long": {connection(authzARN, request(`redirect_uri = "https://app.example.com/cb", code = "`+long(2049)+`"`), ""),
			`Attribute auth_request\.code string length must be between 1 and 2048, got: 2049`},
		"connection timeout not a duration": {connection(authzARN, "", `timeouts { create = "soon" }`),
			// The timeouts package's message names the value, not the attribute.
			`"soon" must be a string containing a sequence of decimal numbers, each with optional fraction and a unit suffix`},

		"bundle data source ARN":          {cfg(`data "appauth_appfabric_app_bundle" "test" { arn = "` + authzARN + `" }`), `Attribute arn ` + bundleRule},
		"authorization data source ARN":   {cfg(`data "appauth_appfabric_app_authorization" "test" { arn = "` + bundle + `" }`), `Attribute arn ` + authzRule},
		"authorizations data source ARN":  {cfg(`data "appauth_appfabric_app_authorizations" "test" { app_bundle_arn = "appbundle/x" }`), `Attribute app_bundle_arn ` + bundleRule},
		"authorizations data source none": {cfg(`data "appauth_appfabric_app_authorizations" "test" {}`), `The argument "app_bundle_arn" is required`},
	}
	validBundle := bundleRes("")
	validAuthz := authz(bundle, "oauth2", tenant, oauth2, "")
	validConnection := connection(authzARN, "", "")
	const (
		bundleImport = `Import an app bundle by its ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>; got `
		authzImport  = `Import an app authorization by its ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>; got `
		connImport   = `Import a connection by its app authorization ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>; got `
	)
	imports := invalidImports{
		"bundle imported by bare id":          {"appauth_appfabric_app_bundle.test", validBundle, "0f8fad5b-d9cb-469f-a165-70867728950e", bundleImport + `0f8fad5b`},
		"bundle imported by authorization":    {"appauth_appfabric_app_bundle.test", validBundle, authzARN, bundleImport + `arn:aws:appfabric`},
		"authorization imported by bundle":    {"appauth_appfabric_app_authorization.test", validAuthz, bundle, authzImport + `arn:aws:appfabric`},
		"authorization imported with a comma": {"appauth_appfabric_app_authorization.test", validAuthz, bundle + "," + authzARN, authzImport},
		"connection imported by bundle":       {"appauth_appfabric_app_authorization_connection.test", validConnection, bundle, connImport + `arn:aws:appfabric`},
		"connection imported by short ARN":    {"appauth_appfabric_app_authorization_connection.test", validConnection, "arn:aws:appfabric:us-east-1:1:appbundle/x/appauthorization/y", connImport},
	}
	return corpus{configs, imports}
}
