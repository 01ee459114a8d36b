// Package acctest is the shared acceptance-test harness: the real terraform binary drives the
// provider in-process against an emulator started for each test on 127.0.0.1.
package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

func init() {
	// Tests reach 127.0.0.1 only: the AWS SDK's credential chain would otherwise probe the
	// instance-metadata address, and terraform would ask HashiCorp's checkpoint service for updates.
	for name, value := range map[string]string{"AWS_EC2_METADATA_DISABLED": "true", "CHECKPOINT_DISABLE": "1"} {
		if err := os.Setenv(name, value); err != nil {
			panic(err)
		}
	}
}

// ProtoV6ProviderFactories serves the provider in the test process.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"appauth": provider.NewServer("test"),
}

// ProtoV6ProviderFactoriesWithEcho adds the echo provider, which stores an ephemeral value in state
// so tests can inspect it.
var ProtoV6ProviderFactoriesWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"appauth": provider.NewServer("test"),
	"echo":    echoprovider.NewProviderServer(),
}

var terraformVersion = regexp.MustCompile(`(?:Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

// PreCheck fails the test, never skips it, when the terraform binary the tests need is missing or too
// old: write-only attributes need Terraform 1.11 or OpenTofu 1.11.
func PreCheck(t *testing.T) {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Fatal("terraform 1.11 or later must be on PATH (or named by TF_ACC_TERRAFORM_PATH) to run acceptance tests")
		}
		bin = p
	}
	if major, minor := cliVersion(t, bin); major < 1 || (major == 1 && minor < 11) {
		t.Fatalf("terraform %d.%d found at %s; 1.11 or later is required", major, minor, bin)
	}
}

// cliVersion is the major and minor version that bin (Terraform or OpenTofu) reports; the test
// fails when bin cannot run or tell.
func cliVersion(t *testing.T, bin string) (major, minor int) {
	t.Helper()
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("running %s version: %v", bin, err)
	}
	m := terraformVersion.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("cannot read the version of %s from %q", bin, out)
	}
	major, _ = strconv.Atoi(m[1])
	minor, _ = strconv.Atoi(m[2])
	return major, minor
}

// StartEmulator starts an emulator on a free loopback port for the duration of the test.
func StartEmulator(t *testing.T, opts emulator.Options) *core.Server {
	t.Helper()
	srv := emulator.New(opts)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// ProviderConfig is a provider block pointing every family at srv with its credentials: the aws
// block, whose credentials the emulator's core holds, with an endpoint for every AWS service, then
// the block of every family that has one of its own (core.ProviderBlockContributor).
func ProviderConfig(srv *core.Server) string {
	c := srv.Credentials()
	var endpoints strings.Builder
	for _, e := range awsclient.EndpointServices {
		fmt.Fprintf(&endpoints, "      %s = %q\n", e.Service, srv.URL())
	}
	return fmt.Sprintf(`
provider "appauth" {
  aws {
    region     = %q
    access_key = %q
    secret_key = %q
    account_id = %q
    endpoints {
%s    }
  }
%s}
`, c.AWSRegion, c.AWSAccessKeyID, c.AWSSecretAccessKey, c.AWSAccountID, endpoints.String(), strings.Join(srv.ProviderBlocks(), ""))
}

// Config joins the provider block with the given configuration.
func Config(srv *core.Server, parts ...string) string {
	return ProviderConfig(srv) + strings.Join(parts, "\n")
}

// ExpectNoRequests fails the test when srv received any API request, e.g. after steps whose bad
// configuration must be rejected at plan time.
func ExpectNoRequests(t *testing.T, srv *core.Server) {
	t.Helper()
	if n := srv.Stats().Total(); n != 0 {
		t.Errorf("the emulator received %d requests; invalid configuration must be rejected before any API call", n)
	}
}
