package main

import (
	"reflect"
	"testing"
)

func TestSilenceUnrequestedLogs(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		environ []string
		want    map[string]string
	}{
		"no logging asked": {
			environ: []string{"HOME=/root", "TF_LOG_PATH=/tmp/tf.log"},
			want:    map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER": "OFF"},
		},
		"TF_LOG set":          {environ: []string{"TF_LOG=DEBUG"}, want: map[string]string{}},
		"provider level set":  {environ: []string{"TF_LOG_PROVIDER_APPAUTH_AUTHRESS=TRACE"}, want: map[string]string{}},
		"SDK level set alone": {environ: []string{"TF_LOG_SDK_FRAMEWORK=DEBUG"}, want: map[string]string{}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := map[string]string{}
			silenceUnrequestedLogs(tc.environ, func(k, v string) error { got[k] = v; return nil })
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("set %v, want %v", got, tc.want)
			}
		})
	}
}
