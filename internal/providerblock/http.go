package providerblock

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// HTTPModel holds the retry and request-rate settings every block has; each block's model embeds it.
type HTTPModel struct {
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	RetryWaitMin         types.String  `tfsdk:"retry_wait_min"`
	RetryWaitMax         types.String  `tfsdk:"retry_wait_max"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
	RequestBurst         types.Int64   `tfsdk:"request_burst"`
}

// Tuning reads the retry and request-rate settings; the validators have checked them.
func (m HTTPModel) Tuning(unknown *conns.Unknown) httpclient.Tuning {
	var t httpclient.Tuning
	if m.MaxRetries.IsUnknown() {
		*unknown = append(*unknown, "max_retries")
	} else if !m.MaxRetries.IsNull() {
		t.MaxRetries = httpclient.Retries(int(m.MaxRetries.ValueInt64()))
	}
	t.RetryWaitMin = duration(m.RetryWaitMin, "retry_wait_min", unknown)
	t.RetryWaitMax = duration(m.RetryWaitMax, "retry_wait_max", unknown)
	if m.MaxRequestsPerSecond.IsUnknown() {
		*unknown = append(*unknown, "max_requests_per_second")
	} else if !m.MaxRequestsPerSecond.IsNull() {
		t.Rate.PerSecond = m.MaxRequestsPerSecond.ValueFloat64()
	}
	if m.RequestBurst.IsUnknown() {
		*unknown = append(*unknown, "request_burst")
	} else if !m.RequestBurst.IsNull() {
		t.Rate.Burst = int(m.RequestBurst.ValueInt64())
	}
	return t
}

// duration reads a duration setting; the validators have checked it.
func duration(v types.String, attr string, unknown *conns.Unknown) time.Duration {
	d, _ := time.ParseDuration(Setting(v, attr, unknown))
	return d
}

// withHTTPAttributes adds the retry and request-rate settings, the same in every block, to attrs.
// rateDefaults says where the block's default rate comes from.
func withHTTPAttributes(rateDefaults string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs)+5)
	maps.Copy(out, attrs)
	out["max_retries"] = schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("How many times one API call is retried after throttling (429), a server error (500, 502, 503, 504) "+
			"or a broken connection, 0 to %d; `0` means no retry at all. Default %d. A server that cannot be connected to is "+
			"retried for about two seconds only, whatever this says.", maxRetriesLimit, httpclient.DefaultMaxRetries),
		Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
	}
	out["retry_wait_min"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Shortest wait before a retry, as a duration such as `\"250ms\"` or `\"1s\"`. The wait doubles with each retry " +
			"(with jitter) up to `retry_wait_max`. Default `\"" + httpclient.DefaultRetryWaitMin.String() + "\"`.",
		Validators: []validator.String{durationValidator{}},
	}
	out["retry_wait_max"] = schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Longest wait before a retry, as a duration such as `\"20s\"`; it also caps what a `Retry-After` " +
			"answer can ask for. Default `\"" + httpclient.DefaultRetryWaitMax.String() + "\"`.",
		Validators: []validator.String{durationValidator{}},
	}
	out["max_requests_per_second"] = schema.Float64Attribute{
		Optional: true,
		MarkdownDescription: "Most requests a second the provider sends to the API, shared by every resource and by every provider " +
			"configuration (alias) of this process that reaches the same endpoint and account; the lowest value set among them " +
			"applies. When the API throttles (429), the provider halves its rate, and raises it back by a tenth of this value per " +
			"second while it is not throttled; a `Retry-After` holds back every request to the endpoint. At least " +
			fmt.Sprint(minRequestsPerSecond) + ". " + rateDefaults,
		Validators: []validator.Float64{float64validator.AtLeast(minRequestsPerSecond)},
	}
	out["request_burst"] = schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: "Most requests sent at once, after a pause, within `max_requests_per_second`. At least 1. " +
			"Defaults to one second's worth of `max_requests_per_second`, as stated there.",
		Validators: []validator.Int64{int64validator.AtLeast(1)},
	}
	return out
}

const (
	maxRetriesLimit      = 100
	minRequestsPerSecond = 0.01
)

// retryWaitOrder refuses a block whose retry_wait_min exceeds its retry_wait_max.
type retryWaitOrder struct{ block string }

func (v retryWaitOrder) Description(context.Context) string {
	return v.block + ".retry_wait_min must not exceed " + v.block + ".retry_wait_max"
}

func (v retryWaitOrder) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v retryWaitOrder) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	block := path.Root(v.block)
	shortest, okMin := configDuration(ctx, req, block.AtName("retry_wait_min"), httpclient.DefaultRetryWaitMin, resp)
	longest, okMax := configDuration(ctx, req, block.AtName("retry_wait_max"), httpclient.DefaultRetryWaitMax, resp)
	if okMin && okMax && shortest > longest {
		resp.Diagnostics.AddAttributeError(block.AtName("retry_wait_min"), "retry_wait_min is longer than retry_wait_max",
			fmt.Sprintf("In the %s block the shortest wait before a retry, retry_wait_min (%s, default %s), must not exceed the longest, "+
				"retry_wait_max (%s, default %s).", v.block, shortest, httpclient.DefaultRetryWaitMin, longest, httpclient.DefaultRetryWaitMax))
	}
}

// configDuration reads a duration attribute of the configuration, def when unset; false when it is
// unknown or invalid (its own validator reports that).
func configDuration(ctx context.Context, req provider.ValidateConfigRequest, p path.Path, def time.Duration, resp *provider.ValidateConfigResponse) (time.Duration, bool) {
	var v types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, p, &v)...)
	switch {
	case resp.Diagnostics.HasError() || v.IsUnknown():
		return 0, false
	case v.IsNull():
		return def, true
	}
	d, err := time.ParseDuration(v.ValueString())
	return d, err == nil
}

// durationValidator accepts a Go duration ("250ms", "1m30s") from 1ms to 1h.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a duration such as "250ms", "2s" or "1m", from 1ms to 1h`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d < time.Millisecond || d > time.Hour {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", req.Path.String()+" "+v.Description(ctx)+", got "+req.ConfigValue.String())
	}
}
