package authress

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/providerblock"
)

// Settings configure the Authress family. A Source says where its value came from ("api_url in the
// authress block", "AUTHRESS_API_URL"), for error messages.
type Settings struct {
	APIURL, APIURLSource       string
	AccessKey, AccessKeySource string
	HTTP                       httpclient.Tuning
	Unknown                    conns.Unknown
}

type blockModel struct {
	providerblock.HTTPModel
	APIURL    types.String `tfsdk:"api_url"`
	AccessKey types.String `tfsdk:"access_key"`
}

// providerBlock is the authress block of the provider configuration.
var providerBlock = &providerblock.Block[blockModel, Settings]{
	Name:        "authress",
	Description: "Authress access. The family is configured when an access key is given here or in `AUTHRESS_KEY`.",
	RateDefaults: "Default 10 requests a second with bursts of 10: the rate Authress documents for administrative " +
		"routes (knowledge base, \"Billing, caching, and rate limiting\"). Its newest revision puts the creation of identity " +
		"connections at 1 call a second: creates go at 0.9 a second unless `max_requests_per_second` is set, and a set rate " +
		"applies to every request. The provider also slows down by itself when the API answers 429.",
	Attributes: map[string]schema.Attribute{
		"api_url": providerblock.URLAttribute("Authress API URL: your custom domain or `https://{accountId}.api.authress.io`. Defaults to `AUTHRESS_API_URL`, " +
			"else derived from the account id inside a service-client access key."),
		"access_key": schema.StringAttribute{
			Optional:  true,
			Sensitive: true,
			MarkdownDescription: "A service-client access key (`clientId.keyId.accountId.privateKey`), from which the provider signs short-lived " +
				"EdDSA JWTs, or a JWT used as is. Defaults to `AUTHRESS_KEY`.",
		},
	},
	Read: readSettings,
}

func readSettings(m *blockModel, _ *diag.Diagnostics) Settings {
	var s Settings
	s.APIURL, s.APIURLSource = providerblock.SettingFrom(m.APIURL, "api_url", "authress", &s.Unknown, "AUTHRESS_API_URL")
	s.AccessKey, s.AccessKeySource = providerblock.SettingFrom(m.AccessKey, "access_key", "authress", &s.Unknown, "AUTHRESS_KEY")
	s.HTTP = m.Tuning(&s.Unknown)
	return s
}
