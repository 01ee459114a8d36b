package appfabric_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/appfabric"
	"github.com/aws/aws-sdk-go-v2/service/appfabric/types"
	"github.com/aws/smithy-go"

	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
)

func newAPIKeyAuthorization(bundle, tenant string) *appfabric.CreateAppAuthorizationInput {
	return &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundle), App: aws.String("ZOOM"), AuthType: types.AuthTypeApiKey,
		Credential: &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("k")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String(tenant), TenantDisplayName: aws.String("T")},
	}
}

// AppFabric allows 1 app bundle per account and Region, not adjustable (General Reference, "AWS
// AppFabric endpoints and quotas"): a second one is refused with the modelled 402.
func TestAppFabricQuotaOneBundlePerRegion(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	if _, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	var qe *types.ServiceQuotaExceededException
	if !errors.As(err, &qe) || aws.ToString(qe.ServiceCode) != "appfabric" || aws.ToString(qe.QuotaCode) == "" ||
		aws.ToString(qe.ResourceType) != "AppBundle" || aws.ToString(qe.ResourceId) == "" {
		t.Fatalf("second bundle in the Region: %v; want ServiceQuotaExceededException with every member", err)
	}
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusPaymentRequired {
		t.Fatalf("quota error status: %v", err)
	}
	if !strings.Contains(qe.ErrorMessage(), "1 app bundle") {
		t.Fatalf("quota message %q does not name the quota", qe.ErrorMessage())
	}
}

// 50 app authorizations per account and Region; the 51st is refused.
func TestAppFabricQuotaFiftyAuthorizationsPerRegion(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if _, err := c.CreateAppAuthorization(ctx, newAPIKeyAuthorization(aws.ToString(b.AppBundle.Arn), fmt.Sprint("t", i))); err != nil {
			t.Fatalf("authorization %d: %v", i+1, err)
		}
	}
	_, err = c.CreateAppAuthorization(ctx, newAPIKeyAuthorization(aws.ToString(b.AppBundle.Arn), "t50"))
	var qe *types.ServiceQuotaExceededException
	if !errors.As(err, &qe) || aws.ToString(qe.ResourceType) != "AppAuthorization" || !strings.Contains(qe.ErrorMessage(), "50 app authorizations") {
		t.Fatalf("51st authorization: %v", err)
	}
}

// The Tag shape requires value (it may be empty, not absent).
func TestAppFabricTagNeedsValue(t *testing.T) {
	s := startAppFabric(t)
	for path, body := range map[string]string{
		"/appbundles": `{"tags":[{"key":"team"}]}`,
		"/tags/" + strings.NewReplacer(":", "%3A", "/", "%2F").Replace("arn:aws:appfabric:us-east-1:"+s.Credentials().AWSAccountID+":appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"): `{"tags":[{"key":"team"}]}`,
	} {
		resp, out := signedRequest(t, s, "POST", path, []byte(body), nil)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("X-Amzn-ErrorType") != "ValidationException" ||
			!strings.Contains(fmt.Sprint(out["fieldList"]), "tags.1.member.value") {
			t.Fatalf("POST %s with a tag without value: %d %v", path, resp.StatusCode, out)
		}
	}
	resp, out := signedRequest(t, s, "POST", "/appbundles", []byte(`{"tags":[{"key":"team","value":""}]}`), nil)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("an empty tag value is allowed: %d %v", resp.StatusCode, out)
	}
}

// A nextToken is good for the listing that issued it only: another listing's token, or one made up,
// answers the list operations' modelled 400 ValidationException.
func TestAppFabricNextTokenIsBoundToItsListing(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	bundle := aws.ToString(b.AppBundle.Arn)
	for _, tenant := range []string{"a", "b"} {
		if _, err := c.CreateAppAuthorization(ctx, newAPIKeyAuthorization(bundle, tenant)); err != nil {
			t.Fatal(err)
		}
	}
	page, err := c.ListAppAuthorizations(ctx, &appfabric.ListAppAuthorizationsInput{AppBundleIdentifier: aws.String(bundle), MaxResults: aws.Int32(1)})
	if err != nil || page.NextToken == nil {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	for name, token := range map[string]string{
		"another listing's token": aws.ToString(page.NextToken),
		// The shape core.EncodeCursor gives: a cursor anyone can write.
		"a made-up cursor": "eyJhZnRlciI6ImEifQ",
		"garbage":          "garbage",
	} {
		_, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{NextToken: aws.String(token)})
		var ve *types.ValidationException
		if !errors.As(err, &ve) {
			t.Errorf("%s on ListAppBundles: %v; want ValidationException", name, err)
		}
	}
	next, err := c.ListAppAuthorizations(ctx, &appfabric.ListAppAuthorizationsInput{AppBundleIdentifier: aws.String(bundle), MaxResults: aws.Int32(1), NextToken: page.NextToken})
	if err != nil || len(next.AppAuthorizationSummaryList) != 1 {
		t.Fatalf("second page with its own token: %+v, %v", next, err)
	}
}

// customerManagedKeyIdentifier is an Identifier: an ARN or a lowercase UUID, 1..1011 characters,
// refused with the model's pattern.
func TestAppFabricCustomerManagedKeyFollowsTheModel(t *testing.T) {
	s := startAppFabric(t)
	for key, want := range map[string]string{
		"not-a-key":                            "Member must satisfy regular expression pattern: arn:.+$|^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}",
		"1234ABCD-12AB-34CD-56EF-1234567890AB": "Member must satisfy regular expression pattern",
		"arn:aws:kms:us-east-1:" + s.Credentials().AWSAccountID + ":key/" + strings.Repeat("a", 1000): "Member must have length between 1 and 1011",
		"arn:aws:s3:::bucket": "KMS key",
	} {
		resp, out := signedRequest(t, s, "POST", "/appbundles", []byte(`{"customerManagedKeyIdentifier":"`+key+`"}`), nil)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(fmt.Sprint(out["fieldList"]), want) {
			t.Errorf("key %.40q: %d %v; want 400 with %q", key, resp.StatusCode, out, want)
		}
	}
}

// A request signed for appfabric on a route AppFabric does not have gets an error code the SDKs
// parse, like any other AppFabric error.
func TestAppFabricUnknownOperation(t *testing.T) {
	s := startAppFabric(t)
	for _, tc := range []struct{ method, path string }{{"GET", "/appbundles/x/ingestions/y/nothing"}, {"PUT", "/appbundles"}, {"POST", "/useraccess/unknown"}} {
		resp, out := signedRequest(t, s, tc.method, tc.path, nil, nil)
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("X-Amzn-ErrorType") != "UnknownOperationException" || out["message"] == nil {
			t.Errorf("%s %s: %d %q %v", tc.method, tc.path, resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), out)
		}
	}
	// The SDK sees a typed API error, not an unparsed 404.
	_, err := sdkClient(s, "").ListAppBundles(context.Background(), &appfabric.ListAppBundlesInput{}, func(o *appfabric.Options) {
		o.BaseEndpoint = aws.String(s.URL() + "/nowhere")
	})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "UnknownOperationException" {
		t.Fatalf("SDK call to an unknown route: %v", err)
	}
}

// Each account and Region has its own bundle quota and sees only its own objects; AppFabric serves
// three Regions.
func TestAppFabricAccountsAndRegionsAreApart(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	accts, err := s.EnsureAWSAccounts(2)
	if err != nil {
		t.Fatal(err)
	}
	bundles := map[string]string{}
	for _, a := range accts {
		for _, region := range emuappfabric.Regions {
			out, err := sdkClientIn(s, region, a).CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
			if err != nil {
				t.Fatalf("bundle of %s in %s: %v", a.AccountID, region, err)
			}
			arn := aws.ToString(out.AppBundle.Arn)
			if !strings.HasPrefix(arn, "arn:aws:appfabric:"+region+":"+a.AccountID+":appbundle/") {
				t.Fatalf("bundle ARN %s for %s in %s", arn, a.AccountID, region)
			}
			bundles[a.AccountID+"/"+region] = arn
		}
	}
	if b, _ := emuappfabric.Of(s).Counts(); b != 6 {
		t.Fatalf("%d bundles, want one per account and Region (6)", b)
	}
	// Another account's bundle, or this account's bundle in another Region, is not found.
	first, second := accts[0], accts[1]
	c := sdkClientIn(s, "us-east-1", first)
	for _, other := range []string{bundles[second.AccountID+"/us-east-1"], bundles[first.AccountID+"/eu-west-1"]} {
		_, err := c.GetAppBundle(ctx, &appfabric.GetAppBundleInput{AppBundleIdentifier: aws.String(other)})
		var nf *types.ResourceNotFoundException
		if !errors.As(err, &nf) {
			t.Errorf("GetAppBundle(%s) from %s in us-east-1: %v; want ResourceNotFoundException", other, first.AccountID, err)
		}
		_, err = c.ListTagsForResource(ctx, &appfabric.ListTagsForResourceInput{ResourceArn: aws.String(other)})
		if !errors.As(err, &nf) {
			t.Errorf("ListTagsForResource(%s) from %s in us-east-1: %v; want ResourceNotFoundException", other, first.AccountID, err)
		}
	}
	// A client token means nothing in another account: the same token there makes that account's
	// own authorization.
	token := "0f8fad5b-d9cb-469f-a165-70867728950e"
	var made []string
	for _, a := range accts {
		in := newAPIKeyAuthorization(bundles[a.AccountID+"/us-east-1"], "same")
		in.ClientToken = aws.String(token)
		out, err := sdkClientIn(s, "us-east-1", a).CreateAppAuthorization(ctx, in)
		if err != nil {
			t.Fatalf("authorization of %s under a shared token: %v", a.AccountID, err)
		}
		made = append(made, aws.ToString(out.AppAuthorization.AppAuthorizationArn))
	}
	if made[0] == made[1] || !strings.Contains(made[1], second.AccountID) {
		t.Fatalf("one token in two accounts made %v", made)
	}
	// Outside the three Regions there is no AppFabric.
	_, err = sdkClientIn(s, "eu-central-1", first).ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "InvalidSignatureException" || !strings.Contains(ae.ErrorMessage(), "AppFabric is available in us-east-1, eu-west-1, ap-northeast-1 only") {
		t.Fatalf("eu-central-1: %v", err)
	}
}

// With deleting_reads, a deleted authorization is still seen by that many reads, and its bundle's
// delete answers 409 until no read sees it.
func TestAppFabricDeletesAreEventuallyConsistent(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	emuappfabric.Of(s).SetSettings(emuappfabric.Settings{ConnectPolls: 1, DeletingReads: 2})
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	bundle := b.AppBundle.Arn
	get := func(arn string) error {
		_, err := c.GetAppAuthorization(ctx, &appfabric.GetAppAuthorizationInput{AppBundleIdentifier: bundle, AppAuthorizationIdentifier: aws.String(arn)})
		return err
	}
	var arns []string
	for _, tenant := range []string{"a", "b"} {
		a, err := c.CreateAppAuthorization(ctx, newAPIKeyAuthorization(aws.ToString(bundle), tenant))
		if err != nil {
			t.Fatal(err)
		}
		arns = append(arns, aws.ToString(a.AppAuthorization.AppAuthorizationArn))
	}
	for _, arn := range arns {
		if _, err := c.DeleteAppAuthorization(ctx, &appfabric.DeleteAppAuthorizationInput{AppBundleIdentifier: bundle, AppAuthorizationIdentifier: aws.String(arn)}); err != nil {
			t.Fatal(err)
		}
	}
	// The first: two reads still see it, the third does not.
	for i := range 2 {
		if err := get(arns[0]); err != nil {
			t.Fatalf("read %d after the delete: %v; the authorization should still be seen", i+1, err)
		}
	}
	var nf *types.ResourceNotFoundException
	if err := get(arns[0]); !errors.As(err, &nf) {
		t.Fatalf("third read after the delete: %v; want ResourceNotFoundException", err)
	}
	// A write does not see an authorization being deleted.
	_, err = c.UpdateAppAuthorization(ctx, &appfabric.UpdateAppAuthorizationInput{AppBundleIdentifier: bundle, AppAuthorizationIdentifier: aws.String(arns[1]),
		Tenant: &types.Tenant{TenantIdentifier: aws.String("b"), TenantDisplayName: aws.String("B")}})
	if !errors.As(err, &nf) {
		t.Fatalf("update of an authorization being deleted: %v", err)
	}
	// The second is still being deleted: the bundle's delete is refused twice (each refusal a read),
	// then accepted.
	for i := range 2 {
		_, err := c.DeleteAppBundle(ctx, &appfabric.DeleteAppBundleInput{AppBundleIdentifier: bundle})
		var ce *types.ConflictException
		if !errors.As(err, &ce) || !strings.Contains(ce.ErrorMessage(), "still being deleted") {
			t.Fatalf("bundle delete %d while an authorization is being deleted: %v; want ConflictException", i+1, err)
		}
	}
	if _, err := c.DeleteAppBundle(ctx, &appfabric.DeleteAppBundleInput{AppBundleIdentifier: bundle}); err != nil {
		t.Fatalf("bundle delete once nothing sees the authorizations: %v", err)
	}
	if b, a := emuappfabric.Of(s).Counts(); b != 0 || a != 0 {
		t.Fatalf("left %d bundles and %d authorizations", b, a)
	}
}

// An OAuth2 authorization code works once: connecting again with a used code fails validation.
func TestAppFabricOAuthCodeWorksOnce(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	emuappfabric.Of(s).SetSettings(emuappfabric.Settings{ConnectPolls: 0})
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: b.AppBundle.Arn, App: aws.String("DROPBOX"), AuthType: types.AuthTypeOauth2,
		Credential: &types.CredentialMemberOauth2Credential{Value: types.Oauth2Credential{ClientId: aws.String("id"), ClientSecret: aws.String("s")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String("t"), TenantDisplayName: aws.String("d")},
	})
	if err != nil {
		t.Fatal(err)
	}
	connect := func(code string) types.AppAuthorizationStatus {
		out, err := c.ConnectAppAuthorization(ctx, &appfabric.ConnectAppAuthorizationInput{
			AppBundleIdentifier: b.AppBundle.Arn, AppAuthorizationIdentifier: a.AppAuthorization.AppAuthorizationArn,
			AuthRequest: &types.AuthRequest{Code: aws.String(code), RedirectUri: aws.String("https://example.com/cb")},
		})
		if err != nil {
			t.Fatal(err)
		}
		return out.AppAuthorizationSummary.Status
	}
	for _, step := range []struct {
		code string
		want types.AppAuthorizationStatus
	}{{"code-1", types.AppAuthorizationStatusConnected}, {"code-1", types.AppAuthorizationStatusConnectionValidationFailed}, {"code-2", types.AppAuthorizationStatusConnected}} {
		if got := connect(step.code); got != step.want {
			t.Fatalf("connect with %s: %s, want %s", step.code, got, step.want)
		}
	}
}
