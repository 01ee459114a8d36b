package scenario

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// TagKey is the tag every generated taggable object carries; its value names
// the unit ("authress-0007") so duplicates can be recognised in the emulator.
const TagKey = "scenario"

// Fixture ids of the emulator's APIG gateway (appauth-emulator -apig-fixtures)
// used by generated APIG authorizations: both APIs are published in both
// environments and use app authentication.
const (
	apigReleaseEnv = "DEFAULT_ENVIRONMENT_RELEASE_ID"
	apigDevEnv     = "e1d2c3b4a5964f7e8d9c0b1a2f3e4d5c"
	apigListOrders = "11111111111141118111111111111111"
	apigGetOrder   = "22222222222242228222222222222222"
)

// Env is what a configuration needs from the emulator it will run against.
type Env struct {
	// APIGInstanceID is the gateway of generated APIG authorizations.
	APIGInstanceID string
	// APIGAppIDs are the apps to authorize, two authorizations (one per
	// environment) per app; see APIGAppsNeeded.
	APIGAppIDs []string
	// AWSAccounts are the accounts AppFabric units spread over, the default
	// one first; see AWSAccountsNeeded.
	AWSAccounts []AWSAccount
}

// Family describes how one family's resources are generated and counted.
type Family struct {
	// Name is the emulator family name, also used on the command line.
	Name string
	// UnitResources is how many Terraform resources one unit declares.
	UnitResources int
	// UnitObjects is how many emulator objects one applied unit leaves.
	UnitObjects int
	// shared, when set, is what n units need beside themselves (resources and
	// emulator objects), e.g. the containers they go in.
	shared func(n int) (resources, objects int)
	// write appends unit i of n, with whatever it shares with the units after
	// it when it is the first to need it.
	write func(w io.Writer, i, n int, env Env) error
}

// totals is what n units of f declare and leave.
func (f Family) totals(n int) (resources, objects int) {
	resources, objects = n*f.UnitResources, n*f.UnitObjects
	if f.shared != nil && n > 0 {
		r, o := f.shared(n)
		resources, objects = resources+r, objects+o
	}
	return resources, objects
}

// Families lists every family the generator knows, in output order.
func Families() []Family {
	return []Family{authressFamily, appFabricFamily, quickSightFamily, apigFamily}
}

// FamilyByName returns the family called name.
func FamilyByName(name string) (Family, bool) {
	i := slices.IndexFunc(Families(), func(f Family) bool { return f.Name == name })
	if i < 0 {
		return Family{}, false
	}
	return Families()[i], true
}

// Mix is how many units of each family a configuration holds.
type Mix map[string]int

// SpreadMix divides about total resources evenly across the named families,
// rounding each family up to whole units.
func SpreadMix(total int, names []string) (Mix, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("no families")
	}
	m := Mix{}
	per := (total + len(names) - 1) / len(names)
	for _, n := range names {
		f, ok := FamilyByName(n)
		if !ok {
			return nil, fmt.Errorf("unknown family %q (known: %s)", n, strings.Join(FamilyNames(), ", "))
		}
		m[n] = (per + f.UnitResources - 1) / f.UnitResources
	}
	return m, nil
}

// FamilyNames lists the names of Families.
func FamilyNames() []string {
	var out []string
	for _, f := range Families() {
		out = append(out, f.Name)
	}
	return out
}

// Expected is what applying a configuration must produce.
type Expected struct {
	// Resources is the number of managed resources, per family.
	Resources map[string]int `json:"resources"`
	// Objects is the number of emulator objects, per family.
	Objects map[string]int `json:"objects"`
}

// TotalResources sums Resources.
func (e Expected) TotalResources() int { return sum(e.Resources) }

// TotalObjects sums Objects.
func (e Expected) TotalObjects() int { return sum(e.Objects) }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// APIGAppsNeeded is the number of APIG apps a mix authorizes.
func APIGAppsNeeded(m Mix) int { return (m["apig"] + 1) / 2 }

// Generate writes a complete root module (terraform block, empty provider
// block configured from the emulator's environment, every unit of the mix)
// and returns what applying it must produce.
func Generate(w io.Writer, m Mix, env Env) (Expected, error) {
	exp := Expected{Resources: map[string]int{}, Objects: map[string]int{}}
	if n := APIGAppsNeeded(m); n > len(env.APIGAppIDs) {
		return exp, fmt.Errorf("the mix authorizes %d APIG apps, only %d given", n, len(env.APIGAppIDs))
	}
	if m["apig"] > 0 && env.APIGInstanceID == "" {
		return exp, fmt.Errorf("APIG authorizations need the gateway instance id")
	}
	if n := AWSAccountsNeeded(m); n > len(env.AWSAccounts) {
		return exp, fmt.Errorf("the mix spreads AppFabric over %d AWS accounts, only %d given", n, len(env.AWSAccounts))
	}
	if _, err := io.WriteString(w, header); err != nil {
		return exp, err
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, ok := FamilyByName(n)
		if !ok {
			return exp, fmt.Errorf("unknown family %q", n)
		}
		for i := range m[n] {
			if err := f.write(w, i, m[n], env); err != nil {
				return exp, err
			}
		}
		if m[n] > 0 {
			exp.Resources[n], exp.Objects[n] = f.totals(m[n])
		}
	}
	return exp, nil
}

// GenerateBuiltin writes n terraform_data resources: the baseline that pays
// no provider round trips.
func GenerateBuiltin(w io.Writer, n int) error {
	if _, err := io.WriteString(w, "terraform {\n  required_version = \">= 1.11\"\n}\n"); err != nil {
		return err
	}
	for i := range n {
		if _, err := fmt.Fprintf(w, "\nresource \"terraform_data\" \"d%04d\" {\n  input = {\n    name = \"data-%04d\"\n    tags = { %s = \"data-%04d\" }\n  }\n}\n", i, i, TagKey, i); err != nil {
			return err
		}
	}
	return nil
}

const header = `# Generated by appauth-scenario. Every family is configured from the
# environment the emulator prints (appauth-emulator -print-env).
terraform {
  required_version = ">= 1.11"
  required_providers {
    appauth = {
      source = "appauth/appauth"
    }
  }
}

provider "appauth" {}
`

// unitName is the resource name and tag value of unit i of a family.
func unitName(prefix string, i int) string { return fmt.Sprintf("%s-%04d", prefix, i) }

// Authress: one OAuth2 connection per unit. Even units choose their
// connection_id; odd units leave it to the provider, which must still not
// duplicate a connection whose create answer was lost.
var authressFamily = Family{
	Name: "authress", UnitResources: 1, UnitObjects: 1,
	write: func(w io.Writer, i, _ int, _ Env) error {
		name := unitName("authress", i)
		id := ""
		if i%2 == 0 {
			id = fmt.Sprintf("  connection_id      = %q\n", "scn-"+name)
		}
		_, err := fmt.Fprintf(w, `
resource "appauth_authress_connection" "a%04d" {
%s  authentication_url = "https://idp%04d.example.com/oauth2/authorize"
  token_url          = "https://idp%04d.example.com/oauth2/token"
  issuer_url         = "https://idp%04d.example.com"
  client_id          = "client-%04d"

  client_secret_wo         = "secret-%04d"
  client_secret_wo_version = 1

  data = {
    name = "Scenario %s"
  }

  tags = {
    %s = %q
  }
}
`, i, id, i, i, i, i, i, name, TagKey, name)
		return err
	},
}

// QuickSight: one action connector per unit, cycling through five
// authentication types, each with permissions and tags.
var quickSightFamily = Family{
	Name: "quicksight", UnitResources: 1, UnitObjects: 1,
	write: func(w io.Writer, i, _ int, _ Env) error {
		name := unitName("quicksight", i)
		typ := "GENERIC_HTTP"
		var auth string
		secrets := ""
		switch i % 5 {
		case 0:
			auth = fmt.Sprintf(`    authentication_type = "NONE"
    none = {
      base_endpoint = "https://svc%04d.example.com/api"
    }`, i)
		case 1:
			auth = fmt.Sprintf(`    authentication_type = "API_KEY"
    api_key = {
      base_endpoint = "https://svc%04d.example.com/api"
      api_key_wo    = "key-%04d"
      email         = "bot%04d@example.com"
    }`, i, i, i)
			secrets = "  authentication_config_wo_version = 1\n"
		case 2:
			auth = fmt.Sprintf(`    authentication_type = "BASIC"
    basic = {
      base_endpoint = "https://svc%04d.example.com/api"
      username      = "bot%04d"
      password      = "password-%04d"
    }`, i, i, i)
		case 3:
			auth = fmt.Sprintf(`    authentication_type = "OAUTH2_CLIENT_CREDENTIALS"
    client_credentials_grant = {
      base_endpoint    = "https://svc%04d.example.com/api"
      client_id        = "client-%04d"
      client_secret_wo = "secret-%04d"
      token_endpoint   = "https://svc%04d.example.com/oauth/token"
    }`, i, i, i, i)
			secrets = "  authentication_config_wo_version = 1\n"
		default:
			typ = "AMAZON_S3"
			auth = fmt.Sprintf(`    authentication_type = "IAM"
    iam = {
      role_arn = "arn:aws:iam::123456789012:role/scenario-%04d"
    }`, i)
		}
		_, err := fmt.Fprintf(w, `
resource "appauth_quicksight_action_connector" "q%04d" {
  action_connector_id = %q
  name                = "Scenario %04d"
  type                = %q

  authentication_config = {
%s
  }
%s
  permissions = [
    {
      principal = "arn:aws:quicksight:us-east-1:123456789012:user/default/admin"
      actions = [
        "quicksight:DescribeActionConnector",
        "quicksight:UpdateActionConnector",
        "quicksight:DeleteActionConnector",
        "quicksight:UpdateActionConnectorPermissions",
      ]
    },
    {
      principal = "arn:aws:quicksight:us-east-1:123456789012:group/default/readers"
      actions   = ["quicksight:DescribeActionConnector"]
    },
  ]

  tags = {
    %s = %q
  }
}
`, i, "scn-"+name, i, typ, auth, secrets, TagKey, name)
		return err
	},
}

// APIG: unit i authorizes app i/2 for two fixture APIs in the RELEASE (even
// i) or DEV (odd i) environment, so no two resources share an (app,
// environment) pair. Objects: one authorization per (app, API, environment).
var apigFamily = Family{
	Name: "apig", UnitResources: 1, UnitObjects: 2,
	write: func(w io.Writer, i, _ int, env Env) error {
		envID := apigReleaseEnv
		if i%2 == 1 {
			envID = apigDevEnv
		}
		_, err := fmt.Fprintf(w, `
resource "appauth_apig_app_authorization" "g%04d" {
  instance_id = %q
  env_id      = %q
  app_id      = %q
  api_ids     = [%q, %q]
}
`, i, env.APIGInstanceID, envID, env.APIGAppIDs[i/2], apigListOrders, apigGetOrder)
		return err
	},
}
