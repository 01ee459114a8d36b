package appfabric

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuappfabric "github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// testClient is a Client on a fresh emulator, configured the way the provider block would be.
func testClient(t *testing.T) (*Client, *core.Server) {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	srv := emulator.New(emulator.Options{Seed: 3})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := srv.Credentials()
	meta := awsclient.ProviderBlock.NewMeta("test", awsclient.Settings{
		Region: c.AWSRegion, AccessKey: c.AWSAccessKeyID, SecretKey: c.AWSSecretAccessKey, AccountID: c.AWSAccountID,
		Endpoints: map[string]string{"appfabric": srv.URL()},
	})
	client, err := NewClient(context.Background(), meta)
	if err != nil {
		t.Fatal(err)
	}
	client.PollInterval = 10 * time.Millisecond
	return client, srv
}

func TestBundleARNOf(t *testing.T) {
	t.Parallel()
	got, err := BundleARNOf("arn:aws:appfabric:us-east-1:123456789012:appbundle/a1/appauthorization/b2")
	if err != nil || got != "arn:aws:appfabric:us-east-1:123456789012:appbundle/a1" {
		t.Fatalf("BundleARNOf = %q, %v", got, err)
	}
	for _, bad := range []string{"", "arn:aws:appfabric:us-east-1:123456789012:appbundle/a1", "arn:aws:s3:::bucket/appauthorization/x"} {
		if _, err := BundleARNOf(bad); err == nil {
			t.Fatalf("BundleARNOf(%q) accepted", bad)
		}
	}
}

// A create whose answer is lost is retried under the same client token, so the emulator ends up
// with exactly one object per create.
func TestClientCreateRetriesReuseClientToken(t *testing.T) {
	client, srv := testClient(t)
	ctx := context.Background()
	srv.SetFaults(core.FaultConfig{Rate: 0.5, Kinds: []string{core.FaultCommitDrop, core.Fault500}, Seed: 11,
		Routes: []string{"appfabric.CreateAppBundle", "appfabric.CreateAppAuthorization"}})
	b, err := client.CreateAppBundle(ctx, "", map[string]string{"k": "v"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		_, err := client.CreateAppAuthorization(ctx, b.ARN, CreateAppAuthorizationInput{
			App: "SLACK", AuthType: "apiKey", Credential: Credential{APIKey: &APIKeyCredential{APIKey: "k"}},
			Tenant: Tenant{TenantIdentifier: fmt.Sprint("t", i), TenantDisplayName: "d"},
		})
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
	}
	st := srv.Stats()
	if st.Faults[core.FaultCommitDrop] == 0 {
		t.Fatalf("no commit_drop fault was injected (stats %+v); the test proves nothing", st)
	}
	if bundles, authz := emuappfabric.Of(srv).Counts(); bundles != 1 || authz != 5 {
		t.Fatalf("emulator holds %d bundles and %d authorizations, want 1 and 5", bundles, authz)
	}
}

func TestClientPagingTagsConnect(t *testing.T) {
	client, srv := testClient(t)
	ctx := context.Background()
	b, err := client.CreateAppBundle(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Pages of 20: 45 authorizations (AppFabric allows 50 per account and Region) take 3.
	client.PageSize = 20
	const n = 45
	var first *AppAuthorization
	for i := range n {
		a, err := client.CreateAppAuthorization(ctx, b.ARN, CreateAppAuthorizationInput{
			App: "JIRA", AuthType: "oauth2", Credential: Credential{OAuth2: &OAuth2Credential{ClientID: "id", ClientSecret: "s"}},
			Tenant: Tenant{TenantIdentifier: fmt.Sprint("t", i), TenantDisplayName: "d"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = a
		}
	}
	all, err := client.ListAppAuthorizations(ctx, b.ARN)
	if err != nil || len(all) != n {
		t.Fatalf("ListAppAuthorizations = %d items, %v; want %d", len(all), err, n)
	}
	if got := srv.Stats().Route("appfabric.ListAppAuthorizations"); got != 3 {
		t.Fatalf("listing took %d requests, want 3 pages", got)
	}
	bundles, err := client.ListAppBundles(ctx)
	if err != nil || len(bundles) != 1 || bundles[0] != b.ARN {
		t.Fatalf("ListAppBundles = %v, %v", bundles, err)
	}

	// Tags: one untag and one tag call.
	arn := first.AppAuthorizationARN
	if err := client.UpdateTags(ctx, arn, map[string]string{"a": "1", "b": "2"}, nil); err != nil {
		t.Fatal(err)
	}
	before := srv.Stats().Total()
	if err := client.UpdateTags(ctx, arn, map[string]string{"b": "3", "c": ""}, []string{"a"}); err != nil || srv.Stats().Total() != before+2 {
		t.Fatalf("a change of tags took %d requests (%v), want 2", srv.Stats().Total()-before, err)
	}
	tags, err := client.ListTags(ctx, arn)
	if err != nil || len(tags) != 2 || tags["b"] != "3" || tags["c"] != "" {
		t.Fatalf("ListTags = %v, %v", tags, err)
	}
	before = srv.Stats().Total()
	if err := client.UpdateTags(ctx, arn, map[string]string{}, nil); err != nil || srv.Stats().Total() != before {
		t.Fatalf("no change sent requests (%v)", err)
	}

	// Connect, then wait past PendingConnect.
	outcome, err := client.ConnectAndWait(ctx, b.ARN, arn, &AuthRequest{RedirectURI: "https://example.com/cb", Code: "c"})
	if err != nil || !outcome.Sent || outcome.Authorization.Status != StatusConnected {
		t.Fatalf("ConnectAndWait = %+v, %v", outcome, err)
	}
	// Deleting the bundle first is refused for as long as the bundle has authorizations (here until
	// the context ends); deleting twice is fine.
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if err := client.DeleteAppBundle(short, b.ARN); !IsConflict(err) {
		t.Fatalf("DeleteAppBundle with authorizations: %v", err)
	}
	for range 2 {
		if err := client.DeleteAppAuthorization(ctx, b.ARN, arn); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.GetAppAuthorization(ctx, b.ARN, arn); !httpclient.IsNotFound(err) {
		t.Fatalf("Get after delete: %v", err)
	}
}

// bundleWithAuthorization creates a bundle holding one apiKey authorization.
func bundleWithAuthorization(t *testing.T, client *Client) (bundle, arn string) {
	t.Helper()
	ctx := context.Background()
	b, err := client.CreateAppBundle(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := client.CreateAppAuthorization(ctx, b.ARN, CreateAppAuthorizationInput{
		App: "ZOOM", AuthType: "apiKey", Credential: Credential{APIKey: &APIKeyCredential{APIKey: "k"}},
		Tenant: Tenant{TenantIdentifier: "t", TenantDisplayName: "d"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.ARN, a.AppAuthorizationARN
}

// routeStatuses counts the answers of one route by status.
func routeStatuses(srv *core.Server, route string) map[int]int {
	out := map[int]int{}
	for _, r := range srv.Requests() {
		if r.Route == route {
			out[r.Status]++
		}
	}
	return out
}

// A delete returns once AppFabric no longer finds the authorization, so that its bundle can be
// deleted right after.
func TestClientDeleteWaitsForTheAuthorizationToGo(t *testing.T) {
	client, srv := testClient(t)
	ctx := context.Background()
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1, DeletingReads: 3})
	bundle, arn := bundleWithAuthorization(t, client)
	if err := client.DeleteAppAuthorization(ctx, bundle, arn); err != nil {
		t.Fatal(err)
	}
	if _, n := emuappfabric.Of(srv).Counts(); n != 0 {
		t.Fatalf("the delete returned while AppFabric still shows %d authorizations", n)
	}
	if err := client.DeleteAppBundle(ctx, bundle); err != nil {
		t.Fatal(err)
	}
	if got := routeStatuses(srv, "appfabric.DeleteAppBundle"); got[409] != 0 || got[204] != 1 {
		t.Fatalf("DeleteAppBundle answers %v, want one 204 and no 409", got)
	}
}

// A bundle whose authorizations are still being deleted (here: deleted behind the client's back)
// is deleted once AppFabric has finished.
func TestClientBundleDeleteWaitsOutAuthorizationsBeingDeleted(t *testing.T) {
	client, srv := testClient(t)
	ctx := context.Background()
	emuappfabric.Of(srv).SetSettings(emuappfabric.Settings{ConnectPolls: 1, DeletingReads: 3})
	bundle, arn := bundleWithAuthorization(t, client)
	if err := client.http.Do(ctx, httpclient.Request{Method: "DELETE", Path: authorizationPath(bundle, arn)}, nil); err != nil {
		t.Fatal(err)
	}
	if err := client.DeleteAppBundle(ctx, bundle); err != nil {
		t.Fatalf("DeleteAppBundle while its authorization is being deleted: %v", err)
	}
	if got := routeStatuses(srv, "appfabric.DeleteAppBundle"); got[409] == 0 || got[204] != 1 {
		t.Fatalf("DeleteAppBundle answers %v, want refusals then one 204", got)
	}
	if b, a := emuappfabric.Of(srv).Counts(); b != 0 || a != 0 {
		t.Fatalf("left %d bundles and %d authorizations", b, a)
	}
}

// An OAuth2 code works once: a connect whose answers are all lost is sent once, and the wait tells
// the outcome.
func TestClientConnectSendsAnOAuthCodeOnce(t *testing.T) {
	client, srv := testClient(t)
	ctx := context.Background()
	b, err := client.CreateAppBundle(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := client.CreateAppAuthorization(ctx, b.ARN, CreateAppAuthorizationInput{
		App: "DROPBOX", AuthType: "oauth2", Credential: Credential{OAuth2: &OAuth2Credential{ClientID: "id", ClientSecret: "s"}},
		Tenant: Tenant{TenantIdentifier: "t", TenantDisplayName: "d"},
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"appfabric.ConnectAppAuthorization"}})
	outcome, err := client.ConnectAndWait(ctx, b.ARN, a.AppAuthorizationARN, &AuthRequest{RedirectURI: "https://example.com/cb", Code: "once"})
	if err != nil || !outcome.Sent || outcome.Authorization == nil || outcome.Authorization.Status != StatusConnected {
		t.Fatalf("ConnectAndWait = %+v, %v", outcome, err)
	}
	if n := srv.Stats().Route("appfabric.ConnectAppAuthorization"); n != 1 {
		t.Fatalf("the code was sent %d times", n)
	}
}

// A service echoing what it was sent in an error shows none of the secrets the call sent.
func TestClientMasksTheSecretsItSends(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Amzn-ErrorType", "ValidationException")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "Invalid request " + string(body)})
	}))
	defer echo.Close()
	meta := awsclient.ProviderBlock.NewMeta("test", awsclient.Settings{
		Region: "us-east-1", AccessKey: "AKIAIOSFODNN7EXAMPLE", SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AccountID: "123456789012",
		Endpoints: map[string]string{"appfabric": echo.URL},
	})
	client, err := NewClient(context.Background(), meta)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const bundle = "arn:aws:appfabric:us-east-1:123456789012:appbundle/0f8fad5b-d9cb-469f-a165-70867728950e"
	const arn = bundle + "/appauthorization/7c9e6679-7425-40de-944b-e07fc1f90ae7"
	calls := map[string]func() error{
		"client secret on create": func() error {
			_, err := client.CreateAppAuthorization(ctx, bundle, CreateAppAuthorizationInput{App: "SLACK", AuthType: "oauth2",
				Credential: Credential{OAuth2: &OAuth2Credential{ClientID: "id", ClientSecret: "sent-client-secret"}}, Tenant: Tenant{TenantIdentifier: "t", TenantDisplayName: "d"}})
			return err
		},
		"api key on update": func() error {
			_, err := client.UpdateAppAuthorization(ctx, bundle, arn, &Credential{APIKey: &APIKeyCredential{APIKey: "sent-api-key"}}, nil)
			return err
		},
		"code on connect": func() error {
			_, err := client.ConnectAppAuthorization(ctx, bundle, arn, &AuthRequest{RedirectURI: "https://example.com/cb", Code: "sent-oauth-code"})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		if httpclient.StatusCode(err) != http.StatusBadRequest {
			t.Fatalf("%s: %v, want the echoed 400", name, err)
		}
		for _, secret := range []string{"sent-client-secret", "sent-api-key", "sent-oauth-code"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: the error shows a secret it sent: %v", name, err)
			}
		}
	}
}
