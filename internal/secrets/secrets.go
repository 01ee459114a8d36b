// Package secrets builds every secret attribute the same way, as a trio: `x` (Sensitive, kept in
// state), `x_wo` (write-only, never stored) and a `_wo_version` number that makes Terraform send the
// write-only value again. The rules are the same everywhere: the two forms conflict, the plain one warns
// that the write-only one is preferred, the version is at least 1, required with a write-only value and
// refused without one. One version may serve several secrets (the variants of a credential).
package secrets

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Secret is one secret attribute in its two forms.
type Secret struct {
	// Path is the plain attribute's; the write-only one is its sibling with "_wo" appended.
	Path path.Path
	// Description says what the value is and what it may be, e.g. "The OAuth client secret, 1 to
	// 2048 characters.".
	Description string
	// Validators check the value in either form (length, pattern).
	Validators []validator.String
	// Required means one of the two forms must be set (where its parent object is set); otherwise at
	// most one may be.
	Required bool
}

// WriteOnlyPath is the path of the write-only form.
func (s Secret) WriteOnlyPath() path.Path {
	return s.Path.ParentPath().AtName(s.name() + "_wo")
}

func (s Secret) name() string {
	last, _ := s.Path.Steps().LastStep()
	name, ok := last.(path.PathStepAttributeName)
	if !ok {
		panic(fmt.Sprintf("secrets: %s does not end in an attribute name", s.Path))
	}
	return string(name)
}

// Versioned are the secrets one version attribute covers.
type Versioned struct {
	// Version is the version attribute's path: named after the secret it covers
	// (`client_secret_wo_version`), or after the container of several (`credential_wo_version`).
	Version path.Path
	Secrets []Secret
}

// Plain is the Sensitive form of s, kept in state.
func (v Versioned) Plain(s Secret) schema.StringAttribute {
	wo := s.WriteOnlyPath().Expression()
	both := []path.Expression{s.Path.Expression(), wo}
	rule := "Set at most one of `" + s.name() + "` and `" + s.name() + "_wo`."
	pair := stringvalidator.ConflictsWith(wo)
	if s.Required {
		rule = "Set exactly one of `" + s.name() + "` and `" + s.name() + "_wo`."
		pair = stringvalidator.ExactlyOneOf(both...)
	}
	return schema.StringAttribute{
		Optional:  true,
		Sensitive: true,
		MarkdownDescription: s.Description + " Stored in state (sensitive); prefer `" + s.name() + "_wo`, which never reaches plan or state. " +
			rule,
		Validators: append(append([]validator.String(nil), s.Validators...), pair, stringvalidator.PreferWriteOnlyAttribute(wo)),
	}
}

// WriteOnly is the write-only form of s, never stored in plan or state.
func (v Versioned) WriteOnly(s Secret) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:  true,
		Sensitive: true,
		WriteOnly: true,
		MarkdownDescription: "Write-only form of `" + s.name() + "` (Terraform 1.11+): sent to the service, never stored in plan or state. " +
			"Requires `" + v.Version.String() + "`; change that number to send a new value.",
		Validators: append(append([]validator.String(nil), s.Validators...), stringvalidator.AlsoRequires(v.Version.Expression())),
	}
}

// VersionAttribute is the version: at least 1, required with a write-only value and refused without
// one. Callers may add plan modifiers.
func (v Versioned) VersionAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Version of the write-only " + v.list() + ": a number of at least 1, required with a write-only value and " +
			"refused without one. Change it to send the current write-only value again.",
		Validators: []validator.Int64{int64validator.AtLeast(1), v},
	}
}

// list names the write-only attributes in Markdown.
func (v Versioned) list() string {
	names := make([]string, len(v.Secrets))
	for i, s := range v.Secrets {
		names[i] = "`" + s.WriteOnlyPath().String() + "`"
	}
	return orList(names)
}

func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Description, MarkdownDescription and ValidateInt64 make v the validator that refuses a version
// without a write-only value.
func (v Versioned) Description(context.Context) string {
	return "requires a write-only value: " + v.list()
}

func (v Versioned) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v Versioned) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() {
		return
	}
	for _, s := range v.Secrets {
		if maybeSet(ctx, req.Config, s.WriteOnlyPath()) {
			return
		}
	}
	names := make([]string, len(v.Secrets))
	for i, s := range v.Secrets {
		names[i] = s.WriteOnlyPath().String()
	}
	which := "set it"
	if len(names) > 1 {
		which = "set one of them"
	}
	resp.Diagnostics.AddAttributeError(req.Path, v.Version.String()+" without a write-only value",
		fmt.Sprintf("%s versions the write-only %s: %s, or remove %s.", v.Version, orList(names), which, v.Version))
}

// maybeSet reports whether the string at p is set or may be: it or one of its parents is unknown. (The
// framework reads a value below an unknown object as null.)
func maybeSet(ctx context.Context, config tfsdk.Config, p path.Path) bool {
	var s types.String
	if config.GetAttribute(ctx, p, &s).HasError() || !s.IsNull() {
		return true
	}
	for parent := p.ParentPath(); len(parent.Steps()) > 0; parent = parent.ParentPath() {
		var o types.Object
		if config.GetAttribute(ctx, parent, &o).HasError() || o.IsUnknown() {
			return true
		}
	}
	return false
}

// Value is the secret as configured, in whichever form: the write-only value (which exists only in
// the configuration), else the plain one; false when neither is set.
func Value(writeOnly, plain types.String) (string, bool) {
	if !writeOnly.IsNull() && !writeOnly.IsUnknown() {
		return writeOnly.ValueString(), true
	}
	if !plain.IsNull() && !plain.IsUnknown() {
		return plain.ValueString(), true
	}
	return "", false
}
