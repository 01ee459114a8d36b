package emulator

import (
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/emutest"
)

// startServer starts an emulator on a free loopback port, closed at test end.
func startServer(t *testing.T, opts Options) *core.Server {
	t.Helper()
	return emutest.Start(t, New(opts))
}
