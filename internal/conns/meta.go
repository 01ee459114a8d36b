// Package conns carries the provider's configuration to every resource, data source and ephemeral
// resource, and caches one API client per family.
package conns

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Meta is the ProviderData handed to every Configure.
type Meta struct {
	// Version is the provider's version, sent in User-Agent headers.
	Version string

	mu sync.Mutex
	// settings holds each provider block's settings by block name; each family reads its own.
	settings map[string]any
	clients  map[string]*cachedClient
}

// SetSettings keeps the settings of the named provider block; the provider's Configure sets every
// block's before any resource is configured.
func (m *Meta) SetSettings(block string, settings any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.settings == nil {
		m.settings = map[string]any{}
	}
	m.settings[block] = settings
}

// Settings returns what SetSettings kept for the named block, or nil.
func (m *Meta) Settings(block string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.settings[block]
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
