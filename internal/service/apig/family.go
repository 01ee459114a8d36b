package apig

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// family is embedded in each APIG resource and data source.
type family struct {
	conns.Family
}

// client returns the shared APIG client, or adds one diagnostic saying how to configure it.
func (f *family) client(_ context.Context, diags *diag.Diagnostics) *Client {
	c, _ := conns.ClientFor(&f.Family, "apig", "APIG is not configured", "",
		func(m *conns.Meta) (*Client, error) { return NewClient(m.APIG, m.UserAgent()) }, diags)
	return c
}

// checkCreatable fails a plan that would create an object while the family is not configured, so the
// mistake shows at plan rather than during apply. Unknown settings are left to apply time.
func (f *family) checkCreatable(diags *diag.Diagnostics) {
	if f.Meta == nil || len(f.Meta.APIG.Unknown) > 0 {
		return
	}
	// Building a client makes no request; it only checks the settings.
	if _, err := NewClient(f.Meta.APIG, f.Meta.UserAgent()); err != nil {
		diags.AddError(httpclient.Headline(err, "APIG is not configured"), err.Error())
	}
}

var hexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// envIDPattern accepts 32 lowercase hex characters or the default environment's fixed id.
var envIDPattern = regexp.MustCompile(`^([0-9a-f]{32}|DEFAULT_ENVIRONMENT_RELEASE_ID)$`)

func idValidator(what string) validator.String {
	return stringvalidator.RegexMatches(hexID, "must be "+what+": 32 lowercase hexadecimal characters")
}

func envIDValidator() validator.String {
	return stringvalidator.RegexMatches(envIDPattern, "must be an environment id: 32 lowercase hexadecimal characters, or "+DefaultEnvID+" for the RELEASE environment")
}

// namePattern is the rule for app, environment and group names.
var namePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,63}$`)

const nameRule = "must be 3 to 64 letters, digits and underscores, starting with a letter"
