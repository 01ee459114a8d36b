package sts

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// startServer starts a server holding only the STS family, closed at test end.
func startServer(t *testing.T, cfg core.Config) *core.Server {
	t.Helper()
	s := core.NewServer(cfg)
	s.Register(Name, New(s))
	return emutest.Start(t, s)
}

func stsClient(s *core.Server, secret string) *awssts.Client {
	c := s.Credentials()
	return awssts.New(awssts.Options{
		Region:           c.AWSRegion,
		BaseEndpoint:     aws.String(s.URL()),
		Credentials:      credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, secret, ""),
		RetryMaxAttempts: 1,
	})
}

func TestSTSGetCallerIdentity(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 4})
	out, err := stsClient(s, s.Credentials().AWSSecretAccessKey).GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{})
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
	s := startServer(t, core.Config{Seed: 5})
	_, err := stsClient(s, "not-the-secret").GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{})
	var ae smithy.APIError
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &ae) || ae.ErrorCode() != "SignatureDoesNotMatch" || !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusForbidden {
		t.Fatalf("want 403 SignatureDoesNotMatch, got %v", err)
	}
}

func TestSTSOnlyServesRoot(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 6})
	resp, err := http.Post(s.URL()+"/not-sts", "application/x-www-form-urlencoded", strings.NewReader("Action=GetCallerIdentity&Version=2011-06-15"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || s.Stats().Route("unmatched") != 1 {
		t.Fatalf("status %d, unmatched %d", resp.StatusCode, s.Stats().Route("unmatched"))
	}
}
