package quicksight

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awsqs "github.com/aws/aws-sdk-go-v2/service/quicksight"
	"github.com/aws/aws-sdk-go-v2/service/quicksight/types"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// TestQuickSightThrottlesBeyondItsQuota: the eleventh request of a burst
// gets QuickSight's ThrottlingException (429, Message, RequestId, no
// Retry-After) as the official SDK decodes it.
func TestQuickSightThrottlesBeyondItsQuota(t *testing.T) {
	t.Parallel()
	s := startServer(t, 7, 2)
	now := time.Now()
	s.SetQuotaClock(func() time.Time { return now })
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := quickSightClient(t, s)
	in := &awsqs.ListActionConnectorsInput{AwsAccountId: aws.String(s.Credentials().AWSAccountID)}
	for i := range 10 {
		if _, err := c.ListActionConnectors(ctx, in); err != nil {
			t.Fatalf("request %d within the burst of 10: %v", i+1, err)
		}
	}
	_, err := c.ListActionConnectors(ctx, in)
	var te *types.ThrottlingException
	if !errors.As(err, &te) {
		t.Fatalf("eleventh request: %T %v, want *types.ThrottlingException", err, err)
	}
	if te.ErrorMessage() != "Rate exceeded" || te.RequestId == nil || *te.RequestId == "" {
		t.Errorf("ThrottlingException = %+v", te)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusTooManyRequests || re.Response.Header.Get("Retry-After") != "" ||
		re.Response.Header.Get("X-Amzn-RequestId") != *te.RequestId {
		t.Errorf("response = %d %v", httpStatus(err), re.Response.Header)
	}
	if st := s.Stats(); st.Status("429") != 1 || st.ThrottledRoute("quicksight.ListActionConnectors") != 1 {
		t.Errorf("stats = %+v", st)
	}
}
