package scenario

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// AWSAccount is an account of the emulator: its access key pair and account id.
type AWSAccount struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key"`
	AccountID       string `json:"account_id"`
}

// EnsureAWSAccounts makes the emulator accept at least n AWS accounts (POST /_emulator/sts/accounts)
// and returns them, the default one first.
func (e *Emulator) EnsureAWSAccounts(ctx context.Context, n int) ([]AWSAccount, error) {
	var out struct {
		Accounts []AWSAccount `json:"accounts"`
	}
	if _, err := e.do(ctx, http.MethodPost, e.URL+"/_emulator/sts/accounts", nil, map[string]int{"count": n}, &out); err != nil {
		return nil, err
	}
	if len(out.Accounts) < n {
		return nil, fmt.Errorf("the emulator offers %d AWS accounts, %d needed", len(out.Accounts), n)
	}
	return out.Accounts, nil
}

// appFabricRegions are the Regions AppFabric exists in.
var appFabricRegions = []string{"us-east-1", "eu-west-1", "ap-northeast-1"}

// AppFabric allows 1 app bundle and 50 app authorizations per account and Region, neither
// adjustable: units go into slots, one per account and Region, each with its own provider
// configuration (an alias; the first slot is the default provider's account and Region) and bundle.
// A unit has 2 authorizations, so a slot holds at most 25 units; there are at least 3 slots, so that
// even a small mix spans two accounts and two Regions.
const (
	appFabricUnitsPerSlot = 25
	appFabricMinSlots     = 3
)

// appFabricLayout is how n units are spread: how many slots, how many units each (the last may
// have fewer).
func appFabricLayout(n int) (slots, perSlot int) {
	slots = max(appFabricMinSlots, (n+appFabricUnitsPerSlot-1)/appFabricUnitsPerSlot)
	slots = min(slots, n)
	if slots == 0 {
		return 0, 0
	}
	perSlot = (n + slots - 1) / slots
	return (n + perSlot - 1) / perSlot, perSlot
}

// appFabricSlot is slot i's account (index into Env.AWSAccounts) and Region. Slots alternate between
// two accounts in a Region, then move to the next Region, then to the next two accounts.
func appFabricSlot(i int) (account int, region string) {
	return 2*(i/(2*len(appFabricRegions))) + i%2, appFabricRegions[(i/2)%len(appFabricRegions)]
}

// AWSAccountsNeeded is how many AWS accounts a mix's AppFabric units spread over (none without AppFabric).
func AWSAccountsNeeded(m Mix) int {
	slots, _ := appFabricLayout(m["appfabric"])
	need := 0
	for i := range slots {
		a, _ := appFabricSlot(i)
		need = max(need, a+1)
	}
	return need
}

// AppFabric: a unit is an API key authorization (connected) and an OAuth2 authorization (left
// pending, as until an administrator approves it), in the bundle of its slot. Objects: both
// authorizations; the connection is the API key authorization's status. Each slot adds its bundle.
var appFabricFamily = Family{
	Name: "appfabric", UnitResources: 3, UnitObjects: 2,
	shared: func(n int) (resources, objects int) {
		slots, _ := appFabricLayout(n)
		return slots, slots
	},
	write: func(w io.Writer, i, n int, env Env) error {
		_, perSlot := appFabricLayout(n)
		slot := i / perSlot
		if i%perSlot == 0 {
			if err := writeAppFabricSlot(w, slot, env); err != nil {
				return err
			}
		}
		provider := ""
		if slot > 0 {
			provider = fmt.Sprintf("  provider = appauth.af%02d\n", slot)
		}
		_, err := fmt.Fprintf(w, `
resource "appauth_appfabric_app_authorization" "zoom%04[1]d" {
%[4]s  app_bundle_arn = appauth_appfabric_app_bundle.b%02[5]d.arn
  app            = "ZOOM"
  auth_type      = "apiKey"

  tenant = {
    tenant_identifier   = "zoom-%04[1]d"
    tenant_display_name = "Zoom %04[1]d"
  }

  credential = {
    api_key = {
      api_key_wo = "zoom-key-%04[1]d"
    }
  }
  credential_wo_version = 1

  tags = {
    %[2]s = %[3]q
  }
}

resource "appauth_appfabric_app_authorization_connection" "zoom%04[1]d" {
%[4]s  app_authorization_arn = appauth_appfabric_app_authorization.zoom%04[1]d.arn
}

resource "appauth_appfabric_app_authorization" "slack%04[1]d" {
%[4]s  app_bundle_arn = appauth_appfabric_app_bundle.b%02[5]d.arn
  app            = "SLACK"
  auth_type      = "oauth2"

  tenant = {
    tenant_identifier   = "T%08[1]d"
    tenant_display_name = "Slack %04[1]d"
  }

  credential = {
    oauth2 = {
      client_id        = "slack-client-%04[1]d"
      client_secret_wo = "slack-secret-%04[1]d"
    }
  }
  credential_wo_version = 1

  tags = {
    %[2]s = %[3]q
  }
}
`, i, TagKey, unitName("appfabric", i), provider, slot)
		return err
	},
}

// writeAppFabricSlot declares slot's provider configuration (except the first slot's: the default
// one) and bundle.
func writeAppFabricSlot(w io.Writer, slot int, env Env) error {
	account, region := appFabricSlot(slot)
	provider := ""
	if slot > 0 {
		a := env.AWSAccounts[account]
		if _, err := fmt.Fprintf(w, `
# AppFabric slot %[1]d: account %[4]s in %[2]s.
provider "appauth" {
  alias = "af%02[1]d"
  aws {
    region     = %[2]q
    access_key = %[3]q
    secret_key = %[5]q
    account_id = %[4]q
  }
}
`, slot, region, a.AccessKeyID, a.AccountID, a.SecretAccessKey); err != nil {
			return err
		}
		provider = fmt.Sprintf("  provider = appauth.af%02d\n\n", slot)
	}
	_, err := fmt.Fprintf(w, `
resource "appauth_appfabric_app_bundle" "b%02[1]d" {
%[2]s  tags = {
    %[3]s = %[4]q
  }
}
`, slot, provider, TagKey, unitName("appfabric-bundle", slot))
	return err
}
