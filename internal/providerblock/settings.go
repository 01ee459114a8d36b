package providerblock

import (
	"context"
	"net/url"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// Setting returns the configured value, else the first non-empty environment variable. An unknown
// value is recorded under its attribute path so the family can explain it when first used.
func Setting(v types.String, attr string, unknown *conns.Unknown, envs ...string) string {
	value, _ := SettingFrom(v, attr, "", unknown, envs...)
	return value
}

// SettingFrom is Setting, also saying where the value came from: "<attr> in the <block> block" or
// the environment variable's name ("" when unset).
func SettingFrom(v types.String, attr, block string, unknown *conns.Unknown, envs ...string) (value, source string) {
	if v.IsUnknown() {
		*unknown = append(*unknown, attr)
		return "", ""
	}
	if !v.IsNull() {
		return v.ValueString(), attr + " in the " + block + " block"
	}
	for _, e := range envs {
		if s := os.Getenv(e); s != "" {
			return s, e
		}
	}
	return "", ""
}

// URLAttribute is an optional endpoint attribute: an absolute http(s) URL.
func URLAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Validators:          []validator.String{httpURLValidator{}},
	}
}

// httpURLValidator accepts absolute http(s) URLs with a host.
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
