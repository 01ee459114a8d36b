package quicksight

import "slices"

// Wire shapes of the QuickSight action-connector API (REST-JSON, PascalCase). The write shape
// (AuthConfig) and the read shape Describe returns (ReadAuthConfig) differ: the read shape drops
// secrets and renames the credential-detail members with a "Read" prefix.

// Connector types and authentication types the API accepts.
var (
	ConnectorTypes = []string{
		"GENERIC_HTTP", "SERVICENOW_NOW_PLATFORM", "SALESFORCE_CRM", "MICROSOFT_OUTLOOK", "PAGERDUTY_ADVANCE", "JIRA_CLOUD",
		"ATLASSIAN_CONFLUENCE", "AMAZON_S3", "AMAZON_BEDROCK_AGENT_RUNTIME", "AMAZON_BEDROCK_RUNTIME",
		"AMAZON_BEDROCK_DATA_AUTOMATION_RUNTIME", "AMAZON_TEXTRACT", "AMAZON_COMPREHEND", "AMAZON_COMPREHEND_MEDICAL",
		"MICROSOFT_ONEDRIVE", "MICROSOFT_SHAREPOINT", "MICROSOFT_TEAMS", "SAP_BUSINESSPARTNER", "SAP_PRODUCTMASTERDATA",
		"SAP_PHYSICALINVENTORY", "SAP_BILLOFMATERIALS", "SAP_MATERIALSTOCK", "ZENDESK_SUITE", "SMARTSHEET", "SLACK", "ASANA",
		"BAMBOO_HR",
	}
	AuthenticationTypes = []string{"OAUTH2_AUTHORIZATION_CODE", "OAUTH2_CLIENT_CREDENTIALS", "BASIC", "API_KEY", "NONE", "IAM"}
)

// Resource statuses.
const (
	StatusCreationInProgress = "CREATION_IN_PROGRESS"
	StatusCreationSuccessful = "CREATION_SUCCESSFUL"
	StatusCreationFailed     = "CREATION_FAILED"
	StatusUpdateInProgress   = "UPDATE_IN_PROGRESS"
	StatusUpdateSuccessful   = "UPDATE_SUCCESSFUL"
	StatusUpdateFailed       = "UPDATE_FAILED"
	StatusDeleted            = "DELETED"
)

const plainCredentials = "PLAIN_CREDENTIALS"

// AuthConfig is the write shape, sent whole by Create and Update.
type AuthConfig struct {
	AuthenticationType     string                 `json:"AuthenticationType"`
	AuthenticationMetadata AuthenticationMetadata `json:"AuthenticationMetadata"`
}

// AuthenticationMetadata is a union: exactly one member is set.
type AuthenticationMetadata struct {
	AuthorizationCodeGrantMetadata *AuthorizationCodeGrantMetadata `json:"AuthorizationCodeGrantMetadata,omitempty"`
	ClientCredentialsGrantMetadata *ClientCredentialsGrantMetadata `json:"ClientCredentialsGrantMetadata,omitempty"`
	BasicAuthConnectionMetadata    *BasicAuthConnectionMetadata    `json:"BasicAuthConnectionMetadata,omitempty"`
	APIKeyConnectionMetadata       *APIKeyConnectionMetadata       `json:"ApiKeyConnectionMetadata,omitempty"`
	NoneConnectionMetadata         *NoneConnectionMetadata         `json:"NoneConnectionMetadata,omitempty"`
	IamConnectionMetadata          *IamConnectionMetadata          `json:"IamConnectionMetadata,omitempty"`
}

type AuthorizationCodeGrantMetadata struct {
	BaseEndpoint                             string                                    `json:"BaseEndpoint"`
	RedirectURL                              string                                    `json:"RedirectUrl"`
	AuthorizationCodeGrantCredentialsSource  string                                    `json:"AuthorizationCodeGrantCredentialsSource,omitempty"`
	AuthorizationCodeGrantCredentialsDetails *AuthorizationCodeGrantCredentialsDetails `json:"AuthorizationCodeGrantCredentialsDetails,omitempty"`
}

type AuthorizationCodeGrantCredentialsDetails struct {
	AuthorizationCodeGrantDetails AuthorizationCodeGrantDetails `json:"AuthorizationCodeGrantDetails"`
}

type AuthorizationCodeGrantDetails struct {
	ClientID              string `json:"ClientId"`
	ClientSecret          string `json:"ClientSecret"`
	TokenEndpoint         string `json:"TokenEndpoint"`
	AuthorizationEndpoint string `json:"AuthorizationEndpoint"`
}

type ClientCredentialsGrantMetadata struct {
	BaseEndpoint             string                    `json:"BaseEndpoint"`
	ClientCredentialsSource  string                    `json:"ClientCredentialsSource,omitempty"`
	ClientCredentialsDetails *ClientCredentialsDetails `json:"ClientCredentialsDetails,omitempty"`
}

type ClientCredentialsDetails struct {
	ClientCredentialsGrantDetails ClientCredentialsGrantDetails `json:"ClientCredentialsGrantDetails"`
}

type ClientCredentialsGrantDetails struct {
	ClientID      string `json:"ClientId"`
	ClientSecret  string `json:"ClientSecret"`
	TokenEndpoint string `json:"TokenEndpoint"`
}

type BasicAuthConnectionMetadata struct {
	BaseEndpoint string `json:"BaseEndpoint"`
	Username     string `json:"Username"`
	Password     string `json:"Password"`
}

type APIKeyConnectionMetadata struct {
	BaseEndpoint string `json:"BaseEndpoint"`
	APIKey       string `json:"ApiKey"`
	Email        string `json:"Email,omitempty"`
}

type NoneConnectionMetadata struct {
	BaseEndpoint string `json:"BaseEndpoint"`
}

type IamConnectionMetadata struct {
	RoleArn string `json:"RoleArn"`
}

// secrets are the configuration's secret values, for masking in logs and errors.
func (a AuthConfig) secrets() []string {
	m := a.AuthenticationMetadata
	var out []string
	switch {
	case m.AuthorizationCodeGrantMetadata != nil && m.AuthorizationCodeGrantMetadata.AuthorizationCodeGrantCredentialsDetails != nil:
		out = append(out, m.AuthorizationCodeGrantMetadata.AuthorizationCodeGrantCredentialsDetails.AuthorizationCodeGrantDetails.ClientSecret)
	case m.ClientCredentialsGrantMetadata != nil && m.ClientCredentialsGrantMetadata.ClientCredentialsDetails != nil:
		out = append(out, m.ClientCredentialsGrantMetadata.ClientCredentialsDetails.ClientCredentialsGrantDetails.ClientSecret)
	case m.BasicAuthConnectionMetadata != nil:
		out = append(out, m.BasicAuthConnectionMetadata.Password)
	case m.APIKeyConnectionMetadata != nil:
		out = append(out, m.APIKeyConnectionMetadata.APIKey)
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// readForm is what Describe returns for a connector created with a: the same fields without the
// secrets, the credential details under their Read names, and no IAM SourceArn (QuickSight sets it).
func (a AuthConfig) readForm() ReadAuthConfig {
	m := a.AuthenticationMetadata
	out := ReadAuthConfig{AuthenticationType: a.AuthenticationType}
	r := &out.AuthenticationMetadata
	switch {
	case m.AuthorizationCodeGrantMetadata != nil:
		g := m.AuthorizationCodeGrantMetadata
		r.AuthorizationCodeGrantMetadata = &ReadAuthorizationCodeGrantMetadata{
			BaseEndpoint: g.BaseEndpoint, RedirectURL: g.RedirectURL, AuthorizationCodeGrantCredentialsSource: g.AuthorizationCodeGrantCredentialsSource,
		}
		if d := g.AuthorizationCodeGrantCredentialsDetails; d != nil {
			r.AuthorizationCodeGrantMetadata.ReadAuthorizationCodeGrantCredentialsDetails = &ReadAuthorizationCodeGrantCredentialsDetails{
				ReadAuthorizationCodeGrantDetails: &ReadAuthorizationCodeGrantDetails{
					ClientID: d.AuthorizationCodeGrantDetails.ClientID, TokenEndpoint: d.AuthorizationCodeGrantDetails.TokenEndpoint,
					AuthorizationEndpoint: d.AuthorizationCodeGrantDetails.AuthorizationEndpoint,
				},
			}
		}
	case m.ClientCredentialsGrantMetadata != nil:
		g := m.ClientCredentialsGrantMetadata
		r.ClientCredentialsGrantMetadata = &ReadClientCredentialsGrantMetadata{BaseEndpoint: g.BaseEndpoint, ClientCredentialsSource: g.ClientCredentialsSource}
		if d := g.ClientCredentialsDetails; d != nil {
			r.ClientCredentialsGrantMetadata.ReadClientCredentialsDetails = &ReadClientCredentialsDetails{
				ReadClientCredentialsGrantDetails: &ReadClientCredentialsGrantDetails{
					ClientID: d.ClientCredentialsGrantDetails.ClientID, TokenEndpoint: d.ClientCredentialsGrantDetails.TokenEndpoint,
				},
			}
		}
	case m.BasicAuthConnectionMetadata != nil:
		r.BasicAuthConnectionMetadata = &ReadBasicAuthConnectionMetadata{BaseEndpoint: m.BasicAuthConnectionMetadata.BaseEndpoint, Username: m.BasicAuthConnectionMetadata.Username}
	case m.APIKeyConnectionMetadata != nil:
		r.APIKeyConnectionMetadata = &ReadAPIKeyConnectionMetadata{BaseEndpoint: m.APIKeyConnectionMetadata.BaseEndpoint, Email: m.APIKeyConnectionMetadata.Email}
	case m.NoneConnectionMetadata != nil:
		r.NoneConnectionMetadata = &NoneConnectionMetadata{BaseEndpoint: m.NoneConnectionMetadata.BaseEndpoint}
	case m.IamConnectionMetadata != nil:
		r.IamConnectionMetadata = &ReadIamConnectionMetadata{RoleArn: m.IamConnectionMetadata.RoleArn}
	}
	return out
}

// ReadAuthConfig is the read shape of DescribeActionConnector.
type ReadAuthConfig struct {
	AuthenticationType     string                     `json:"AuthenticationType"`
	AuthenticationMetadata ReadAuthenticationMetadata `json:"AuthenticationMetadata"`
}

type ReadAuthenticationMetadata struct {
	AuthorizationCodeGrantMetadata *ReadAuthorizationCodeGrantMetadata `json:"AuthorizationCodeGrantMetadata"`
	ClientCredentialsGrantMetadata *ReadClientCredentialsGrantMetadata `json:"ClientCredentialsGrantMetadata"`
	BasicAuthConnectionMetadata    *ReadBasicAuthConnectionMetadata    `json:"BasicAuthConnectionMetadata"`
	APIKeyConnectionMetadata       *ReadAPIKeyConnectionMetadata       `json:"ApiKeyConnectionMetadata"`
	NoneConnectionMetadata         *NoneConnectionMetadata             `json:"NoneConnectionMetadata"`
	IamConnectionMetadata          *ReadIamConnectionMetadata          `json:"IamConnectionMetadata"`
}

type ReadAuthorizationCodeGrantMetadata struct {
	BaseEndpoint                                 string                                        `json:"BaseEndpoint"`
	RedirectURL                                  string                                        `json:"RedirectUrl"`
	AuthorizationCodeGrantCredentialsSource      string                                        `json:"AuthorizationCodeGrantCredentialsSource,omitempty"`
	ReadAuthorizationCodeGrantCredentialsDetails *ReadAuthorizationCodeGrantCredentialsDetails `json:"ReadAuthorizationCodeGrantCredentialsDetails,omitempty"`
}

type ReadAuthorizationCodeGrantCredentialsDetails struct {
	ReadAuthorizationCodeGrantDetails *ReadAuthorizationCodeGrantDetails `json:"ReadAuthorizationCodeGrantDetails,omitempty"`
}

type ReadAuthorizationCodeGrantDetails struct {
	ClientID              string `json:"ClientId"`
	TokenEndpoint         string `json:"TokenEndpoint"`
	AuthorizationEndpoint string `json:"AuthorizationEndpoint"`
}

type ReadClientCredentialsGrantMetadata struct {
	BaseEndpoint                 string                        `json:"BaseEndpoint"`
	ClientCredentialsSource      string                        `json:"ClientCredentialsSource,omitempty"`
	ReadClientCredentialsDetails *ReadClientCredentialsDetails `json:"ReadClientCredentialsDetails,omitempty"`
}

type ReadClientCredentialsDetails struct {
	ReadClientCredentialsGrantDetails *ReadClientCredentialsGrantDetails `json:"ReadClientCredentialsGrantDetails,omitempty"`
}

type ReadClientCredentialsGrantDetails struct {
	ClientID      string `json:"ClientId"`
	TokenEndpoint string `json:"TokenEndpoint"`
}

type ReadBasicAuthConnectionMetadata struct {
	BaseEndpoint string `json:"BaseEndpoint"`
	Username     string `json:"Username"`
}

type ReadAPIKeyConnectionMetadata struct {
	BaseEndpoint string `json:"BaseEndpoint"`
	Email        string `json:"Email"`
}

type ReadIamConnectionMetadata struct {
	RoleArn   string `json:"RoleArn"`
	SourceArn string `json:"SourceArn"`
}

// ResourcePermission grants actions on a connector to a QuickSight user or group.
type ResourcePermission struct {
	Principal string   `json:"Principal"`
	Actions   []string `json:"Actions"`
}

// Tag is a QuickSight tag (Value must not be empty).
type Tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// ConnectorError explains a *_FAILED status.
type ConnectorError struct {
	Message string `json:"Message"`
	Type    string `json:"Type"`
}

// ActionConnector is DescribeActionConnector's ActionConnector. Times are epoch seconds.
type ActionConnector struct {
	Arn                  string          `json:"Arn"`
	ActionConnectorID    string          `json:"ActionConnectorId"`
	Type                 string          `json:"Type"`
	Name                 string          `json:"Name"`
	CreatedTime          *float64        `json:"CreatedTime"`
	LastUpdatedTime      *float64        `json:"LastUpdatedTime"`
	Status               string          `json:"Status"`
	Error                *ConnectorError `json:"Error"`
	Description          *string         `json:"Description"`
	AuthenticationConfig *ReadAuthConfig `json:"AuthenticationConfig"`
	EnabledActions       []string        `json:"EnabledActions"`
	VpcConnectionArn     *string         `json:"VpcConnectionArn"`
}

// ActionConnectorSummary is one List/Search entry (no authentication).
type ActionConnectorSummary struct {
	Arn               string          `json:"Arn"`
	ActionConnectorID string          `json:"ActionConnectorId"`
	Type              string          `json:"Type"`
	Name              string          `json:"Name"`
	CreatedTime       *float64        `json:"CreatedTime"`
	LastUpdatedTime   *float64        `json:"LastUpdatedTime"`
	Status            string          `json:"Status"`
	Error             *ConnectorError `json:"Error"`
}

// CreateActionConnectorInput is the Create body; empty lists are left out (the API wants 1..n).
type CreateActionConnectorInput struct {
	ActionConnectorID    string               `json:"ActionConnectorId"`
	Name                 string               `json:"Name"`
	Type                 string               `json:"Type"`
	AuthenticationConfig AuthConfig           `json:"AuthenticationConfig"`
	Description          *string              `json:"Description,omitempty"`
	Permissions          []ResourcePermission `json:"Permissions,omitempty"`
	VpcConnectionArn     *string              `json:"VpcConnectionArn,omitempty"`
	Tags                 []Tag                `json:"Tags,omitempty"`
}

// UpdateActionConnectorInput is the Update body: the whole configuration, secrets included.
type UpdateActionConnectorInput struct {
	Name                 string     `json:"Name"`
	AuthenticationConfig AuthConfig `json:"AuthenticationConfig"`
	Description          *string    `json:"Description,omitempty"`
	VpcConnectionArn     *string    `json:"VpcConnectionArn,omitempty"`
}

// SearchFilter is the one filter SearchActionConnectors takes.
type SearchFilter struct {
	Name     string `json:"Name"`
	Operator string `json:"Operator"`
	Value    string `json:"Value"`
}

// Search filter names and operators.
var (
	SearchFilterNames = []string{"ACTION_CONNECTOR_NAME", "ACTION_CONNECTOR_TYPE", "QUICKSIGHT_OWNER", "QUICKSIGHT_VIEWER_OR_OWNER",
		"DIRECT_QUICKSIGHT_SOLE_OWNER", "DIRECT_QUICKSIGHT_OWNER", "DIRECT_QUICKSIGHT_VIEWER_OR_OWNER"}
	SearchOperators = []string{"StringEquals", "StringLike"}
)
