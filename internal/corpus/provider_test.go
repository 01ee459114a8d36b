package corpus

import (
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAccCorpus_provider covers the provider block: unknown settings, malformed values and
// conflicting APIG authentication methods. Every configuration also reads a data source of the family
// concerned, so a block that were wrongly accepted would reach the emulator.
func TestAccCorpus_provider(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 75})
	runCorpus(t, srv, providerCorpus(srv))
}

func providerCorpus(srv *core.Server) corpus {
	c := srv.Credentials()
	u := srv.URL()
	const hex = "0123456789abcdef0123456789abcdef"
	awsBlock := func(lines string) string {
		return `provider "appauth" {
  aws {
    region     = "` + c.AWSRegion + `"
    access_key = "` + c.AWSAccessKeyID + `"
    secret_key = "` + c.AWSSecretAccessKey + `"
` + lines + `
  }
}
data "appauth_appfabric_app_bundle" "test" {
  arn = "arn:aws:appfabric:us-east-1:` + c.AWSAccountID + `:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
}`
	}
	endpoints := func(lines string) string { return awsBlock("    endpoints {\n" + lines + "\n    }") }
	authressBlock := func(lines string) string {
		return `provider "appauth" {
  authress {
` + lines + `
  }
}
data "appauth_authress_connections" "test" {}`
	}
	apigBlock := func(lines string) string {
		return `provider "appauth" {
  apig {
    endpoint   = "` + u + `"
    project_id = "` + c.APIGProjectID + `"
` + lines + `
  }
}
data "appauth_apig_environment" "test" {
  instance_id = "` + hex + `"
  name        = "RELEASE"
}`
	}
	password := `    auth_url    = "` + u + `/v3"
    user_name   = "` + c.APIGUser + `"
    password    = "` + c.APIGPassword + `"
    domain_name = "` + c.APIGDomain + `"`
	akSK := `    access_key = "` + c.APIGAccessKey + `"
    secret_key = "` + c.APIGSecretKey + `"`
	const urlRule = `must be an absolute http:// or https:// URL with a host, got `

	configs := invalidConfigs{
		"unknown block":             {"provider \"appauth\" {\n  gcp {}\n}\ndata \"appauth_authress_connections\" \"test\" {}", `Blocks of type "gcp" are not expected here`},
		"unknown top-level setting": {`provider "appauth" { region = "us-east-1" }` + "\ndata \"appauth_authress_connections\" \"test\" {}", `An argument named "region" is not expected here`},
		"two aws blocks":            {"provider \"appauth\" {\n  aws {}\n  aws {}\n}\ndata \"appauth_authress_connections\" \"test\" {}", `Duplicate aws block.*Only one block of type "aws" is allowed`},
		"aws unknown setting":       {awsBlock(`    assume_role_arn = "arn:aws:iam::123456789012:role/x"`), `An argument named "assume_role_arn" is not expected here`},
		"aws account id too short":  {awsBlock(`    account_id = "12345"`), `Attribute aws\.account_id must be 12 digits, got: 12345`},
		"aws account id letters":    {awsBlock(`    account_id = "abcdefghijkl"`), `Attribute aws\.account_id must be 12 digits, got: abcdefghijkl`},
		"aws max_retries not a number": {awsBlock(`    max_retries = "many"`),
			`Inappropriate value for attribute "max_retries": a number is required`},
		"aws shared files not a list": {awsBlock(`    shared_config_files = "~/.aws/config"`),
			`Inappropriate value for attribute "shared_config_files": list of string required`},
		"aws access key alone": {`provider "appauth" {
  aws {
    region     = "us-east-1"
    access_key = "AKIAEXAMPLE"
  }
}
data "appauth_appfabric_app_bundle" "test" {
  arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
}`, `These attributes must be configured together: \[aws\.access_key,aws\.secret_key\]`},
		"aws secret key alone": {`provider "appauth" {
  aws {
    region     = "us-east-1"
    secret_key = "secret"
  }
}
data "appauth_appfabric_app_bundle" "test" {
  arn = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
}`, `These attributes must be configured together: \[aws\.access_key,aws\.secret_key\]`},
		"appfabric endpoint not a URL":   {endpoints(`      appfabric = "not a url"`), `aws\.endpoints\.appfabric ` + urlRule + `"not a url"`},
		"quicksight endpoint over ftp":   {endpoints(`      quicksight = "ftp://` + u[len("http://"):] + `"`), `aws\.endpoints\.quicksight ` + urlRule + `"ftp://`},
		"sts endpoint without host":      {endpoints(`      sts = "http://"`), `aws\.endpoints\.sts ` + urlRule + `"http://"`},
		"endpoint of an unknown service": {endpoints(`      s3 = "` + u + `"`), `An argument named "s3" is not expected here`},

		"authress api_url without scheme": {authressBlock(`    api_url = "acc1.api.authress.io"
    access_key = "` + c.AuthressAccessKey + `"`), `authress\.api_url ` + urlRule + `"acc1\.api\.authress\.io"`},
		"authress unknown setting": {authressBlock(`    account_id = "acc1"`), `An argument named "account_id" is not expected here`},

		"apig endpoint without scheme": {`provider "appauth" {
  apig {
    endpoint = "apig.eu-de.otc.t-systems.com"
` + akSK + `
  }
}
data "appauth_apig_environment" "test" {
  instance_id = "` + hex + `"
  name        = "RELEASE"
}`, `apig\.endpoint ` + urlRule + `"apig\.eu-de\.otc\.t-systems\.com"`},
		"apig auth_url not http":  {apigBlock("    auth_url = \"file:///v3\"\n    user_name = \"u\"\n    password = \"p\"\n    domain_name = \"d\""), `apig\.auth_url ` + urlRule + `"file:///v3"`},
		"apig token and AK/SK":    {apigBlock("    token = \"tok\"\n" + akSK), `These attributes cannot be configured together: \[apig\.token,apig\.access_key\]`},
		"apig token and password": {apigBlock("    token = \"tok\"\n" + password), `These attributes cannot be configured together: \[apig\.token,apig\.password\]`},
		"apig AK/SK and password": {apigBlock(akSK + "\n" + password), `These attributes cannot be configured together: \[apig\.access_key,apig\.password\]`},
		"apig access key alone":   {apigBlock(`    access_key = "` + c.APIGAccessKey + `"`), `These attributes must be configured together: \[apig\.access_key,apig\.secret_key\]`},
		"apig secret key alone":   {apigBlock(`    secret_key = "` + c.APIGSecretKey + `"`), `These attributes must be configured together: \[apig\.access_key,apig\.secret_key\]`},
		"apig unknown setting":    {apigBlock(`    user_domain_name = "d"`), `An argument named "user_domain_name" is not expected here`},

		"aws max_retries negative":       {awsBlock(`    max_retries = -1`), `Attribute aws\.max_retries value must be between 0 and 100, got: -1`},
		"authress max_retries too large": {authressBlock(`    max_retries = 101`), `Attribute authress\.max_retries value must be between 0 and 100, got: 101`},
		"apig retry_wait_min not a duration": {apigBlock(akSK + "\n    retry_wait_min = \"fast\""),
			`apig\.retry_wait_min must be a duration such as "250ms", "2s" or "1m", from 1ms to 1h, got "fast"`},
		"aws retry_wait_max too long": {awsBlock(`    retry_wait_max = "2h"`), `aws\.retry_wait_max must be a duration such as .* from 1ms to 1h, got "2h"`},
		"aws retry_wait_min above retry_wait_max": {awsBlock("    retry_wait_min = \"30s\"\n    retry_wait_max = \"10s\""),
			`retry_wait_min is longer than retry_wait_max.*In the aws block the shortest wait before a retry, retry_wait_min \(30s, default 250ms\), must not exceed the longest, retry_wait_max \(10s, default 20s\)`},
		"authress retry_wait_max below the default minimum": {authressBlock(`    retry_wait_max = "100ms"`),
			`retry_wait_min \(250ms, default 250ms\), must not exceed the longest, retry_wait_max \(100ms`},
		"aws max_requests_per_second zero": {awsBlock(`    max_requests_per_second = 0`), `Attribute aws\.max_requests_per_second value must be at least 0\.010000, got: 0`},
		"apig request_burst zero":          {apigBlock(akSK + "\n    request_burst = 0"), `Attribute apig\.request_burst value must be at least 1, got: 0`},

		"authress access key malformed": {authressBlock(`    api_url = "` + u + `"
    access_key = "not-a-key"`), `Authress access key is malformed.*the access key \(from access_key in the authress block\): an Authress service-client access key has four dot-separated parts`},
		"authress api_url over plain http": {authressBlock(`    api_url = "http://login.example.com"
    access_key = "` + c.AuthressAccessKey + `"`), `Plain http refused for http://login\.example\.com.*\(from api_url in the authress block\)`},
		"apig endpoint over plain http": {`provider "appauth" {
  apig {
    endpoint   = "http://apig.example.com"
    project_id = "` + c.APIGProjectID + `"
` + akSK + `
  }
}
data "appauth_apig_environment" "test" {
  instance_id = "` + hex + `"
  name        = "RELEASE"
}`, `Plain http refused for http://apig\.example\.com.*\(from endpoint in the apig block\)`},
	}
	return corpus{configs: configs}
}
