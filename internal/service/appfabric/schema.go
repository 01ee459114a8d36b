package appfabric

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
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

// tagsAttribute is the tags map of a taggable resource, validated like the API: at most 50 tags,
// keys 1..128 and values 0..256 characters.
func tagsAttribute() schema.MapAttribute {
	return schema.MapAttribute{
		Optional:            true,
		ElementType:         types.StringType,
		MarkdownDescription: "Tags of the resource: at most 50, keys 1 to 128 characters, values up to 256 characters (empty allowed). Changes are applied in place through the tagging API.",
		Validators: []validator.Map{
			mapvalidator.SizeAtMost(50),
			mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 128)),
			mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(256)),
		},
	}
}

// tagsMap reads a tags attribute value (null or unknown means none).
func tagsMap(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	m := map[string]string{}
	diags.Append(v.ElementsAs(ctx, &m, false)...)
	return m
}

// tagsValue turns the tags read from the API into state: no tags keep a null or empty prior value
// as it was, so `tags = {}` and no tags at all both stay stable.
func tagsValue(ctx context.Context, remote map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(remote) == 0 && (prior.IsNull() || len(prior.Elements()) == 0) {
		if prior.IsUnknown() {
			return types.MapNull(types.StringType)
		}
		return prior
	}
	v, d := types.MapValueFrom(ctx, types.StringType, remote)
	diags.Append(d...)
	return v
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
