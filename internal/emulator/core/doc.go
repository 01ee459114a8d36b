// Package core is the emulator's server: routing, the request wrapper,
// faults, stats, the request log, the /_emulator admin routes and the helpers
// every emulated service shares.
//
// server.go (Server, Config, Env, State, Reset), family.go (Family,
// Register, Router, Body), faults.go (FaultConfig), stats.go (Stats),
// requestlog.go (LoggedRequest), quota.go (request-rate quotas: QuotaConfig,
// Throttler, Throttled), admin.go (/_emulator routes), store.go
// (Store), ids.go (seeded UUID/id generation), paginate.go (cursor and
// offset pagination), jsonutil.go (strict DecodeJSON, WriteJSON), sigv4.go
// (VerifySigV4), accounts.go (AWSAccounts, EnsureAWSAccounts,
// VerifySigV4Caller: every AWS account the emulator accepts), credentials.go
// (Credentials, DefaultCredentials),
// tokens.go (TokenVerifier, the seam between a token issuer and the family
// that accepts its tokens).
//
// # Adding a family
//
// A family is its own package internal/emulator/<family> that imports core
// and no other family. It exports Name and a constructor, and package
// emulator registers it with one line in New:
//
//	s.Register(quicksight.Name, quicksight.New(s, opts.QuickSightPolls))
//
// The family implements Family:
//
//	func New(s *core.Server, polls int) core.Family { return &quickSightFamily{s: s, ...} }
//
//	func (q *quickSightFamily) Routes(r *core.Router) {
//		r.Handle("POST /accounts/{AwsAccountId}/action-connectors", "CreateActionConnector", q.create)
//		r.Admin("POST /_emulator/quicksight/fail-next", q.armFailureRoute)
//	}
//	func (q *quickSightFamily) State() any { return map[string]any{"actionConnectors": q.connectors.Snapshot()} }
//	func (q *quickSightFamily) Reset()     { q.connectors.Reset() }
//
// Optional interfaces: FaultWriter (the service's own body for injected
// 429/500/503), Throttler (the service's request-rate quotas and its
// throttling answer; the family calls s.Throttled once the caller is
// authenticated), EnvContributor (extra environment lines), SensitiveFielder
// (extra credential field names to blank in the request log), UnmatchedWriter
// (the service's own answer to a request meant for it that no route matches).
//
// Each wire route is wrapped by the server: the body is read once (Body(r)),
// faults are applied, the response is buffered and counted in Stats under
// "<family>.<op>", and the request is logged with credential fields blanked.
// Handlers verify auth themselves (s.VerifySigV4 for AWS families, or
// s.VerifySigV4Caller for one that every account reaches).
package core
