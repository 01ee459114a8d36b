package provider

import (
	"context"
	"net/url"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

func configValidators() []provider.ConfigValidator {
	apig := path.MatchRoot("apig")
	aws := path.MatchRoot("aws")
	return []provider.ConfigValidator{
		providervalidator.RequiredTogether(aws.AtName("access_key"), aws.AtName("secret_key")),
		providervalidator.RequiredTogether(apig.AtName("access_key"), apig.AtName("secret_key")),
		providervalidator.Conflicting(apig.AtName("token"), apig.AtName("access_key")),
		providervalidator.Conflicting(apig.AtName("token"), apig.AtName("password")),
		providervalidator.Conflicting(apig.AtName("access_key"), apig.AtName("password")),
		retryWaitOrder{block: "aws"},
		retryWaitOrder{block: "authress"},
		retryWaitOrder{block: "apig"},
	}
}

// httpURL accepts absolute http(s) URLs with a host.
func httpURL() validator.String { return httpURLValidator{} }

type httpURLValidator struct{}

func (httpURLValidator) Description(context.Context) string {
	return "must be an absolute http:// or https:// URL with a host"
}

func (v httpURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v httpURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			req.Path.String()+" "+v.Description(ctx)+", got "+req.ConfigValue.String())
	}
}
