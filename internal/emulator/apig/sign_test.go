package apig_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/appauth/terraform-provider-appauth/internal/aksk"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// sdkSigned is a request for path signed by the Huawei Cloud SDK's own signer
// over signedBody, with the extra headers (signed too, as the SDK signs every
// header it sends), ready to be sent with another body.
func sdkSigned(t *testing.T, srv *core.Server, path, signedBody string, extra map[string]string) http.Header {
	t.Helper()
	c := srv.Credentials()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	b := request.NewHttpRequestBuilder().WithEndpoint(srv.URL()).WithPath(path).WithMethod(http.MethodPost).
		AddHeaderParam("Host", u.Host).
		AddHeaderParam("Content-Type", "application/json").
		AddHeaderParam("X-Project-Id", c.APIGProjectID).
		AddHeaderParam("X-Sdk-Date", time.Now().UTC().Format(aksk.DateFormat)).
		WithBody("", signedBody)
	for k, v := range extra {
		b.AddHeaderParam(k, v)
	}
	signed, err := signer.Signer{}.Sign(b.Build(), c.APIGAccessKey, c.APIGSecretKey)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("X-Project-Id", c.APIGProjectID)
	for k, v := range extra {
		h.Set(k, v)
	}
	for k, v := range signed {
		h.Set(k, v)
	}
	return h
}

// X-Sdk-Content-Sha256 stands for the body in the signature; the gateway must
// check it against the body, or a captured signature would carry any body.
func TestAKSKContentHashIsCheckedAgainstTheBody(t *testing.T) {
	srv := emutest.Start(t, emulator.New(emulator.Options{Seed: 11, APIGFixtures: true}))
	path := "/v2/" + srv.Credentials().APIGProjectID + "/apigw/instances/" + apig.FixtureInstanceID + "/apps"
	original, replayed := `{"name":"signed_app"}`, `{"name":"replayed_app"}`
	testCases := map[string]struct {
		// extra headers are signed with the original body.
		extra map[string]string
		// added headers are set after signing, as a replaying client would.
		added      map[string]string
		body       string
		wantStatus int
		wantMsg    string
	}{
		"signed content hash of the body": {
			extra: map[string]string{"X-Sdk-Content-Sha256": sha256Hex(original)}, body: original, wantStatus: http.StatusCreated,
		},
		"signed content hash, another body": {
			extra: map[string]string{"X-Sdk-Content-Sha256": sha256Hex(original)}, body: replayed, wantStatus: http.StatusUnauthorized,
			wantMsg: "Incorrect IAM authentication information: x-sdk-content-sha256 does not match the request body",
		},
		"no content hash, another body": {
			body: replayed, wantStatus: http.StatusUnauthorized,
			wantMsg: "Incorrect IAM authentication information: verify aksk signature fail",
		},
		"content hash added after signing, another body": {
			added: map[string]string{"X-Sdk-Content-Sha256": sha256Hex(original)}, body: replayed, wantStatus: http.StatusUnauthorized,
			wantMsg: "Incorrect IAM authentication information: x-sdk-content-sha256 is not a signed header",
		},
		"signed unsigned payload": {
			// What the SDK sends for a body that is not JSON: the client chose
			// not to cover the body.
			extra: map[string]string{"X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"}, body: `{"name":"unsigned_app"}`, wantStatus: http.StatusCreated,
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			h := sdkSigned(t, srv, path, original, tc.extra)
			for k, v := range tc.added {
				h.Set(k, v)
			}
			req, err := http.NewRequest(http.MethodPost, srv.URL()+path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header = h
			resp, body, err := emutest.Send(emutest.FreshClient(), req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d %s, want %d", resp.StatusCode, body, tc.wantStatus)
			}
			if tc.wantMsg == "" {
				return
			}
			var e map[string]string
			if err := json.Unmarshal(body, &e); err != nil || e["error_code"] != "APIGW.0301" || e["error_msg"] != tc.wantMsg || e["request_id"] != resp.Header.Get("X-Request-Id") {
				t.Errorf("401 body %s, want APIGW.0301 %q", body, tc.wantMsg)
			}
		})
	}
}
