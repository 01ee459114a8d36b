package authress

// Wire shapes of the Authress connections API (camelCase JSON). Pointers tell "absent" from empty, as
// PUT replaces the whole object.

// The values Authress stores for a field a request leaves out (the SDK models' defaults).
const (
	defaultType                 = "OAUTH2"
	defaultScope                = "profile email openid"
	defaultSupportedContentType = "application/json"
	defaultUserIDExpression     = "{sub}"
	defaultLeewayDuration       = "PT5M"
	defaultTenantAssignment     = "DEFAULT"
)

// Connection is the request and response body of the connection routes.
type Connection struct {
	ConnectionID                *string                `json:"connectionId,omitempty"`
	Type                        *string                `json:"type,omitempty"`
	AuthenticationURL           *string                `json:"authenticationUrl,omitempty"`
	TokenURL                    *string                `json:"tokenUrl,omitempty"`
	IssuerURL                   *string                `json:"issuerUrl,omitempty"`
	ProviderCertificate         *string                `json:"providerCertificate,omitempty"`
	ClientID                    *string                `json:"clientId,omitempty"`
	ClientSecretID              *string                `json:"clientSecretId,omitempty"`
	ClientSecret                *string                `json:"clientSecret,omitempty"`
	Data                        *ConnectionData        `json:"data,omitempty"`
	DefaultConnectionProperties map[string]string      `json:"defaultConnectionProperties,omitempty"`
	Conditions                  *ConnectionConditions  `json:"conditions,omitempty"`
	LinkingConfiguration        *LinkingConfiguration  `json:"linkingConfiguration,omitempty"`
	TenantConfiguration         *TenantConfiguration   `json:"tenantConfiguration,omitempty"`
	UserDataConfiguration       *UserDataConfiguration `json:"userDataConfiguration,omitempty"`
	Tags                        map[string]string      `json:"tags,omitempty"`
	CreatedTime                 *string                `json:"createdTime,omitempty"`
	LastUpdated                 *string                `json:"lastUpdated,omitempty"`
	IsActiveConnection          *bool                  `json:"isActiveConnection,omitempty"`
}

// secrets are the values of c that an error body or a log must never show: the client secret, which
// the API may echo back in a validation message.
func (c Connection) secrets() []string {
	if c.ClientSecret == nil {
		return nil
	}
	return []string{*c.ClientSecret}
}

// ConnectionData holds display and claim-mapping settings.
type ConnectionData struct {
	TenantID             *string `json:"tenantId,omitempty"`
	DeveloperAccountID   *string `json:"developerAccountId,omitempty"`
	Name                 *string `json:"name,omitempty"`
	SupportedContentType *string `json:"supportedContentType,omitempty"`
	OIDCUserEndpointURL  *string `json:"oidcUserEndpointUrl,omitempty"`
	UserIDExpression     *string `json:"userIdExpression,omitempty"`
	TrustIdentityUserID  *bool   `json:"trustIdentityUserId,omitempty"`
}

// ConnectionConditions restrict who may log in.
type ConnectionConditions struct {
	RequireBusinessAccount       *bool   `json:"requireBusinessAccount,omitempty"`
	AuthenticationLeewayDuration *string `json:"authenticationLeewayDuration,omitempty"`
}

// LinkingConfiguration enables identity linking.
type LinkingConfiguration struct {
	Type *string `json:"type,omitempty"`
}

// TenantConfiguration decides how users are assigned to tenants.
type TenantConfiguration struct {
	AssignmentType *string `json:"assignmentType,omitempty"`
}

// UserDataConfiguration pins where user data is stored.
type UserDataConfiguration struct {
	Location *string `json:"location,omitempty"`
}

type connectionCollection struct {
	Connections []Connection `json:"connections"`
	Pagination  *struct {
		Next *struct {
			Cursor string `json:"cursor"`
		} `json:"next"`
	} `json:"pagination"`
}

// UserConnectionCredentials is a user's token for a connection's provider.
type UserConnectionCredentials struct {
	AccessToken string `json:"accessToken"`
}

type errorBody struct {
	Title     string `json:"title"`
	ErrorCode string `json:"errorCode"`
	ErrorID   string `json:"errorId"`
}
