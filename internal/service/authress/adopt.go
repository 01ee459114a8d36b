package authress

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// ConnectionExistsError is a create that met a connection of the same id which it cannot show to be
// its own: either no attempt of this create can have made it (the first answer was 409), or the
// connection differs from what the create sent.
type ConnectionExistsError struct {
	ConnectionID string
	// Differences are the wire names of the fields in which the existing connection differs from the
	// one sent; empty when the create never had an attempt that could have made it.
	Differences []string
}

func (e *ConnectionExistsError) Error() string {
	if len(e.Differences) == 0 {
		return fmt.Sprintf("a connection with connectionId %q already exists", e.ConnectionID)
	}
	return fmt.Sprintf("a connection with connectionId %q already exists and differs from the one sent in %s",
		e.ConnectionID, strings.Join(e.Differences, ", "))
}

// differences lists, by wire name, the fields in which got (read back) differs from sent (a create's
// body). The secret is left out (Authress never returns it), and so are the fields the server sets;
// a field the body left out is compared with the value Authress stores for it.
func differences(sent, got Connection) []string {
	a, b := normalized(sent), normalized(got)
	var out []string
	diffJSON("", a, b, &out)
	slices.Sort(out)
	return out
}

// normalized is c as a JSON tree with the server's defaults filled in and the fields no request sets
// (and the secret) removed.
func normalized(c Connection) map[string]any {
	c.ClientSecret, c.CreatedTime, c.LastUpdated, c.IsActiveConnection = nil, nil, nil, nil
	orDefault := func(p **string, def string) {
		if *p == nil {
			*p = &def
		}
	}
	orDefault(&c.Type, defaultType)
	data := ConnectionData{}
	if c.Data != nil {
		data = *c.Data
	}
	orDefault(&data.SupportedContentType, defaultSupportedContentType)
	orDefault(&data.UserIDExpression, defaultUserIDExpression)
	if data.TrustIdentityUserID == nil {
		data.TrustIdentityUserID = new(bool)
	}
	c.Data = &data
	props := maps.Clone(c.DefaultConnectionProperties)
	if props == nil {
		props = map[string]string{}
	}
	if _, ok := props["scope"]; !ok {
		props["scope"] = defaultScope
	}
	c.DefaultConnectionProperties = props
	cond := ConnectionConditions{}
	if c.Conditions != nil {
		cond = *c.Conditions
	}
	if cond.RequireBusinessAccount == nil {
		cond.RequireBusinessAccount = new(bool)
	}
	orDefault(&cond.AuthenticationLeewayDuration, defaultLeewayDuration)
	c.Conditions = &cond
	tenant := TenantConfiguration{}
	if c.TenantConfiguration != nil {
		tenant = *c.TenantConfiguration
	}
	orDefault(&tenant.AssignmentType, defaultTenantAssignment)
	c.TenantConfiguration = &tenant
	// Linking is off when its type is unset, empty or the literal "null" the SDK models allow.
	if l := c.LinkingConfiguration; l != nil && (l.Type == nil || *l.Type == "" || *l.Type == "null") {
		c.LinkingConfiguration = nil
	}
	if u := c.UserDataConfiguration; u != nil && u.Location == nil {
		c.UserDataConfiguration = nil
	}
	if len(c.Tags) == 0 {
		c.Tags = nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(err) // a Connection holds only strings, booleans and maps of strings
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

// diffJSON appends the dotted paths at which a and b differ; objects are compared key by key.
func diffJSON(prefix string, a, b any, out *[]string) {
	am, aObj := a.(map[string]any)
	bm, bObj := b.(map[string]any)
	if !aObj || !bObj {
		if !reflect.DeepEqual(a, b) {
			*out = append(*out, prefix)
		}
		return
	}
	keys := map[string]bool{}
	for k := range am {
		keys[k] = true
	}
	for k := range bm {
		keys[k] = true
	}
	for k := range keys {
		name := k
		if prefix != "" {
			name = prefix + "." + k
		}
		diffJSON(name, am[k], bm[k], out)
	}
}
