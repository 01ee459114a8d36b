package scenario

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var resourceBlock = regexp.MustCompile(`(?m)^resource "([a-z0-9_]+)" "([a-z0-9_-]+)" \{$`)

func testEnv(apps int) Env {
	env := Env{APIGInstanceID: "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10"}
	for i := range apps {
		env.APIGAppIDs = append(env.APIGAppIDs, strings.Repeat(string(rune('a'+i%6)), 32))
	}
	for i := range 100 {
		env.AWSAccounts = append(env.AWSAccounts, AWSAccount{
			AccessKeyID: fmt.Sprintf("AKIA%016d", i), SecretAccessKey: fmt.Sprintf("secret-%034d", i), AccountID: fmt.Sprintf("1%011d", i),
		})
	}
	return env
}

func TestGenerateCountsEveryResource(t *testing.T) {
	mix, err := SpreadMix(200, FamilyNames())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	exp, err := Generate(&buf, mix, testEnv(APIGAppsNeeded(mix)))
	if err != nil {
		t.Fatal(err)
	}
	blocks := resourceBlock.FindAllStringSubmatch(buf.String(), -1)
	if len(blocks) != exp.TotalResources() {
		t.Fatalf("%d resource blocks, expected.json says %d", len(blocks), exp.TotalResources())
	}
	if exp.TotalResources() < 200 {
		t.Fatalf("asked for about 200 resources, got %d", exp.TotalResources())
	}
	seen := map[string]bool{}
	perType := map[string]int{}
	for _, b := range blocks {
		addr := b[1] + "." + b[2]
		if seen[addr] {
			t.Fatalf("resource %s declared twice", addr)
		}
		seen[addr] = true
		perType[b[1]]++
	}
	slots, _ := appFabricLayout(mix["appfabric"])
	want := map[string]int{
		"appauth_authress_connection":                    mix["authress"],
		"appauth_appfabric_app_bundle":                   slots,
		"appauth_appfabric_app_authorization":            2 * mix["appfabric"],
		"appauth_appfabric_app_authorization_connection": mix["appfabric"],
		"appauth_quicksight_action_connector":            mix["quicksight"],
		"appauth_apig_app_authorization":                 mix["apig"],
	}
	for typ, n := range want {
		if perType[typ] != n {
			t.Errorf("%s: %d blocks, want %d", typ, perType[typ], n)
		}
	}
	if exp.Objects["apig"] != 2*mix["apig"] || exp.Objects["appfabric"] != 2*mix["appfabric"]+slots {
		t.Errorf("objects %v for mix %v", exp.Objects, mix)
	}
	// Half of the Authress connections leave the id to the provider.
	if got := strings.Count(buf.String(), "connection_id      ="); got != (mix["authress"]+1)/2 {
		t.Errorf("%d connections choose their id, want %d", got, (mix["authress"]+1)/2)
	}
}

func TestGenerateAPIGPairsAreUnique(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Generate(&buf, Mix{"apig": 7}, testEnv(4)); err != nil {
		t.Fatal(err)
	}
	pair := regexp.MustCompile(`env_id      = "([^"]+)"\n  app_id      = "([^"]+)"`)
	seen := map[string]bool{}
	for _, m := range pair.FindAllStringSubmatch(buf.String(), -1) {
		if seen[m[1]+m[2]] {
			t.Fatalf("two authorizations for app %s in environment %s", m[2], m[1])
		}
		seen[m[1]+m[2]] = true
	}
	if len(seen) != 7 {
		t.Fatalf("%d pairs, want 7", len(seen))
	}
}

func TestGenerateRefusesTooFewAPIGApps(t *testing.T) {
	if _, err := Generate(&bytes.Buffer{}, Mix{"apig": 5}, testEnv(2)); err == nil {
		t.Fatal("5 APIG authorizations need 3 apps; 2 were accepted")
	}
}

func TestSpreadMixUnknownFamily(t *testing.T) {
	if _, err := SpreadMix(10, []string{"authress", "nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("err = %v", err)
	}
}

func TestGenerateBuiltin(t *testing.T) {
	var buf bytes.Buffer
	if err := GenerateBuiltin(&buf, 12); err != nil {
		t.Fatal(err)
	}
	if n := len(resourceBlock.FindAllString(buf.String(), -1)); n != 12 {
		t.Fatalf("%d terraform_data blocks, want 12", n)
	}
}

var (
	bundleBlock = regexp.MustCompile(`(?m)^resource "appauth_appfabric_app_bundle" "(b\d+)" \{\n(?:  provider = (appauth\.af\d+)\n)?`)
	authzBlock  = regexp.MustCompile(`(?m)^resource "appauth_appfabric_app_authorization" "\w+" \{\n(?:  provider = (appauth\.af\d+)\n)?  app_bundle_arn = appauth_appfabric_app_bundle\.(b\d+)\.arn`)
	aliasBlock  = regexp.MustCompile(`(?m)^provider "appauth" \{\n  alias = "(af\d+)"\n  aws \{\n    region     = "([a-z0-9-]+)"\n    access_key = "(\w+)"`)
)

// Every mix stays within AppFabric's quotas: one bundle per account and Region, at most 50
// authorizations per account and Region, each unit with its bundle's provider configuration; a mix
// of any size spans several accounts and Regions.
func TestGenerateAppFabricWithinQuotas(t *testing.T) {
	for _, units := range []int{1, 2, 17, 84, 700} {
		t.Run(fmt.Sprint(units), func(t *testing.T) {
			env := testEnv(0)
			var buf bytes.Buffer
			exp, err := Generate(&buf, Mix{"appfabric": units}, env)
			if err != nil {
				t.Fatal(err)
			}
			hcl := buf.String()
			scopes := map[string]string{"": "us-east-1 " + env.AWSAccounts[0].AccessKeyID}
			for _, m := range aliasBlock.FindAllStringSubmatch(hcl, -1) {
				scopes["appauth."+m[1]] = m[2] + " " + m[3]
			}
			bundleProvider := map[string]string{}
			seen := map[string]string{}
			for _, m := range bundleBlock.FindAllStringSubmatch(hcl, -1) {
				scope, ok := scopes[m[2]]
				if !ok {
					t.Fatalf("bundle %s uses undeclared provider %q", m[1], m[2])
				}
				if other := seen[scope]; other != "" {
					t.Fatalf("bundles %s and %s share account and Region %s", other, m[1], scope)
				}
				seen[scope], bundleProvider[m[1]] = m[1], m[2]
			}
			perBundle := map[string]int{}
			for _, m := range authzBlock.FindAllStringSubmatch(hcl, -1) {
				if bundleProvider[m[2]] != m[1] {
					t.Fatalf("an authorization of bundle %s uses provider %q, its bundle %q", m[2], m[1], bundleProvider[m[2]])
				}
				perBundle[m[2]]++
			}
			total := 0
			for b, n := range perBundle {
				if n > 50 {
					t.Errorf("bundle %s holds %d authorizations, more than AppFabric allows per account and Region", b, n)
				}
				total += n
			}
			if total != 2*units || len(seen) != exp.Objects["appfabric"]-2*units {
				t.Errorf("%d authorizations in %d bundles; expected.json says %d objects", total, len(seen), exp.Objects["appfabric"])
			}
			if units >= 3 && (len(seen) < 3 || AWSAccountsNeeded(Mix{"appfabric": units}) < 2) {
				t.Errorf("%d units in %d slots over %d accounts: want several accounts and Regions", units, len(seen), AWSAccountsNeeded(Mix{"appfabric": units}))
			}
		})
	}
	if _, err := Generate(&bytes.Buffer{}, Mix{"appfabric": 17}, Env{AWSAccounts: testEnv(0).AWSAccounts[:1]}); err == nil {
		t.Fatal("17 units need 2 accounts; 1 was accepted")
	}
}

// A mix without AppFabric needs no AWS account: one family alone, as the benchmarks generate it,
// needs nothing from the emulator beyond its own family.
func TestGenerateOneFamilyNeedsNoAWSAccount(t *testing.T) {
	for _, name := range []string{"authress", "quicksight", "apig"} {
		mix, err := SpreadMix(10, []string{name})
		if err != nil {
			t.Fatal(err)
		}
		if n := AWSAccountsNeeded(mix); n != 0 {
			t.Errorf("%s alone needs %d AWS accounts, want 0", name, n)
		}
		env := testEnv(APIGAppsNeeded(mix))
		env.AWSAccounts = nil
		var buf bytes.Buffer
		if _, err := Generate(&buf, mix, env); err != nil {
			t.Errorf("%s alone: %v", name, err)
		}
	}
}
