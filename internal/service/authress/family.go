package authress

import (
	"context"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// family builds the shared Authress client; building one makes no request, so it is the plan-time
// check too.
var family = conns.Family[*Client]{
	Name:  "authress",
	Title: "Authress",
	Check: conns.CheckByBuilding(func(m *conns.Meta) conns.Unknown { return providerBlock.Settings(m).Unknown }, build),
	Build: build,
}

func build(_ context.Context, m *conns.Meta) (*Client, error) {
	return newClient(providerBlock.Settings(m), m.UserAgent())
}
