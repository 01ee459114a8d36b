// Package awsclient gives the AWS families (AppFabric, QuickSight) what they share: the standard
// credential chain, SigV4 signing of the exact request sent, endpoint resolution, the account id and
// the REST-JSON error decoder.
package awsclient

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/encoding/httpbinding"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// CredentialHint names every place AWS credentials can come from, for error messages.
const CredentialHint = `the provider's aws block (access_key/secret_key, profile) or the standard AWS environment ` +
	`(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE, AWS_REGION, shared config files)`

// Session is the resolved AWS configuration of one provider configuration, shared by both AWS families.
type Session struct {
	Config   aws.Config
	settings Settings
	// identity is what AWS counts requests against: the account id when configured, else the access key.
	identity string
	// now is the signing clock; tests fix it.
	now func() time.Time

	// accountMu is held during the STS lookup, so concurrent first callers make one call.
	accountMu sync.Mutex
	accountID string

	mu sync.Mutex
	// signedWith holds every secret the signer has used (credentials rotate), for log masking.
	signedWith []string
}

// Shared returns the provider's AWS session, loading the credential chain on first use only.
func Shared(ctx context.Context, meta *conns.Meta) (*Session, error) {
	s, err := meta.Client("aws", func() (any, error) { return load(ctx, ProviderBlock.Settings(meta), awshttp.NewBuildableClient()) })
	if err != nil {
		return nil, err
	}
	session, ok := s.(*Session)
	if !ok {
		return nil, fmt.Errorf("the aws client cache holds a %T", s)
	}
	return session, nil
}

// credentialEndpointHosts are the link-local addresses of the credential chain's metadata services
// (EC2 instance metadata, ECS task credentials, EKS Pod Identity), which speak plain http only.
var credentialEndpointHosts = []string{"169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"}

// load resolves the configuration; every request the SDK makes goes through httpClient, which refuses
// plain http to a host that is neither loopback nor a credential metadata service: the same rule as
// for the provider's own requests, for the endpoints the SDK resolves (STS from endpoints.sts,
// AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL; SSO; the credential chain's own calls).
func load(ctx context.Context, s Settings, httpClient *awshttp.BuildableClient) (*Session, error) {
	if err := s.Unknown.Err("aws"); err != nil {
		return nil, err
	}
	// A BuildableClient, not a wrapper: the SDK adds a custom CA bundle (AWS_CA_BUNDLE) to it.
	httpClient = httpClient.WithTransportOptions(func(tr *http.Transport) { httpclient.GuardPlainHTTP(tr, credentialEndpointHosts...) })
	opts := append(loadOptions(s), config.WithHTTPClient(httpClient))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		return nil, errors.New("no AWS region: set region in the provider's aws block, or AWS_REGION")
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("no usable AWS credentials (checked %s): %w", CredentialHint, err)
	}
	identity := s.AccountID
	if identity == "" {
		identity = creds.AccessKeyID
	}
	return &Session{Config: cfg, settings: s, identity: identity, now: time.Now}, nil
}

// Endpoint returns the base URL of a service and where it came from: the aws block's endpoints, then
// AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL, then the public regional endpoint.
func (s *Session) Endpoint(service string) (endpoint, source string) {
	if u := s.settings.Endpoints[service]; u != "" {
		return u, "endpoints." + service + " in the aws block"
	}
	for _, env := range []string{"AWS_ENDPOINT_URL_" + strings.ToUpper(service), "AWS_ENDPOINT_URL"} {
		if u := os.Getenv(env); u != "" {
			return u, env
		}
	}
	return fmt.Sprintf("https://%s.%s.%s", service, s.Config.Region, partitionOf(s.Config.Region).dnsSuffix),
		"the public " + service + " endpoint of region " + s.Config.Region
}

// Partition returns the ARN partition of the session's region.
func (s *Session) Partition() string { return partitionOf(s.Config.Region).id }

type partition struct{ regionPrefix, id, dnsSuffix string }

// partitions follows the SDK's partitions.json; the commercial partition is the fallback.
var partitions = []partition{
	{"cn-", "aws-cn", "amazonaws.com.cn"},
	{"us-gov-", "aws-us-gov", "amazonaws.com"},
	{"us-iso-", "aws-iso", "c2s.ic.gov"},
	{"us-isob-", "aws-iso-b", "sc2s.sgov.gov"},
	{"eu-isoe-", "aws-iso-e", "cloud.adc-e.uk"},
	{"us-isof-", "aws-iso-f", "csp.hci.ic.gov"},
	{"eusc-", "aws-eusc", "amazonaws.eu"},
}

func partitionOf(region string) partition {
	for _, p := range partitions {
		if strings.HasPrefix(region, p.regionPrefix) {
			return p
		}
	}
	return partition{id: "aws", dnsSuffix: "amazonaws.com"}
}

// HTTPClient builds a client for service (also its SigV4 signing name) with base filled in: endpoint,
// signing, credential masking, error decoding, the aws block's retry and rate settings over base's,
// one request-rate governor per account and the credential hint.
func (s *Session) HTTPClient(service string, base httpclient.Config) (*httpclient.Client, error) {
	base.BaseURL, base.BaseURLSource = s.Endpoint(service)
	base.CredentialHint = CredentialHint
	base.Tuning = s.settings.HTTP.Or(base.Tuning)
	base.RateKey = s.identity
	base.DecodeError = DecodeError
	base.ThrottleCodes = throttleCodes
	base.Sign = s.Signer(service)
	base.Secrets = s.secrets
	return httpclient.New(base)
}

// secrets returns the credentials requests were signed with. It never resolves credentials itself,
// so logging cannot block on a credential refresh.
func (s *Session) secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.signedWith...)
}

func (s *Session) rememberSecrets(creds aws.Credentials) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range []string{creds.SecretAccessKey, creds.SessionToken} {
		if v != "" && !slices.Contains(s.signedWith, v) {
			s.signedWith = append(s.signedWith, v)
		}
	}
}

// Signer returns a hook that signs the final request with SigV4 for service, over the exact escaped
// path and body sent, with a fresh timestamp on every attempt.
func (s *Session) Signer(service string) func(*http.Request, []byte) error {
	signer := v4.NewSigner()
	return func(r *http.Request, body []byte) error {
		creds, err := s.Config.Credentials.Retrieve(r.Context())
		if err != nil {
			return &httpclient.SignError{Err: fmt.Errorf("retrieving AWS credentials: %w", err)}
		}
		s.rememberSecrets(creds)
		// The hash is signed but not sent as X-Amz-Content-Sha256: like the SDK, which sends that
		// header to S3 only, so the signature is the one the SDK would compute.
		sum := sha256.Sum256(body)
		payloadHash := hex.EncodeToString(sum[:])
		return signer.SignHTTP(r.Context(), creds, r, payloadHash, service, s.Config.Region, s.now().UTC())
	}
}

// AccountID returns the aws block's account_id (or APPAUTH_AWS_ACCOUNT_ID), else asks STS. Only an
// answer is kept: a failed lookup (throttling, a cancelled context) is tried again by the next caller.
func (s *Session) AccountID(ctx context.Context) (string, error) {
	if s.settings.AccountID != "" {
		return s.settings.AccountID, nil
	}
	s.accountMu.Lock()
	defer s.accountMu.Unlock()
	if s.accountID != "" {
		return s.accountID, nil
	}
	client := sts.NewFromConfig(s.Config, func(o *sts.Options) {
		if u := s.stsEndpoint(); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", fmt.Errorf("discovering the AWS account id with STS GetCallerIdentity (set account_id in the aws block to skip this): %w", err)
	}
	s.accountID = aws.ToString(out.Account)
	return s.accountID, nil
}

// stsEndpoint is the configured STS endpoint, or "" for the SDK's own resolution.
func (s *Session) stsEndpoint() string {
	if u := s.settings.Endpoints["sts"]; u != "" {
		return u
	}
	return ""
}

// EscapeLabel escapes a path label the way the AWS SDKs do: every byte but A-Z a-z 0-9 - . _ ~ is
// percent-encoded, so an ARN stays one path segment ('/' becomes %2F).
func EscapeLabel(v string) string { return httpbinding.EscapePath(v, true) }
