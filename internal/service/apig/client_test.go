package apig

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	emuiam "github.com/appauth/terraform-provider-appauth/internal/emulator/iam"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

func startEmulator(t *testing.T) *core.Server {
	t.Helper()
	srv := emulator.New(emulator.Options{Seed: 11, APIGFixtures: true})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func passwordSettings(srv *core.Server) Settings {
	c := srv.Credentials()
	return Settings{
		Endpoint: srv.URL(), AuthURL: srv.URL() + "/v3", UserName: c.APIGUser, Password: c.APIGPassword,
		DomainName: c.APIGDomain, ProjectName: c.APIGProject,
	}
}

func newTestClient(t *testing.T, s Settings) *Client {
	t.Helper()
	c, err := NewClient(s, "test")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientIAMTokenSharedAndRefetchedOn401(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	c := newTestClient(t, passwordSettings(srv))
	ctx := context.Background()
	iam := emuiam.Of(srv)

	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListEnvs(ctx, emuapig.FixtureInstanceID, ""); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := iam.Issued(); n != 1 {
		t.Errorf("%d tokens fetched by 10 concurrent requests, want 1", n)
	}

	// The project id came from the token.
	if _, p, _ := c.tokens.Token(ctx); p != srv.Credentials().APIGProjectID {
		t.Errorf("project = %q", p)
	}

	iam.RevokeAll()
	envs, err := c.ListEnvs(ctx, emuapig.FixtureInstanceID, "")
	if err != nil || len(envs) != 2 {
		t.Fatalf("after revocation: %v %v", envs, err)
	}
	if n := iam.Issued(); n != 2 {
		t.Errorf("tokens fetched = %d, want 2 (one re-fetch after the 401)", n)
	}

	// A token close to expires_at is replaced before use.
	c.tokens.now = func() time.Time { return time.Now().Add(24*time.Hour - time.Minute) }
	if _, _, err := c.tokens.Token(ctx); err != nil {
		t.Fatal(err)
	}
	if n := iam.Issued(); n != 3 {
		t.Errorf("tokens fetched = %d, want 3 (refresh before expiry)", n)
	}
}

func TestClientWrongPasswordIsNotRetried(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	s := passwordSettings(srv)
	s.Password = "wrong-password"
	c := newTestClient(t, s)
	_, err := c.ListEnvs(context.Background(), emuapig.FixtureInstanceID, "")
	if httpclient.StatusCode(err) != 401 || !strings.Contains(err.Error(), "The username or password is wrong.") || strings.Contains(err.Error(), "wrong-password") {
		t.Fatalf("err = %v", err)
	}
	if n := srv.Stats().Route("iam.KeystoneCreateUserTokenByPassword"); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	if n := srv.Stats().Family("apig"); n != 0 {
		t.Errorf("%d APIG requests were sent without a token", n)
	}
}

func TestClientAKSKAndToken(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	creds := srv.Credentials()
	ctx := context.Background()
	ak := newTestClient(t, Settings{Endpoint: srv.URL(), ProjectID: creds.APIGProjectID, AccessKey: creds.APIGAccessKey, SecretKey: creds.APIGSecretKey})
	apis, err := ak.ListAPIs(ctx, emuapig.FixtureInstanceID, "list_orders", "")
	if err != nil || len(apis) != 1 || apis[0].RunEnvName != "RELEASE|DEV" {
		t.Fatalf("AK/SK list: %+v %v", apis, err)
	}
	bad := newTestClient(t, Settings{Endpoint: srv.URL(), ProjectID: creds.APIGProjectID, AccessKey: creds.APIGAccessKey, SecretKey: "another-secret"})
	_, err = bad.ListEnvs(ctx, emuapig.FixtureInstanceID, "")
	if httpclient.ErrorCode(err) != "APIGW.0301" {
		t.Errorf("wrong SK: %v", err)
	}
	tok := newTestClient(t, Settings{Endpoint: srv.URL(), ProjectID: creds.APIGProjectID, Token: "MIIT-not-a-token"})
	_, err = tok.ListEnvs(ctx, emuapig.FixtureInstanceID, "")
	if httpclient.ErrorCode(err) != "APIG.1002" || strings.Contains(err.Error(), "MIIT-not-a-token") {
		t.Errorf("bad token: %v", err)
	}
}

func TestNewClientRejectsIncompleteSettings(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		s    Settings
		want string
	}{
		"nothing":        {Settings{}, "endpoint is missing"},
		"no credentials": {Settings{Endpoint: "https://apig.example"}, "no credentials"},
		"token without project": {Settings{Endpoint: "https://apig.example", Token: "t"},
			"project_id is required"},
		"half AK/SK": {Settings{Endpoint: "https://apig.example", ProjectID: "p", AccessKey: "a"},
			"must be set together"},
		"password without domain": {Settings{Endpoint: "https://apig.example", AuthURL: "https://iam.example/v3", UserName: "u", Password: "p", ProjectName: "eu-de"},
			"needs domain_name"},
		"unknown value": {Settings{Unknown: conns.Unknown{"token"}}, "not known until apply"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(tc.s, "test")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestClientAuthorizeReconcilesCommittedWrite(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	c := newTestClient(t, passwordSettings(srv))
	srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"apig.CreateAuthorizingAppsV2"}})
	ids := []string{emuapig.FixtureAPIs["list_orders"], emuapig.FixtureAPIs["get_order"]}
	res, err := c.Authorize(context.Background(), emuapig.FixtureInstanceID, DefaultEnvID, emuapig.FixtureAppID, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].AuthResult.Status != AuthSuccess {
		t.Errorf("results = %+v", res)
	}
	if n := srv.Stats().Route("apig.CreateAuthorizingAppsV2"); n != 1 {
		t.Errorf("POST /app-auths sent %d times, want 1", n)
	}
	if n := len(emuapig.Of(srv).Auths(emuapig.FixtureInstanceID)); n != 2 {
		t.Errorf("%d records, want 2", n)
	}
}

func TestClientRetriesConflictAndPages(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	c := newTestClient(t, passwordSettings(srv))
	ctx := context.Background()
	a := emuapig.Of(srv)
	inst := emuapig.FixtureInstanceID
	group := a.CreateGroup(inst, "bulk")
	var ids []string
	for i := range 520 {
		ids = append(ids, a.CreateAPI(inst, group, fmt.Sprintf("bulk_%03d", i), "APP", DefaultEnvID))
	}
	a.SetSettings(emuapig.Settings{ConflictWindowMS: 100})
	var wg sync.WaitGroup
	for _, half := range [][]string{ids[:260], ids[260:]} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// No Lock here on purpose: the second write meets APIG.3500 and is retried.
			if _, err := c.Authorize(ctx, inst, DefaultEnvID, emuapig.FixtureAppID, half); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := srv.Stats().Status("500"); n == 0 {
		t.Error("no APIG.3500 was provoked")
	}
	bound, err := c.ListBoundAPIs(ctx, inst, emuapig.FixtureAppID, DefaultEnvID)
	if err != nil || len(bound) != 520 {
		t.Fatalf("bound = %d, %v", len(bound), err)
	}
	if n := srv.Stats().Route("apig.ListApisBindedToAppV2"); n < 2 {
		t.Errorf("list pages = %d", n)
	}
}

// However the service answers a duplicate (SKIPPED, FAILED with APIG.3316, or a 400 APIG.3316 for the
// whole request), an API already authorized counts as authorized and the new one is added.
func TestClientAuthorizeDuplicates(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"SKIPPED", "FAILED", "ERROR"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			srv := startEmulator(t)
			a := emuapig.Of(srv)
			a.SetSettings(emuapig.Settings{DuplicateResult: mode})
			inst, app := emuapig.FixtureInstanceID, emuapig.FixtureAppID
			list, get := emuapig.FixtureAPIs["list_orders"], emuapig.FixtureAPIs["get_order"]
			a.Authorize(inst, app, list, DefaultEnvID)
			c := newTestClient(t, passwordSettings(srv))
			rels, err := c.Authorize(context.Background(), inst, DefaultEnvID, app, []string{list, get})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range rels {
				got[r.APIID] = r.AuthResult.Status
			}
			if got[list] != AuthSkipped || got[get] != AuthSuccess {
				t.Errorf("results = %v", got)
			}
			if n := len(a.Auths(inst)); n != 2 {
				t.Errorf("%d records, want 2", n)
			}
		})
	}
}

// A deleted app or gateway answers 404, which the resource reads as "gone".
func TestClientListBoundAPIsNotFound(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t)
	c := newTestClient(t, passwordSettings(srv))
	ctx := context.Background()
	a := emuapig.Of(srv)
	a.DeleteApp(emuapig.FixtureInstanceID, emuapig.FixturePartnerID)
	_, err := c.ListBoundAPIs(ctx, emuapig.FixtureInstanceID, emuapig.FixturePartnerID, DefaultEnvID)
	if !httpclient.IsNotFound(err) || httpclient.ErrorCode(err) != "APIG.3004" {
		t.Errorf("deleted app: %v", err)
	}
	a.DeleteInstance(emuapig.FixtureInstanceID)
	_, err = c.ListBoundAPIs(ctx, emuapig.FixtureInstanceID, emuapig.FixtureAppID, DefaultEnvID)
	if !httpclient.IsNotFound(err) || httpclient.ErrorCode(err) != "APIG.3030" {
		t.Errorf("deleted instance: %v", err)
	}
}
