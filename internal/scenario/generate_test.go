package scenario

import (
	"bytes"
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
	want := map[string]int{
		"appauth_authress_connection":                    mix["authress"],
		"appauth_appfabric_app_bundle":                   mix["appfabric"],
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
	if exp.Objects["apig"] != 2*mix["apig"] || exp.Objects["appfabric"] != 3*mix["appfabric"] {
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
