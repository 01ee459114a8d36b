package appfabric

import (
	"regexp"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
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

// AppFabric's quotas per AWS account and Region (General Reference, "AWS AppFabric endpoints and
// quotas"), and the words every diagnostic about them uses.
const (
	MaxAppBundles        = 1
	MaxAppAuthorizations = 50

	bundleQuota        = "AppFabric allows 1 app bundle per AWS account and Region, and the quota cannot be raised."
	authorizationQuota = "AppFabric allows 50 app authorizations per AWS account and Region, counted over all its app bundles, and the quota cannot be raised."
)

// plannedBeyond counts the creates of one kind planned with this provider configuration (one
// account and Region: Terraform runs a provider process per configuration) and reports whether this
// one goes beyond limit. What exists already is not counted: a plan cannot see it.
func plannedBeyond(meta *conns.Meta, kind string, limit int64) bool {
	if meta == nil {
		return false
	}
	planned, err := meta.Client(kind, func() (any, error) { return new(atomic.Int64), nil })
	n, ok := planned.(*atomic.Int64)
	return err == nil && ok && n.Add(1) > limit
}
