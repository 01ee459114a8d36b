package httpclient

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseRetryAfter: any header value gives a wait between 0 and maxRetryAfter; delay-seconds give
// that many seconds (capped); an HTTP-date gives the time until it (clamped); and the wait written back
// as delay-seconds or as the HTTP-date it ends at parses to itself.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "5", " 120 ", "86400", "86401", "99999999999999999999", "-1", "1.5", "",
		"Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT", "Wed Oct 21 07:28:00 2015", "soon"} {
		f.Add(s, int64(1445412480))
	}
	f.Fuzz(func(t *testing.T, v string, nowUnix int64) {
		// Keep now where HTTP-dates can name it: 1970 to 9999.
		const span = 253402300800
		now := time.Unix((nowUnix%span+span)%span, 0).UTC()
		d := ParseRetryAfter(v, now)
		if d < 0 || d > maxRetryAfter {
			t.Fatalf("ParseRetryAfter(%q) = %v, outside [0, %v]", v, d, maxRetryAfter)
		}
		trimmed := strings.TrimSpace(v)
		if trimmed != "" && strings.Trim(trimmed, "0123456789") == "" {
			want := maxRetryAfter
			if n, err := strconv.ParseInt(trimmed, 10, 64); err == nil && n <= int64(maxRetryAfter/time.Second) {
				want = time.Duration(n) * time.Second
			}
			if d != want {
				t.Fatalf("ParseRetryAfter(%q) = %v, want %v", v, d, want)
			}
		} else if at, err := http.ParseTime(trimmed); err == nil {
			if want := min(max(at.Sub(now), 0), maxRetryAfter); d != want {
				t.Fatalf("ParseRetryAfter(%q) at %v = %v, want %v", v, now, d, want)
			}
		} else if d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v for a value that is neither delay-seconds nor an HTTP-date", v, d)
		}
		if back := ParseRetryAfter(strconv.FormatInt(int64(d/time.Second), 10), now); d%time.Second == 0 && back != d {
			t.Fatalf("%v written as delay-seconds parses to %v", d, back)
		}
		if end := now.Add(d); end.Year() <= 9999 {
			if back := ParseRetryAfter(end.Format(http.TimeFormat), now); back != d {
				t.Fatalf("%v written as the HTTP-date %q parses to %v", d, end.Format(http.TimeFormat), back)
			}
		}
	})
}
