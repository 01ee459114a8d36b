package sts

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
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

// Each access key the emulator accepts is answered with its own account, in any Region.
func TestSTSAnswersEachKeysAccount(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 7, AWSAccounts: 3})
	for i, a := range s.AWSAccounts() {
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			c := awssts.New(awssts.Options{
				Region:           region,
				BaseEndpoint:     aws.String(s.URL()),
				Credentials:      credentials.NewStaticCredentialsProvider(a.AccessKeyID, a.SecretAccessKey, ""),
				RetryMaxAttempts: 1,
			})
			out, err := c.GetCallerIdentity(context.Background(), &awssts.GetCallerIdentityInput{})
			if err != nil {
				t.Fatalf("account %d in %s: %v", i+1, region, err)
			}
			if aws.ToString(out.Account) != a.AccountID || aws.ToString(out.UserId) != "AIDA"+strings.TrimPrefix(a.AccessKeyID, "AKIA") {
				t.Fatalf("account %d in %s: identity %s %s, want %s", i+1, region, aws.ToString(out.Account), aws.ToString(out.UserId), a.AccountID)
			}
		}
	}
}

func TestSTSAccountsAdminRouteAndEnv(t *testing.T) {
	t.Parallel()
	s := startServer(t, core.Config{Seed: 8})
	if env := (&stsFamily{s: s}).Env(); len(env) != 0 {
		t.Fatalf("one account, but extra env lines %v", env)
	}
	body := emutest.MustDo(t, "POST", s.URL()+"/_emulator/sts/accounts", `{"count": 3}`, http.StatusOK)
	var out struct {
		Accounts []core.AWSAccount `json:"accounts"`
	}
	if err := json.Unmarshal(body, &out); err != nil || len(out.Accounts) != 3 || out.Accounts[0].AccessKeyID != s.Credentials().AWSAccessKeyID {
		t.Fatalf("POST accounts: %s, %v", body, err)
	}
	emutest.MustDo(t, "POST", s.URL()+"/_emulator/sts/accounts", `{"count": 0}`, http.StatusBadRequest)
	listed := emutest.MustDo(t, "GET", s.URL()+"/_emulator/sts/accounts", "", http.StatusOK)
	if !strings.Contains(string(listed), out.Accounts[2].AccountID) {
		t.Fatalf("GET accounts: %s", listed)
	}
	env := (&stsFamily{s: s}).Env()
	third := out.Accounts[2]
	for _, want := range []string{
		"APPAUTH_EMULATOR_AWS_ACCESS_KEY_ID_3=" + third.AccessKeyID,
		"APPAUTH_EMULATOR_AWS_SECRET_ACCESS_KEY_3=" + third.SecretAccessKey,
		"APPAUTH_EMULATOR_AWS_ACCOUNT_ID_3=" + third.AccountID,
	} {
		if !slices.Contains(env, want) {
			t.Errorf("env %v lacks %s", env, want)
		}
	}
	if len(env) != 6 {
		t.Errorf("%d env lines for 2 extra accounts, want 6", len(env))
	}
}
