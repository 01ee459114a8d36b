package validate

import (
	"math"
	"math/big"
	"testing"
)

// FuzzParseISODurationExact: an accepted duration is exactly the sum of its parts (up to the float
// rounding of fractional seconds); a duration too long for time.Duration must be an error, not a
// wrapped-around value that a range check could then accept.
func FuzzParseISODurationExact(f *testing.F) {
	for _, s := range []string{"PT5M", "PT1H2M3S", "PT1.5S", "PT0.000000001S", "PT2562047H", "PT9223372036S", "PT1H60M", "PT", "P1D"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISODuration(s)
		if err != nil {
			return
		}
		m := isoDurationPattern.FindStringSubmatch(s)
		exact := new(big.Rat)
		for i, unit := range []int64{3600e9, 60e9, 1e9} {
			if m[i+1] == "" {
				continue
			}
			part, ok := new(big.Rat).SetString(m[i+1])
			if !ok {
				t.Fatalf("%q: part %q is not a number", s, m[i+1])
			}
			exact.Add(exact, part.Mul(part, big.NewRat(unit, 1)))
		}
		want, _ := exact.Float64()
		if d < 0 || math.Abs(float64(d)-want) > 1+want*1e-12 {
			t.Fatalf("ParseISODuration(%q) = %v (%d ns), want %.0f ns", s, d, d, want)
		}
	})
}
