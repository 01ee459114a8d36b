package tags

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func mapOf(kv ...string) types.Map {
	elems := map[string]attr.Value{}
	for i := 0; i < len(kv); i += 2 {
		elems[kv[i]] = types.StringValue(kv[i+1])
	}
	return types.MapValueMust(types.StringType, elems)
}

var (
	null    = types.MapNull(types.StringType)
	unknown = types.MapUnknown(types.StringType)
	empty   = mapOf()
)

func TestFlatten(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		remote map[string]string
		prior  types.Map
		want   types.Map
	}{
		"none, configured null":      {nil, null, null},
		"none, configured empty":     {map[string]string{}, empty, empty},
		"none, prior unknown":        {nil, unknown, null},
		"removed outside":            {nil, mapOf("a", "1"), empty},
		"some, prior null":           {map[string]string{"a": "1"}, null, mapOf("a", "1")},
		"some, prior empty":          {map[string]string{"a": "1"}, empty, mapOf("a", "1")},
		"some, prior other values":   {map[string]string{"a": "2"}, mapOf("a", "1"), mapOf("a", "2")},
		"empty value kept":           {map[string]string{"a": ""}, null, mapOf("a", "")},
		"some, prior unknown (plan)": {map[string]string{"a": "1"}, unknown, mapOf("a", "1")},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			got := Flatten(context.Background(), tc.remote, tc.prior, &diags)
			if diags.HasError() || !got.Equal(tc.want) {
				t.Fatalf("Flatten = %v (%v), want %v", got, diags, tc.want)
			}
		})
	}
}

func TestFlattenComputed(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	if got := FlattenComputed(context.Background(), nil, &diags); !got.Equal(empty) {
		t.Fatalf("no tags = %v, want {}", got)
	}
	if got := FlattenComputed(context.Background(), map[string]string{"a": "1"}, &diags); !got.Equal(mapOf("a", "1")) {
		t.Fatalf("got %v", got)
	}
}

func TestExpand(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		in   types.Map
		want map[string]string
	}{
		"null":    {null, nil},
		"unknown": {unknown, nil},
		"empty":   {empty, map[string]string{}},
		"values":  {mapOf("a", "1", "b", ""), map[string]string{"a": "1", "b": ""}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			if got := Expand(context.Background(), tc.in, &diags); diags.HasError() || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Expand = %#v (%v), want %#v", got, diags, tc.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		have, want map[string]string
		wantSet    map[string]string
		wantRemove []string
	}{
		"nothing to nothing":    {nil, map[string]string{}, map[string]string{}, nil},
		"equal sends nothing":   {map[string]string{"a": "1"}, map[string]string{"a": "1"}, map[string]string{}, nil},
		"add":                   {nil, map[string]string{"a": "1"}, map[string]string{"a": "1"}, nil},
		"change and remove":     {map[string]string{"a": "1", "b": "2", "c": "3"}, map[string]string{"b": "3"}, map[string]string{"b": "3"}, []string{"a", "c"}},
		"value emptied":         {map[string]string{"a": "1"}, map[string]string{"a": ""}, map[string]string{"a": ""}, nil},
		"all removed, sorted":   {map[string]string{"z": "", "m": "", "a": ""}, nil, map[string]string{}, []string{"a", "m", "z"}},
		"empty value unchanged": {map[string]string{"a": ""}, map[string]string{"a": ""}, map[string]string{}, nil},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			set, remove := Diff(tc.have, tc.want)
			if !reflect.DeepEqual(set, tc.wantSet) || !reflect.DeepEqual(remove, tc.wantRemove) {
				t.Fatalf("Diff = %v, %v; want %v, %v", set, remove, tc.wantSet, tc.wantRemove)
			}
		})
	}
}

func TestAttributeLimits(t *testing.T) {
	t.Parallel()
	appfabric := Limits{MaxTags: 50, KeyMin: 1, KeyMax: 128, ValueMax: 256}
	quicksight := Limits{MaxTags: 50, KeyMin: 1, KeyMax: 128, ValueMin: 1, ValueMax: 256}
	authress := Limits{ValueMax: 128}
	many := func(n int) []string {
		var kv []string
		for i := range n {
			kv = append(kv, strings.Repeat("k", i+1), "v")
		}
		return kv
	}
	testCases := map[string]struct {
		limits  Limits
		value   types.Map
		wantErr string
		wantDoc string
	}{
		"appfabric empty map":      {appfabric, empty, "", "at most 50, keys 1 to 128 characters, values up to 256 characters (empty allowed)"},
		"appfabric empty value":    {appfabric, mapOf("a", ""), "", ""},
		"appfabric too many":       {appfabric, mapOf(many(51)...), "must contain at most 50 elements, got: 51", ""},
		"appfabric long key":       {appfabric, mapOf(strings.Repeat("k", 129), "v"), "string length must be between 1 and 128, got: 129", ""},
		"appfabric long value":     {appfabric, mapOf("k", strings.Repeat("v", 257)), "string length must be at most 256, got: 257", ""},
		"quicksight empty map":     {quicksight, empty, "", "values 1 to 256 characters"},
		"quicksight empty value":   {quicksight, mapOf("a", ""), "string length must be between 1 and 256, got: 0", ""},
		"quicksight fifty":         {quicksight, mapOf(many(50)...), "", ""},
		"authress value limit":     {authress, mapOf("k", strings.Repeat("v", 129)), "string length must be at most 128, got: 129", "values up to 128 characters (empty allowed)"},
		"authress any number":      {authress, mapOf(many(60)...), "", ""},
		"authress empty key is ok": {authress, mapOf("", "v"), "", ""},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := tc.limits.Attribute("")
			if !strings.Contains(a.MarkdownDescription, tc.wantDoc) || !strings.Contains(a.MarkdownDescription, "`tags = {}` is the same as no tags") {
				t.Errorf("description %q does not hold %q", a.MarkdownDescription, tc.wantDoc)
			}
			var diags diag.Diagnostics
			for _, v := range a.Validators {
				resp := &validator.MapResponse{}
				v.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), PathExpression: path.MatchRoot("tags"), ConfigValue: tc.value}, resp)
				diags.Append(resp.Diagnostics...)
			}
			got := ""
			for _, d := range diags.Errors() {
				got += d.Detail()
			}
			if (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
				t.Fatalf("errors %q, want %q", got, tc.wantErr)
			}
		})
	}
}
