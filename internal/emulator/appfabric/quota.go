package appfabric

import (
	"net/http"
	"strconv"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// PublishedQuotas: AWS publishes no request-rate quota for AppFabric. The
// General Reference page "AWS AppFabric endpoints and quotas" lists resource
// quotas only (1 app bundle, 50 app authorizations, 50 ingestions and 5
// ingestion destinations per ingestion, per account and Region), so every
// operation shares one conservative bucket per account and Region.
func (f *appFabricFamily) PublishedQuotas() core.FamilyQuotas {
	return core.FamilyQuotas{All: &core.Quota{Rate: 5, Burst: 5,
		Source: "conservative default: AWS publishes no request-rate quota for AppFabric (General Reference, AWS AppFabric endpoints and quotas)"}}
}

// WriteThrottle answers the way the botocore model declares AppFabric's
// ThrottlingException: 429, {message, serviceCode} and retryAfterSeconds in
// the Retry-After header. No quotaCode: no Service Quotas code exists for a
// request rate of AppFabric.
func (f *appFabricFamily) WriteThrottle(w http.ResponseWriter, _ *http.Request, t core.Throttle) {
	if secs, ok := t.RetryAfterSeconds(); ok {
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	f.writeError(w, http.StatusTooManyRequests, "ThrottlingException", map[string]any{"message": "Rate exceeded", "serviceCode": "appfabric"})
}
