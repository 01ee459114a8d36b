package providerblock

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

func TestSettingFallsBackToEnvironment(t *testing.T) {
	t.Setenv("APPAUTH_TEST_SETTING", "from-env")
	t.Setenv("APPAUTH_TEST_FALLBACK", "fallback")
	var unknown conns.Unknown
	if v, src := SettingFrom(types.StringNull(), "key", "test", &unknown, "APPAUTH_TEST_SETTING"); v != "from-env" || src != "APPAUTH_TEST_SETTING" {
		t.Errorf("unset attribute = %q from %q, want the variable's value", v, src)
	}
	if v := Setting(types.StringNull(), "key", &unknown, "APPAUTH_TEST_UNSET", "APPAUTH_TEST_FALLBACK"); v != "fallback" {
		t.Errorf("unset attribute = %q, want the first variable that is set", v)
	}
	if v, src := SettingFrom(types.StringValue("from-block"), "key", "test", &unknown, "APPAUTH_TEST_SETTING"); v != "from-block" || src != "key in the test block" {
		t.Errorf("set attribute = %q from %q, want the block to win over the environment", v, src)
	}
	if len(unknown) != 0 {
		t.Fatalf("unknown = %v after known values", unknown)
	}
	if v := Setting(types.StringUnknown(), "key", &unknown, "APPAUTH_TEST_SETTING"); v != "" || len(unknown) != 1 || unknown[0] != "key" {
		t.Errorf("an unknown value must be recorded, not replaced by the environment: %q, %v", v, unknown)
	}
}

func TestTuning(t *testing.T) {
	t.Parallel()
	var unknown conns.Unknown
	got := HTTPModel{
		MaxRetries:           types.Int64Value(0),
		RetryWaitMin:         types.StringValue("100ms"),
		RetryWaitMax:         types.StringNull(),
		MaxRequestsPerSecond: types.Float64Value(2.5),
		RequestBurst:         types.Int64Unknown(),
	}.Tuning(&unknown)
	if got.MaxRetries == nil || *got.MaxRetries != 0 {
		t.Errorf("max_retries = 0 must mean no retry, got %v", got.MaxRetries)
	}
	if got.RetryWaitMin != 100*time.Millisecond || got.RetryWaitMax != 0 || got.Rate.PerSecond != 2.5 || got.Rate.Burst != 0 {
		t.Errorf("tuning = %+v", got)
	}
	if len(unknown) != 1 || unknown[0] != "request_burst" {
		t.Errorf("unknown = %v, want request_burst", unknown)
	}
	if def := (HTTPModel{}).Tuning(&unknown); def.MaxRetries != nil || def.RetryWaitMin != 0 || def.Rate != (httpclient.Rate{}) {
		t.Errorf("an empty block must leave every default: %+v", def)
	}
}

type testModel struct {
	HTTPModel
	Endpoint types.String `tfsdk:"endpoint"`
}

type testSettings struct {
	Endpoint string
	HTTP     httpclient.Tuning
	Unknown  conns.Unknown
}

// Configure reads the block, present or absent, into the settings the family gets back from Meta.
func TestConfigureKeepsTheSettings(t *testing.T) {
	t.Setenv("APPAUTH_TEST_ENDPOINT", "https://env.example.com")
	b := &Block[testModel, testSettings]{
		Name:       "test",
		Attributes: map[string]schema.Attribute{"endpoint": URLAttribute("Endpoint.")},
		Read: func(m *testModel, _ *diag.Diagnostics) testSettings {
			var s testSettings
			s.Endpoint = Setting(m.Endpoint, "endpoint", &s.Unknown, "APPAUTH_TEST_ENDPOINT")
			s.HTTP = m.Tuning(&s.Unknown)
			return s
		},
	}
	name, block := b.Schema()
	providerSchema := schema.Schema{Blocks: map[string]schema.Block{name: block}}
	ctx := context.Background()
	blockType := block.Type().TerraformType(ctx).(tftypes.Object)
	config := func(blockValue tftypes.Value) tfsdk.Config {
		return tfsdk.Config{Schema: providerSchema, Raw: tftypes.NewValue(providerSchema.Type().TerraformType(ctx), map[string]tftypes.Value{"test": blockValue})}
	}
	attrs := func(endpoint, retries tftypes.Value) tftypes.Value {
		values := map[string]tftypes.Value{}
		for name, typ := range blockType.AttributeTypes {
			values[name] = tftypes.NewValue(typ, nil)
		}
		values["endpoint"], values["max_retries"] = endpoint, retries
		return tftypes.NewValue(blockType, values)
	}
	testCases := map[string]struct {
		block tftypes.Value
		want  testSettings
	}{
		"absent block": {tftypes.NewValue(blockType, nil), testSettings{Endpoint: "https://env.example.com"}},
		"values in the block": {
			attrs(tftypes.NewValue(tftypes.String, "https://block.example.com"), tftypes.NewValue(tftypes.Number, 3)),
			testSettings{Endpoint: "https://block.example.com", HTTP: httpclient.Tuning{MaxRetries: httpclient.Retries(3)}},
		},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			meta := &conns.Meta{}
			var diags diag.Diagnostics
			b.Configure(ctx, config(tc.block), meta, &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			got := b.Settings(meta)
			if got.Endpoint != tc.want.Endpoint || (got.HTTP.MaxRetries == nil) != (tc.want.HTTP.MaxRetries == nil) ||
				(got.HTTP.MaxRetries != nil && *got.HTTP.MaxRetries != *tc.want.HTTP.MaxRetries) {
				t.Errorf("settings = %+v, want %+v", got, tc.want)
			}
		})
	}
	if got := b.Settings(&conns.Meta{}); got.Endpoint != "" {
		t.Errorf("settings of an unconfigured Meta = %+v, want the zero value", got)
	}
}
