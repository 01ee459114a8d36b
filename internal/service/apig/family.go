package apig

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// family builds the shared APIG client; building one makes no request, so it is the plan-time
// check too.
var family = conns.Family[*Client]{
	Name:  "apig",
	Title: "APIG",
	Check: conns.CheckByBuilding(func(m *conns.Meta) conns.Unknown { return providerBlock.Settings(m).Unknown }, build),
	Build: build,
}

func build(_ context.Context, m *conns.Meta) (*Client, error) {
	return NewClient(providerBlock.Settings(m), m.UserAgent())
}

var hexID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// envIDPattern accepts 32 lowercase hex characters or the default environment's fixed id.
var envIDPattern = regexp.MustCompile(`^([0-9a-f]{32}|DEFAULT_ENVIRONMENT_RELEASE_ID)$`)

func idValidator(what string) validator.String {
	return stringvalidator.RegexMatches(hexID, "must be "+what+": 32 lowercase hexadecimal characters")
}

// instanceIDAttribute is the gateway instance_id every data source looks in.
func instanceIDAttribute() dsschema.StringAttribute {
	return dsschema.StringAttribute{
		Required: true, MarkdownDescription: "Id of the dedicated gateway (32 lowercase hexadecimal characters).",
		Validators: []validator.String{idValidator("a gateway instance id")},
	}
}

func envIDValidator() validator.String {
	return stringvalidator.RegexMatches(envIDPattern, "must be an environment id: 32 lowercase hexadecimal characters, or "+DefaultEnvID+" for the RELEASE environment")
}

// The name rules of the create models (huaweicloud-sdk-go-v3 apig/v2 AppCreate, EnvCreate,
// ApiCreate; the OTC API reference states the same or a subset). The lookups must accept every name
// the service does: Huawei Cloud allows Chinese characters in app and API names, and lengths count
// characters, not bytes (Go regular expressions match characters).
var (
	envNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,63}$`)
	appNamePattern = regexp.MustCompile(`^[A-Za-z\p{Han}][A-Za-z0-9_\p{Han}]{2,63}$`)
	apiNamePattern = regexp.MustCompile(`^[A-Za-z0-9\p{Han}][A-Za-z0-9\p{Han}_./()（）:：、-]{2,254}$`)
)

const (
	envNameRule = "must be 3 to 64 letters, digits and underscores, starting with a letter"
	appNameRule = "must be 3 to 64 characters: letters, Chinese characters, digits and underscores, starting with a letter or a " +
		"Chinese character"
	apiNameRule = "must be 3 to 255 characters: letters, Chinese characters, digits, hyphens, underscores, periods, slashes, " +
		"parentheses, colons and the Chinese enumeration comma (、), starting with a letter, a Chinese character or a digit"
)
