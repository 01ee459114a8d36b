package authress

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Authress Connection model and validation (specs/authress-connections.md
// §1.2, §1.3). Lengths are in characters.

var (
	authressConnectionTypes = []string{"OAUTH2", "SAML2", "WebAuthN", "PASSWORD", "OPENID-LEGACY"}
	authressContentTypes    = []string{"application/json", "application/x-www-form-urlencoded"}
	authressLinkingTypes    = []string{"EXPLICIT", "AUTOMATIC"}
	authressDataLocations   = []string{"ZAF", "HKG", "IND", "JPN", "KOR", "SGP", "AUS", "IDN", "CAN", "DEU", "CHE", "SWE", "ITA", "IRL", "GBR", "FRA", "ISR", "BHR", "ARE", "BRA", "USA"}
	authressConnectionIDRE  = regexp.MustCompile(`^[a-zA-Z0-9-_.:]+$`)
	authressTenantIDRE      = regexp.MustCompile(`^[a-zA-Z0-9-_.:]*$`)
	// The models list DEFAULT and TRUSTED_DOMAIN_FALLBACK; the knowledge base adds a Passthrough
	// assignment that no model has yet, so any option of that upper-case form is taken.
	authressAssignmentTypeRE  = regexp.MustCompile(`^[A-Z]+(_[A-Z]+)*$`)
	authressISODurationRE     = regexp.MustCompile(`^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)
	authressDefaultScope      = "profile email openid"
	authressDefaultLeeway     = "PT5M"
	authressTimeFormat        = "2006-01-02T15:04:05.000Z"
	authressDefaultUserIDExpr = "{sub}"
)

// authressConnection is a stored connection. ClientSecret is kept (the state
// dump shows it so tests can check what was sent) but never returned by the API.
type authressConnection struct {
	Type                        string                         `json:"type"`
	ConnectionID                string                         `json:"connectionId"`
	AuthenticationURL           *string                        `json:"authenticationUrl,omitempty"`
	TokenURL                    *string                        `json:"tokenUrl,omitempty"`
	IssuerURL                   *string                        `json:"issuerUrl,omitempty"`
	ProviderCertificate         *string                        `json:"providerCertificate,omitempty"`
	ClientID                    *string                        `json:"clientId,omitempty"`
	ClientSecretID              *string                        `json:"clientSecretId,omitempty"`
	ClientSecret                *string                        `json:"clientSecret,omitempty"`
	UserDataConfiguration       *authressUserDataConfiguration `json:"userDataConfiguration,omitempty"`
	Data                        authressConnectionData         `json:"data"`
	DefaultConnectionProperties map[string]string              `json:"defaultConnectionProperties"`
	Conditions                  authressConnectionConditions   `json:"conditions"`
	TenantConfiguration         *authressTenantConfiguration   `json:"tenantConfiguration,omitempty"`
	LinkingConfiguration        *authressLinkingConfiguration  `json:"linkingConfiguration,omitempty"`
	CreatedTime                 string                         `json:"createdTime"`
	LastUpdated                 string                         `json:"lastUpdated"`
	IsActiveConnection          bool                           `json:"isActiveConnection"`
	Tags                        map[string]string              `json:"tags,omitempty"`
}

type authressConnectionData struct {
	TenantID             *string `json:"tenantId,omitempty"`
	DeveloperAccountID   *string `json:"developerAccountId,omitempty"`
	Name                 *string `json:"name,omitempty"`
	SupportedContentType string  `json:"supportedContentType"`
	OidcUserEndpointURL  *string `json:"oidcUserEndpointUrl,omitempty"`
	UserIDExpression     string  `json:"userIdExpression"`
	TrustIdentityUserID  bool    `json:"trustIdentityUserId"`
}

type authressConnectionConditions struct {
	RequireBusinessAccount       bool   `json:"requireBusinessAccount"`
	AuthenticationLeewayDuration string `json:"authenticationLeewayDuration"`
}

type authressUserDataConfiguration struct {
	Location *string `json:"location"`
}

type authressTenantConfiguration struct {
	AssignmentType *string `json:"assignmentType,omitempty"`
}

type authressLinkingConfiguration struct {
	Type *string `json:"type"`
}

// authressConnectionInput is a POST/PUT body. Pointers tell absent (or null)
// from empty; the read-only fields are decoded only to reject them.
type authressConnectionInput struct {
	Type                        *string                        `json:"type"`
	ConnectionID                *string                        `json:"connectionId"`
	AuthenticationURL           *string                        `json:"authenticationUrl"`
	TokenURL                    *string                        `json:"tokenUrl"`
	IssuerURL                   *string                        `json:"issuerUrl"`
	ProviderCertificate         *string                        `json:"providerCertificate"`
	ClientID                    *string                        `json:"clientId"`
	ClientSecretID              *string                        `json:"clientSecretId"`
	ClientSecret                *string                        `json:"clientSecret"`
	UserDataConfiguration       *authressUserDataConfiguration `json:"userDataConfiguration"`
	Data                        *authressConnectionDataInput   `json:"data"`
	DefaultConnectionProperties map[string]any                 `json:"defaultConnectionProperties"`
	Conditions                  *authressConditionsInput       `json:"conditions"`
	TenantConfiguration         *authressTenantConfiguration   `json:"tenantConfiguration"`
	LinkingConfiguration        *authressLinkingConfiguration  `json:"linkingConfiguration"`
	Tags                        map[string]any                 `json:"tags"`

	CreatedTime        json.RawMessage `json:"createdTime"`
	LastUpdated        json.RawMessage `json:"lastUpdated"`
	IsActiveConnection json.RawMessage `json:"isActiveConnection"`
}

type authressConnectionDataInput struct {
	TenantID             *string `json:"tenantId"`
	DeveloperAccountID   *string `json:"developerAccountId"`
	Name                 *string `json:"name"`
	SupportedContentType *string `json:"supportedContentType"`
	OidcUserEndpointURL  *string `json:"oidcUserEndpointUrl"`
	UserIDExpression     *string `json:"userIdExpression"`
	TrustIdentityUserID  *bool   `json:"trustIdentityUserId"`
}

type authressConditionsInput struct {
	RequireBusinessAccount       *bool   `json:"requireBusinessAccount"`
	AuthenticationLeewayDuration *string `json:"authenticationLeewayDuration"`
}

// authressFieldError names the field and the rule it broke; it becomes the
// 400 title.
type authressFieldError struct {
	Field, Rule string
}

func (e *authressFieldError) Error() string {
	return fmt.Sprintf("Invalid request: '%s' %s", e.Field, e.Rule)
}

func authressCheckLength(field string, v *string, minLen, maxLen int) error {
	if v == nil {
		return nil
	}
	n := utf8.RuneCountInString(*v)
	if n < minLen || n > maxLen {
		if minLen == 0 {
			return &authressFieldError{field, fmt.Sprintf("must be at most %d characters long (got %d)", maxLen, n)}
		}
		return &authressFieldError{field, fmt.Sprintf("must be between %d and %d characters long (got %d)", minLen, maxLen, n)}
	}
	return nil
}

func authressCheckEnum(field string, v *string, allowed []string) error {
	if v == nil || slices.Contains(allowed, *v) {
		return nil
	}
	return &authressFieldError{field, fmt.Sprintf("must be one of %s (got %q)", strings.Join(allowed, ", "), *v)}
}

func authressCheckPattern(field string, v *string, re *regexp.Regexp) error {
	if v == nil || re.MatchString(*v) {
		return nil
	}
	return &authressFieldError{field, fmt.Sprintf("must match %s (got %q)", re.String(), *v)}
}

// authressParseDuration parses the PnWnDTnHnMnS subset of ISO-8601 durations.
func authressParseDuration(s string) (time.Duration, bool) {
	m := authressISODurationRE.FindStringSubmatch(s)
	if m == nil || s == "P" || strings.HasSuffix(s, "T") {
		return 0, false
	}
	var d time.Duration
	units := []time.Duration{7 * 24 * time.Hour, 24 * time.Hour, time.Hour, time.Minute}
	for i, u := range units {
		if m[i+1] != "" {
			n, err := strconv.ParseInt(m[i+1], 10, 64)
			if err != nil || n > int64(math.MaxInt64/u) {
				return 0, false
			}
			d += time.Duration(n) * u
			if d < 0 {
				return 0, false
			}
		}
	}
	if m[5] != "" {
		f, err := strconv.ParseFloat(m[5], 64)
		if err != nil || f*float64(time.Second) >= math.MaxInt64-float64(d) {
			return 0, false
		}
		d += time.Duration(f * float64(time.Second))
	}
	return d, true
}

// validate checks every rule of §1.2/§1.3 and returns the first violation.
func (in *authressConnectionInput) validate() error {
	for name, raw := range map[string]json.RawMessage{"createdTime": in.CreatedTime, "lastUpdated": in.LastUpdated, "isActiveConnection": in.IsActiveConnection} {
		if raw != nil {
			return &authressFieldError{name, "is read-only and must not be sent"}
		}
	}
	checks := []error{
		authressCheckEnum("type", in.Type, authressConnectionTypes),
		authressCheckLength("connectionId", in.ConnectionID, 1, 64),
		authressCheckPattern("connectionId", in.ConnectionID, authressConnectionIDRE),
		authressCheckLength("authenticationUrl", in.AuthenticationURL, 1, 256),
		authressCheckLength("tokenUrl", in.TokenURL, 0, 128),
		authressCheckLength("issuerUrl", in.IssuerURL, 0, 128),
		authressCheckLength("providerCertificate", in.ProviderCertificate, 0, 4096),
		authressCheckLength("clientId", in.ClientID, 0, 128),
		authressCheckLength("clientSecretId", in.ClientSecretID, 0, 32),
		authressCheckLength("clientSecret", in.ClientSecret, 0, 2048),
	}
	if d := in.Data; d != nil {
		checks = append(checks,
			authressCheckLength("data.tenantId", d.TenantID, 0, 128),
			authressCheckPattern("data.tenantId", d.TenantID, authressTenantIDRE),
			authressCheckLength("data.developerAccountId", d.DeveloperAccountID, 0, 32),
			authressCheckLength("data.name", d.Name, 0, 64),
			authressCheckEnum("data.supportedContentType", d.SupportedContentType, authressContentTypes),
			authressCheckLength("data.oidcUserEndpointUrl", d.OidcUserEndpointURL, 0, 128),
			authressCheckLength("data.userIdExpression", d.UserIDExpression, 0, 128),
		)
	}
	if u := in.UserDataConfiguration; u != nil {
		checks = append(checks, authressCheckEnum("userDataConfiguration.location", u.Location, authressDataLocations))
	}
	if tc := in.TenantConfiguration; tc != nil {
		checks = append(checks, authressCheckPattern("tenantConfiguration.assignmentType", tc.AssignmentType, authressAssignmentTypeRE))
	}
	if l := in.LinkingConfiguration; l != nil {
		checks = append(checks, authressCheckEnum("linkingConfiguration.type", l.Type, authressLinkingTypes))
	}
	if c := in.Conditions; c != nil && c.AuthenticationLeewayDuration != nil {
		d, ok := authressParseDuration(*c.AuthenticationLeewayDuration)
		switch {
		case !ok:
			checks = append(checks, &authressFieldError{"conditions.authenticationLeewayDuration", fmt.Sprintf("must be an ISO-8601 duration such as PT5M (got %q)", *c.AuthenticationLeewayDuration)})
		case d < time.Minute || d > time.Hour:
			checks = append(checks, &authressFieldError{"conditions.authenticationLeewayDuration", fmt.Sprintf("must be between PT1M and PT1H (got %q)", *c.AuthenticationLeewayDuration)})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(in.DefaultConnectionProperties)) {
		field := "defaultConnectionProperties." + k
		s, ok := in.DefaultConnectionProperties[k].(string)
		if !ok {
			checks = append(checks, &authressFieldError{field, "must be a string"})
			continue
		}
		maxLen := 128
		if k == "scope" {
			maxLen = 384
		}
		checks = append(checks, authressCheckLength(field, &s, 0, maxLen))
	}
	for _, k := range slices.Sorted(maps.Keys(in.Tags)) {
		field := "tags." + k
		s, ok := in.Tags[k].(string)
		if !ok {
			checks = append(checks, &authressFieldError{field, "must be a string"})
			continue
		}
		checks = append(checks, authressCheckLength(field, &s, 0, 128))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

// toConnection builds the stored connection from a validated input, filling
// the server defaults. createdTime/lastUpdated are set by the caller.
func (in *authressConnectionInput) toConnection(id string) authressConnection {
	c := authressConnection{
		Type:                  "OAUTH2",
		ConnectionID:          id,
		AuthenticationURL:     in.AuthenticationURL,
		TokenURL:              in.TokenURL,
		IssuerURL:             in.IssuerURL,
		ProviderCertificate:   in.ProviderCertificate,
		ClientID:              in.ClientID,
		ClientSecretID:        in.ClientSecretID,
		ClientSecret:          in.ClientSecret,
		UserDataConfiguration: in.UserDataConfiguration,
		TenantConfiguration:   in.TenantConfiguration,
		LinkingConfiguration:  in.LinkingConfiguration,
		Data: authressConnectionData{
			SupportedContentType: "application/json",
			UserIDExpression:     authressDefaultUserIDExpr,
		},
		DefaultConnectionProperties: map[string]string{"scope": authressDefaultScope},
		Conditions:                  authressConnectionConditions{AuthenticationLeewayDuration: authressDefaultLeeway},
		IsActiveConnection:          true,
	}
	if in.Type != nil {
		c.Type = *in.Type
	}
	if d := in.Data; d != nil {
		c.Data.TenantID, c.Data.DeveloperAccountID, c.Data.Name, c.Data.OidcUserEndpointURL = d.TenantID, d.DeveloperAccountID, d.Name, d.OidcUserEndpointURL
		if d.SupportedContentType != nil {
			c.Data.SupportedContentType = *d.SupportedContentType
		}
		if d.UserIDExpression != nil {
			c.Data.UserIDExpression = *d.UserIDExpression
		}
		if d.TrustIdentityUserID != nil {
			c.Data.TrustIdentityUserID = *d.TrustIdentityUserID
		}
	}
	for k, v := range in.DefaultConnectionProperties {
		s, _ := v.(string) // validated as strings before this point
		c.DefaultConnectionProperties[k] = s
	}
	if cond := in.Conditions; cond != nil {
		if cond.RequireBusinessAccount != nil {
			c.Conditions.RequireBusinessAccount = *cond.RequireBusinessAccount
		}
		if cond.AuthenticationLeewayDuration != nil {
			c.Conditions.AuthenticationLeewayDuration = *cond.AuthenticationLeewayDuration
		}
	}
	if in.Tags != nil {
		c.Tags = make(map[string]string, len(in.Tags))
		for k, v := range in.Tags {
			s, _ := v.(string) // validated as strings before this point
			c.Tags[k] = s
		}
	}
	return c
}

// public is the connection as the API returns it: without clientSecret.
func (c authressConnection) public() authressConnection {
	c.ClientSecret = nil
	return c
}

// matches is the list filter: a case-insensitive substring search over every
// text field except the secret.
func (c authressConnection) matches(filter string) bool {
	if filter == "" {
		return true
	}
	f := strings.ToLower(filter)
	texts := []string{c.ConnectionID, c.Type, c.Data.SupportedContentType, c.Data.UserIDExpression}
	for _, p := range []*string{c.AuthenticationURL, c.TokenURL, c.IssuerURL, c.ProviderCertificate, c.ClientID, c.ClientSecretID,
		c.Data.TenantID, c.Data.DeveloperAccountID, c.Data.Name, c.Data.OidcUserEndpointURL} {
		if p != nil {
			texts = append(texts, *p)
		}
	}
	for k, v := range c.Tags {
		texts = append(texts, k, v)
	}
	for _, v := range c.DefaultConnectionProperties {
		texts = append(texts, v)
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), f) {
			return true
		}
	}
	return false
}
