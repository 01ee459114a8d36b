package apig

import (
	"net/url"
	"testing"
)

func TestListFilter(t *testing.T) {
	filter := newListFilter(url.Values{"id": {"a1"}, "name": {"demo"}, "api_name": {"ord"}, "precise_search": {"name"}})
	testCases := map[string]struct {
		got, want bool
	}{
		"exact match":                     {filter.is("id", "a1"), true},
		"exact mismatch":                  {filter.is("id", "a10"), false},
		"parameter left out":              {filter.is("env_id", "anything"), true},
		"substring":                       {filter.has("api_name", "list_orders"), true},
		"substring mismatch":              {filter.has("api_name", "list_users"), false},
		"precise name, equal":             {filter.named("name", "demo"), true},
		"precise name, only a substring":  {filter.named("name", "demo_app"), false},
		"not precise, substring suffices": {filter.named("api_name", "list_orders"), true},
	}
	for name, tc := range testCases {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", name, tc.got, tc.want)
		}
	}
}
