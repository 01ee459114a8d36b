package quicksight

import (
	"net/http"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// PublishedQuotas: AWS publishes no request-rate quota for the action-connector
// operations (the General Reference page "Amazon QuickSight endpoints and
// quotas" has none for them; the only API rate QuickSight documents, 10
// requests a second, is StartDashboardSnapshotJob's), so every operation
// shares one conservative bucket per account and Region.
func (q *quickSightFamily) PublishedQuotas() core.FamilyQuotas {
	return core.FamilyQuotas{All: &core.Quota{Rate: 10, Burst: 10,
		Source: "conservative default: AWS publishes no request-rate quota for QuickSight action connectors (General Reference, Amazon QuickSight endpoints and quotas)"}}
}

// WriteThrottle answers with QuickSight's ThrottlingException as the botocore
// model declares it: 429 with Message and RequestId, and no Retry-After.
func (q *quickSightFamily) WriteThrottle(w http.ResponseWriter, _ *http.Request, _ core.Throttle) {
	q.writeError(w, &qsError{http.StatusTooManyRequests, "ThrottlingException", "Rate exceeded", ""})
}
