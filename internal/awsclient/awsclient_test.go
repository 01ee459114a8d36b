package awsclient

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/appfabric"
	"github.com/aws/aws-sdk-go-v2/service/appfabric/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

const (
	testAccessKey = "AKIDEXAMPLE"
	testSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	testToken     = "FQoGZXIvYXdzEXAMPLEtoken//+="
	bundleARN     = "arn:aws:appfabric:us-east-1:123456789012:appbundle/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
	// escapedBundlePath is GetAppBundle's path as the AWS SDK sends it.
	escapedBundlePath = "/appbundles/arn%3Aaws%3Aappfabric%3Aus-east-1%3A123456789012%3Aappbundle%2Fa1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
)

// isolateAWS keeps the SDK's configuration loading away from the machine's AWS setup and from
// any network: no instance metadata, empty config files, no AWS environment.
func isolateAWS(t *testing.T) {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	dir := t.TempDir()
	for env, name := range map[string]string{"AWS_CONFIG_FILE": "config", "AWS_SHARED_CREDENTIALS_FILE": "credentials"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv(env, path)
	}
	for _, env := range []string{
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_APPFABRIC",
		"AWS_ENDPOINT_URL_QUICKSIGHT", "AWS_ENDPOINT_URL_STS", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	} {
		t.Setenv(env, "")
	}
}

// loadSession builds a Session through the provider's own loader.
func loadSession(t *testing.T, s Settings) *Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sess, err := load(ctx, s, awshttp.NewBuildableClient())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return sess
}

// captured is a request as the server received it.
type captured struct {
	method, host, requestURI string
	header                   http.Header
	body                     []byte
}

// captureServer records requests and answers each with a small valid AppFabric or STS body.
type captureServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []captured
	// stsFailures is how many STS calls are refused before one is answered.
	stsFailures int
}

func newCaptureServer(t *testing.T) *captureServer {
	t.Helper()
	s := &captureServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.reqs = append(s.reqs, captured{method: r.Method, host: r.Host, requestURI: r.RequestURI, header: r.Header.Clone(), body: body})
		refuse := s.stsFailures > 0 && strings.Contains(string(body), "Action=GetCallerIdentity")
		if refuse {
			s.stsFailures--
		}
		s.mu.Unlock()
		switch {
		case refuse:
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>`+
				`<Code>AccessDenied</Code><Message>not now</Message></Error><RequestId>2</RequestId></ErrorResponse>`)
		case r.Method == http.MethodPost && r.URL.Path == "/" && strings.Contains(string(body), "Action=GetCallerIdentity"):
			w.Header().Set("Content-Type", "text/xml")
			_, _ = io.WriteString(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>`+
				`<Arn>arn:aws:iam::210987654321:user/test</Arn><UserId>AIDAEXAMPLE</UserId><Account>210987654321</Account>`+
				`</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`)
		case strings.HasPrefix(r.URL.Path, "/tags/"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{}`)
		case strings.HasSuffix(r.URL.Path, "/appauthorizations"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"appAuthorizationSummaryList":[]}`)
		default:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"appBundle":{"arn":"`+bundleARN+`"}}`)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *captureServer) take() []captured {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.reqs
	s.reqs = nil
	return out
}

// sdkClient is the official AppFabric client pointed at the capture server with static credentials.
func sdkClient(srv *captureServer, token string) *appfabric.Client {
	return appfabric.New(appfabric.Options{
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, token),
		BaseEndpoint:     aws.String(srv.URL),
		RetryMaxAttempts: 1,
		// Without compression net/http adds no Accept-Encoding, so the server sees exactly what the SDK signed.
		HTTPClient: awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) { tr.DisableCompression = true }),
	})
}

// TestSigner_matchesSDK has the official SDK sign requests, then signs the very same requests with
// Session.Signer at the SDK's timestamp: the Authorization headers must be identical.
func TestSigner_matchesSDK(t *testing.T) {
	isolateAWS(t)
	srv := newCaptureServer(t)
	operations := map[string]func(context.Context, *appfabric.Client) error{
		"GetAppBundle with an ARN label": func(ctx context.Context, c *appfabric.Client) error {
			_, err := c.GetAppBundle(ctx, &appfabric.GetAppBundleInput{AppBundleIdentifier: aws.String(bundleARN)})
			return err
		},
		"TagResource with a JSON body": func(ctx context.Context, c *appfabric.Client) error {
			_, err := c.TagResource(ctx, &appfabric.TagResourceInput{
				ResourceArn: aws.String(bundleARN),
				Tags:        []types.Tag{{Key: aws.String("team"), Value: aws.String("a b/c+d")}},
			})
			return err
		},
		"CreateAppBundle": func(ctx context.Context, c *appfabric.Client) error {
			_, err := c.CreateAppBundle(ctx, &appfabric.CreateAppBundleInput{
				ClientToken:                  aws.String("0b6f4c5e-1a2b-4c3d-8e9f-0a1b2c3d4e5f"),
				CustomerManagedKeyIdentifier: aws.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
			})
			return err
		},
		"ListAppAuthorizations with a query": func(ctx context.Context, c *appfabric.Client) error {
			_, err := c.ListAppAuthorizations(ctx, &appfabric.ListAppAuthorizationsInput{
				AppBundleIdentifier: aws.String(bundleARN), MaxResults: aws.Int32(25), NextToken: aws.String("a/b+c= d"),
			})
			return err
		},
	}
	for _, token := range []string{"", testToken} {
		sess := loadSession(t, Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey, Token: token})
		for name, op := range operations {
			if token != "" {
				name += " with a session token"
			}
			t.Run(name, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				if err := op(ctx, sdkClient(srv, token)); err != nil {
					t.Fatalf("SDK call: %v", err)
				}
				reqs := srv.take()
				if len(reqs) != 1 {
					t.Fatalf("captured %d requests, want 1", len(reqs))
				}
				sdkReq := reqs[0]
				want := sdkReq.header.Get("Authorization")
				signedAt, err := time.Parse("20060102T150405Z", sdkReq.header.Get("X-Amz-Date"))
				if err != nil {
					t.Fatalf("SDK request has no usable X-Amz-Date: %v", err)
				}

				r, err := http.NewRequest(sdkReq.method, "http://"+sdkReq.host+sdkReq.requestURI, bytes.NewReader(sdkReq.body))
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range sdkReq.header {
					if k != "Authorization" {
						r.Header[k] = v
					}
				}
				sess.now = func() time.Time { return signedAt }
				if err := sess.Signer("appfabric")(r, sdkReq.body); err != nil {
					t.Fatalf("Signer: %v", err)
				}
				if got := r.Header.Get("Authorization"); got != want {
					t.Errorf("Authorization differs from the SDK's\n got: %s\nwant: %s", got, want)
				}
				if got := r.Header.Get("X-Amz-Security-Token"); got != token {
					t.Errorf("X-Amz-Security-Token = %q, want %q", got, token)
				}
			})
		}
	}
}

// TestHTTPClient_sendsPathLikeSDK checks that a call built with EscapeLabel reaches the wire with the
// same escaped path and query as the SDK's, through the httpclient that HTTPClient builds.
func TestHTTPClient_sendsPathLikeSDK(t *testing.T) {
	isolateAWS(t)
	srv := newCaptureServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	sdk := sdkClient(srv, "")
	if _, err := sdk.GetAppBundle(ctx, &appfabric.GetAppBundleInput{AppBundleIdentifier: aws.String(bundleARN)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sdk.ListAppAuthorizations(ctx, &appfabric.ListAppAuthorizationsInput{
		AppBundleIdentifier: aws.String(bundleARN), MaxResults: aws.Int32(25), NextToken: aws.String("a/b+c="),
	}); err != nil {
		t.Fatal(err)
	}
	sdkReqs := srv.take()

	sess := loadSession(t, Settings{
		Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey,
		Endpoints: map[string]string{"appfabric": srv.URL},
	})
	c, err := sess.HTTPClient("appfabric", httpclient.Config{Family: "appfabric", Tuning: httpclient.Tuning{MaxRetries: httpclient.Retries(1), RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/appbundles/" + EscapeLabel(bundleARN)}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Do(ctx, httpclient.Request{
		Method: http.MethodGet, Path: "/appbundles/" + EscapeLabel(bundleARN) + "/appauthorizations",
		Query: url.Values{"maxResults": {"25"}, "nextToken": {"a/b+c="}},
	}, nil); err != nil {
		t.Fatal(err)
	}
	ours := srv.take()
	if len(sdkReqs) != 2 || len(ours) != 2 {
		t.Fatalf("captured %d SDK and %d own requests, want 2 and 2", len(sdkReqs), len(ours))
	}
	if sdkReqs[0].requestURI != escapedBundlePath {
		t.Fatalf("the SDK sent %s, want %s", sdkReqs[0].requestURI, escapedBundlePath)
	}
	for i := range ours {
		if ours[i].requestURI != sdkReqs[i].requestURI {
			t.Errorf("sent %s, the SDK sent %s", ours[i].requestURI, sdkReqs[i].requestURI)
		}
		auth := ours[i].header.Get("Authorization")
		if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential="+testAccessKey+"/") || !strings.Contains(auth, "/us-east-1/appfabric/aws4_request") {
			t.Errorf("request %d not signed for appfabric in us-east-1: %q", i, auth)
		}
	}
}

func TestEscapeLabel(t *testing.T) {
	t.Parallel()
	testCases := map[string]string{
		bundleARN:        strings.TrimPrefix(escapedBundlePath, "/appbundles/"),
		"plain-id_1.2~3": "plain-id_1.2~3",
		"a b+c":          "a%20b%2Bc",
		"ünï":            "%C3%BCn%C3%AF",
	}
	for in, want := range testCases {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			if got := EscapeLabel(in); got != want {
				t.Errorf("EscapeLabel(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	testCases := map[string]struct {
		service, region string
		block           map[string]string
		env             map[string]string
		want, source    string
	}{
		"provider block first": {
			service: "appfabric", region: "us-east-1",
			block:  map[string]string{"appfabric": "http://127.0.0.1:1/block"},
			env:    map[string]string{"AWS_ENDPOINT_URL_APPFABRIC": "http://127.0.0.1:2", "AWS_ENDPOINT_URL": "http://127.0.0.1:3"},
			want:   "http://127.0.0.1:1/block",
			source: "endpoints.appfabric in the aws block",
		},
		"then the service's environment variable": {
			service: "appfabric", region: "us-east-1",
			block:  map[string]string{"quicksight": "http://127.0.0.1:1"},
			env:    map[string]string{"AWS_ENDPOINT_URL_APPFABRIC": "http://127.0.0.1:2", "AWS_ENDPOINT_URL": "http://127.0.0.1:3"},
			want:   "http://127.0.0.1:2",
			source: "AWS_ENDPOINT_URL_APPFABRIC",
		},
		"then AWS_ENDPOINT_URL": {
			service: "quicksight", region: "us-east-1",
			env:    map[string]string{"AWS_ENDPOINT_URL_APPFABRIC": "http://127.0.0.1:2", "AWS_ENDPOINT_URL": "http://127.0.0.1:3"},
			want:   "http://127.0.0.1:3",
			source: "AWS_ENDPOINT_URL",
		},
		"QuickSight's own variable": {
			service: "quicksight", region: "us-east-1",
			env:    map[string]string{"AWS_ENDPOINT_URL_QUICKSIGHT": "http://127.0.0.1:4", "AWS_ENDPOINT_URL": "http://127.0.0.1:3"},
			want:   "http://127.0.0.1:4",
			source: "AWS_ENDPOINT_URL_QUICKSIGHT",
		},
		"default": {
			service: "appfabric", region: "eu-west-1", want: "https://appfabric.eu-west-1.amazonaws.com",
			source: "the public appfabric endpoint of region eu-west-1",
		},
		"default in China":              {service: "quicksight", region: "cn-north-1", want: "https://quicksight.cn-north-1.amazonaws.com.cn"},
		"default in GovCloud":           {service: "quicksight", region: "us-gov-west-1", want: "https://quicksight.us-gov-west-1.amazonaws.com"},
		"default in EU sovereign cloud": {service: "appfabric", region: "eusc-de-east-1", want: "https://appfabric.eusc-de-east-1.amazonaws.eu"},
		"default in ISO":                {service: "appfabric", region: "us-iso-east-1", want: "https://appfabric.us-iso-east-1.c2s.ic.gov"},
		"default in ISOB":               {service: "appfabric", region: "us-isob-east-1", want: "https://appfabric.us-isob-east-1.sc2s.sgov.gov"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			isolateAWS(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			s := &Session{Config: aws.Config{Region: tc.region}, settings: Settings{Endpoints: tc.block}}
			got, source := s.Endpoint(tc.service)
			if got != tc.want {
				t.Errorf("Endpoint(%q) = %q, want %q", tc.service, got, tc.want)
			}
			if tc.source != "" && source != tc.source {
				t.Errorf("Endpoint(%q) comes from %q, want %q", tc.service, source, tc.source)
			}
		})
	}
}

func TestPartition(t *testing.T) {
	t.Parallel()
	testCases := map[string]string{
		"us-east-1":       "aws",
		"eu-central-2":    "aws",
		"ap-southeast-5":  "aws",
		"il-central-1":    "aws",
		"cn-north-1":      "aws-cn",
		"cn-northwest-1":  "aws-cn",
		"us-gov-west-1":   "aws-us-gov",
		"us-gov-east-1":   "aws-us-gov",
		"us-iso-east-1":   "aws-iso",
		"us-isob-east-1":  "aws-iso-b",
		"eu-isoe-west-1":  "aws-iso-e",
		"us-isof-south-1": "aws-iso-f",
		"eusc-de-east-1":  "aws-eusc",
	}
	for region, want := range testCases {
		t.Run(region, func(t *testing.T) {
			t.Parallel()
			s := &Session{Config: aws.Config{Region: region}}
			if got := s.Partition(); got != want {
				t.Errorf("Partition() in %s = %q, want %q", region, got, want)
			}
		})
	}
}

func TestAccountID(t *testing.T) {
	isolateAWS(t)
	testCases := map[string]struct {
		accountID   string
		stsFailures int
		want        string
		// wantErrs is how many of the calls fail; wantSTS the number of STS requests.
		wantErrs, wantSTS int
	}{
		"from the setting, without STS": {accountID: "123456789012", stsFailures: 1, want: "123456789012"},
		"from STS, once":                {want: "210987654321", wantSTS: 1},
		"a failed lookup is not kept":   {stsFailures: 1, want: "210987654321", wantErrs: 1, wantSTS: 2},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			srv := newCaptureServer(t)
			srv.stsFailures = tc.stsFailures
			sess := loadSession(t, Settings{
				Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey, AccountID: tc.accountID,
				Endpoints: map[string]string{"sts": srv.URL},
			})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			errs := 0
			for range 3 {
				got, err := sess.AccountID(ctx)
				switch {
				case err != nil && strings.Contains(err.Error(), "STS GetCallerIdentity (set account_id in the aws block to skip this)"):
					errs++
				case err != nil || got != tc.want:
					t.Fatalf("AccountID() = %q, %v; want %q", got, err, tc.want)
				}
			}
			if errs != tc.wantErrs {
				t.Errorf("%d failed calls, want %d", errs, tc.wantErrs)
			}
			if n := len(srv.take()); n != tc.wantSTS {
				t.Errorf("%d STS calls, want %d", n, tc.wantSTS)
			}
		})
	}
}

func TestAccountID_concurrentFirstCallers(t *testing.T) {
	isolateAWS(t)
	srv := newCaptureServer(t)
	sess := loadSession(t, Settings{
		Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey, Endpoints: map[string]string{"sts": srv.URL},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got, err := sess.AccountID(ctx); err != nil || got != "210987654321" {
				t.Errorf("AccountID() = %q, %v", got, err)
			}
		})
	}
	wg.Wait()
	if n := len(srv.take()); n != 1 {
		t.Errorf("%d STS calls, want 1", n)
	}
}

func TestLoad(t *testing.T) {
	testCases := map[string]struct {
		settings Settings
		env      map[string]string
		wantErr  string
	}{
		"static keys from the block": {
			settings: Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey},
		},
		"keys and region from the environment": {
			env: map[string]string{"AWS_ACCESS_KEY_ID": testAccessKey, "AWS_SECRET_ACCESS_KEY": testSecretKey, "AWS_REGION": "eu-west-1"},
		},
		"no region": {
			settings: Settings{AccessKey: testAccessKey, SecretKey: testSecretKey},
			wantErr:  "no AWS region: set region in the provider's aws block, or AWS_REGION",
		},
		"no credentials": {
			settings: Settings{Region: "us-east-1"},
			wantErr:  "no usable AWS credentials (checked the provider's aws block",
		},
		"unknown values": {
			settings: Settings{Region: "us-east-1", Unknown: conns.Unknown{"access_key"}},
			wantErr:  "not known until apply (access_key)",
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			isolateAWS(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			sess, err := load(ctx, tc.settings, awshttp.NewBuildableClient())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("load() error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			creds, err := sess.Config.Credentials.Retrieve(ctx)
			if err != nil || creds.AccessKeyID != testAccessKey {
				t.Errorf("credentials %q, %v", creds.AccessKeyID, err)
			}
		})
	}
}

func TestSecrets_areTheSigningCredentials(t *testing.T) {
	isolateAWS(t)
	sess := loadSession(t, Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey})
	// Rotating credentials: every retrieval returns a new secret and token.
	n := 0
	sess.Config.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		n++
		return aws.Credentials{AccessKeyID: testAccessKey, SecretAccessKey: fmt.Sprintf("secret-%d", n), SessionToken: fmt.Sprintf("token-%d", n)}, nil
	})
	if got := sess.secrets(); len(got) != 0 {
		t.Errorf("secrets() before any signing = %q, want none", got)
	}
	sign := sess.Signer("appfabric")
	for range 2 {
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/appbundles", nil)
		if err := sign(r, nil); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := sess.secrets(), []string{"secret-1", "token-1", "secret-2", "token-2"}; !slices.Equal(got, want) {
		t.Errorf("secrets() = %q, want %q", got, want)
	}
}

func TestSigner_credentialFailureIsSignError(t *testing.T) {
	isolateAWS(t)
	sess := loadSession(t, Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey})
	sess.Config.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, errors.New("SSO session expired")
	})
	err := sess.Signer("appfabric")(httptest.NewRequest(http.MethodGet, "http://127.0.0.1/", nil), nil)
	var signErr *httpclient.SignError
	if !errors.As(err, &signErr) || !strings.Contains(err.Error(), "retrieving AWS credentials: SSO session expired") {
		t.Errorf("got %v (%T), want a *httpclient.SignError naming the cause", err, err)
	}
}

func TestShared_loadsOnce(t *testing.T) {
	isolateAWS(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	meta := ProviderBlock.NewMeta("", Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey})
	first, err := Shared(ctx, meta)
	if err != nil {
		t.Fatal(err)
	}
	second, err := Shared(ctx, meta)
	if err != nil || second != first {
		t.Errorf("second Shared() = %p, %v; want the first session %p", second, err, first)
	}
	if _, err := Shared(ctx, ProviderBlock.NewMeta("", Settings{AccessKey: testAccessKey, SecretKey: testSecretKey})); err == nil || !strings.Contains(err.Error(), "no AWS region") {
		t.Errorf("Shared() without a region = %v", err)
	}
}

func TestHTTPClient_settings(t *testing.T) {
	isolateAWS(t)
	testCases := map[string]struct {
		status     int
		wantTries  int
		wantAdvice string
	}{
		"max_retries from the aws block": {status: http.StatusServiceUnavailable, wantTries: 3},
		"credential hint on 403":         {status: http.StatusForbidden, wantTries: 1, wantAdvice: CredentialHint},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			var tries atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				tries.Add(1)
				w.WriteHeader(tc.status)
			}))
			t.Cleanup(srv.Close)
			sess := loadSession(t, Settings{
				Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey, HTTP: httpclient.Tuning{MaxRetries: httpclient.Retries(2)},
				Endpoints: map[string]string{"quicksight": srv.URL},
			})
			c, err := sess.HTTPClient("quicksight", httpclient.Config{Family: "quicksight", Tuning: httpclient.Tuning{
				MaxRetries: httpclient.Retries(8), RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
			}})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err = c.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: "/accounts/123456789012/action-connectors"}, nil)
			var apiErr *httpclient.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Fatalf("got %v, want an *APIError %d", err, tc.status)
			}
			if n := int(tries.Load()); n != tc.wantTries {
				t.Errorf("%d requests, want %d", n, tc.wantTries)
			}
			if !strings.Contains(apiErr.Advice(), tc.wantAdvice) {
				t.Errorf("advice %q lacks %q", apiErr.Advice(), tc.wantAdvice)
			}
		})
	}
}

// AccountID asks STS over whatever endpoint is configured; a plain http one that is not loopback is
// refused before anything is sent, as for the provider's own requests. The STS host name resolves
// (through the test's dialer) to a listener on 127.0.0.1, which must see no connection.
func TestAccountID_refusesPlainHTTP(t *testing.T) {
	testCases := map[string]struct {
		block bool
		env   string
	}{
		"endpoints.sts in the block": {block: true},
		"AWS_ENDPOINT_URL_STS":       {env: "AWS_ENDPOINT_URL_STS"},
		"AWS_ENDPOINT_URL":           {env: "AWS_ENDPOINT_URL"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			isolateAWS(t)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = ln.Close() })
			var accepted atomic.Int32
			go func() {
				for {
					conn, err := ln.Accept()
					if err != nil {
						return
					}
					accepted.Add(1)
					_ = conn.Close()
				}
			}()
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			stsURL := "http://sts.appauth.test:" + port
			settings := Settings{Region: "us-east-1", AccessKey: testAccessKey, SecretKey: testSecretKey}
			if tc.block {
				settings.Endpoints = map[string]string{"sts": stsURL}
			} else {
				t.Setenv(tc.env, stsURL)
			}
			toListener := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
				tr.Proxy = nil
				tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
					return (&net.Dialer{}).DialContext(ctx, network, ln.Addr().String())
				}
			})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			sess, err := load(ctx, settings, toListener)
			if err != nil {
				t.Fatal(err)
			}
			_, err = sess.AccountID(ctx)
			want := "plain http refused for http://sts.appauth.test:" + port
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("AccountID() error = %v, want one containing %q", err, want)
			}
			if got := httpclient.Headline(err, "fallback"); got != "Plain http refused for http://sts.appauth.test:"+port {
				t.Errorf("headline %q", got)
			}
			if n := accepted.Load(); n != 0 {
				t.Errorf("the STS listener accepted %d connections; nothing may be sent over plain http to a remote host", n)
			}
		})
	}
}

// The guard on the SDK's requests keeps the credential chain's link-local metadata services working.
func TestPlainHTTPGuard(t *testing.T) {
	t.Parallel()
	testCases := map[string]bool{
		"http://169.254.169.254/latest/api/token":     true,
		"http://[fd00:ec2::254]/latest/api/token":     true,
		"http://169.254.170.2/v2/credentials/abc":     true,
		"http://169.254.170.23/v1/credentials":        true,
		"http://127.0.0.1:8080/creds":                 true,
		"http://localhost/creds":                      true,
		"https://sts.us-east-1.amazonaws.com/":        true,
		"http://sts.us-east-1.amazonaws.com/":         false,
		"http://169.254.169.253/":                     false,
		"http://10.0.0.1/":                            false,
		"http://169.254.169.254.example.com/":         false,
		"http://sso.us-east-1.amazonaws.com/federate": false,
	}
	for target, allowed := range testCases {
		t.Run(target, func(t *testing.T) {
			t.Parallel()
			var dials atomic.Int32
			tr := &http.Transport{
				DialContext: func(context.Context, string, string) (net.Conn, error) {
					dials.Add(1)
					return nil, errors.New("dialled")
				},
				DialTLSContext: func(context.Context, string, string) (net.Conn, error) {
					dials.Add(1)
					return nil, errors.New("dialled")
				},
			}
			httpclient.GuardPlainHTTP(tr, credentialEndpointHosts...)
			_, err := tr.RoundTrip(httptest.NewRequest(http.MethodGet, target, nil))
			var plain *httpclient.PlainHTTPError
			if refused := errors.As(err, &plain); refused == allowed || (dials.Load() == 1) != allowed {
				t.Errorf("refused = %v after %d dials, want allowed = %v (err %v)", refused, dials.Load(), allowed, err)
			}
		})
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		header, body               string
		wantCode, wantMsg, wantRID string
	}{
		"header wins":        {header: "ValidationException:http://internal.amazon.com/coral/", body: `{"__type":"Other","message":"bad"}`, wantCode: "ValidationException", wantMsg: "bad"},
		"namespaced header":  {header: "aws.protocols#ConflictException:http://internal", body: `{"__type":"Other"}`, wantCode: "ConflictException"},
		"namespaced __type":  {body: `{"__type":"com.amazonaws.appfabric#ConflictException","Message":"busy"}`, wantCode: "ConflictException", wantMsg: "busy"},
		"code member":        {body: `{"code":"ThrottlingException","message":"slow down"}`, wantCode: "ThrottlingException", wantMsg: "slow down"},
		"Code member":        {body: `{"Code":"InvalidParameterValueException","Message":"m"}`, wantCode: "InvalidParameterValueException", wantMsg: "m"},
		"field list":         {header: "ValidationException", body: `{"message":"1 validation error detected","reason":"fieldValidationFailed","fieldList":[{"name":"app","message":"too long"}]}`, wantCode: "ValidationException", wantMsg: "1 validation error detected (app: too long)"},
		"request id in body": {body: `{"__type":"AccessDeniedException","Message":"no","RequestId":"body-rid"}`, wantCode: "AccessDeniedException", wantMsg: "no", wantRID: "body-rid"},
		"not json":           {body: `<html>`},
		"header request id":  {body: `{"RequestId":"body-rid"}`, wantRID: "hdr-rid"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tc.header != "" {
				h.Set("X-Amzn-ErrorType", tc.header)
			}
			if tc.wantRID == "" || tc.wantRID == "hdr-rid" {
				h.Set("X-Amzn-RequestId", "hdr-rid")
			}
			wantRID := tc.wantRID
			if wantRID == "" {
				wantRID = "hdr-rid"
			}
			code, msg, rid := DecodeError(400, h, []byte(tc.body))
			if code != tc.wantCode || msg != tc.wantMsg || rid != wantRID {
				t.Fatalf("DecodeError = %q, %q, %q; want %q, %q, %q", code, msg, rid, tc.wantCode, tc.wantMsg, wantRID)
			}
		})
	}
}
