package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func stsClient(s *core.Server, secret string) *sts.Client {
	c := s.Credentials()
	return sts.New(sts.Options{
		Region:           c.AWSRegion,
		BaseEndpoint:     aws.String(s.URL()),
		Credentials:      credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, secret, ""),
		RetryMaxAttempts: 1,
	})
}

func TestSTSGetCallerIdentity(t *testing.T) {
	t.Parallel()
	s := startServer(t, Options{Seed: 4})
	out, err := stsClient(s, s.Credentials().AWSSecretAccessKey).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	acct := s.Credentials().AWSAccountID
	if aws.ToString(out.Account) != acct || aws.ToString(out.Arn) != "arn:aws:iam::"+acct+":user/appauth" || !strings.HasPrefix(aws.ToString(out.UserId), "AIDA") {
		t.Fatalf("identity: %s %s %s", aws.ToString(out.Account), aws.ToString(out.Arn), aws.ToString(out.UserId))
	}
	if got := s.Stats().Route("sts.GetCallerIdentity"); got != 1 {
		t.Fatalf("route count %d", got)
	}
}

func TestSTSRejectsBadSignature(t *testing.T) {
	t.Parallel()
	s := startServer(t, Options{Seed: 5})
	_, err := stsClient(s, "not-the-secret").GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	var ae smithy.APIError
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &ae) || ae.ErrorCode() != "SignatureDoesNotMatch" || !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden {
		t.Fatalf("want 403 SignatureDoesNotMatch, got %v", err)
	}
}

func TestSTSOnlyServesRoot(t *testing.T) {
	t.Parallel()
	s := startServer(t, Options{Seed: 6})
	resp, err := http.Post(s.URL()+"/not-sts", "application/x-www-form-urlencoded", strings.NewReader("Action=GetCallerIdentity&Version=2011-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || s.Stats().Route("unmatched") != 1 {
		t.Fatalf("status %d, unmatched %d", resp.StatusCode, s.Stats().Route("unmatched"))
	}
}
