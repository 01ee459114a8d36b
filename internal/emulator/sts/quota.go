package sts

import (
	"net/http"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// PublishedQuotas: the IAM User Guide's "IAM and AWS STS quotas" gives no
// request rate for GetCallerIdentity, so a conservative bucket per account
// and Region stands in.
func (f *stsFamily) PublishedQuotas() core.FamilyQuotas {
	return core.FamilyQuotas{All: &core.Quota{Rate: 10, Burst: 10,
		Source: "conservative default: AWS publishes no request-rate quota for STS GetCallerIdentity (IAM User Guide, IAM and AWS STS quotas)"}}
}

// WriteThrottle answers as STS does when it throttles: the query protocol's
// error Sender/Throttling "Rate exceeded" with status 400, not 429 (AWS
// knowledge center, "API throttling or Rate exceeded errors for IAM and AWS
// STS"), and no Retry-After.
func (f *stsFamily) WriteThrottle(w http.ResponseWriter, _ *http.Request, _ core.Throttle) {
	f.writeError(w, http.StatusBadRequest, "Sender", "Throttling", "Rate exceeded")
}
