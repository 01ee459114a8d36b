package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestResultsAndUnrun(t *testing.T) {
	t.Parallel()
	const tf115 = `{"Action":"run","Package":"x/p","Test":"TestIdentity"}
{"Action":"pass","Package":"x/p","Test":"TestIdentity"}
{"Action":"skip","Package":"x/p","Test":"TestQuery"}
{"Action":"output","Package":"x/p","Test":"TestBroken","Output":"boom\n"}
{"Action":"fail","Package":"x/p","Test":"TestBroken"}
{"Action":"pass","Package":"x/p","Test":"TestBroken/sub"}
{"Action":"skip","Package":"x/p","Test":"TestNowhere"}
{"Action":"fail","Package":"x/p"}
`
	const tofu = `{"Action":"skip","Package":"x/p","Test":"TestIdentity"}
{"Action":"pass","Package":"x/p","Test":"TestQuery"}
{"Action":"skip","Package":"x/p","Test":"TestNowhere"}
`
	first, logs, err := results(strings.NewReader(tf115))
	if err != nil {
		t.Fatal(err)
	}
	want := outcome{"x/p TestIdentity": "pass", "x/p TestQuery": "skip", "x/p TestBroken": "fail", "x/p TestBroken/sub": "pass",
		"x/p TestNowhere": "skip", "x/p (package)": "fail"}
	if !reflect.DeepEqual(first, want) {
		t.Fatalf("results = %v, want %v", first, want)
	}
	if got := strings.Join(logs["x/p TestBroken"], ""); got != "boom\n" {
		t.Fatalf("failure output = %q", got)
	}
	top, sub := counts(first)
	if top["pass"] != 1 || top["fail"] != 2 || top["skip"] != 2 || sub["pass"] != 1 {
		t.Fatalf("counts = %v, %v", top, sub)
	}
	second, _, err := results(strings.NewReader(tofu))
	if err != nil {
		t.Fatal(err)
	}
	if got := unrun([]outcome{first, second}); !reflect.DeepEqual(got, []string{"x/p TestNowhere"}) {
		t.Fatalf("unrun = %v, want only the test skipped on both legs", got)
	}
}
