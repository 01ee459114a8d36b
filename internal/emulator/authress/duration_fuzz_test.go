package authress

import (
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/validate"
)

// FuzzLeewayDurationAgreement: every authentication_leeway_duration the provider's plan-time check
// accepts (PT1M to PT1H) is accepted by the emulated Authress, with the same value, so a valid plan
// cannot fail at apply.
func FuzzLeewayDurationAgreement(f *testing.F) {
	for _, s := range []string{"PT5M", "PT1M", "PT1H", "PT59M60S", "PT0H1M", "PT60.5S", "PT3600S", "PT1M0.000000001S", "P0DT5M", "PT61M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := validate.ParseISODuration(s)
		if err != nil || d < time.Minute || d > time.Hour {
			return
		}
		got, ok := authressParseDuration(s)
		if !ok || got != d {
			t.Fatalf("the provider accepts %q as %v; the emulator parses it as %v (ok=%v)", s, d, got, ok)
		}
	})
}
