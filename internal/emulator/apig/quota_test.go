package apig_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAPIGThrottlesBeyondItsQuota: a project's token and AK/SK callers share
// its bucket of 10; the eleventh request gets APIG.0308 with status 429 as
// Huawei Cloud's SDK decodes it, and no Retry-After.
func TestAPIGThrottlesBeyondItsQuota(t *testing.T) {
	t.Parallel()
	srv, tokenClient := startAPIG(t)
	now := time.Now()
	srv.SetQuotaClock(func() time.Time { return now })
	if err := srv.SetQuotas(core.QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	sdk := newSDKClient(t, srv, srv.Credentials().APIGSecretKey)
	list := &model.ListApisBindedToAppV2Request{InstanceId: apig.FixtureInstanceID, AppId: apig.FixtureAppID}
	for i := range 5 {
		if _, err := sdk.ListApisBindedToAppV2(list); err != nil {
			t.Fatalf("SDK request %d: %v", i+1, err)
		}
		if status, _, body := tokenClient.do("GET", tokenClient.base()+"/envs", nil, nil); status != http.StatusOK {
			t.Fatalf("token request %d: %d %v", i+1, status, body)
		}
	}
	_, err := sdk.ListApisBindedToAppV2(list)
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("eleventh request: %T %v, want *sdkerr.ServiceResponseError", err, err)
	}
	if se.StatusCode != http.StatusTooManyRequests || se.ErrorCode != "APIG.0308" || len(se.RequestId) != 32 ||
		se.ErrorMessage != "The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second" {
		t.Errorf("throttled answer parsed as %+v", se)
	}
	status, hdr, body := tokenClient.do("GET", tokenClient.base()+"/envs", nil, nil)
	if status != http.StatusTooManyRequests || body["error_code"] != "APIG.0308" || hdr.Get("Retry-After") != "" || hdr.Get("X-Request-Id") != body["request_id"] {
		t.Errorf("throttled token request: %d %v %v", status, hdr, body)
	}
	if st := srv.Stats(); st.Status("429") != 2 || st.ThrottledRoute("apig.ListApisBindedToAppV2") != 1 || st.ThrottledRoute("apig.ListEnvironmentsV2") != 1 {
		t.Errorf("stats = %+v", st)
	}
	// IAM, which issues the tokens, has no quota here.
	if status, _, body := tokenClient.do("POST", "/v3/auth/tokens", passwordAuth(srv.Credentials(), srv.Credentials().APIGPassword), nil); status != http.StatusCreated {
		t.Errorf("IAM token while APIG is throttled: %d %v", status, body)
	}
}

// A rate below one a second is stated per minute, as the gateway does.
func TestAPIGThrottleMessageStatesSlowRatesPerMinute(t *testing.T) {
	t.Parallel()
	srv, tokenClient := startAPIG(t)
	if err := srv.SetQuotas(core.QuotaConfig{Enabled: true, Families: map[string]core.FamilyQuotas{
		"apig": {All: &core.Quota{Rate: 0.5, Burst: 1}},
	}}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	srv.SetQuotaClock(func() time.Time { return now })
	tokenClient.do("GET", tokenClient.base()+"/envs", nil, nil)
	_, _, body := tokenClient.do("GET", tokenClient.base()+"/envs", nil, nil)
	if body["error_msg"] != "The throttling threshold has been reached: policy user over ratelimit,limit:30,time:1 minute" {
		t.Errorf("body = %v", body)
	}
}
