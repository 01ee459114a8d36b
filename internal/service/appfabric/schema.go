package appfabric

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var (
	bundleARNPattern        = regexp.MustCompile(`^arn:aws[a-z-]*:appfabric:[a-z0-9-]+:\d{12}:appbundle/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`)
	authorizationARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:appfabric:[a-z0-9-]+:\d{12}:appbundle/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}/appauthorization/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$`)
	kmsKeyARNPattern        = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[a-zA-Z0-9-]+$`)
	redirectURIPattern      = regexp.MustCompile(`^https://[-a-zA-Z0-9-._~:/?#@!$&'()*+,;=]+$`)
)

func bundleARNValidator() validator.String {
	return stringvalidator.RegexMatches(bundleARNPattern, "must be an AppFabric app bundle ARN (arn:aws:appfabric:<region>:<account>:appbundle/<uuid>)")
}

func authorizationARNValidator() validator.String {
	return stringvalidator.RegexMatches(authorizationARNPattern,
		"must be an AppFabric app authorization ARN (arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>)")
}

// tagLimits are AppFabric's: at most 50 tags, keys 1..128 and values 0..256 characters.
var tagLimits = tags.Limits{MaxTags: 50, KeyMin: 1, KeyMax: 128, ValueMax: 256}

// tagsHow says how a tags change reaches AppFabric.
const tagsHow = "Changes are applied in place through the tagging API."
