package apig

import (
	"fmt"
	"math"
	"net/http"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// PublishedQuotas: neither Open Telekom Cloud nor Huawei Cloud publishes the
// flow control of the APIG management API, so every operation shares one
// conservative bucket per project.
func (f *Emulator) PublishedQuotas() core.FamilyQuotas {
	return core.FamilyQuotas{All: &core.Quota{Rate: 10, Burst: 10,
		Source: "conservative default: OTC and Huawei Cloud publish no flow control for the APIG management API"}}
}

// WriteThrottle answers as Huawei Cloud's API front end does (Huawei Cloud
// FAQ "How Do I Handle the Error APIG.0308?"): 429, error_code APIG.0308 and
// a message naming the limit, without Retry-After.
func (f *Emulator) WriteThrottle(w http.ResponseWriter, _ *http.Request, t core.Throttle) {
	f.writeError(w, http.StatusTooManyRequests, "APIG.0308",
		"The throttling threshold has been reached: policy user over ratelimit,"+apigRateLimit(t.Quota.Rate))
}

// apigRateLimit states a rate as the gateway does: "limit:N,time:1 second",
// or per minute below one request a second.
func apigRateLimit(rate float64) string {
	if rate >= 1 {
		return fmt.Sprintf("limit:%d,time:1 second", int(math.Round(rate)))
	}
	return fmt.Sprintf("limit:%d,time:1 minute", int(math.Round(rate*60)))
}
