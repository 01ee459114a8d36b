package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// fuzzShape exercises the JSON kinds request bodies use.
type fuzzShape struct {
	Name  *string           `json:"name"`
	Count int               `json:"count"`
	Ratio float64           `json:"ratio"`
	On    *bool             `json:"on"`
	Tags  map[string]string `json:"tags"`
	Items []fuzzItem        `json:"items"`
	Any   any               `json:"any"`
}

type fuzzItem struct {
	ID string `json:"id"`
	N  *int64 `json:"n"`
}

// FuzzDecodeJSON: DecodeJSON never panics; it rejects with a *DecodeError that says why, or accepts a
// value that re-encodes and decodes to the same value. Whatever encoding/json cannot parse is rejected.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range emutest.JSONBodySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v fuzzShape
		err := DecodeJSON(body, &v)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || de.Reason == "" {
				t.Fatalf("DecodeJSON(%q) = %#v, want a *DecodeError with a reason", body, err)
			}
			return
		}
		if !json.Valid(body) || !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
			t.Fatalf("DecodeJSON accepted %q, which is not a JSON object", body)
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("re-encoding %+v: %v", v, err)
		}
		var back fuzzShape
		if err := DecodeJSON(again, &back); err != nil {
			t.Fatalf("%q decoded, but its re-encoding %q does not: %v", body, again, err)
		}
		if !reflect.DeepEqual(v, back) {
			t.Fatalf("%q decoded to %+v; its re-encoding %q decodes to %+v", body, v, again, back)
		}
	})
}
