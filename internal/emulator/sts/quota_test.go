package sts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// TestSTSThrottlesBeyondItsQuota: STS throttles with the query protocol's
// Throttling error and status 400, which the official SDK decodes.
func TestSTSThrottlesBeyondItsQuota(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 4})
	now := time.Now()
	s.SetQuotaClock(func() time.Time { return now })
	if err := s.SetQuotas(core.QuotaConfig{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	c := stsClient(s, s.Credentials().AWSSecretAccessKey)
	for i := range 10 {
		if _, err := c.GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{}); err != nil {
			t.Fatalf("request %d within the burst of 10: %v", i+1, err)
		}
	}
	_, err := c.GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "Throttling" || ae.ErrorMessage() != "Rate exceeded" {
		t.Fatalf("eleventh request: %v, want Sender Throttling", err)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusBadRequest || re.Response.Header.Get("Retry-After") != "" {
		t.Errorf("response = %+v", re)
	}
	if st := s.Stats(); st.Status("400") != 1 || st.ThrottledRoute("sts.GetCallerIdentity") != 1 {
		t.Errorf("stats = %+v", st)
	}
	// The raw body is the query protocol's ErrorResponse.
	emutest.MustDo(t, "PUT", s.URL()+"/_emulator/quotas", `{"enabled":true,"families":{"sts":{"all":{"rate":0,"burst":1}}}}`, http.StatusOK)
	if _, err := c.GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{}); err != nil {
		t.Fatal(err)
	}
	form := "Action=GetCallerIdentity&Version=2011-06-15"
	req, err := http.NewRequest("POST", s.URL()+"/", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(form))
	cr := s.Credentials()
	creds := aws.Credentials{AccessKeyID: cr.AWSAccessKeyID, SecretAccessKey: cr.AWSSecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "sts", cr.AWSRegion, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, body, err := emutest.Send(emutest.FreshClient(), req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>") {
		t.Errorf("raw answer: %d %s", resp.StatusCode, body)
	}
}
