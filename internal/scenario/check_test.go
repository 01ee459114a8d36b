package scenario

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	tArn    = "arn:aws:appfabric:us-east-1:111122223333:appbundle/b1"
	tAuthZ  = tArn + "/appauthorization/z1"
	tInst   = "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10"
	tEnv    = "DEFAULT_ENVIRONMENT_RELEASE_ID"
	tApp    = "aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa"
	tAPI1   = "11111111111141118111111111111111"
	tAPI2   = "22222222222242228222222222222222"
	tFixApp = "bbbbbbbbbbbb4bbb8bbbbbbbbbbbbbbb"
)

func tfShow(resources ...map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"values": map[string]any{"root_module": map[string]any{"resources": resources}}})
	return b
}

func res(typ, name string, values map[string]any) map[string]any {
	return map[string]any{"address": typ + "." + name, "mode": "managed", "type": typ, "name": name, "values": values}
}

// goodPair is a Terraform state and an emulator state that match: one
// resource of every type.
func goodPair() ([]map[string]any, map[string]any) {
	tf := []map[string]any{
		res("appauth_authress_connection", "a", map[string]any{"id": "c1", "connection_id": "c1"}),
		res("appauth_appfabric_app_bundle", "b", map[string]any{"id": tArn, "arn": tArn}),
		res("appauth_appfabric_app_authorization", "z", map[string]any{"id": tAuthZ, "arn": tAuthZ}),
		res("appauth_appfabric_app_authorization_connection", "z", map[string]any{"id": tAuthZ, "app_authorization_arn": tAuthZ}),
		res("appauth_quicksight_action_connector", "q", map[string]any{"id": "111122223333,q1"}),
		res("appauth_apig_app_authorization", "g", map[string]any{"instance_id": tInst, "env_id": tEnv, "app_id": tApp, "api_ids": []any{tAPI1, tAPI2}}),
		// Data sources are not resources.
		{"address": "data.appauth_apig_app.x", "mode": "data", "type": "appauth_apig_app", "values": map[string]any{}},
	}
	emu := map[string]any{
		"authress": map[string]any{"connections": map[string]any{"c1": map[string]any{"tags": map[string]any{TagKey: "authress-0000"}}}},
		"appfabric": map[string]any{
			"appBundles":        map[string]any{tArn: map[string]any{"tags": map[string]any{TagKey: "appfabric-0000"}}},
			"appAuthorizations": map[string]any{tAuthZ: map[string]any{"app": "ZOOM", "status": "Connected", "tags": map[string]any{TagKey: "appfabric-0000"}}},
		},
		"quicksight": map[string]any{"action_connectors": map[string]any{"111122223333/q1": map[string]any{
			"Status": "CREATION_SUCCESSFUL", "Tags": []any{map[string]any{"Key": TagKey, "Value": "quicksight-0000"}},
		}}},
		"apig": map[string]any{"instances": map[string]any{tInst: map[string]any{
			// Fixture apps and APIs are not provider objects.
			"apps": map[string]any{tFixApp: map[string]any{"id": tFixApp}},
			"auths": map[string]any{
				"x1": map[string]any{"app_id": tApp, "api_id": tAPI1, "env_id": tEnv},
				"x2": map[string]any{"app_id": tApp, "api_id": tAPI2, "env_id": tEnv},
			},
		}}},
	}
	return tf, emu
}

func runCheck(t *testing.T, tf []map[string]any, emu map[string]any) Report {
	t.Helper()
	raw, _ := json.Marshal(emu)
	rep, err := Check(tfShow(tf...), raw)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestCheckMatching(t *testing.T) {
	tf, emu := goodPair()
	rep := runCheck(t, tf, emu)
	if !rep.OK() {
		t.Fatalf("report not OK: %+v", rep)
	}
	want := map[string]int{"authress": 1, "appfabric": 3, "quicksight": 1, "apig": 1}
	for f, n := range want {
		if rep.Resources[f] != n {
			t.Errorf("%s resources = %d, want %d", f, rep.Resources[f], n)
		}
	}
	rep.Compare(&Expected{
		Resources: want,
		Objects:   map[string]int{"authress": 1, "appfabric": 2, "quicksight": 1, "apig": 2},
	})
	if !rep.OK() {
		t.Fatalf("expected counts not met: %v", rep.Problems)
	}
	rep.Compare(&Expected{Resources: map[string]int{"authress": 2}})
	if rep.OK() {
		t.Fatal("a count mismatch was not reported")
	}
}

func TestCheckFindsDuplicatesOrphansAndMissing(t *testing.T) {
	tf, emu := goodPair()
	af := emu["appfabric"].(map[string]any)
	conns := emu["authress"].(map[string]any)["connections"].(map[string]any)
	// A second connection carrying the same unit tag: a create whose answer was lost, created again.
	conns["con_dup"] = map[string]any{"tags": map[string]any{TagKey: "authress-0000"}}
	// An untagged connection nobody owns.
	conns["stray"] = map[string]any{}
	// The same APIG binding twice.
	emu["apig"].(map[string]any)["instances"].(map[string]any)[tInst].(map[string]any)["auths"].(map[string]any)["x3"] =
		map[string]any{"app_id": tApp, "api_id": tAPI1, "env_id": tEnv}
	// The connection never happened.
	af["appAuthorizations"].(map[string]any)[tAuthZ].(map[string]any)["status"] = "PendingConnect"
	// The QuickSight connector is gone.
	delete(emu["quicksight"].(map[string]any)["action_connectors"].(map[string]any), "111122223333/q1")

	rep := runCheck(t, tf, emu)
	if rep.OK() {
		t.Fatal("report OK")
	}
	if len(rep.Duplicates) != 2 || !strings.Contains(strings.Join(rep.Duplicates, " "), "con_dup") {
		t.Errorf("duplicates = %v", rep.Duplicates)
	}
	if len(rep.Orphans) != 1 || !strings.Contains(rep.Orphans[0], "stray") {
		t.Errorf("orphans = %v", rep.Orphans)
	}
	if len(rep.Missing) != 1 || !strings.Contains(rep.Missing[0], "q1") {
		t.Errorf("missing = %v", rep.Missing)
	}
	if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0], "PendingConnect") {
		t.Errorf("problems = %v", rep.Problems)
	}
}

func TestCheckEmpty(t *testing.T) {
	_, emu := goodPair()
	rep := runCheck(t, nil, emu)
	if rep.OK() || len(rep.Orphans) != 6 {
		t.Fatalf("left-over objects after destroy not reported as orphans: %+v", rep)
	}
	rep, err := Check([]byte(`{"format_version":"1.0"}`), []byte(`{"apig":{"instances":{}},"iam":{"tokens":{}}}`))
	if err != nil || !rep.OK() {
		t.Fatalf("empty state: %+v, %v", rep, err)
	}
}
