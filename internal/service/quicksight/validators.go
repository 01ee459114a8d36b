package quicksight

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var (
	accountIDPattern   = regexp.MustCompile(`^[0-9]{12}$`)
	connectorIDPattern = regexp.MustCompile(`^[\w-]+$`)
	namePattern        = regexp.MustCompile(`^[A-Za-z0-9](?:[\w\- ]*[A-Za-z0-9])?$`)
	descriptionPattern = regexp.MustCompile(`^[A-Za-z0-9 _.,!?-]*$`)
	roleArnPattern     = regexp.MustCompile(`^arn:[a-z-]+:iam::[0-9]{12}:role/.+$`)
	principalPattern   = regexp.MustCompile(`^arn:[a-z-]+:quicksight:[a-z0-9-]*:[0-9]{12}:(user|group)/.+$`)
	// The model's patterns, matched whole and case-sensitively as QuickSight does.
	endpointPattern = regexp.MustCompile(`^https://.*$`)
	emailPattern    = regexp.MustCompile(`^[\w.%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
)

// reservedConnectorPrefix may not start an action connector id.
const reservedConnectorPrefix = "quicksuite-"

func accountIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(accountIDPattern, "must be a 12-digit AWS account id")}
}

// endpointValidators check an endpoint: the model's Endpoint, 1 to 8192 characters of `https://.*`.
func endpointValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtMost(8192),
		stringvalidator.RegexMatches(endpointPattern, "must start with https:// (lowercase)"),
	}
}

// connectorIDValidators check an existing connector's id; ids Quick Suite creates itself may carry
// the reserved prefix, so only the resource adds notPrefix.
func connectorIDValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(1, 512),
		stringvalidator.RegexMatches(connectorIDPattern, "may contain only letters, digits, '_' and '-'"),
	}
}

// notPrefix rejects strings that start with prefix.
func notPrefix(prefix string) validator.String { return notPrefixValidator{prefix} }

type notPrefixValidator struct{ prefix string }

func (v notPrefixValidator) Description(context.Context) string {
	return fmt.Sprintf("must not start with %q", v.prefix)
}

func (v notPrefixValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v notPrefixValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.HasPrefix(req.ConfigValue.ValueString(), v.prefix) {
		resp.Diagnostics.AddAttributeError(req.Path, "Reserved prefix",
			fmt.Sprintf("%s %s (the prefix is reserved by Amazon Quick Suite), got %s", req.Path, v.Description(ctx), req.ConfigValue))
	}
}

// variantNames maps each authentication_type to the authentication_config attribute it needs.
var variantNames = map[string]string{
	"OAUTH2_AUTHORIZATION_CODE": "authorization_code_grant",
	"OAUTH2_CLIENT_CREDENTIALS": "client_credentials_grant",
	"BASIC":                     "basic",
	"API_KEY":                   "api_key",
	"NONE":                      "none",
	"IAM":                       "iam",
}

var variantOrder = []string{"authorization_code_grant", "client_credentials_grant", "basic", "api_key", "none", "iam"}

// authConfigValidator requires exactly one metadata variant, the one authentication_type names.
type authConfigValidator struct{}

func (authConfigValidator) Description(context.Context) string {
	return "exactly one of " + strings.Join(variantOrder, ", ") + " must be set: the one authentication_type names"
}

func (v authConfigValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v authConfigValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	var set []string
	for _, name := range variantOrder {
		a := attrs[name]
		if a == nil || a.IsNull() {
			continue
		}
		if a.IsUnknown() {
			return
		}
		set = append(set, name)
	}
	authType, _ := attrs["authentication_type"].(basetypes.StringValue)
	want := ""
	if !authType.IsNull() && !authType.IsUnknown() {
		want = variantNames[authType.ValueString()]
	}
	p := req.Path.String()
	switch {
	case len(set) > 1:
		resp.Diagnostics.AddAttributeError(req.Path, "Conflicting authentication metadata",
			fmt.Sprintf("%s must set exactly one metadata block, got %s.%s", p, p, strings.Join(set, " and "+p+".")))
	case len(set) == 0 && want != "":
		resp.Diagnostics.AddAttributeError(req.Path, "Missing authentication metadata",
			fmt.Sprintf("%s.authentication_type %s needs %s.%s to be set", p, authType, p, want))
	case len(set) == 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Missing authentication metadata",
			fmt.Sprintf("%s needs exactly one of %s", p, strings.Join(variantOrder, ", ")))
	case want != "" && set[0] != want:
		resp.Diagnostics.AddAttributeError(req.Path, "Authentication metadata does not match authentication_type",
			fmt.Sprintf("%s.authentication_type %s needs %s.%s, but %s.%s is set", p, authType, p, want, p, set[0]))
	}
}
