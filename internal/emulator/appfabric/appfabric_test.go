package appfabric_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appfabric"
	"github.com/aws/aws-sdk-go-v2/service/appfabric/types"
	"github.com/aws/smithy-go"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func startAppFabric(t *testing.T) *core.Server {
	t.Helper()
	s := emulator.New(emulator.Options{Seed: 7})
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// sdkClientIn is the official AppFabric client of account acct in region, pointed at the emulator.
func sdkClientIn(s *core.Server, region string, acct core.AWSAccount) *appfabric.Client {
	return appfabric.New(appfabric.Options{
		Region:           region,
		BaseEndpoint:     aws.String(s.URL()),
		Credentials:      credentials.NewStaticCredentialsProvider(acct.AccessKeyID, acct.SecretAccessKey, ""),
		RetryMaxAttempts: 1,
	})
}

// sdkClient is the official AppFabric client pointed at the emulator.
func sdkClient(s *core.Server, secret string) *appfabric.Client {
	c := s.Credentials()
	if secret == "" {
		secret = c.AWSSecretAccessKey
	}
	return appfabric.New(appfabric.Options{
		Region:           c.AWSRegion,
		BaseEndpoint:     aws.String(s.URL()),
		Credentials:      credentials.NewStaticCredentialsProvider(c.AWSAccessKeyID, secret, ""),
		RetryMaxAttempts: 1,
	})
}

func tagsOf(tags []types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// TestAppFabricSDKRoundTrip drives every AppFabric operation of the wire
// reference through the official SDK: it signs, serialises and parses, so the
// emulator must speak the real protocol.
func TestAppFabricSDKRoundTrip(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	acct, region := s.Credentials().AWSAccountID, s.Credentials().AWSRegion

	// CreateAppBundle with a KMS key id, tags and an explicit client token.
	token := "0f8fad5b-d9cb-469f-a165-70867728950e"
	cb, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{
		ClientToken:                  aws.String(token),
		CustomerManagedKeyIdentifier: aws.String("1234abcd-12ab-34cd-56ef-1234567890ab"),
		Tags:                         []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}},
	})
	if err != nil {
		t.Fatalf("CreateAppBundle: %v", err)
	}
	bundleARN := aws.ToString(cb.AppBundle.Arn)
	if !strings.HasPrefix(bundleARN, "arn:aws:appfabric:"+region+":"+acct+":appbundle/") {
		t.Fatalf("bundle ARN %q has the wrong shape", bundleARN)
	}
	if got, want := aws.ToString(cb.AppBundle.CustomerManagedKeyArn), "arn:aws:kms:"+region+":"+acct+":key/1234abcd-12ab-34cd-56ef-1234567890ab"; got != want {
		t.Fatalf("customerManagedKeyArn = %q, want %q", got, want)
	}
	// The same token and body is the same bundle; another body is an error.
	again, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{
		ClientToken:                  aws.String(token),
		CustomerManagedKeyIdentifier: aws.String("1234abcd-12ab-34cd-56ef-1234567890ab"),
		Tags:                         []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}},
	})
	if err != nil || aws.ToString(again.AppBundle.Arn) != bundleARN {
		t.Fatalf("retried CreateAppBundle = %v, %v; want the same bundle", again, err)
	}
	_, err = c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{ClientToken: aws.String(token)})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "IdempotentParameterMismatchException" {
		t.Fatalf("reused token with other parameters: %v", err)
	}

	// GetAppBundle by ARN and by UUID.
	bundleID := bundleARN[strings.LastIndex(bundleARN, "/")+1:]
	for _, id := range []string{bundleARN, bundleID} {
		gb, err := c.GetAppBundle(ctx, &appfabric.GetAppBundleInput{AppBundleIdentifier: aws.String(id)})
		if err != nil || aws.ToString(gb.AppBundle.Arn) != bundleARN {
			t.Fatalf("GetAppBundle(%s) = %v, %v", id, gb, err)
		}
	}

	// A bundle per account and Region: the same account's second bundle goes to eu-west-1 (SDK-generated
	// token), and each Region lists its own only.
	west := sdkClientIn(s, "eu-west-1", s.AWSAccounts()[0])
	cb2, err := west.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatalf("CreateAppBundle in eu-west-1: %v", err)
	}
	if !strings.HasPrefix(aws.ToString(cb2.AppBundle.Arn), "arn:aws:appfabric:eu-west-1:"+acct+":appbundle/") {
		t.Fatalf("eu-west-1 bundle ARN %q", aws.ToString(cb2.AppBundle.Arn))
	}
	for client, want := range map[*appfabric.Client]string{c: bundleARN, west: aws.ToString(cb2.AppBundle.Arn)} {
		var listed []string
		bp := appfabric.NewListAppBundlesPaginator(client, &appfabric.ListAppBundlesInput{MaxResults: aws.Int32(1)})
		for bp.HasMorePages() {
			out, err := bp.NextPage(ctx)
			if err != nil {
				t.Fatalf("ListAppBundles: %v", err)
			}
			for _, b := range out.AppBundleSummaryList {
				listed = append(listed, aws.ToString(b.Arn))
			}
		}
		if !slices.Equal(listed, []string{want}) {
			t.Fatalf("ListAppBundles gave %v, want only %s", listed, want)
		}
	}

	// CreateAppAuthorization, oauth2 and apiKey.
	oauth, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleARN),
		App:                 aws.String("SLACK"),
		AuthType:            types.AuthTypeOauth2,
		Credential:          &types.CredentialMemberOauth2Credential{Value: types.Oauth2Credential{ClientId: aws.String("cid"), ClientSecret: aws.String("csecret")}},
		Tenant:              &types.Tenant{TenantIdentifier: aws.String("T123"), TenantDisplayName: aws.String("Acme")},
		Tags:                []types.Tag{{Key: aws.String("team"), Value: aws.String("sec")}},
	})
	if err != nil {
		t.Fatalf("CreateAppAuthorization: %v", err)
	}
	oa := oauth.AppAuthorization
	oauthARN := aws.ToString(oa.AppAuthorizationArn)
	if !strings.HasPrefix(oauthARN, bundleARN+"/appauthorization/") || oa.Status != types.AppAuthorizationStatusPendingConnect ||
		oa.Persona != types.PersonaAdmin || oa.AuthType != types.AuthTypeOauth2 || aws.ToString(oa.AuthUrl) == "" ||
		oa.CreatedAt == nil || time.Since(*oa.CreatedAt) > time.Minute {
		t.Fatalf("CreateAppAuthorization returned %+v", oa)
	}
	apiKey, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleID),
		App:                 aws.String("ZOOM"),
		AuthType:            types.AuthTypeApiKey,
		Credential:          &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("invalid-key")}},
		Tenant:              &types.Tenant{TenantIdentifier: aws.String("Z1"), TenantDisplayName: aws.String("Zoom tenant")},
	})
	if err != nil {
		t.Fatalf("CreateAppAuthorization(apiKey): %v", err)
	}
	apiKeyARN := aws.ToString(apiKey.AppAuthorization.AppAuthorizationArn)
	if apiKey.AppAuthorization.AuthUrl != nil {
		t.Fatalf("an apiKey authorization has no auth URL, got %q", aws.ToString(apiKey.AppAuthorization.AuthUrl))
	}

	// GetAppAuthorization by ARN and by UUID.
	ga, err := c.GetAppAuthorization(ctx, &appfabric.GetAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleID), AppAuthorizationIdentifier: aws.String(oauthARN[strings.LastIndex(oauthARN, "/")+1:]),
	})
	if err != nil || aws.ToString(ga.AppAuthorization.AppAuthorizationArn) != oauthARN || aws.ToString(ga.AppAuthorization.Tenant.TenantDisplayName) != "Acme" {
		t.Fatalf("GetAppAuthorization = %+v, %v", ga, err)
	}

	// ListAppAuthorizations one per page.
	var summaries []types.AppAuthorizationSummary
	ap := appfabric.NewListAppAuthorizationsPaginator(c, &appfabric.ListAppAuthorizationsInput{AppBundleIdentifier: aws.String(bundleARN), MaxResults: aws.Int32(1)})
	for ap.HasMorePages() {
		out, err := ap.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListAppAuthorizations: %v", err)
		}
		summaries = append(summaries, out.AppAuthorizationSummaryList...)
	}
	if len(summaries) != 2 || summaries[0].Status != types.AppAuthorizationStatusPendingConnect {
		t.Fatalf("ListAppAuthorizations = %+v", summaries)
	}

	// ConnectAppAuthorization: oauth2 needs an auth request; the outcome shows after one poll.
	conn, err := c.ConnectAppAuthorization(ctx, &appfabric.ConnectAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(oauthARN),
		AuthRequest: &types.AuthRequest{Code: aws.String("the-code"), RedirectUri: aws.String("https://example.com/callback")},
	})
	if err != nil || aws.ToString(conn.AppAuthorizationSummary.AppAuthorizationArn) != oauthARN {
		t.Fatalf("ConnectAppAuthorization = %+v, %v", conn, err)
	}
	wantStatuses(t, c, bundleARN, oauthARN, types.AppAuthorizationStatusPendingConnect, types.AppAuthorizationStatusConnected)
	if _, err := c.ConnectAppAuthorization(ctx, &appfabric.ConnectAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(apiKeyARN),
	}); err != nil {
		t.Fatalf("ConnectAppAuthorization(apiKey): %v", err)
	}
	wantStatuses(t, c, bundleARN, apiKeyARN, types.AppAuthorizationStatusPendingConnect, types.AppAuthorizationStatusConnectionValidationFailed)

	// UpdateAppAuthorization (PATCH) resets a connected authorization.
	up, err := c.UpdateAppAuthorization(ctx, &appfabric.UpdateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(oauthARN),
		Credential: &types.CredentialMemberOauth2Credential{Value: types.Oauth2Credential{ClientId: aws.String("cid2"), ClientSecret: aws.String("csecret2")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String("T123"), TenantDisplayName: aws.String("Acme Corp")},
	})
	if err != nil || up.AppAuthorization.Status != types.AppAuthorizationStatusPendingConnect ||
		aws.ToString(up.AppAuthorization.Tenant.TenantDisplayName) != "Acme Corp" || !strings.Contains(aws.ToString(up.AppAuthorization.AuthUrl), "client_id=cid2") {
		t.Fatalf("UpdateAppAuthorization = %+v, %v", up, err)
	}
	if got, _ := emuappfabric.Of(s).Credential(oauthARN); got.ClientSecret != "csecret2" {
		t.Fatalf("emulator holds secret %q after the update", got.ClientSecret)
	}
	// A credential of the other auth type is refused.
	_, err = c.UpdateAppAuthorization(ctx, &appfabric.UpdateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(oauthARN),
		Credential: &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("k")}},
	})
	var ve *types.ValidationException
	if !errors.As(err, &ve) || ve.Reason != types.ValidationExceptionReasonFieldValidationFailed || len(ve.FieldList) != 1 || aws.ToString(ve.FieldList[0].Name) != "credential" {
		t.Fatalf("mismatched credential: %v", err)
	}

	// Tags on an authorization ARN: the SDK escapes '/' and ':' in the path.
	if _, err := c.TagResource(ctx, &appfabric.TagResourceInput{ResourceArn: aws.String(oauthARN), Tags: []types.Tag{
		{Key: aws.String("owner"), Value: aws.String("me")}, {Key: aws.String("empty"), Value: aws.String("")},
	}}); err != nil {
		t.Fatalf("TagResource: %v", err)
	}
	lt, err := c.ListTagsForResource(ctx, &appfabric.ListTagsForResourceInput{ResourceArn: aws.String(oauthARN)})
	if err != nil || len(lt.Tags) != 3 || tagsOf(lt.Tags)["owner"] != "me" {
		t.Fatalf("ListTagsForResource = %+v, %v", lt, err)
	}
	if _, err := c.UntagResource(ctx, &appfabric.UntagResourceInput{ResourceArn: aws.String(oauthARN), TagKeys: []string{"team", "empty"}}); err != nil {
		t.Fatalf("UntagResource: %v", err)
	}
	lt, err = c.ListTagsForResource(ctx, &appfabric.ListTagsForResourceInput{ResourceArn: aws.String(oauthARN)})
	if err != nil || len(lt.Tags) != 1 || tagsOf(lt.Tags)["owner"] != "me" {
		t.Fatalf("ListTagsForResource after untag = %+v, %v", lt, err)
	}
	lt, err = c.ListTagsForResource(ctx, &appfabric.ListTagsForResourceInput{ResourceArn: aws.String(bundleARN)})
	if err != nil || tagsOf(lt.Tags)["env"] != "test" {
		t.Fatalf("ListTagsForResource(bundle) = %+v, %v", lt, err)
	}

	// A bundle with authorizations cannot be deleted.
	_, err = c.DeleteAppBundle(ctx, &appfabric.DeleteAppBundleInput{AppBundleIdentifier: aws.String(bundleARN)})
	var ce *types.ConflictException
	if !errors.As(err, &ce) || aws.ToString(ce.ResourceId) != bundleARN {
		t.Fatalf("DeleteAppBundle with authorizations: %v", err)
	}

	// DeleteAppAuthorization, then the authorization is gone.
	for _, arn := range []string{oauthARN, apiKeyARN} {
		if _, err := c.DeleteAppAuthorization(ctx, &appfabric.DeleteAppAuthorizationInput{
			AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(arn),
		}); err != nil {
			t.Fatalf("DeleteAppAuthorization: %v", err)
		}
	}
	_, err = c.GetAppAuthorization(ctx, &appfabric.GetAppAuthorizationInput{AppBundleIdentifier: aws.String(bundleARN), AppAuthorizationIdentifier: aws.String(oauthARN)})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) || aws.ToString(nf.ResourceType) != "AppAuthorization" {
		t.Fatalf("GetAppAuthorization after delete: %v", err)
	}
	for client, arn := range map[*appfabric.Client]string{c: bundleARN, west: aws.ToString(cb2.AppBundle.Arn)} {
		if _, err := client.DeleteAppBundle(ctx, &appfabric.DeleteAppBundleInput{AppBundleIdentifier: aws.String(arn)}); err != nil {
			t.Fatalf("DeleteAppBundle: %v", err)
		}
	}
	if b, a := emuappfabric.Of(s).Counts(); b != 0 || a != 0 {
		t.Fatalf("emulator still holds %d bundles and %d authorizations", b, a)
	}
}

func wantStatuses(t *testing.T, c *appfabric.Client, bundle, arn string, statuses ...types.AppAuthorizationStatus) {
	t.Helper()
	for _, want := range statuses {
		out, err := c.GetAppAuthorization(context.Background(), &appfabric.GetAppAuthorizationInput{
			AppBundleIdentifier: aws.String(bundle), AppAuthorizationIdentifier: aws.String(arn),
		})
		if err != nil || out.AppAuthorization.Status != want {
			t.Fatalf("GetAppAuthorization status: got %+v, %v; want %s", out, err, want)
		}
	}
}

func TestAppFabricSDKErrors(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")

	t.Run("validation", func(t *testing.T) {
		_, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
			AppBundleIdentifier: aws.String("not-an-identifier"),
			App:                 aws.String(strings.Repeat("a", 256)),
			AuthType:            types.AuthTypeOauth2,
			Credential:          &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("k")}},
			Tenant:              &types.Tenant{TenantIdentifier: aws.String("t"), TenantDisplayName: aws.String("d")},
		})
		var ve *types.ValidationException
		if !errors.As(err, &ve) {
			t.Fatalf("want ValidationException, got %v", err)
		}
		var names []string
		for _, f := range ve.FieldList {
			names = append(names, aws.ToString(f.Name))
		}
		for _, want := range []string{"appBundleIdentifier", "app", "credential"} {
			if !slices.Contains(names, want) {
				t.Fatalf("fieldList %v lacks %s", names, want)
			}
		}
	})
	t.Run("unknown bundle", func(t *testing.T) {
		_, err := c.GetAppBundle(ctx, &appfabric.GetAppBundleInput{AppBundleIdentifier: aws.String("arn:aws:appfabric:us-east-1:123456789012:appbundle/00000000-0000-4000-8000-000000000000")})
		var nf *types.ResourceNotFoundException
		if !errors.As(err, &nf) || aws.ToString(nf.ResourceType) != "AppBundle" {
			t.Fatalf("want ResourceNotFoundException, got %v", err)
		}
	})
	t.Run("bad next token", func(t *testing.T) {
		_, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{NextToken: aws.String("garbage")})
		var ve *types.ValidationException
		if !errors.As(err, &ve) {
			t.Fatalf("want ValidationException, got %v", err)
		}
	})
	t.Run("wrong secret key", func(t *testing.T) {
		_, err := sdkClient(s, "wrong-secret").ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InvalidSignatureException" {
			t.Fatalf("want InvalidSignatureException, got %v", err)
		}
	})
	t.Run("throttled", func(t *testing.T) {
		s.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.Fault429}, Routes: []string{"appfabric.ListAppBundles"}})
		t.Cleanup(func() { s.SetFaults(core.FaultConfig{}) })
		_, err := c.ListAppBundles(ctx, &appfabric.ListAppBundlesInput{})
		var te *types.ThrottlingException
		if !errors.As(err, &te) {
			t.Fatalf("want ThrottlingException, got %v", err)
		}
	})
}

// signedRequest sends body signed with the emulator's credentials.
func signedRequest(t *testing.T, s *core.Server, method, path string, body []byte, tamper func(*http.Request)) (*http.Response, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL()+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	sum := sha256.Sum256(body)
	c := s.Credentials()
	if err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: c.AWSAccessKeyID, SecretAccessKey: c.AWSSecretAccessKey},
		req, hex.EncodeToString(sum[:]), "appfabric", c.AWSRegion, time.Now()); err != nil {
		t.Fatal(err)
	}
	if tamper != nil {
		tamper(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

func TestAppFabricWire(t *testing.T) {
	key := core.DefaultCredentials(7).AWSAccessKeyID
	testCases := map[string]struct {
		method, path, body string
		tamper             func(*http.Request)
		status             int
		errType            string
	}{
		"unknown field":            {method: "POST", path: "/appbundles", body: `{"color":"red"}`, status: 400, errType: "ValidationException"},
		"uppercase client token":   {method: "POST", path: "/appbundles", body: `{"clientToken":"0F8FAD5B-D9CB-469F-A165-70867728950E"}`, status: 400, errType: "ValidationException"},
		"malformed json":           {method: "POST", path: "/appbundles", body: `{`, status: 400, errType: "ValidationException"},
		"too many tags":            {method: "POST", path: "/appbundles", body: `{"tags":[` + strings.TrimSuffix(strings.Repeat(`{"key":"k","value":"v"},`, 51), ",") + `]}`, status: 400, errType: "ValidationException"},
		"create bundle":            {method: "POST", path: "/appbundles", body: `{}`, status: 201},
		"empty create bundle":      {method: "POST", path: "/appbundles", status: 201},
		"max results out of range": {method: "GET", path: "/appbundles?maxResults=101", status: 400, errType: "ValidationException"},
		"untag needs tagKeys":      {method: "DELETE", path: "/tags/arn%3Aaws%3Aappfabric%3Aus-east-1%3A123456789012%3Aappbundle%2F00000000-0000-4000-8000-000000000000", status: 400, errType: "ValidationException"},
		"tampered query":           {method: "GET", path: "/appbundles", tamper: func(r *http.Request) { r.URL.RawQuery = "maxResults=5" }, status: 403, errType: "InvalidSignatureException"},
		"missing signature":        {method: "GET", path: "/appbundles", tamper: func(r *http.Request) { r.Header.Del("Authorization") }, status: 403, errType: "MissingAuthenticationTokenException"},
		"unknown access key": {method: "GET", path: "/appbundles", tamper: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), key, "AKIAIOSFODNN7EXAMPLE", 1))
		}, status: 403, errType: "UnrecognizedClientException"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			// A fresh emulator each: the account may hold one bundle.
			s := startAppFabric(t)
			resp, body := signedRequest(t, s, tc.method, tc.path, []byte(tc.body), tc.tamper)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d (body %v)", resp.StatusCode, tc.status, body)
			}
			if got := resp.Header.Get("X-Amzn-ErrorType"); got != tc.errType {
				t.Fatalf("X-Amzn-ErrorType %q, want %q", got, tc.errType)
			}
			if tc.errType != "" && body["message"] == nil {
				t.Fatalf("error body lacks message: %v", body)
			}
			if tc.errType == "ValidationException" && body["reason"] == nil {
				t.Fatalf("ValidationException lacks reason: %v", body)
			}
		})
	}
}

func TestAppFabricConnectStatusMachine(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	af := emuappfabric.Of(s)
	af.SetSettings(emuappfabric.Settings{ConnectPolls: 0, RejectSecrets: []string{"bad-code"}})
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	bundle := aws.ToString(b.AppBundle.Arn)
	a, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundle), App: aws.String("DROPBOX"), AuthType: types.AuthTypeOauth2,
		Credential: &types.CredentialMemberOauth2Credential{Value: types.Oauth2Credential{ClientId: aws.String("id"), ClientSecret: aws.String("s")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String("t"), TenantDisplayName: aws.String("d")},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(a.AppAuthorization.AppAuthorizationArn)
	connect := func(code string) (types.AppAuthorizationStatus, error) {
		in := &appfabric.ConnectAppAuthorizationInput{AppBundleIdentifier: aws.String(bundle), AppAuthorizationIdentifier: aws.String(arn)}
		if code != "" {
			in.AuthRequest = &types.AuthRequest{Code: aws.String(code), RedirectUri: aws.String("https://example.com/cb")}
		}
		out, err := c.ConnectAppAuthorization(ctx, in)
		if err != nil {
			return "", err
		}
		return out.AppAuthorizationSummary.Status, nil
	}
	if _, err := connect(""); err == nil {
		t.Fatal("oauth2 connect without authRequest succeeded")
	}
	if st, err := connect("bad-code"); err != nil || st != types.AppAuthorizationStatusConnectionValidationFailed {
		t.Fatalf("connect with a refused code: %s, %v", st, err)
	}
	if st, err := connect("good"); err != nil || st != types.AppAuthorizationStatusConnected {
		t.Fatalf("connect: %s, %v", st, err)
	}
	if !af.SetStatus(arn, emuappfabric.TokenAutoRotationFailed) || af.Status(arn) != emuappfabric.TokenAutoRotationFailed {
		t.Fatal("SetStatus did not apply")
	}
	// The same app and tenant twice in one bundle is a conflict.
	_, err = c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: aws.String(bundle), App: aws.String("DROPBOX"), AuthType: types.AuthTypeOauth2,
		Credential: &types.CredentialMemberOauth2Credential{Value: types.Oauth2Credential{ClientId: aws.String("id"), ClientSecret: aws.String("s")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String("t"), TenantDisplayName: aws.String("d")},
	})
	var ce *types.ConflictException
	if !errors.As(err, &ce) {
		t.Fatalf("duplicate app+tenant: %v", err)
	}
	// The state dump holds digests, never the secret.
	raw, _ := json.Marshal(s.State()["appfabric"])
	if strings.Contains(string(raw), `"s"`) || !strings.Contains(string(raw), "clientSecretSha256") {
		t.Fatalf("state dump: %s", raw)
	}
}

func TestAppFabricAdminRoutes(t *testing.T) {
	s := startAppFabric(t)
	ctx := context.Background()
	c := sdkClient(s, "")
	admin := func(method, path, body string) int {
		req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := admin("PUT", "/_emulator/appfabric/settings", `{"connect_polls":0,"reject_secrets":["nope"],"deleting_reads":3}`); st != 200 {
		t.Fatalf("PUT settings: %d", st)
	}
	if got := emuappfabric.Of(s).Settings(); got.ConnectPolls != 0 || got.DeletingReads != 3 || !slices.Equal(got.RejectSecrets, []string{"nope"}) {
		t.Fatalf("settings = %+v", got)
	}
	b, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.CreateAppAuthorization(ctx, &appfabric.CreateAppAuthorizationInput{
		AppBundleIdentifier: b.AppBundle.Arn, App: aws.String("ZOOM"), AuthType: types.AuthTypeApiKey,
		Credential: &types.CredentialMemberApiKeyCredential{Value: types.ApiKeyCredential{ApiKey: aws.String("nope")}},
		Tenant:     &types.Tenant{TenantIdentifier: aws.String("z"), TenantDisplayName: aws.String("Z")},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(a.AppAuthorization.AppAuthorizationArn)
	out, err := c.ConnectAppAuthorization(ctx, &appfabric.ConnectAppAuthorizationInput{AppBundleIdentifier: b.AppBundle.Arn, AppAuthorizationIdentifier: aws.String(arn)})
	if err != nil || out.AppAuthorizationSummary.Status != types.AppAuthorizationStatusConnectionValidationFailed {
		t.Fatalf("connect with a rejected key: %+v, %v", out, err)
	}
	if st := admin("POST", "/_emulator/appfabric/status", `{"arn":"`+arn+`","status":"Connected"}`); st != 204 {
		t.Fatalf("POST status: %d", st)
	}
	if emuappfabric.Of(s).Status(arn) != emuappfabric.Connected {
		t.Fatal("status not applied")
	}
	if st := admin("POST", "/_emulator/appfabric/status", `{"arn":"`+arn+`","status":"Sleeping"}`); st != 400 {
		t.Fatalf("POST unknown status: %d", st)
	}
	if st := admin("POST", "/_emulator/appfabric/status", `{"arn":"arn:aws:appfabric:x","status":"Connected"}`); st != 404 {
		t.Fatalf("POST status of an unknown ARN: %d", st)
	}
	// Admin routes are not counted as API traffic.
	if n := s.Stats().Route("appfabric.ConnectAppAuthorization"); n != 1 {
		t.Fatalf("ConnectAppAuthorization counted %d times", n)
	}
}
