package quicksight

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsqs "github.com/aws/aws-sdk-go-v2/service/quicksight"
	"github.com/aws/aws-sdk-go-v2/service/quicksight/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// startServer starts a server holding only the QuickSight family, closed at
// test end; polls is New's.
func startServer(t *testing.T, seed int64, polls int) *core.Server {
	t.Helper()
	s := core.NewServer(core.Config{Seed: seed})
	s.Register(Name, New(s, polls))
	return emutest.Start(t, s)
}

func quickSightClient(t *testing.T, s *core.Server, mutate ...func(*awsqs.Options)) *awsqs.Client {
	t.Helper()
	c := s.Credentials()
	return awsqs.New(awsqs.Options{
		Region:       c.AWSRegion,
		BaseEndpoint: aws.String(s.URL()),
		Credentials:  credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, c.AWSSecretAccessKey, ""),
		// The tests count every request.
		RetryMaxAttempts: 1,
	}, mutate...)
}

func basicAuth(endpoint, user, password string) *types.AuthConfig {
	return &types.AuthConfig{
		AuthenticationType: types.ConnectionAuthTypeBasic,
		AuthenticationMetadata: &types.AuthenticationMetadataMemberBasicAuthConnectionMetadata{Value: types.BasicAuthConnectionMetadata{
			BaseEndpoint: aws.String(endpoint), Username: aws.String(user), Password: aws.String(password),
		}},
	}
}

func apiErrorCode(t *testing.T, err error) string {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an API error, got %v", err)
	}
	return ae.ErrorCode()
}

func httpStatus(err error) int {
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// TestQuickSightSDKRoundTrip drives all eleven action-connector and tagging
// operations through the official SDK client.
func TestQuickSightSDKRoundTrip(t *testing.T) {
	t.Parallel()
	s := startServer(t, 1, 2)
	ctx := context.Background()
	qs := quickSightClient(t, s)
	acct := aws.String(s.Credentials().AWSAccountID)
	user := "arn:aws:quicksight:us-east-1:" + *acct + ":user/default/alice"
	group := "arn:aws:quicksight:us-east-1:" + *acct + ":group/default/ops"
	owner := []string{"quicksight:DescribeActionConnector", "quicksight:DeleteActionConnector", "quicksight:UpdateActionConnector"}

	created, err := qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
		AwsAccountId:      acct,
		ActionConnectorId: aws.String("jira-1"),
		Name:              aws.String("Jira cloud"),
		Type:              types.ActionConnectorTypeJiraCloud,
		Description:       aws.String("Tickets, please."),
		AuthenticationConfig: &types.AuthConfig{
			AuthenticationType: types.ConnectionAuthTypeOauth2AuthorizationCode,
			AuthenticationMetadata: &types.AuthenticationMetadataMemberAuthorizationCodeGrantMetadata{Value: types.AuthorizationCodeGrantMetadata{
				BaseEndpoint:                            aws.String("https://example.atlassian.net"),
				RedirectUrl:                             aws.String("https://us-east-1.quicksight.aws.amazon.com/sn/oauthcallback"),
				AuthorizationCodeGrantCredentialsSource: types.AuthorizationCodeGrantCredentialsSourcePlainCredentials,
				AuthorizationCodeGrantCredentialsDetails: &types.AuthorizationCodeGrantCredentialsDetailsMemberAuthorizationCodeGrantDetails{Value: types.AuthorizationCodeGrantDetails{
					ClientId:              aws.String("client-1"),
					ClientSecret:          aws.String("s3cret-value"),
					TokenEndpoint:         aws.String("https://auth.atlassian.com/oauth/token"),
					AuthorizationEndpoint: aws.String("https://auth.atlassian.com/authorize"),
				}},
			}},
		},
		Permissions: []types.ResourcePermission{{Principal: aws.String(user), Actions: owner}},
		Tags:        []types.Tag{{Key: aws.String("team"), Value: aws.String("ops")}},
	})
	if err != nil {
		t.Fatalf("CreateActionConnector: %v", err)
	}
	wantArn := "arn:aws:quicksight:us-east-1:" + *acct + ":action-connector/jira-1"
	if aws.ToString(created.Arn) != wantArn || created.CreationStatus != types.ResourceStatusCreationInProgress || created.Status != 200 || created.RequestId == nil {
		t.Fatalf("create output: arn %q status %q http %d", aws.ToString(created.Arn), created.CreationStatus, created.Status)
	}

	// Two polls in progress, then success.
	var statuses []types.ResourceStatus
	var described *awsqs.DescribeActionConnectorOutput
	for range 3 {
		described, err = qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("jira-1")})
		if err != nil {
			t.Fatalf("DescribeActionConnector: %v", err)
		}
		statuses = append(statuses, described.ActionConnector.Status)
	}
	if !slices.Equal(statuses, []types.ResourceStatus{"CREATION_IN_PROGRESS", "CREATION_IN_PROGRESS", "CREATION_SUCCESSFUL"}) {
		t.Fatalf("statuses %v", statuses)
	}
	ac := described.ActionConnector
	if ac.Type != types.ActionConnectorTypeJiraCloud || aws.ToString(ac.Name) != "Jira cloud" || ac.CreatedTime == nil || ac.LastUpdatedTime == nil || ac.CreatedTime.Year() < 2020 {
		t.Fatalf("describe: %+v", ac)
	}
	md, ok := ac.AuthenticationConfig.AuthenticationMetadata.(*types.ReadAuthenticationMetadataMemberAuthorizationCodeGrantMetadata)
	if !ok {
		t.Fatalf("read metadata is %T", ac.AuthenticationConfig.AuthenticationMetadata)
	}
	details, ok := md.Value.ReadAuthorizationCodeGrantCredentialsDetails.(*types.ReadAuthorizationCodeGrantCredentialsDetailsMemberReadAuthorizationCodeGrantDetails)
	if !ok || aws.ToString(details.Value.ClientId) != "client-1" || aws.ToString(details.Value.TokenEndpoint) != "https://auth.atlassian.com/oauth/token" {
		t.Fatalf("read details: %#v", md.Value.ReadAuthorizationCodeGrantCredentialsDetails)
	}

	updated, err := qs.UpdateActionConnector(ctx, &awsqs.UpdateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("jira-1"), Name: aws.String("Jira basic"),
		AuthenticationConfig: basicAuth("https://example.atlassian.net", "bot", "pw-1"),
	})
	if err != nil || updated.UpdateStatus != types.ResourceStatusUpdateInProgress {
		t.Fatalf("UpdateActionConnector: %v %+v", err, updated)
	}
	for range 3 {
		described, err = qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("jira-1")})
		if err != nil {
			t.Fatal(err)
		}
	}
	basic, ok := described.ActionConnector.AuthenticationConfig.AuthenticationMetadata.(*types.ReadAuthenticationMetadataMemberBasicAuthConnectionMetadata)
	if described.ActionConnector.Status != types.ResourceStatusUpdateSuccessful || !ok || aws.ToString(basic.Value.Username) != "bot" || described.ActionConnector.Description != nil {
		t.Fatalf("after update: %+v", described.ActionConnector)
	}

	perms, err := qs.UpdateActionConnectorPermissions(ctx, &awsqs.UpdateActionConnectorPermissionsInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("jira-1"),
		GrantPermissions:  []types.ResourcePermission{{Principal: aws.String(group), Actions: []string{"quicksight:DescribeActionConnector"}}},
		RevokePermissions: []types.ResourcePermission{{Principal: aws.String(user), Actions: []string{"quicksight:UpdateActionConnector"}}},
	})
	if err != nil {
		t.Fatalf("UpdateActionConnectorPermissions: %v", err)
	}
	dp, err := qs.DescribeActionConnectorPermissions(ctx, &awsqs.DescribeActionConnectorPermissionsInput{AwsAccountId: acct, ActionConnectorId: aws.String("jira-1")})
	if err != nil {
		t.Fatalf("DescribeActionConnectorPermissions: %v", err)
	}
	if len(dp.Permissions) != 2 || len(perms.Permissions) != 2 || aws.ToString(dp.Permissions[1].Principal) != user || len(dp.Permissions[1].Actions) != 2 {
		t.Fatalf("permissions: %+v", dp.Permissions)
	}

	for _, id := range []string{"a-2", "b-3", "c-4"} {
		if _, err := qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
			AwsAccountId: acct, ActionConnectorId: aws.String(id), Name: aws.String("Other " + id), Type: types.ActionConnectorTypeGenericHttp,
			AuthenticationConfig: &types.AuthConfig{AuthenticationType: types.ConnectionAuthTypeNone, AuthenticationMetadata: &types.AuthenticationMetadataMemberNoneConnectionMetadata{
				Value: types.NoneConnectionMetadata{BaseEndpoint: aws.String("https://api.example.com")}}},
		}); err != nil {
			t.Fatalf("create %s: %v", id, err)
		}
	}
	// Summaries carry the required Type.
	var listed []string
	var listedTypes []types.ActionConnectorType
	pages := awsqs.NewListActionConnectorsPaginator(qs, &awsqs.ListActionConnectorsInput{AwsAccountId: acct, MaxResults: aws.Int32(3)})
	nPages := 0
	for pages.HasMorePages() {
		p, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListActionConnectors: %v", err)
		}
		nPages++
		for _, s := range p.ActionConnectorSummaries {
			listed = append(listed, aws.ToString(s.ActionConnectorId))
			listedTypes = append(listedTypes, s.Type)
		}
	}
	if nPages != 2 || !slices.Equal(listed, []string{"a-2", "b-3", "c-4", "jira-1"}) {
		t.Fatalf("listed %v in %d pages", listed, nPages)
	}
	if want := []types.ActionConnectorType{"GENERIC_HTTP", "GENERIC_HTTP", "GENERIC_HTTP", "JIRA_CLOUD"}; !slices.Equal(listedTypes, want) {
		t.Fatalf("listed types %v, want %v", listedTypes, want)
	}

	search := func(name types.ActionConnectorSearchFilterNameEnum, op types.FilterOperator, value string) []string {
		t.Helper()
		var ids []string
		p := awsqs.NewSearchActionConnectorsPaginator(qs, &awsqs.SearchActionConnectorsInput{
			AwsAccountId: acct, MaxResults: 1,
			Filters: []types.ActionConnectorSearchFilter{{Name: name, Operator: op, Value: aws.String(value)}},
		})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("SearchActionConnectors: %v", err)
			}
			for _, s := range out.ActionConnectorSummaries {
				ids = append(ids, aws.ToString(s.ActionConnectorId))
				if s.Type == "" {
					t.Fatalf("search summary of %s has no Type", aws.ToString(s.ActionConnectorId))
				}
			}
		}
		return ids
	}
	if got := search(types.ActionConnectorSearchFilterNameEnumActionConnectorName, types.FilterOperatorStringLike, "other"); !slices.Equal(got, []string{"a-2", "b-3", "c-4"}) {
		t.Fatalf("search by name: %v", got)
	}
	if got := search(types.ActionConnectorSearchFilterNameEnumActionConnectorType, types.FilterOperatorStringEquals, "JIRA_CLOUD"); !slices.Equal(got, []string{"jira-1"}) {
		t.Fatalf("search by type: %v", got)
	}
	if got := search(types.ActionConnectorSearchFilterNameEnumDirectQuicksightViewerOrOwner, types.FilterOperatorStringEquals, group); !slices.Equal(got, []string{"jira-1"}) {
		t.Fatalf("search by viewer: %v", got)
	}

	if _, err := qs.TagResource(ctx, &awsqs.TagResourceInput{ResourceArn: aws.String(wantArn), Tags: []types.Tag{{Key: aws.String("env"), Value: aws.String("prod")}}}); err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	if _, err := qs.UntagResource(ctx, &awsqs.UntagResourceInput{ResourceArn: aws.String(wantArn), TagKeys: []string{"team"}}); err != nil {
		t.Fatalf("UntagResource: %v", err)
	}
	tags, err := qs.ListTagsForResource(ctx, &awsqs.ListTagsForResourceInput{ResourceArn: aws.String(wantArn)})
	if err != nil {
		t.Fatalf("ListTagsForResource: %v", err)
	}
	if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "env" {
		t.Fatalf("tags: %+v", tags.Tags)
	}

	deleted, err := qs.DeleteActionConnector(ctx, &awsqs.DeleteActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("jira-1")})
	if err != nil || aws.ToString(deleted.Arn) != wantArn {
		t.Fatalf("DeleteActionConnector: %v", err)
	}
	_, err = qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("jira-1")})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || httpStatus(err) != http.StatusNotFound {
		t.Fatalf("describe after delete: %v", err)
	}

	// Secrets are kept for inspection but never returned.
	state := s.State()["quicksight"].(map[string]any)["action_connectors"].(map[string]any)
	if _, ok := state[*acct+"/jira-1"]; ok {
		t.Fatal("deleted connector still in state")
	}
	for _, r := range s.Requests() {
		if strings.Contains(r.Body, "s3cret-value") || strings.Contains(r.Body, "pw-1") {
			t.Fatalf("secret in the request log: %s", r.Body)
		}
	}
}

func TestQuickSightErrors(t *testing.T) {
	t.Parallel()
	s := startServer(t, 2, 1)
	ctx := context.Background()
	qs := quickSightClient(t, s)
	acct := aws.String(s.Credentials().AWSAccountID)
	create := func(id string, mutate func(*awsqs.CreateActionConnectorInput)) error {
		in := &awsqs.CreateActionConnectorInput{
			AwsAccountId: acct, ActionConnectorId: aws.String(id), Name: aws.String("Conn"), Type: types.ActionConnectorTypeGenericHttp,
			AuthenticationConfig: basicAuth("https://api.example.com", "u", "p"),
		}
		if mutate != nil {
			mutate(in)
		}
		_, err := qs.CreateActionConnector(ctx, in)
		return err
	}
	describe := func(id string) *types.ActionConnector {
		out, err := qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String(id)})
		if err != nil {
			t.Fatalf("describe %s: %v", id, err)
		}
		return out.ActionConnector
	}

	if err := create("dup", nil); err != nil {
		t.Fatal(err)
	}
	err := create("dup", nil)
	var exists *types.ResourceExistsException
	if !errors.As(err, &exists) || httpStatus(err) != http.StatusConflict {
		t.Fatalf("duplicate create: %v", err)
	}
	_, err = qs.UpdateActionConnector(ctx, &awsqs.UpdateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("dup"), Name: aws.String("X"), AuthenticationConfig: basicAuth("https://api.example.com", "u", "p"),
	})
	var conflict *types.ConflictException
	if !errors.As(err, &conflict) || httpStatus(err) != http.StatusConflict {
		t.Fatalf("update while creating: %v", err)
	}
	describe("dup")
	if got := describe("dup").Status; got != types.ResourceStatusCreationSuccessful {
		t.Fatalf("status %s", got)
	}
	var many []types.Tag
	for i := range 51 {
		many = append(many, types.Tag{Key: aws.String(strings.Repeat("k", i+1)), Value: aws.String("v")})
	}
	_, err = qs.TagResource(ctx, &awsqs.TagResourceInput{ResourceArn: aws.String("arn:aws:quicksight:us-east-1:" + *acct + ":action-connector/dup"), Tags: many})
	var limit *types.LimitExceededException
	if !errors.As(err, &limit) || httpStatus(err) != http.StatusConflict {
		t.Fatalf("too many tags: %v", err)
	}

	_, err = qs.ListActionConnectors(ctx, &awsqs.ListActionConnectorsInput{AwsAccountId: aws.String("111122223333")})
	var denied *types.AccessDeniedException
	if !errors.As(err, &denied) || httpStatus(err) != http.StatusUnauthorized {
		t.Fatalf("other account: %v", err)
	}
	_, err = qs.ListActionConnectors(ctx, &awsqs.ListActionConnectorsInput{AwsAccountId: acct, NextToken: aws.String("bogus")})
	var badToken *types.InvalidNextTokenException
	if !errors.As(err, &badToken) {
		t.Fatalf("bad token: %v", err)
	}

	invalid := map[string]func(*awsqs.CreateActionConnectorInput){
		"reserved prefix": func(in *awsqs.CreateActionConnectorInput) { in.ActionConnectorId = aws.String("quicksuite-x") },
		"bad name":        func(in *awsqs.CreateActionConnectorInput) { in.Name = aws.String("-bad-") },
		"bad description": func(in *awsqs.CreateActionConnectorInput) { in.Description = aws.String("a/b") },
		"bad type":        func(in *awsqs.CreateActionConnectorInput) { in.Type = "MODEL_CONTEXT_PROTOCOL" },
		"http endpoint": func(in *awsqs.CreateActionConnectorInput) {
			in.AuthenticationConfig = basicAuth("http://x", "u", "p")
		},
		"type mismatch": func(in *awsqs.CreateActionConnectorInput) {
			in.AuthenticationConfig.AuthenticationType = types.ConnectionAuthTypeApiKey
		},
		"empty tag value": func(in *awsqs.CreateActionConnectorInput) {
			in.Tags = []types.Tag{{Key: aws.String("k"), Value: aws.String("")}}
		},
		"namespace principal": func(in *awsqs.CreateActionConnectorInput) {
			in.Permissions = []types.ResourcePermission{{Principal: aws.String("arn:aws:quicksight:us-east-1:" + *acct + ":namespace/default"), Actions: []string{"quicksight:DescribeActionConnector"}}}
		},
	}
	for name, mutate := range invalid {
		err := create("invalid", mutate)
		var ipv *types.InvalidParameterValueException
		if !errors.As(err, &ipv) || httpStatus(err) != http.StatusBadRequest {
			t.Errorf("%s: want InvalidParameterValueException, got %v", name, err)
		}
	}

	// An armed failure ends the create in CREATION_FAILED with a message.
	FailNext(s, "doomed", "endpoint unreachable")
	if err := create("doomed", nil); err != nil {
		t.Fatal(err)
	}
	describe("doomed")
	if ac := describe("doomed"); ac.Status != types.ResourceStatusCreationFailed || ac.Error == nil || aws.ToString(ac.Error.Message) != "endpoint unreachable" {
		t.Fatalf("failed create: %+v", ac)
	}
	// A failed update keeps the previous configuration.
	FailNext(s, "dup", "")
	if _, err := qs.UpdateActionConnector(ctx, &awsqs.UpdateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("dup"), Name: aws.String("Renamed"), AuthenticationConfig: basicAuth("https://api.example.com", "u", "p"),
	}); err != nil {
		t.Fatal(err)
	}
	describe("dup")
	if ac := describe("dup"); ac.Status != types.ResourceStatusUpdateFailed || aws.ToString(ac.Name) != "Conn" {
		t.Fatalf("failed update: %+v", ac)
	}

	// Wrong signing key.
	bad := quickSightClient(t, s, func(o *awsqs.Options) {
		o.Credentials = credentials.NewStaticCredentialsProvider(s.Credentials().AWSAccessKeyID, "wrong-secret", "")
	})
	_, err = bad.ListActionConnectors(ctx, &awsqs.ListActionConnectorsInput{AwsAccountId: acct})
	if code := apiErrorCode(t, err); code != "InvalidSignatureException" || httpStatus(err) != http.StatusForbidden {
		t.Fatalf("bad signature: %s %v", code, err)
	}
}

func TestQuickSightRejectsUnknownMembers(t *testing.T) {
	t.Parallel()
	s := startServer(t, 3, 0)
	ctx := context.Background()
	// Add an unknown member to the serialized body, re-signing afterwards.
	qs := quickSightClient(t, s, func(o *awsqs.Options) {
		o.APIOptions = append(o.APIOptions, addUnknownMember)
	})
	_, err := qs.SearchActionConnectors(ctx, &awsqs.SearchActionConnectorsInput{
		AwsAccountId: aws.String(s.Credentials().AWSAccountID),
		Filters:      []types.ActionConnectorSearchFilter{{Name: "ACTION_CONNECTOR_NAME", Operator: "StringEquals", Value: aws.String("x")}},
	})
	var ipv *types.InvalidParameterValueException
	if !errors.As(err, &ipv) || !strings.Contains(aws.ToString(ipv.Message), "Bogus") {
		t.Fatalf("unknown member: %v", err)
	}
}

func addUnknownMember(stack *middleware.Stack) error {
	return stack.Build.Add(middleware.BuildMiddlewareFunc("addUnknownMember", func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
		req := in.Request.(*smithyhttp.Request)
		body, err := io.ReadAll(req.GetStream())
		if err != nil {
			return middleware.BuildOutput{}, middleware.Metadata{}, err
		}
		body = append([]byte(`{"Bogus":1,`), body[1:]...)
		req, err = req.SetStream(bytes.NewReader(body))
		if err != nil {
			return middleware.BuildOutput{}, middleware.Metadata{}, err
		}
		req.ContentLength = int64(len(body))
		in.Request = req
		return next.HandleBuild(ctx, in)
	}), middleware.After)
}

func TestQuickSightFailNextAdminRoute(t *testing.T) {
	t.Parallel()
	s := startServer(t, 10, -1)
	resp, err := http.Post(s.URL()+"/_emulator/quicksight/fail-next", "application/json", strings.NewReader(`{"ActionConnectorId":"x-1","Message":"boom"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("admin route: %d", resp.StatusCode)
	}
	ctx := context.Background()
	qs := quickSightClient(t, s)
	acct := aws.String(s.Credentials().AWSAccountID)
	out, err := qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("x-1"), Name: aws.String("X"), Type: types.ActionConnectorTypeAmazonS3,
		AuthenticationConfig: &types.AuthConfig{AuthenticationType: types.ConnectionAuthTypeIam, AuthenticationMetadata: &types.AuthenticationMetadataMemberIamConnectionMetadata{
			Value: types.IAMConnectionMetadata{RoleArn: aws.String("arn:aws:iam::123456789012:role/qs")}}},
	})
	if err != nil || out.CreationStatus != types.ResourceStatusCreationFailed {
		t.Fatalf("create with an armed failure and no polls: %v %+v", err, out)
	}
	list, err := qs.ListActionConnectors(ctx, &awsqs.ListActionConnectorsInput{AwsAccountId: acct})
	if err != nil || len(list.ActionConnectorSummaries) != 1 || list.ActionConnectorSummaries[0].Error == nil || aws.ToString(list.ActionConnectorSummaries[0].Error.Message) != "boom" {
		t.Fatalf("summary of the failed connector: %v %+v", err, list)
	}
	d, err := qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("x-1")})
	if err != nil {
		t.Fatal(err)
	}
	iam, ok := d.ActionConnector.AuthenticationConfig.AuthenticationMetadata.(*types.ReadAuthenticationMetadataMemberIamConnectionMetadata)
	if !ok || aws.ToString(iam.Value.SourceArn) != aws.ToString(d.ActionConnector.Arn) {
		t.Fatalf("IAM read shape: %#v", d.ActionConnector.AuthenticationConfig.AuthenticationMetadata)
	}
}

func TestNewPollsDefault(t *testing.T) {
	t.Parallel()
	s := core.NewServer(core.Config{Seed: 1})
	for polls, want := range map[int]int{0: 2, 1: 1, 5: 5, -1: 0} {
		if got := New(s, polls).(*quickSightFamily).polls(); got != want {
			t.Errorf("New(s, %d) stays in progress for %d describes, want %d", polls, got, want)
		}
	}
}

// TestQuickSightModelConstraints checks the emulator against the botocore model
// (quicksight 2018-04-01): what the model allows is accepted, what it forbids is
// InvalidParameterValueException, and nothing else is invented.
func TestQuickSightModelConstraints(t *testing.T) {
	t.Parallel()
	s := startServer(t, 4, -1)
	ctx := context.Background()
	qs := quickSightClient(t, s)
	acct := aws.String(s.Credentials().AWSAccountID)
	long := func(n int) *string { return aws.String(strings.Repeat("x", n)) }
	clientCredentials := func(clientID *string) types.AuthenticationMetadata {
		return &types.AuthenticationMetadataMemberClientCredentialsGrantMetadata{Value: types.ClientCredentialsGrantMetadata{
			BaseEndpoint: aws.String("https://api.example.com"),
			ClientCredentialsDetails: &types.ClientCredentialsDetailsMemberClientCredentialsGrantDetails{Value: types.ClientCredentialsGrantDetails{
				ClientId: clientID, ClientSecret: aws.String("s"), TokenEndpoint: aws.String("https://idp.example.com/token")}},
		}}
	}
	apiKey := func(key, email *string) types.AuthenticationMetadata {
		return &types.AuthenticationMetadataMemberApiKeyConnectionMetadata{Value: types.APIKeyConnectionMetadata{
			BaseEndpoint: aws.String("https://api.example.com"), ApiKey: key, Email: email}}
	}
	none := func(endpoint string) types.AuthenticationMetadata {
		return &types.AuthenticationMetadataMemberNoneConnectionMetadata{Value: types.NoneConnectionMetadata{BaseEndpoint: aws.String(endpoint)}}
	}
	testCases := map[string]struct {
		authType types.ConnectionAuthType
		metadata types.AuthenticationMetadata
		invalid  string
	}{
		"client id of 1024":        {authType: "OAUTH2_CLIENT_CREDENTIALS", metadata: clientCredentials(long(1024))},
		"empty client id":          {authType: "OAUTH2_CLIENT_CREDENTIALS", metadata: clientCredentials(aws.String(""))},
		"client id of 1025":        {authType: "OAUTH2_CLIENT_CREDENTIALS", metadata: clientCredentials(long(1025)), invalid: "ClientId' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		"long username, password":  {authType: "BASIC", metadata: basicAuth("https://api.example.com", *long(5000), *long(5000)).AuthenticationMetadata},
		"empty username, password": {authType: "BASIC", metadata: basicAuth("https://api.example.com", "", "").AuthenticationMetadata},
		"long api key":             {authType: "API_KEY", metadata: apiKey(long(5000), nil)},
		"email":                    {authType: "API_KEY", metadata: apiKey(aws.String("k"), aws.String("ops.team+qs@mail.example.com"))},
		"email without a domain":   {authType: "API_KEY", metadata: apiKey(aws.String("k"), aws.String("ops@localhost")), invalid: "Value at 'authenticationConfig.AuthenticationMetadata.ApiKeyConnectionMetadata.Email' failed to satisfy constraint: Member must satisfy regular expression pattern"},
		"email with a space":       {authType: "API_KEY", metadata: apiKey(aws.String("k"), aws.String("ops @example.com")), invalid: "Email' failed to satisfy constraint"},
		"uppercase https":          {authType: "NONE", metadata: none("HTTPS://api.example.com"), invalid: "Value 'HTTPS://api.example.com' at 'authenticationConfig.AuthenticationMetadata.NoneConnectionMetadata.BaseEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern: https://.*"},
		"endpoint of 8192":         {authType: "NONE", metadata: none("https://" + *long(8192 - 8))},
		"endpoint of 8193":         {authType: "NONE", metadata: none("https://" + *long(8193 - 8)), invalid: "Member must have length less than or equal to 8192"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
				AwsAccountId: acct, ActionConnectorId: aws.String(strings.NewReplacer(" ", "-", ",", "").Replace(name)), Name: aws.String("Conn"),
				Type: types.ActionConnectorTypeGenericHttp, AuthenticationConfig: &types.AuthConfig{AuthenticationType: tc.authType, AuthenticationMetadata: tc.metadata},
			})
			var ipv *types.InvalidParameterValueException
			switch {
			case tc.invalid == "" && err != nil:
				t.Fatalf("the model allows it, got %v", err)
			case tc.invalid != "" && (!errors.As(err, &ipv) || !strings.Contains(aws.ToString(ipv.Message), tc.invalid)):
				t.Fatalf("want InvalidParameterValueException with %q, got %v", tc.invalid, err)
			}
		})
	}

	if _, err := qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("tagged"), Name: aws.String("Tagged"), Type: types.ActionConnectorTypeGenericHttp,
		AuthenticationConfig: &types.AuthConfig{AuthenticationType: "NONE", AuthenticationMetadata: none("https://api.example.com")},
	}); err != nil {
		t.Fatal(err)
	}
	arn := aws.String("arn:aws:quicksight:us-east-1:" + *acct + ":action-connector/tagged")
	for key, invalid := range map[string]bool{*long(128): false, *long(129): true, "": true} {
		_, err := qs.UntagResource(ctx, &awsqs.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"a", key}})
		var ipv *types.InvalidParameterValueException
		if invalid != errors.As(err, &ipv) || (!invalid && err != nil) {
			t.Errorf("untag key of %d characters: %v", len(key), err)
		}
	}

	// Filters is required and has at most one member; none finds every connector.
	search := func(filters []types.ActionConnectorSearchFilter) (*awsqs.SearchActionConnectorsOutput, error) {
		return qs.SearchActionConnectors(ctx, &awsqs.SearchActionConnectorsInput{AwsAccountId: acct, Filters: filters})
	}
	found, err := search([]types.ActionConnectorSearchFilter{})
	if err != nil || len(found.ActionConnectorSummaries) == 0 {
		t.Fatalf("search without a filter: %v", err)
	}
	byName := types.ActionConnectorSearchFilter{Name: "ACTION_CONNECTOR_NAME", Operator: "StringEquals", Value: aws.String("Tagged")}
	if _, err := search([]types.ActionConnectorSearchFilter{byName, byName}); !errors.As(err, new(*types.InvalidParameterValueException)) {
		t.Fatalf("search with two filters: %v", err)
	}

	// The errors whose model shape has a ResourceType carry one.
	_, err = qs.DescribeActionConnector(ctx, &awsqs.DescribeActionConnectorInput{AwsAccountId: acct, ActionConnectorId: aws.String("missing")})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) || notFound.ResourceType == "" {
		t.Errorf("not found: %v", err)
	}
	_, err = qs.CreateActionConnector(ctx, &awsqs.CreateActionConnectorInput{
		AwsAccountId: acct, ActionConnectorId: aws.String("tagged"), Name: aws.String("Tagged"), Type: types.ActionConnectorTypeGenericHttp,
		AuthenticationConfig: &types.AuthConfig{AuthenticationType: "NONE", AuthenticationMetadata: none("https://api.example.com")},
	})
	var exists *types.ResourceExistsException
	if !errors.As(err, &exists) || exists.ResourceType == "" {
		t.Errorf("exists: %v", err)
	}
	var many []types.Tag
	for i := range 51 {
		many = append(many, types.Tag{Key: aws.String(fmt.Sprint("k", i)), Value: aws.String("v")})
	}
	_, err = qs.TagResource(ctx, &awsqs.TagResourceInput{ResourceArn: arn, Tags: many})
	var limit *types.LimitExceededException
	if !errors.As(err, &limit) || limit.ResourceType == "" {
		t.Errorf("limit exceeded: %v", err)
	}
}
