// Package validate holds plan-time validators shared by every family.
package validate

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// WebURL accepts absolute https:// URLs, and http:// ones for loopback hosts only.
func WebURL() validator.String { return webURL{} }

type webURL struct{}

func (webURL) Description(context.Context) string {
	return "must be an absolute https:// URL (http:// only for loopback hosts)"
}

func (v webURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v webURL) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	u, err := url.Parse(raw)
	ok := err == nil && u.Host != "" && (u.Scheme == "https" || (u.Scheme == "http" && httpclient.IsLoopbackHost(u.Hostname())))
	if !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
			fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), raw))
	}
}

// ISODurationBetween accepts ISO 8601 time durations (PT#H#M#S) from minSeconds to maxSeconds.
func ISODurationBetween(minSeconds, maxSeconds int) validator.String {
	return isoDuration{min: time.Duration(minSeconds) * time.Second, max: time.Duration(maxSeconds) * time.Second}
}

type isoDuration struct{ min, max time.Duration }

func (v isoDuration) Description(context.Context) string {
	return fmt.Sprintf("must be an ISO 8601 duration such as PT5M, from %s to %s", FormatISODuration(v.min), FormatISODuration(v.max))
}

func (v isoDuration) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v isoDuration) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := ParseISODuration(req.ConfigValue.ValueString())
	if err != nil || d < v.min || d > v.max {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s %s, got %q.", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

var isoDurationPattern = regexp.MustCompile(`^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$`)

// ParseISODuration reads the time part of an ISO 8601 duration (PT#H#M#S).
func ParseISODuration(s string) (time.Duration, error) {
	m := isoDurationPattern.FindStringSubmatch(s)
	if m == nil || s == "PT" {
		return 0, fmt.Errorf("%q is not an ISO 8601 duration of the form PT#H#M#S", s)
	}
	tooLong := fmt.Errorf("%q is longer than a Go duration can hold", s)
	var d time.Duration
	for i, unit := range []time.Duration{time.Hour, time.Minute} {
		if m[i+1] != "" {
			n, err := strconv.ParseInt(m[i+1], 10, 64)
			if err != nil || n > int64(math.MaxInt64/unit) {
				return 0, tooLong
			}
			if d += time.Duration(n) * unit; d < 0 {
				return 0, tooLong
			}
		}
	}
	if m[3] != "" {
		f, err := strconv.ParseFloat(m[3], 64)
		if err != nil || f*float64(time.Second) >= math.MaxInt64-float64(d) {
			return 0, tooLong
		}
		// Rounded, not truncated: 1.000000007 seconds is 1000000006.9999999 ns in floating point.
		d += time.Duration(math.Round(f * float64(time.Second)))
	}
	return d, nil
}

// FormatISODuration writes d as PT#H#M#S, leaving out zero parts.
func FormatISODuration(d time.Duration) string {
	out := "PT"
	if h := d / time.Hour; h > 0 {
		out += strconv.Itoa(int(h)) + "H"
		d %= time.Hour
	}
	if m := d / time.Minute; m > 0 {
		out += strconv.Itoa(int(m)) + "M"
		d %= time.Minute
	}
	if d > 0 || out == "PT" {
		out += strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "S"
	}
	return out
}
