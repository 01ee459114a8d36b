package apig

import (
	"slices"
	"testing"
)

func TestChangesFor(t *testing.T) {
	t.Parallel()
	bound := map[string]AuthInfo{"mine": {}, "theirs": {}, "drop": {}}
	testCases := map[string]struct {
		owned, want               []string
		remove, add, foreignWants []string
	}{
		"create, nothing bound yet":              {nil, []string{"new"}, nil, []string{"new"}, nil},
		"create over someone else's":             {nil, []string{"new", "theirs"}, nil, []string{"new"}, []string{"theirs"}},
		"update keeps, removes and adds":         {[]string{"mine", "drop"}, []string{"mine", "new"}, []string{"drop"}, []string{"new"}, nil},
		"update never claims someone else's":     {[]string{"mine"}, []string{"mine", "theirs"}, nil, nil, []string{"theirs"}},
		"an owned API lost to drift is re-added": {nil, []string{"lost"}, nil, []string{"lost"}, nil},
	}
	for name, tc := range testCases {
		got := changesFor(tc.owned, tc.want, bound)
		if !slices.Equal(got.remove, tc.remove) || !slices.Equal(got.add, tc.add) || !slices.Equal(got.foreign, tc.foreignWants) {
			t.Errorf("%s: %+v, want remove %v add %v foreign %v", name, got, tc.remove, tc.add, tc.foreignWants)
		}
	}
}

func TestOwnedNow(t *testing.T) {
	t.Parallel()
	bound := map[string]AuthInfo{"a": {}, "b": {}, "p": {}}
	// "c" is no longer bound (drift); "p" is pending: its authorization failed, so the record bound
	// now is someone else's.
	if got := ownedNow([]string{"a", "b", "c", "p"}, []string{"p"}, bound); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("owned %v, want [a b]", got)
	}
}

func TestSplitResults(t *testing.T) {
	t.Parallel()
	rels := []AuthRelation{
		{APIID: "ok", AuthResult: AuthResult{Status: AuthSuccess}},
		{APIID: "again", AuthResult: AuthResult{Status: AuthSkipped}},
		{APIID: "no", AuthResult: AuthResult{Status: AuthFailed, ErrorCode: "APIG.3015"}},
	}
	granted, refused := splitResults(rels)
	if !slices.Equal(granted, []string{"ok", "again"}) || len(refused) != 1 || refused[0].APIID != "no" {
		t.Errorf("granted %v refused %+v", granted, refused)
	}
	after := boundAfter(map[string]AuthInfo{"x": {}, "gone": {}}, []string{"gone"}, granted)
	slices.Sort(after)
	if !slices.Equal(after, []string{"again", "ok", "x"}) {
		t.Errorf("bound after %v", after)
	}
}
