package core

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// A wire request's body may be up to 8 MiB; the log keeps 64 KiB of it, after
// blanking credentials, and says how much there was.
func TestRequestLogTruncatesLargeBodies(t *testing.T) {
	t.Parallel()
	s := startServer(t, Config{Seed: 1})
	name := strings.Repeat("n", 200<<10)
	body := fmt.Sprintf(`{"id":"big","name":%q,"secret":"tail-secret-value"}`, name)
	emutest.MustDo(t, "POST", s.URL()+"/testfam/things", body, http.StatusCreated)
	logged := s.Requests()
	if len(logged) != 1 {
		t.Fatalf("%d entries logged", len(logged))
	}
	got := logged[0].Body
	redacted := redactBody("application/json", []byte(body), nil)
	if want := redacted[:loggedBodyMax] + fmt.Sprintf("…[truncated: %d of %d bytes kept]", loggedBodyMax, len(redacted)); got != want {
		t.Errorf("logged body is %d bytes ending %q, want the first %d bytes of the redacted body and the marker", len(got), got[max(len(got)-60, 0):], loggedBodyMax)
	}
	if strings.Contains(got, "tail-secret-value") {
		t.Error("the secret past the cut reached the log")
	}
}

func TestRequestLogIsBoundedInBytes(t *testing.T) {
	t.Parallel()
	l := newRequestLog(100, 1000)
	for i := range 10 {
		l.add(LoggedRequest{Route: fmt.Sprint(i), Path: "/p", Body: strings.Repeat("b", 298)}, 200, "")
	}
	var routes []string
	for _, e := range l.snapshot() {
		routes = append(routes, e.Route)
	}
	if strings.Join(routes, ",") != "7,8,9" {
		t.Errorf("log = %v, want the last three (3 x 300 bytes within 1000)", routes)
	}
	// The newest entry stays even when it alone exceeds the bound.
	l.add(LoggedRequest{Route: "huge", Body: strings.Repeat("b", 5000)}, 200, "")
	if got := l.snapshot(); len(got) != 1 || got[0].Route != "huge" {
		t.Errorf("after a huge entry the log holds %d entries", len(got))
	}
}
