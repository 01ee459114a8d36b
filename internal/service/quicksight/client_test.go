package quicksight

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	emuquicksight "github.com/appauth/terraform-provider-appauth/internal/emulator/quicksight"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

func init() {
	// The AWS credential chain must never probe the instance-metadata address.
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func testClient(t *testing.T, srv *core.Server) (*Client, string) {
	t.Helper()
	c := srv.Credentials()
	client := endpointClient(t, srv.URL(), c.AWSRegion, c.AWSAccessKeyID, c.AWSSecretAccessKey)
	acct, err := client.AccountID(context.Background())
	if err != nil {
		t.Fatalf("AccountID from STS: %v", err)
	}
	if acct != c.AWSAccountID {
		t.Fatalf("account %q, want %q", acct, c.AWSAccountID)
	}
	return client, acct
}

// endpointClient is a client of the QuickSight (and STS) API at url.
func endpointClient(t *testing.T, url, region, accessKey, secretKey string) *Client {
	t.Helper()
	meta := awsclient.ProviderBlock.NewMeta("test", awsclient.Settings{
		Region: region, AccessKey: accessKey, SecretKey: secretKey,
		Endpoints: map[string]string{"quicksight": url, "sts": url},
	})
	client, err := newClient(context.Background(), meta)
	if err != nil {
		t.Fatal(err)
	}
	client.PollMin = time.Millisecond
	return client
}

// FaultFirst makes the next request of route meet an injected fault of kind, and only that one:
// the fault is cleared as soon as the emulator has injected it (the retry waits at least the
// client's shortest backoff, far longer).
func FaultFirst(srv *core.Server, kind, route string) {
	before := srv.Stats().Faults[kind]
	srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{kind}, Routes: []string{route}})
	go func() {
		deadline := time.Now().Add(30 * time.Second)
		for srv.Stats().Faults[kind] == before && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		srv.SetFaults(core.FaultConfig{})
	}()
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
	FaultFirst(srv, core.FaultCommitDrop, "quicksight.CreateActionConnector")
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
	var exists *ExistsError
	if _, err := c.CreateActionConnector(ctx, acct, other); !errors.As(err, &exists) || exists.Retried {
		t.Fatalf("a first-attempt ResourceExistsException must fail with an *ExistsError, got %v", err)
	}
}

// A create that meets ResourceExistsException takes the connector as its own only when an earlier
// attempt of the same create may have made it and the connector reads back as what was sent; every
// other connector with the id is left as it is.
func TestClientCreateAdoptsOnlyItsOwn(t *testing.T) {
	t.Parallel()
	withAPIKey := func(in CreateActionConnectorInput, email string) CreateActionConnectorInput {
		in.AuthenticationConfig = AuthConfig{AuthenticationType: "API_KEY", AuthenticationMetadata: AuthenticationMetadata{
			APIKeyConnectionMetadata: &APIKeyConnectionMetadata{BaseEndpoint: "https://api.example.com", APIKey: "key", Email: email},
		}}
		return in
	}
	testCases := map[string]struct {
		// fault is what the first attempt of the create meets ("" for nothing).
		fault string
		// existing changes the connector already there from the one the create sends.
		existing func(CreateActionConnectorInput) CreateActionConnectorInput
		sent     func(CreateActionConnectorInput) CreateActionConnectorInput
		// adopted, or refused with retried and mismatch.
		adopted  bool
		retried  bool
		mismatch string
	}{
		"first attempt, same connector": {},
		"after a throttled attempt":     {fault: core.Fault429},
		"after a reset connection": {fault: core.FaultReset, retried: true, mismatch: "authentication_config", existing: func(in CreateActionConnectorInput) CreateActionConnectorInput {
			in.AuthenticationConfig.AuthenticationMetadata.NoneConnectionMetadata = &NoneConnectionMetadata{BaseEndpoint: "https://elsewhere.example.com"}
			return in
		}},
		"after a 500, other name": {fault: core.Fault500, retried: true, mismatch: "name", existing: func(in CreateActionConnectorInput) CreateActionConnectorInput {
			in.Name = "Someone else"
			return in
		}},
		"after a 500, other description": {fault: core.Fault500, retried: true, mismatch: "description", existing: func(in CreateActionConnectorInput) CreateActionConnectorInput {
			in.Description = aws.String("Theirs")
			return in
		}},
		"after a 500, other VPC connection": {fault: core.Fault500, retried: true, mismatch: "vpc_connection_arn", existing: func(in CreateActionConnectorInput) CreateActionConnectorInput {
			in.VpcConnectionArn = aws.String("arn:aws:quicksight:us-east-1:123456789012:vpcConnection/theirs")
			return in
		}},
		"after a 500, other email": {fault: core.Fault500, retried: true, mismatch: "authentication_config",
			existing: func(in CreateActionConnectorInput) CreateActionConnectorInput {
				return withAPIKey(in, "them@example.com")
			},
			sent: func(in CreateActionConnectorInput) CreateActionConnectorInput {
				return withAPIKey(in, "us@example.com")
			},
		},
		// The one case the provider cannot tell apart: a connector made elsewhere that reads back
		// exactly as the create sent it, met after an attempt that may have made it.
		"after a 503, same connector": {fault: core.Fault503, adopted: true},
		"after a 500, same IAM connector": {fault: core.Fault500, adopted: true, sent: func(in CreateActionConnectorInput) CreateActionConnectorInput {
			in.AuthenticationConfig = AuthConfig{AuthenticationType: "IAM", AuthenticationMetadata: AuthenticationMetadata{
				IamConnectionMetadata: &IamConnectionMetadata{RoleArn: "arn:aws:iam::123456789012:role/qs"}}}
			return in
		}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t, emulator.Options{Seed: 31, QuickSightPolls: -1})
			c, acct := testClient(t, srv)
			ctx := context.Background()
			sent := noneInput("taken-1")
			if tc.sent != nil {
				sent = tc.sent(sent)
			}
			existing := sent
			if tc.existing != nil {
				existing = tc.existing(sent)
			}
			if _, err := c.CreateActionConnector(ctx, acct, existing); err != nil {
				t.Fatal(err)
			}
			before := emulatorRecord(t, srv, acct, "taken-1")
			if tc.fault != "" {
				FaultFirst(srv, tc.fault, "quicksight.CreateActionConnector")
			}
			arn, err := c.CreateActionConnector(ctx, acct, sent)
			if n := srv.Stats().Route("quicksight.CreateActionConnector"); tc.fault != "" && n != 3 {
				t.Fatalf("%d creates, want the existing one's, the faulted attempt and its retry", n)
			}
			if tc.adopted {
				if err != nil || arn == "" {
					t.Fatalf("want the connector adopted, got %q, %v", arn, err)
				}
				return
			}
			var exists *ExistsError
			if !errors.As(err, &exists) || exists.ID != "taken-1" || exists.Retried != tc.retried || exists.Mismatch != tc.mismatch {
				t.Fatalf("want an *ExistsError (retried %v, mismatch %q), got %#v", tc.retried, tc.mismatch, err)
			}
			if after := emulatorRecord(t, srv, acct, "taken-1"); after != before {
				t.Fatalf("the existing connector changed:\n%s\n%s", before, after)
			}
		})
	}
}

// emulatorRecord is the emulator's record of a connector, as JSON.
func emulatorRecord(t *testing.T, srv *core.Server, acct, id string) string {
	t.Helper()
	conns := srv.State()["quicksight"].(map[string]any)["action_connectors"].(map[string]any)
	b, err := json.Marshal(conns[acct+"/"+id])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The secrets a create or an update sends are masked in its errors, even when the service echoes
// them back in its message.
func TestClientMasksSentSecrets(t *testing.T) {
	t.Parallel()
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-ErrorType", "InvalidParameterValueException")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"Message": "Cannot use " + string(body)})
	}))
	t.Cleanup(echo.Close)
	c := endpointClient(t, echo.URL, "us-east-1", "AKIDEXAMPLE", "wJalrXUtnFEMI")
	const secret = "echoed-7f3a2c"
	auths := map[string]AuthConfig{
		"authorization code": {AuthenticationType: "OAUTH2_AUTHORIZATION_CODE", AuthenticationMetadata: AuthenticationMetadata{
			AuthorizationCodeGrantMetadata: &AuthorizationCodeGrantMetadata{BaseEndpoint: "https://a.example.com", RedirectURL: "https://r.example.com",
				AuthorizationCodeGrantCredentialsDetails: &AuthorizationCodeGrantCredentialsDetails{AuthorizationCodeGrantDetails: AuthorizationCodeGrantDetails{
					ClientID: "id", ClientSecret: secret, TokenEndpoint: "https://t.example.com", AuthorizationEndpoint: "https://z.example.com"}}}}},
		"client credentials": {AuthenticationType: "OAUTH2_CLIENT_CREDENTIALS", AuthenticationMetadata: AuthenticationMetadata{
			ClientCredentialsGrantMetadata: &ClientCredentialsGrantMetadata{BaseEndpoint: "https://a.example.com",
				ClientCredentialsDetails: &ClientCredentialsDetails{ClientCredentialsGrantDetails: ClientCredentialsGrantDetails{
					ClientID: "id", ClientSecret: secret, TokenEndpoint: "https://t.example.com"}}}}},
		"basic": {AuthenticationType: "BASIC", AuthenticationMetadata: AuthenticationMetadata{
			BasicAuthConnectionMetadata: &BasicAuthConnectionMetadata{BaseEndpoint: "https://a.example.com", Username: "u", Password: secret}}},
		"api key": {AuthenticationType: "API_KEY", AuthenticationMetadata: AuthenticationMetadata{
			APIKeyConnectionMetadata: &APIKeyConnectionMetadata{BaseEndpoint: "https://a.example.com", APIKey: secret}}},
	}
	for name, auth := range auths {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			in := noneInput("masked-1")
			in.AuthenticationConfig = auth
			_, createErr := c.CreateActionConnector(ctx, "123456789012", in)
			updateErr := c.UpdateActionConnector(ctx, "123456789012", "masked-1", UpdateActionConnectorInput{Name: "Masked", AuthenticationConfig: auth})
			for op, err := range map[string]error{"create": createErr, "update": updateErr} {
				if err == nil || !strings.Contains(err.Error(), "Cannot use") {
					t.Fatalf("%s: want the echoing error, got %v", op, err)
				}
				if strings.Contains(err.Error(), secret) {
					t.Errorf("%s: the error carries the secret: %v", op, err)
				}
			}
		})
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

// The provider's tag rules, checked at plan, are the ones the emulator enforces: at most MaxTags
// tags on a connector, keys and values within their lengths.
func TestTagLimitsAgreeWithTheEmulator(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Options{Seed: 32, QuickSightPolls: -1})
	c, acct := testClient(t, srv)
	ctx := context.Background()
	tagsOf := func(n int) []Tag {
		out := make([]Tag, n)
		for i := range out {
			out[i] = Tag{Key: fmt.Sprint("k", i), Value: "v"}
		}
		return out
	}
	over := noneInput("over-1")
	over.Tags = tagsOf(tagLimits.MaxTags + 1)
	if _, err := c.CreateActionConnector(ctx, acct, over); httpclient.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("create with %d tags: %v", tagLimits.MaxTags+1, err)
	}
	full := noneInput("full-1")
	full.Tags = tagsOf(tagLimits.MaxTags)
	arn, err := c.CreateActionConnector(ctx, acct, full)
	if err != nil {
		t.Fatalf("create with %d tags: %v", tagLimits.MaxTags, err)
	}
	if err := c.TagResource(ctx, arn, []Tag{{Key: "one-more", Value: "v"}}); httpclient.ErrorCode(err) != "LimitExceededException" {
		t.Fatalf("tag %d: %v", tagLimits.MaxTags+1, err)
	}
	if err := c.UntagResource(ctx, arn, []string{"k0"}); err != nil {
		t.Fatal(err)
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	testCases := map[string]struct {
		tag   Tag
		valid bool
	}{
		"longest key":    {Tag{Key: long(tagLimits.KeyMax), Value: "v"}, true},
		"key too long":   {Tag{Key: long(tagLimits.KeyMax + 1), Value: "v"}, false},
		"key too short":  {Tag{Key: long(tagLimits.KeyMin - 1), Value: "v"}, false},
		"longest value":  {Tag{Key: "k0", Value: long(tagLimits.ValueMax)}, true},
		"value too long": {Tag{Key: "k0", Value: long(tagLimits.ValueMax + 1)}, false},
		"empty value":    {Tag{Key: "k0", Value: long(tagLimits.ValueMin - 1)}, false},
	}
	for name, tc := range testCases {
		err := c.TagResource(ctx, arn, []Tag{tc.tag})
		if tc.valid {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if err := c.UntagResource(ctx, arn, []string{tc.tag.Key}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if httpclient.ErrorCode(err) != "InvalidParameterValueException" {
			t.Errorf("%s: want InvalidParameterValueException, got %v", name, err)
		}
	}
}
