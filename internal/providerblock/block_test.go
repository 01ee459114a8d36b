package providerblock

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

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
