package appfabric

import (
	"context"
	"fmt"
	"net/http"
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
	const n = 105 // more than one page of 100
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
	if got := srv.Stats().Route("appfabric.ListAppAuthorizations"); got != 2 {
		t.Fatalf("listing took %d requests, want 2 pages", got)
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
	if _, err := client.ConnectAppAuthorization(ctx, b.ARN, arn, &AuthRequest{RedirectURI: "https://example.com/cb", Code: "c"}); err != nil {
		t.Fatal(err)
	}
	a, err := client.WaitWhilePending(ctx, b.ARN, arn)
	if err != nil || a.Status != StatusConnected {
		t.Fatalf("WaitWhilePending = %+v, %v", a, err)
	}
	// Deleting the bundle first is refused; deleting twice is fine.
	if err := client.DeleteAppBundle(ctx, b.ARN); httpclient.StatusCode(err) != http.StatusConflict || httpclient.ErrorCode(err) != "ConflictException" {
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
