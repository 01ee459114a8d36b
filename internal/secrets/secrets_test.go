package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	// A root trio, as Authress's client_secret.
	token       = Secret{Path: path.Root("token"), Description: "The token."}
	tokenSecret = Versioned{Version: path.Root("token_wo_version"), Secrets: []Secret{token}}
	// Two nested variants sharing one version, as AppFabric's credential.
	key        = Secret{Path: path.Root("cred").AtName("api").AtName("key"), Description: "The key.", Required: true}
	password   = Secret{Path: path.Root("cred").AtName("basic").AtName("password"), Description: "The password.", Required: true}
	credSecret = Versioned{Version: path.Root("cred_wo_version"), Secrets: []Secret{key, password}}
)

func testSchema() schema.Schema {
	variant := func(s Secret, name string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			name: credSecret.Plain(s), name + "_wo": credSecret.WriteOnly(s),
		}}
	}
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"token":            tokenSecret.Plain(token),
		"token_wo":         tokenSecret.WriteOnly(token),
		"token_wo_version": tokenSecret.VersionAttribute(),
		"cred": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"api": variant(key, "key"), "basic": variant(password, "password"),
		}},
		"cred_wo_version": credSecret.VersionAttribute(),
	}}
}

// config builds a configuration; values maps attribute paths to values, a missing one is null.
func config(t *testing.T, values map[string]tftypes.Value) tfsdk.Config {
	t.Helper()
	s := testSchema()
	typ, ok := s.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	var build func(prefix string, typ tftypes.Object) tftypes.Value
	build = func(prefix string, typ tftypes.Object) tftypes.Value {
		if v, ok := values[prefix]; ok {
			return v
		}
		attrs := map[string]tftypes.Value{}
		set := prefix == ""
		for name, at := range typ.AttributeTypes {
			p := strings.TrimPrefix(prefix+"."+name, ".")
			if ot, ok := at.(tftypes.Object); ok {
				attrs[name] = build(p, ot)
			} else if v, ok := values[p]; ok {
				attrs[name] = v
			} else {
				attrs[name] = tftypes.NewValue(at, nil)
				continue
			}
			set = set || !attrs[name].IsNull()
		}
		if !set {
			return tftypes.NewValue(typ, nil)
		}
		return tftypes.NewValue(typ, attrs)
	}
	return tfsdk.Config{Schema: s, Raw: build("", typ)}
}

func str(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
func num(v int64) tftypes.Value  { return tftypes.NewValue(tftypes.Number, v) }

var unknownString = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)

func TestVersion(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		values  map[string]tftypes.Value
		version string
		wantErr string
	}{
		"root: no version, no secret":    {values: nil, version: "token_wo_version"},
		"root: version with the wo form": {values: map[string]tftypes.Value{"token_wo": str("s"), "token_wo_version": num(1)}, version: "token_wo_version"},
		"root: version with the plain form": {values: map[string]tftypes.Value{"token": str("s"), "token_wo_version": num(1)}, version: "token_wo_version",
			wantErr: "token_wo_version versions the write-only token_wo: set it, or remove token_wo_version."},
		"root: version zero": {values: map[string]tftypes.Value{"token_wo": str("s"), "token_wo_version": num(0)}, version: "token_wo_version",
			wantErr: "value must be at least 1, got: 0"},
		"root: wo unknown at validate": {values: map[string]tftypes.Value{"token_wo": unknownString, "token_wo_version": num(1)}, version: "token_wo_version"},
		"nested: one variant's wo":     {values: map[string]tftypes.Value{"cred.basic.password_wo": str("p"), "cred_wo_version": num(2)}, version: "cred_wo_version"},
		"nested: no credential": {values: map[string]tftypes.Value{"cred_wo_version": num(2)}, version: "cred_wo_version",
			wantErr: "cred_wo_version versions the write-only cred.api.key_wo or cred.basic.password_wo: set one of them, or remove cred_wo_version."},
		"nested: plain variant only": {values: map[string]tftypes.Value{"cred.api.key": str("k"), "cred_wo_version": num(2)}, version: "cred_wo_version",
			wantErr: "without a write-only value"},
		"nested: variant unknown": {values: map[string]tftypes.Value{
			"cred.api":        tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"key": tftypes.String, "key_wo": tftypes.String}}, tftypes.UnknownValue),
			"cred_wo_version": num(2),
		}, version: "cred_wo_version"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := config(t, tc.values)
			p := path.Root(tc.version)
			var value types.Int64
			if d := cfg.GetAttribute(context.Background(), p, &value); d.HasError() {
				t.Fatal(d)
			}
			attr, ok := testSchema().Attributes[tc.version].(schema.Int64Attribute)
			if !ok {
				t.Fatal("not an Int64 attribute")
			}
			var diags diag.Diagnostics
			for _, v := range attr.Validators {
				resp := &validator.Int64Response{}
				v.ValidateInt64(context.Background(), validator.Int64Request{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: value}, resp)
				diags.Append(resp.Diagnostics...)
			}
			got := ""
			for _, d := range diags.Errors() {
				got += d.Summary() + ": " + d.Detail()
			}
			if (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
				t.Fatalf("errors %q, want %q", got, tc.wantErr)
			}
		})
	}
}

func TestPlainAndWriteOnly(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		attr      schema.StringAttribute
		wantDoc   string
		writeOnly bool
	}{
		"optional plain": {tokenSecret.Plain(token), "The token. Stored in state (sensitive); prefer `token_wo`, which never reaches plan or state. Set at most one of `token` and `token_wo`.", false},
		"required plain": {credSecret.Plain(key), "Set exactly one of `key` and `key_wo`.", false},
		"write-only": {credSecret.WriteOnly(key), "Write-only form of `key` (Terraform 1.11+): sent to the service, never stored in plan or state. " +
			"Requires `cred_wo_version`; change that number to send a new value.", true},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !tc.attr.Sensitive || !tc.attr.Optional || tc.attr.WriteOnly != tc.writeOnly {
				t.Errorf("sensitive %t, optional %t, write-only %t", tc.attr.Sensitive, tc.attr.Optional, tc.attr.WriteOnly)
			}
			if !strings.Contains(tc.attr.MarkdownDescription, tc.wantDoc) {
				t.Errorf("description %q, want it to hold %q", tc.attr.MarkdownDescription, tc.wantDoc)
			}
		})
	}
}

// The plain form warns, where Terraform supports write-only attributes, that the write-only one is
// preferred; the two forms conflict.
func TestPlainWarnsAndConflicts(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		values       map[string]tftypes.Value
		wantWarnings int
		wantErr      string
	}{
		"plain only":     {values: map[string]tftypes.Value{"token": str("s")}, wantWarnings: 1},
		"write-only":     {values: map[string]tftypes.Value{"token_wo": str("s"), "token_wo_version": num(1)}},
		"both forms set": {values: map[string]tftypes.Value{"token": str("s"), "token_wo": str("s"), "token_wo_version": num(1)}, wantWarnings: 1, wantErr: "cannot be specified when"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := config(t, tc.values)
			var value types.String
			if d := cfg.GetAttribute(context.Background(), token.Path, &value); d.HasError() {
				t.Fatal(d)
			}
			var diags diag.Diagnostics
			for _, v := range tokenSecret.Plain(token).Validators {
				resp := &validator.StringResponse{}
				v.ValidateString(context.Background(), validator.StringRequest{
					Path: token.Path, PathExpression: token.Path.Expression(), Config: cfg, ConfigValue: value,
					ClientCapabilities: validator.ValidateSchemaClientCapabilities{WriteOnlyAttributesAllowed: true},
				}, resp)
				diags.Append(resp.Diagnostics...)
			}
			if got := diags.WarningsCount(); got != tc.wantWarnings {
				t.Errorf("%d warnings, want %d: %v", got, tc.wantWarnings, diags)
			}
			got := ""
			for _, d := range diags.Errors() {
				got += d.Detail()
			}
			if (tc.wantErr == "") != (got == "") || !strings.Contains(got, tc.wantErr) {
				t.Fatalf("errors %q, want %q", got, tc.wantErr)
			}
		})
	}
}

func TestValue(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		writeOnly, plain types.String
		want             string
		wantOK           bool
	}{
		"write-only wins": {types.StringValue("wo"), types.StringNull(), "wo", true},
		"plain":           {types.StringNull(), types.StringValue("p"), "p", true},
		"neither":         {types.StringNull(), types.StringNull(), "", false},
		"unknown plain":   {types.StringNull(), types.StringUnknown(), "", false},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got, ok := Value(tc.writeOnly, tc.plain); got != tc.want || ok != tc.wantOK {
				t.Fatalf("Value = %q, %t; want %q, %t", got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
