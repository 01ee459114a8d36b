// Package conns carries the provider's configuration to every resource, data source and ephemeral
// resource, and caches one API client per family.
package conns

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// Meta is the ProviderData handed to every Configure.
type Meta struct {
	// Version is the provider's version, sent in User-Agent headers.
	Version  string
	AWS      AWSSettings
	Authress AuthressSettings
	APIG     APIGSettings

	mu      sync.Mutex
	clients map[string]*cachedClient
}

type cachedClient struct {
	once   sync.Once
	client any
	err    error
}

// Client returns the family's client, building it on first use: a family that no resource uses costs
// nothing (no credential chain is resolved, no token is fetched), and every resource shares one client.
func (m *Meta) Client(family string, build func() (any, error)) (any, error) {
	m.mu.Lock()
	if m.clients == nil {
		m.clients = map[string]*cachedClient{}
	}
	c, ok := m.clients[family]
	if !ok {
		c = &cachedClient{}
		m.clients[family] = c
	}
	m.mu.Unlock()
	c.once.Do(func() { c.client, c.err = build() })
	return c.client, c.err
}

// UserAgent is the User-Agent every family sends.
func (m *Meta) UserAgent() string {
	return "terraform-provider-appauth/" + m.Version
}

// Unknown collects the provider arguments whose values were unknown when the provider was configured
// (they come from resources not yet created).
type Unknown []string

// Err explains why a family cannot be used yet, or returns nil.
func (u Unknown) Err(block string) error {
	if len(u) == 0 {
		return nil
	}
	names := append([]string(nil), u...)
	sort.Strings(names)
	return fmt.Errorf("the provider's %s block has values that are not known until apply (%s). Provider arguments must be known "+
		"at plan time: use literal values, variables or data sources, not attributes of resources created in the same apply",
		block, strings.Join(names, ", "))
}

// AWSSettings configure AppFabric and QuickSight.
type AWSSettings struct {
	Region, Profile                     string
	AccessKey, SecretKey, Token         string
	AccountID                           string
	SharedConfigFiles, SharedCredsFiles []string
	// Endpoints maps a service name ("appfabric", "quicksight", "sts") to the base URL set in the aws
	// block's endpoints.
	Endpoints map[string]string
	// HTTP is the block's retry and request-rate settings, for each AWS service.
	HTTP    httpclient.Tuning
	Unknown Unknown
}

// AuthressSettings configure the Authress family. A Source says where its value came from ("api_url
// in the authress block", "AUTHRESS_API_URL"), for error messages.
type AuthressSettings struct {
	APIURL, APIURLSource       string
	AccessKey, AccessKeySource string
	HTTP                       httpclient.Tuning
	Unknown                    Unknown
}

// APIGSettings configure the APIG family: a token, AK/SK signing, or IAM password authentication. A
// Source says where its value came from, for error messages.
type APIGSettings struct {
	Endpoint, EndpointSource string
	ProjectID, Region        string
	Token                    string
	AccessKey, SecretKey     string
	AuthURL, AuthURLSource   string
	DomainName, UserName     string
	Password, ProjectName    string
	HTTP                     httpclient.Tuning
	Unknown                  Unknown
}
