package appfabric_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/appfabric"
	"github.com/aws/aws-sdk-go-v2/service/appfabric/types"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestAppFabricThrottlesBeyondItsQuota: with quotas on, the sixth request in
// a burst gets AppFabric's ThrottlingException as the official SDK decodes
// it, Retry-After included, and the request is counted as a 429.
func TestAppFabricThrottlesBeyondItsQuota(t *testing.T) {
	t.Parallel()
	s := startAppFabric(t)
	now := time.Now()
	s.SetQuotaClock(func() time.Time { return now })
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := sdkClient(s, "")
	for i := range 5 {
		if _, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{}); err != nil {
			t.Fatalf("request %d within the burst of 5: %v", i+1, err)
		}
	}
	_, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
	var te *types.ThrottlingException
	if !errors.As(err, &te) {
		t.Fatalf("sixth request: %T %v, want *types.ThrottlingException", err, err)
	}
	// 5 a second: the next token comes in 0.2 s, sent as the whole second.
	if te.ErrorMessage() != "Rate exceeded" || te.ServiceCode == nil || *te.ServiceCode != "appfabric" || te.QuotaCode != nil ||
		te.RetryAfterSeconds == nil || *te.RetryAfterSeconds != 1 {
		t.Errorf("ThrottlingException = %+v", te)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusTooManyRequests ||
		re.Response.Header.Get("X-Amzn-ErrorType") != "ThrottlingException" || re.Response.Header.Get("X-Amzn-RequestId") == "" {
		t.Errorf("response = %+v", re)
	}
	if st := s.Stats(); st.Status("429") != 1 || st.ThrottledRoute("appfabric.ListAppBundles") != 1 {
		t.Errorf("stats = %+v", st)
	}

	// A slower quota asks for a longer wait.
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true, Families: map[string]core.FamilyQuotas{
		"appfabric": {All: &core.Quota{Rate: 0.25, Burst: 1}},
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{}); err != nil {
		t.Fatal(err)
	}
	_, err = c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
	if !errors.As(err, &te) || te.RetryAfterSeconds == nil || *te.RetryAfterSeconds != 4 {
		t.Errorf("at 0.25 a second: %v, want Retry-After 4", err)
	}
}

// An unauthenticated request is answered by the signature check and takes
// no token: AWS counts requests against the caller's account.
func TestAppFabricUnsignedRequestsTakeNoToken(t *testing.T) {
	t.Parallel()
	s := startAppFabric(t)
	now := time.Now()
	s.SetQuotaClock(func() time.Time { return now })
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true, Families: map[string]core.FamilyQuotas{
		"appfabric": {All: &core.Quota{Rate: 0, Burst: 1}},
	}}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 3 {
		_, err := sdkClient(s, "wrong-secret-wrong-secret-wrong-secret00").ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
		var re *awshttp.ResponseError
		if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden {
			t.Fatalf("badly signed request: %v, want 403", err)
		}
	}
	if _, err := sdkClient(s, "").ListAppBundles(ctx, &appfabric.ListAppBundlesInput{}); err != nil {
		t.Errorf("the caller's one token was spent by others' requests: %v", err)
	}
}
