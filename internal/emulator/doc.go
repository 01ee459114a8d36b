// Package emulator is a loopback stand-in for the services the provider
// manages (AWS AppFabric, QuickSight, STS, Authress, APIG and its IAM), used by
// acceptance tests, the demo and cmd/appauth-emulator.
//
// # Core
//
// server.go (Server, Options, Env, State, Reset), family.go (Family,
// Register, Router, Body), faults.go (FaultConfig), stats.go (Stats),
// requestlog.go (LoggedRequest), admin.go (/_emulator routes), store.go
// (Store), ids.go (seeded UUID/id generation), paginate.go (cursor and
// offset pagination), jsonutil.go (strict DecodeJSON, WriteJSON), sigv4.go
// (VerifySigV4), credentials.go (Credentials, DefaultCredentials,
// ParseAuthressKey).
//
// # Adding a family
//
// A family is its own file set internal/emulator/<family>*.go with no edit to
// the core. It registers itself from init:
//
//	func init() { Register("quicksight", newQuickSightFamily) }
//
//	func newQuickSightFamily(s *Server) Family { return &quickSight{s: s, ...} }
//
//	func (q *quickSight) Routes(r *Router) {
//		r.Handle("POST /accounts/{AwsAccountId}/action-connectors", "CreateActionConnector", q.create)
//		r.Admin("PUT /_emulator/quicksight/...", q.seed)
//	}
//	func (q *quickSight) State() any { return map[string]any{"actionConnectors": q.connectors.Snapshot()} }
//	func (q *quickSight) Reset()     { q.connectors.Reset() }
//
// Optional interfaces: FaultWriter (the service's own body for injected
// 429/500/503), EnvContributor (extra environment lines), SensitiveFielder
// (extra credential field names to blank in the request log).
//
// Each wire route is wrapped by the server: the body is read once (Body(r)),
// faults are applied, the response is buffered and counted in Stats under
// "<family>.<op>", and the request is logged with credential fields blanked.
// Handlers verify auth themselves (s.VerifySigV4 for AWS families).
package emulator
