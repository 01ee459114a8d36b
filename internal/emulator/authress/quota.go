package authress

import (
	"net/http"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// PublishedQuotas are the Authress knowledge base's figures ("Billing,
// caching, and rate limiting"), per account. Its revisions disagree: they
// rate administrative actions at 10 calls a second (one of them naming the
// creation of identity connections) or at 1, and the newest puts "the
// creation of applications or authentication identity connections" at 1 call
// a second. So every connection route shares 10 a second, and
// CreateConnection alone is held to the newest 1 a second.
func (f *authressFamily) PublishedQuotas() core.FamilyQuotas {
	return core.FamilyQuotas{
		All: &core.Quota{Rate: 10, Burst: 10,
			Source: "Authress knowledge base, Billing, caching, and rate limiting: administrative routes, 10 calls a second"},
		Operations: map[string]core.Quota{"CreateConnection": {Rate: 1, Burst: 1,
			Source: "Authress knowledge base, Billing, caching, and rate limiting (newest revision): creating identity connections, 1 call a second"}},
	}
}

// WriteThrottle answers 429, the status the knowledge base names, in
// Authress's error shape. It documents neither the errorCode nor a
// Retry-After header, so none is sent and the code matches injected 429s.
func (f *authressFamily) WriteThrottle(w http.ResponseWriter, _ *http.Request, _ core.Throttle) {
	f.writeError(w, http.StatusTooManyRequests, "TooManyRequests", "Too Many Requests. The rate limit of this route was exceeded; retry after a pause.")
}
