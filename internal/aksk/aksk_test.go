package aksk

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"
)

// TestSignMatchesHuaweiSDK signs the same requests with Sign and with the Huawei Cloud SDK's
// own signer and compares the Authorization headers byte for byte.
func TestSignMatchesHuaweiSDK(t *testing.T) {
	t.Parallel()
	const (
		ak      = "HPUAXWQ8EXAMPLEAKAKA"
		sk      = "x2cI8fEXAMPLEsecretKEYxxxxxxxxxxxxxxxxxxx"
		project = "0123456789abcdef0123456789abcdef"
	)
	now := time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC)
	testCases := map[string]struct {
		method, path string
		query        [][2]string
		body         string
		project      string
	}{
		"post with body": {
			method: "POST", path: "/v2/" + project + "/apigw/instances/a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10/app-auths",
			body:    `{"env_id":"DEFAULT_ENVIRONMENT_RELEASE_ID","app_ids":["aaaa"],"api_ids":["bbbb","cccc"]}`,
			project: project,
		},
		"get with query needing escapes": {
			method: "GET", path: "/v2/" + project + "/apigw/instances/i1/app-auths/binded-apis",
			query:   [][2]string{{"limit", "500"}, {"app_id", "aaaa"}, {"api_name", "list orders/*"}, {"offset", "0"}},
			project: project,
		},
		"delete without project header": {
			method: "DELETE", path: "/v2/" + project + "/apigw/instances/i1/app-auths/dd29b33ae4394e3b924b582c6b40880b",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			endpoint := "https://apig.eu-de.otc.t-systems.com"
			b := request.NewHttpRequestBuilder().WithEndpoint(endpoint).WithPath(tc.path).WithMethod(tc.method).
				AddHeaderParam("Host", "apig.eu-de.otc.t-systems.com").
				AddHeaderParam("Content-Type", "application/json").
				AddHeaderParam("X-Sdk-Date", now.Format(DateFormat))
			if tc.project != "" {
				b.AddHeaderParam("X-Project-Id", tc.project)
			}
			for _, kv := range tc.query {
				b.AddQueryParam(kv[0], reflect.ValueOf(kv[1]))
			}
			if tc.body != "" {
				b.WithBody("", tc.body)
			}
			want, err := signer.Signer{}.Sign(b.Build(), ak, sk)
			if err != nil {
				t.Fatal(err)
			}

			r, err := http.NewRequest(tc.method, endpoint+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			q := r.URL.Query()
			for _, kv := range tc.query {
				q.Add(kv[0], kv[1])
			}
			r.URL.RawQuery = q.Encode()
			r.Header.Set("Content-Type", "application/json")
			Sign(r, []byte(tc.body), ak, sk, tc.project, now)

			if got := r.Header.Get("Authorization"); got != want["Authorization"] {
				t.Errorf("Authorization\n got %s\nwant %s", got, want["Authorization"])
			}
			if got := r.Header.Get("X-Sdk-Date"); got != want["X-Sdk-Date"] {
				t.Errorf("X-Sdk-Date = %s, want %s", got, want["X-Sdk-Date"])
			}
		})
	}
}
