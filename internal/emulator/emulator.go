// Package emulator is a loopback stand-in for the services the provider
// manages (AWS AppFabric, QuickSight, STS, Authress, APIG and its IAM), used by
// acceptance tests, the demo and cmd/appauth-emulator.
//
// It only assembles: New builds a core.Server and registers every service on
// it. The server itself (routing, faults, stats, the request log, the
// /_emulator admin routes, SigV4 verification) is package core; each service
// is its own package beside it, reached directly by tests that need its
// fixtures or knobs.
//
// Request-rate quotas are off unless turned on (Server.SetQuotas, PUT
// /_emulator/quotas, appauth-emulator -quotas); README.md lists each
// service's figures and where they come from.
package emulator

import (
	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/authress"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/iam"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/quicksight"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/sts"
)

// Options configures the emulator.
type Options struct {
	// Seed makes generated ids, keys, credentials and fault decisions reproducible.
	Seed int64
	// Faults is the initial fault configuration (no faults when zero).
	Faults core.FaultConfig
	// APIGFixtures asks the APIG family to preload its fixture instance, groups and APIs.
	APIGFixtures bool
	// QuickSightPolls is how many describes a QuickSight create/update stays
	// *_IN_PROGRESS. Zero means the default of 2.
	QuickSightPolls int
	// Credentials are the only credentials the emulator accepts. The zero value
	// means core.DefaultCredentials(Seed).
	Credentials core.Credentials
	// AWSAccounts is how many AWS accounts AppFabric and STS accept from the start (0 or 1: the
	// default one only); see core.Server.EnsureAWSAccounts.
	AWSAccounts int
}

// New builds a server with every emulated service. It does not listen; use
// Start, or mount Handler on a server of your own.
func New(opts Options) *core.Server {
	s := core.NewServer(core.Config{Seed: opts.Seed, Faults: opts.Faults, Credentials: opts.Credentials, AWSAccounts: opts.AWSAccounts})
	tokens := iam.New(s)
	s.Register(apig.Name, apig.New(s, opts.APIGFixtures, tokens))
	s.Register(appfabric.Name, appfabric.New(s))
	s.Register(authress.Name, authress.New(s))
	s.Register(iam.Name, tokens)
	s.Register(quicksight.Name, quicksight.New(s, opts.QuickSightPolls))
	s.Register(sts.Name, sts.New(s))
	return s
}
