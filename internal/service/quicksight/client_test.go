package quicksight

import (
	"context"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	emuquicksight "github.com/appauth/terraform-provider-appauth/internal/emulator/quicksight"
)

func init() {
	// The AWS credential chain must never probe the instance-metadata address.
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func testClient(t *testing.T, srv *core.Server) (*Client, string) {
	t.Helper()
	c := srv.Credentials()
	meta := awsclient.ProviderBlock.NewMeta("test", awsclient.Settings{
		Region: c.AWSRegion, AccessKey: c.AWSAccessKeyID, SecretKey: c.AWSSecretAccessKey,
		Endpoints: map[string]string{"quicksight": srv.URL(), "sts": srv.URL()},
	})
	client, err := newClient(context.Background(), meta)
	if err != nil {
		t.Fatal(err)
	}
	client.PollMin = time.Millisecond
	acct, err := client.AccountID(context.Background())
	if err != nil {
		t.Fatalf("AccountID from STS: %v", err)
	}
	if acct != c.AWSAccountID {
		t.Fatalf("account %q, want %q", acct, c.AWSAccountID)
	}
	return client, acct
}

func startEmulator(t *testing.T, opts emulator.Options) *core.Server {
	t.Helper()
	srv := emulator.New(opts)
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func noneInput(id string) CreateActionConnectorInput {
	return CreateActionConnectorInput{
		ActionConnectorID: id, Name: "Conn " + id, Type: "GENERIC_HTTP",
		AuthenticationConfig: AuthConfig{AuthenticationType: "NONE", AuthenticationMetadata: AuthenticationMetadata{
			NoneConnectionMetadata: &NoneConnectionMetadata{BaseEndpoint: "https://api.example.com"},
		}},
	}
}

func TestClientCreateAdoptsAfterLostResponse(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Options{Seed: 7, QuickSightPolls: 1})
	c, acct := testClient(t, srv)
	ctx := context.Background()
	// The first create is committed but its answer is lost; the retry meets ResourceExistsException.
	srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"quicksight.CreateActionConnector"}})
	go func() {
		// Let the retry through once the first attempt has been dropped.
		for srv.Stats().Faults[core.FaultCommitDrop] == 0 {
			time.Sleep(time.Millisecond)
		}
		srv.SetFaults(core.FaultConfig{})
	}()
	arn, err := c.CreateActionConnector(ctx, acct, noneInput("lost-1"))
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if arn == "" || srv.Stats().Route("quicksight.CreateActionConnector") < 2 {
		t.Fatalf("arn %q after %d creates", arn, srv.Stats().Route("quicksight.CreateActionConnector"))
	}
	if _, err := c.WaitForStatus(ctx, acct, "lost-1", StatusCreationSuccessful, StatusCreationFailed); err != nil {
		t.Fatal(err)
	}

	// Someone else's connector with the same id is not adopted.
	other := noneInput("lost-1")
	other.Type = "SLACK"
	if _, err := c.CreateActionConnector(ctx, acct, other); err == nil {
		t.Fatal("a first-attempt ResourceExistsException must fail")
	}
}

func TestClientWaitReportsFailure(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Options{Seed: 8, QuickSightPolls: 2})
	c, acct := testClient(t, srv)
	ctx := context.Background()
	emuquicksight.FailNext(srv, "bad-1", "the endpoint refused the connection")
	if _, err := c.CreateActionConnector(ctx, acct, noneInput("bad-1")); err != nil {
		t.Fatal(err)
	}
	_, err := c.WaitForStatus(ctx, acct, "bad-1", StatusCreationSuccessful, StatusCreationFailed)
	var fe *FailedError
	if !errors.As(err, &fe) || fe.Status != StatusCreationFailed || fe.Message != "the endpoint refused the connection" {
		t.Fatalf("want CREATION_FAILED with the message, got %v", err)
	}
	if err := c.DeleteActionConnector(ctx, acct, "bad-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeActionConnector(ctx, acct, "bad-1"); !IsNotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if err := c.DeleteActionConnector(ctx, acct, "bad-1"); err != nil {
		t.Fatalf("deleting a missing connector: %v", err)
	}
}

func TestClientPagingSearchPermissionsTags(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Options{Seed: 9, QuickSightPolls: -1})
	c, acct := testClient(t, srv)
	ctx := context.Background()
	var arn string
	for _, id := range []string{"p-1", "p-2", "p-3", "p-4", "p-5"} {
		a, err := c.CreateActionConnector(ctx, acct, noneInput(id))
		if err != nil {
			t.Fatal(err)
		}
		arn = a
	}
	all, err := c.ListActionConnectors(ctx, acct, 2)
	if err != nil || len(all) != 5 || srv.Stats().Route("quicksight.ListActionConnectors") != 3 {
		t.Fatalf("list: %d items, %d calls, %v", len(all), srv.Stats().Route("quicksight.ListActionConnectors"), err)
	}
	found, err := c.SearchActionConnectors(ctx, acct, SearchFilter{Name: "ACTION_CONNECTOR_NAME", Operator: "StringLike", Value: "p-"}, 2)
	if err != nil || len(found) != 5 {
		t.Fatalf("search: %d %v", len(found), err)
	}

	user := func(n string) string { return "arn:aws:quicksight:us-east-1:" + acct + ":user/default/" + n }
	want := []ResourcePermission{
		{Principal: user("a"), Actions: []string{"quicksight:DescribeActionConnector", "quicksight:UpdateActionConnector"}},
		{Principal: user("b"), Actions: []string{"quicksight:DescribeActionConnector"}},
	}
	grant, revoke := DiffPermissions(nil, want)
	if err := c.UpdatePermissions(ctx, acct, "p-5", grant, revoke); err != nil {
		t.Fatal(err)
	}
	want = []ResourcePermission{{Principal: user("a"), Actions: []string{"quicksight:DescribeActionConnector"}}}
	have, _ := c.DescribePermissions(ctx, acct, "p-5")
	grant, revoke = DiffPermissions(have, want)
	if len(grant) != 0 || len(revoke) != 2 {
		t.Fatalf("diff: grant %v revoke %v", grant, revoke)
	}
	if err := c.UpdatePermissions(ctx, acct, "p-5", grant, revoke); err != nil {
		t.Fatal(err)
	}
	have, _ = c.DescribePermissions(ctx, acct, "p-5")
	if len(have) != 1 || !slices.Equal(have[0].Actions, want[0].Actions) {
		t.Fatalf("permissions: %+v", have)
	}

	if err := c.TagResource(ctx, arn, []Tag{{Key: "a", Value: "1"}, {Key: "b", Value: "2"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.UntagResource(ctx, arn, []string{"a"}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.ListTags(ctx, arn)
	if err != nil || len(tags) != 1 || tags[0].Key != "b" {
		t.Fatalf("tags %v %v", tags, err)
	}
}
