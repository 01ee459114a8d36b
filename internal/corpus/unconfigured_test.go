package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

// perFamily is how many objects of each family the unconfigured configuration plans.
const perFamily = 50

// unconfigured points every family at the emulator without the rest of what it needs: AWS without a
// region or credentials, Authress without an access key, APIG without a project or credentials. So any
// request the provider made would reach the emulator.
const unconfigured = `
terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}

provider "appauth" {
  aws {
    endpoints {
      appfabric  = %[1]q
      quicksight = %[1]q
      sts        = %[1]q
    }
  }
  authress {
    api_url = %[1]q
  }
  apig {
    endpoint = %[1]q
  }
}

resource "appauth_appfabric_app_bundle" "b" {
  count = %[2]d
}

resource "appauth_quicksight_action_connector" "c" {
  count               = %[2]d
  action_connector_id = "c-${count.index}"
  name                = "Connector ${count.index}"
  type                = "GENERIC_HTTP"
  authentication_config = {
    authentication_type = "NONE"
    none                = { base_endpoint = "https://api.example.com" }
  }
}

resource "appauth_authress_connection" "a" {
  count              = %[2]d
  authentication_url = "https://idp.example.com/authorize"
}

resource "appauth_apig_app_authorization" "g" {
  count       = %[2]d
  instance_id = "0123456789abcdef0123456789abcdef"
  env_id      = "DEFAULT_ENVIRONMENT_RELEASE_ID"
  app_id      = "0123456789abcdef0123456789abcdef"
  api_ids     = ["0123456789abcdef0123456789abcdef"]
}
`

// lateKey gives Authress an access key that is unknown at plan and empty at apply.
const lateKey = `
terraform {
  required_providers {
    appauth = { source = "appauth/appauth" }
  }
}

resource "terraform_data" "key" {
  input = ""
}

provider "appauth" {
  authress {
    api_url    = %[1]q
    access_key = terraform_data.key.output
  }
}

resource "appauth_authress_connection" "a" {
  count              = %[2]d
  authentication_url = "https://idp.example.com/authorize"
}
`

// TestUnconfiguredFamilies plans many objects of every family with settings that cannot work: the plan
// fails with one diagnostic per family, naming the block and the environment variables, and no
// request reaches the emulator. Settings that are only known at apply still fail every object they
// affect, since each one is left unchanged.
func TestUnconfiguredFamilies(t *testing.T) {
	acctest.PreCheck(t)
	cliConfig := acctest.DevOverridesConfig(t, acctest.ProviderBinary(t))
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 78, APIGFixtures: true})
	cli := func(t *testing.T, config string) *acctest.CLI {
		dir := t.TempDir()
		must(t, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600))
		// A bare environment: no AWS, Authress or APIG variables, and empty AWS shared files.
		empty := filepath.Join(dir, "empty")
		must(t, os.WriteFile(empty, nil, 0o600))
		return &acctest.CLI{T: t, Dir: dir, Env: []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + cliConfig, "TF_IN_AUTOMATION=1",
			"CHECKPOINT_DISABLE=1", "AWS_EC2_METADATA_DISABLED=true", "AWS_CONFIG_FILE=" + empty, "AWS_SHARED_CREDENTIALS_FILE=" + empty,
		}}
	}

	t.Run("plan", func(t *testing.T) {
		_, stderr, err := cli(t, fmt.Sprintf(unconfigured, srv.URL(), perFamily)).Run("plan", "-input=false", "-no-color")
		if err == nil {
			t.Fatal("the plan succeeded")
		}
		for title, detail := range map[string]string{
			"AppFabric":  "AWS_ENDPOINT_URL_APPFABRIC",
			"QuickSight": "AWS_ENDPOINT_URL_QUICKSIGHT",
			"Authress":   "AUTHRESS_KEY",
			"APIG":       "OS_APIG_ENDPOINT",
		} {
			summary := []byte("Error: " + title + " is not configured")
			if n := bytes.Count(stderr, summary); n != 1 {
				t.Errorf("%q appears %d times, want once for %d objects", summary, n, perFamily)
			}
			if !bytes.Contains(stderr, []byte(detail)) {
				t.Errorf("the errors do not name %s", detail)
			}
		}
		if n := bytes.Count(stderr, []byte("Error: ")); n != 4 {
			t.Errorf("%d errors, want 4 (one per family):\n%s", n, stderr)
		}
		if n := srv.Stats().Total(); n != 0 {
			t.Errorf("the emulator received %d requests, want none", n)
		}
	})

	t.Run("known at apply", func(t *testing.T) {
		const n = 3
		_, stderr, err := cli(t, fmt.Sprintf(lateKey, srv.URL(), n)).Run("apply", "-input=false", "-no-color", "-auto-approve")
		if err == nil {
			t.Fatal("the apply succeeded")
		}
		if got := bytes.Count(stderr, []byte("Error: Authress is not configured")); got != n {
			t.Errorf("%d errors, want one for each of the %d connections:\n%s", got, n, stderr)
		}
		if got := srv.Stats().Total(); got != 0 {
			t.Errorf("the emulator received %d requests, want none", got)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
