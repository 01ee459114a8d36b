package quicksight

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// QuickSight request shapes and their validation. Pointers mark members whose
// presence matters (required members, ClientSecret may be empty).

var qsConnectorTypes = []string{
	"GENERIC_HTTP", "SERVICENOW_NOW_PLATFORM", "SALESFORCE_CRM", "MICROSOFT_OUTLOOK", "PAGERDUTY_ADVANCE", "JIRA_CLOUD",
	"ATLASSIAN_CONFLUENCE", "AMAZON_S3", "AMAZON_BEDROCK_AGENT_RUNTIME", "AMAZON_BEDROCK_RUNTIME",
	"AMAZON_BEDROCK_DATA_AUTOMATION_RUNTIME", "AMAZON_TEXTRACT", "AMAZON_COMPREHEND", "AMAZON_COMPREHEND_MEDICAL",
	"MICROSOFT_ONEDRIVE", "MICROSOFT_SHAREPOINT", "MICROSOFT_TEAMS", "SAP_BUSINESSPARTNER", "SAP_PRODUCTMASTERDATA",
	"SAP_PHYSICALINVENTORY", "SAP_BILLOFMATERIALS", "SAP_MATERIALSTOCK", "ZENDESK_SUITE", "SMARTSHEET", "SLACK", "ASANA",
	"BAMBOO_HR",
}

// qsAuthMembers maps each AuthenticationType to the metadata member it needs.
var qsAuthMembers = map[string]string{
	"OAUTH2_AUTHORIZATION_CODE": "AuthorizationCodeGrantMetadata",
	"OAUTH2_CLIENT_CREDENTIALS": "ClientCredentialsGrantMetadata",
	"BASIC":                     "BasicAuthConnectionMetadata",
	"API_KEY":                   "ApiKeyConnectionMetadata",
	"NONE":                      "NoneConnectionMetadata",
	"IAM":                       "IamConnectionMetadata",
}

// qsPattern compiles one of the model's patterns, which QuickSight matches
// against the whole value, case-sensitively.
func qsPattern(model string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + model + `)$`) }

var qsAccountRe = qsPattern(`^[0-9]{12}$`)

type qsAuthConfig struct {
	AuthenticationType     *string         `json:"AuthenticationType"`
	AuthenticationMetadata *qsAuthMetadata `json:"AuthenticationMetadata"`
}

type qsAuthMetadata struct {
	AuthorizationCodeGrantMetadata *qsAuthCodeGrantMetadata   `json:"AuthorizationCodeGrantMetadata,omitempty"`
	ClientCredentialsGrantMetadata *qsClientCredentialsMeta   `json:"ClientCredentialsGrantMetadata,omitempty"`
	BasicAuthConnectionMetadata    *qsBasicAuthMetadata       `json:"BasicAuthConnectionMetadata,omitempty"`
	ApiKeyConnectionMetadata       *qsAPIKeyMetadata          `json:"ApiKeyConnectionMetadata,omitempty"`
	NoneConnectionMetadata         *qsNoneMetadata            `json:"NoneConnectionMetadata,omitempty"`
	IamConnectionMetadata          *qsIamConnectionMetadataIn `json:"IamConnectionMetadata,omitempty"`
}

type qsAuthCodeGrantMetadata struct {
	BaseEndpoint                             *string             `json:"BaseEndpoint"`
	RedirectURL                              *string             `json:"RedirectUrl"`
	AuthorizationCodeGrantCredentialsSource  *string             `json:"AuthorizationCodeGrantCredentialsSource,omitempty"`
	AuthorizationCodeGrantCredentialsDetails *qsAuthCodeDetailsU `json:"AuthorizationCodeGrantCredentialsDetails,omitempty"`
}

type qsAuthCodeDetailsU struct {
	AuthorizationCodeGrantDetails *qsAuthCodeDetails `json:"AuthorizationCodeGrantDetails"`
}

type qsAuthCodeDetails struct {
	ClientID              *string `json:"ClientId"`
	ClientSecret          *string `json:"ClientSecret"`
	TokenEndpoint         *string `json:"TokenEndpoint"`
	AuthorizationEndpoint *string `json:"AuthorizationEndpoint"`
}

type qsClientCredentialsMeta struct {
	BaseEndpoint             *string                `json:"BaseEndpoint"`
	ClientCredentialsSource  *string                `json:"ClientCredentialsSource,omitempty"`
	ClientCredentialsDetails *qsClientCredsDetailsU `json:"ClientCredentialsDetails,omitempty"`
}

type qsClientCredsDetailsU struct {
	ClientCredentialsGrantDetails *qsClientCredsDetails `json:"ClientCredentialsGrantDetails"`
}

type qsClientCredsDetails struct {
	ClientID      *string `json:"ClientId"`
	ClientSecret  *string `json:"ClientSecret"`
	TokenEndpoint *string `json:"TokenEndpoint"`
}

type qsBasicAuthMetadata struct {
	BaseEndpoint *string `json:"BaseEndpoint"`
	Username     *string `json:"Username"`
	Password     *string `json:"Password"`
}

type qsAPIKeyMetadata struct {
	BaseEndpoint *string `json:"BaseEndpoint"`
	APIKey       *string `json:"ApiKey"`
	Email        *string `json:"Email,omitempty"`
}

type qsNoneMetadata struct {
	BaseEndpoint *string `json:"BaseEndpoint"`
}

type qsIamConnectionMetadataIn struct {
	RoleArn *string `json:"RoleArn"`
}

type qsPermission struct {
	Principal string   `json:"Principal"`
	Actions   []string `json:"Actions"`
}

type qsTag struct {
	Key   *string `json:"Key"`
	Value *string `json:"Value"`
}

// readShape is the ReadAuthConfig Describe returns: secrets dropped and the
// credential-detail members renamed with the Read prefix.
func (a qsAuthConfig) readShape(connectorArn string) map[string]any {
	md := map[string]any{}
	m := a.AuthenticationMetadata
	put := func(dst map[string]any, k string, v *string) {
		if v != nil {
			dst[k] = *v
		}
	}
	switch {
	case m.AuthorizationCodeGrantMetadata != nil:
		g := m.AuthorizationCodeGrantMetadata
		out := map[string]any{}
		put(out, "BaseEndpoint", g.BaseEndpoint)
		put(out, "RedirectUrl", g.RedirectURL)
		put(out, "AuthorizationCodeGrantCredentialsSource", g.AuthorizationCodeGrantCredentialsSource)
		if g.AuthorizationCodeGrantCredentialsDetails != nil && g.AuthorizationCodeGrantCredentialsDetails.AuthorizationCodeGrantDetails != nil {
			d := g.AuthorizationCodeGrantCredentialsDetails.AuthorizationCodeGrantDetails
			rd := map[string]any{}
			put(rd, "ClientId", d.ClientID)
			put(rd, "TokenEndpoint", d.TokenEndpoint)
			put(rd, "AuthorizationEndpoint", d.AuthorizationEndpoint)
			out["ReadAuthorizationCodeGrantCredentialsDetails"] = map[string]any{"ReadAuthorizationCodeGrantDetails": rd}
		}
		md["AuthorizationCodeGrantMetadata"] = out
	case m.ClientCredentialsGrantMetadata != nil:
		g := m.ClientCredentialsGrantMetadata
		out := map[string]any{}
		put(out, "BaseEndpoint", g.BaseEndpoint)
		put(out, "ClientCredentialsSource", g.ClientCredentialsSource)
		if g.ClientCredentialsDetails != nil && g.ClientCredentialsDetails.ClientCredentialsGrantDetails != nil {
			d := g.ClientCredentialsDetails.ClientCredentialsGrantDetails
			rd := map[string]any{}
			put(rd, "ClientId", d.ClientID)
			put(rd, "TokenEndpoint", d.TokenEndpoint)
			out["ReadClientCredentialsDetails"] = map[string]any{"ReadClientCredentialsGrantDetails": rd}
		}
		md["ClientCredentialsGrantMetadata"] = out
	case m.BasicAuthConnectionMetadata != nil:
		out := map[string]any{}
		put(out, "BaseEndpoint", m.BasicAuthConnectionMetadata.BaseEndpoint)
		put(out, "Username", m.BasicAuthConnectionMetadata.Username)
		md["BasicAuthConnectionMetadata"] = out
	case m.ApiKeyConnectionMetadata != nil:
		out := map[string]any{}
		put(out, "BaseEndpoint", m.ApiKeyConnectionMetadata.BaseEndpoint)
		put(out, "Email", m.ApiKeyConnectionMetadata.Email)
		md["ApiKeyConnectionMetadata"] = out
	case m.NoneConnectionMetadata != nil:
		out := map[string]any{}
		put(out, "BaseEndpoint", m.NoneConnectionMetadata.BaseEndpoint)
		md["NoneConnectionMetadata"] = out
	case m.IamConnectionMetadata != nil:
		out := map[string]any{"SourceArn": connectorArn}
		put(out, "RoleArn", m.IamConnectionMetadata.RoleArn)
		md["IamConnectionMetadata"] = out
	}
	return map[string]any{"AuthenticationType": qsDeref(a.AuthenticationType), "AuthenticationMetadata": md}
}

// qsDecode strictly decodes the request body; unknown members, wrong types
// and malformed JSON are InvalidParameterValueException.
func qsDecode(r *http.Request, v any) error {
	if err := core.DecodeJSON(core.Body(r), v); err != nil {
		var de *core.DecodeError
		if errors.As(err, &de) && de.Field != "" {
			return qsInvalid("Invalid request body: member '%s': %s", de.Field, de.Reason)
		}
		return qsInvalid("Invalid request body: %s", err.Error())
	}
	return nil
}

// qsValidator collects constraint violations in the AWS wording:
// "N validation errors detected: Value '…' at '…' failed to satisfy constraint: …".
type qsValidator struct {
	msgs []string
}

func (v *qsValidator) fail(field, constraint string) {
	v.msgs = append(v.msgs, fmt.Sprintf("Value at '%s' failed to satisfy constraint: %s", qsLowerFirst(field), constraint))
}

func (v *qsValidator) failValue(field, value, constraint string) {
	v.msgs = append(v.msgs, fmt.Sprintf("Value '%s' at '%s' failed to satisfy constraint: %s", value, qsLowerFirst(field), constraint))
}

func (v *qsValidator) err() error {
	switch len(v.msgs) {
	case 0:
		return nil
	case 1:
		return qsInvalid("1 validation error detected: %s", v.msgs[0])
	default:
		return qsInvalid("%d validation errors detected: %s", len(v.msgs), strings.Join(v.msgs, "; "))
	}
}

func qsLowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func (v *qsValidator) required(field string, s *string) {
	if s == nil {
		v.fail(field, "Member must not be null")
	}
}

// qsRule is a string member's constraints in the model: a length range
// (maxLen qsUnbounded: none), a pattern (nil: none), and whether the member is
// sensitive.
type qsRule struct {
	minLen, maxLen int
	re             *regexp.Regexp
	sensitive      bool
}

const qsUnbounded = -1

// The model's rules for the string members it constrains. Username, Password
// and ApiKey are sensitive and have no other constraint.
var (
	qsIDRule          = qsRule{minLen: 1, maxLen: 512, re: qsPattern(`[\w\-]+`)}
	qsNameRule        = qsRule{minLen: 1, maxLen: 255, re: qsPattern(`[A-Za-z0-9](?:[\w- ]*[A-Za-z0-9])?`), sensitive: true}
	qsDescriptionRule = qsRule{minLen: 1, maxLen: 2048, re: qsPattern(`[A-Za-z0-9 _.,!?-]*`), sensitive: true}
	qsEndpointRule    = qsRule{minLen: 1, maxLen: 8192, re: qsPattern(`https://.*`)}
	qsClientIDRule    = qsRule{minLen: 0, maxLen: 1024}
	qsClientSecret    = qsRule{minLen: 0, maxLen: 2048, sensitive: true}
	qsEmailRule       = qsRule{maxLen: qsUnbounded, re: qsPattern(`[\w.%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`), sensitive: true}
	qsRoleArnRule     = qsRule{minLen: 20, maxLen: 2048}
	qsPrincipalRule   = qsRule{minLen: 1, maxLen: 256}
	qsTagKeyRule      = qsRule{minLen: 1, maxLen: 128}
	qsTagValueRule    = qsRule{minLen: 1, maxLen: 256}
)

// str checks an optional string against rule. As AWS does, a sensitive
// member's value is left out of the message.
func (v *qsValidator) str(field string, s *string, rule qsRule) {
	if s == nil {
		return
	}
	report := func(constraint string) {
		if rule.sensitive {
			v.fail(field, constraint)
		} else {
			v.failValue(field, *s, constraint)
		}
	}
	n := utf8.RuneCountInString(*s)
	switch {
	case n < rule.minLen:
		report(fmt.Sprintf("Member must have length greater than or equal to %d", rule.minLen))
	case rule.maxLen != qsUnbounded && n > rule.maxLen:
		report(fmt.Sprintf("Member must have length less than or equal to %d", rule.maxLen))
	case rule.re != nil && !rule.re.MatchString(*s):
		report("Member must satisfy regular expression pattern: " + strings.TrimSuffix(strings.TrimPrefix(rule.re.String(), "^(?:"), ")$"))
	}
}

func (v *qsValidator) enum(field, value string, allowed []string) {
	v.failValue(field, value, "Member must satisfy enum value set: ["+strings.Join(allowed, ", ")+"]")
}

func (v *qsValidator) actionConnectorID(id string) {
	v.str("ActionConnectorId", &id, qsIDRule)
	if strings.HasPrefix(id, "quicksuite-") {
		v.failValue("ActionConnectorId", id, "Member must not start with the prefix quicksuite-")
	}
}

func (v *qsValidator) name(s *string)        { v.str("Name", s, qsNameRule) }
func (v *qsValidator) description(s *string) { v.str("Description", s, qsDescriptionRule) }

func (v *qsValidator) endpoint(field string, s *string) {
	v.required(field, s)
	v.str(field, s, qsEndpointRule)
}

func (v *qsValidator) source(field string, s *string) {
	if s != nil && *s != "PLAIN_CREDENTIALS" {
		v.enum(field, *s, []string{"PLAIN_CREDENTIALS"})
	}
}

func (v *qsValidator) authConfig(a *qsAuthConfig) {
	const p = "AuthenticationConfig."
	v.required(p+"AuthenticationType", a.AuthenticationType)
	if a.AuthenticationType != nil {
		if _, ok := qsAuthMembers[*a.AuthenticationType]; !ok {
			v.enum(p+"AuthenticationType", *a.AuthenticationType, []string{"BASIC", "API_KEY", "OAUTH2_CLIENT_CREDENTIALS", "NONE", "IAM", "OAUTH2_AUTHORIZATION_CODE"})
		}
	}
	m := a.AuthenticationMetadata
	if m == nil {
		v.fail(p+"AuthenticationMetadata", "Member must not be null")
		return
	}
	var set []string
	const mp = p + "AuthenticationMetadata."
	if g := m.AuthorizationCodeGrantMetadata; g != nil {
		set = append(set, "AuthorizationCodeGrantMetadata")
		f := mp + "AuthorizationCodeGrantMetadata."
		v.endpoint(f+"BaseEndpoint", g.BaseEndpoint)
		v.endpoint(f+"RedirectUrl", g.RedirectURL)
		v.source(f+"AuthorizationCodeGrantCredentialsSource", g.AuthorizationCodeGrantCredentialsSource)
		if u := g.AuthorizationCodeGrantCredentialsDetails; u != nil {
			if u.AuthorizationCodeGrantDetails == nil {
				v.fail(f+"AuthorizationCodeGrantCredentialsDetails", "Exactly one member of the union must be set")
			} else {
				d, df := u.AuthorizationCodeGrantDetails, f+"AuthorizationCodeGrantCredentialsDetails.AuthorizationCodeGrantDetails."
				v.required(df+"ClientId", d.ClientID)
				v.str(df+"ClientId", d.ClientID, qsClientIDRule)
				v.required(df+"ClientSecret", d.ClientSecret)
				v.str(df+"ClientSecret", d.ClientSecret, qsClientSecret)
				v.endpoint(df+"TokenEndpoint", d.TokenEndpoint)
				v.endpoint(df+"AuthorizationEndpoint", d.AuthorizationEndpoint)
			}
		}
	}
	if g := m.ClientCredentialsGrantMetadata; g != nil {
		set = append(set, "ClientCredentialsGrantMetadata")
		f := mp + "ClientCredentialsGrantMetadata."
		v.endpoint(f+"BaseEndpoint", g.BaseEndpoint)
		v.source(f+"ClientCredentialsSource", g.ClientCredentialsSource)
		if u := g.ClientCredentialsDetails; u != nil {
			if u.ClientCredentialsGrantDetails == nil {
				v.fail(f+"ClientCredentialsDetails", "Exactly one member of the union must be set")
			} else {
				d, df := u.ClientCredentialsGrantDetails, f+"ClientCredentialsDetails.ClientCredentialsGrantDetails."
				v.required(df+"ClientId", d.ClientID)
				v.str(df+"ClientId", d.ClientID, qsClientIDRule)
				v.required(df+"ClientSecret", d.ClientSecret)
				v.str(df+"ClientSecret", d.ClientSecret, qsClientSecret)
				v.endpoint(df+"TokenEndpoint", d.TokenEndpoint)
			}
		}
	}
	if b := m.BasicAuthConnectionMetadata; b != nil {
		set = append(set, "BasicAuthConnectionMetadata")
		f := mp + "BasicAuthConnectionMetadata."
		v.endpoint(f+"BaseEndpoint", b.BaseEndpoint)
		v.required(f+"Username", b.Username)
		v.required(f+"Password", b.Password)
	}
	if k := m.ApiKeyConnectionMetadata; k != nil {
		set = append(set, "ApiKeyConnectionMetadata")
		f := mp + "ApiKeyConnectionMetadata."
		v.endpoint(f+"BaseEndpoint", k.BaseEndpoint)
		v.required(f+"ApiKey", k.APIKey)
		v.str(f+"Email", k.Email, qsEmailRule)
	}
	if n := m.NoneConnectionMetadata; n != nil {
		set = append(set, "NoneConnectionMetadata")
		v.endpoint(mp+"NoneConnectionMetadata.BaseEndpoint", n.BaseEndpoint)
	}
	if i := m.IamConnectionMetadata; i != nil {
		set = append(set, "IamConnectionMetadata")
		f := mp + "IamConnectionMetadata.RoleArn"
		v.required(f, i.RoleArn)
		v.str(f, i.RoleArn, qsRoleArnRule)
	}
	switch {
	case len(set) != 1:
		v.fail(p+"AuthenticationMetadata", fmt.Sprintf("Exactly one member of the union must be set, found %d", len(set)))
	case a.AuthenticationType != nil && qsAuthMembers[*a.AuthenticationType] != "" && qsAuthMembers[*a.AuthenticationType] != set[0]:
		v.failValue(p+"AuthenticationType", *a.AuthenticationType, "AuthenticationType "+*a.AuthenticationType+" requires AuthenticationMetadata."+qsAuthMembers[*a.AuthenticationType]+", not "+set[0])
	}
}

func (v *qsValidator) permissions(field string, ps []qsPermission) {
	if len(ps) < 1 || len(ps) > 64 {
		v.fail(field, "Member must have length less than or equal to 64 and greater than or equal to 1")
		return
	}
	for i, p := range ps {
		f := fmt.Sprintf("%s.%d.member.", field, i+1)
		v.str(f+"Principal", &p.Principal, qsPrincipalRule)
		switch {
		case strings.Contains(p.Principal, ":namespace/"):
			v.failValue(f+"Principal", p.Principal, "Namespace sharing is not supported for action connectors")
		case strings.HasPrefix(p.Principal, "arn:aws:iam::"):
			v.failValue(f+"Principal", p.Principal, "Account root sharing is not supported for action connectors")
		}
		if len(p.Actions) < 1 || len(p.Actions) > 20 {
			v.fail(f+"Actions", "Member must have length less than or equal to 20 and greater than or equal to 1")
		}
		if slices.Contains(p.Actions, "") {
			v.fail(f+"Actions", "Member must not contain empty strings")
		}
	}
}

func (v *qsValidator) tags(ts []qsTag) {
	if len(ts) < 1 || len(ts) > 200 {
		v.fail("Tags", "Member must have length less than or equal to 200 and greater than or equal to 1")
		return
	}
	for i, t := range ts {
		f := fmt.Sprintf("Tags.%d.member.", i+1)
		v.required(f+"Key", t.Key)
		v.str(f+"Key", t.Key, qsTagKeyRule)
		v.required(f+"Value", t.Value)
		v.str(f+"Value", t.Value, qsTagValueRule)
	}
}
