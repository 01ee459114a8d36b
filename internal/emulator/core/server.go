package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Config configures a Server.
type Config struct {
	// Seed makes generated ids, keys, credentials and fault decisions reproducible.
	Seed int64
	// Faults is the initial fault configuration (no faults when zero).
	Faults FaultConfig
	// Credentials are the only credentials the emulator accepts. The zero value
	// means DefaultCredentials(Seed).
	Credentials Credentials
	// AWSAccounts is how many AWS accounts the emulator accepts from the start (at least 1: the one
	// of Credentials); more are derived from Seed. EnsureAWSAccounts adds others later.
	AWSAccounts int
}

// Server is the emulator: one HTTP handler speaking every registered family's
// wire protocol plus the /_emulator admin routes.
type Server struct {
	creds Credentials
	aws   *awsAccounts

	mux      *http.ServeMux
	families []*familyEntry
	byName   map[string]*familyEntry
	// routes maps each wire route's pattern to its family.
	routes map[string]*familyEntry

	ids    *idSource
	faults *faultInjector
	quotas *limiter
	stats  *statsRecorder
	log    *requestLog

	mu      sync.Mutex
	url     string
	httpSrv *http.Server
	done    chan struct{}
}

// NewServer builds a Server with the admin routes and no family; add them
// with Register. It does not listen; use Start, or mount Handler on a server
// of your own.
func NewServer(cfg Config) *Server {
	creds := cfg.Credentials
	if creds == (Credentials{}) {
		creds = DefaultCredentials(cfg.Seed)
	}
	s := &Server{
		creds:  creds,
		aws:    newAWSAccounts(cfg.Seed, creds, cfg.AWSAccounts),
		mux:    http.NewServeMux(),
		byName: map[string]*familyEntry{},
		routes: map[string]*familyEntry{},
		ids:    newIDSource(cfg.Seed),
		quotas: newLimiter(),
		stats:  newStatsRecorder(),
		log:    newRequestLog(requestLogSize, requestLogBytes),
	}
	s.faults = newFaultInjector(cfg.Seed, cfg.Faults)
	s.registerAdminRoutes()
	s.mux.HandleFunc("/", s.unmatched)
	return s
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// Start listens on addr ("127.0.0.1:0" picks a free port) and serves in the
// background until Close.
func (s *Server) Start(addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpSrv != nil {
		return errors.New("emulator: already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator: listen %s: %w", addr, err)
	}
	s.url = "http://" + ln.Addr().String()
	s.httpSrv = &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	s.done = make(chan struct{})
	go func(srv *http.Server, done chan struct{}) {
		defer close(done)
		_ = srv.Serve(ln)
	}(s.httpSrv, s.done)
	return nil
}

// URL is "http://127.0.0.1:PORT" once started, else "".
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Close stops serving immediately and closes open connections.
func (s *Server) Close() error {
	s.mu.Lock()
	srv, done := s.httpSrv, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	<-done
	return err
}

// Shutdown stops accepting connections and waits for in-flight requests.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	srv, done := s.httpSrv, s.done
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	<-done
	return nil
}

// Credentials returns the credentials the emulator accepts.
func (s *Server) Credentials() Credentials { return s.creds }

// Env returns "NAME=value" for every variable the provider needs to reach
// this emulator (URLs are empty before Start), followed by any lines the
// families contribute through EnvContributor.
func (s *Server) Env() []string {
	u := s.URL()
	c := s.creds
	env := []string{
		"AWS_ACCESS_KEY_ID=" + c.AWSAccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + c.AWSSecretAccessKey,
		"AWS_REGION=" + c.AWSRegion,
		"AWS_ENDPOINT_URL_APPFABRIC=" + u,
		"AWS_ENDPOINT_URL_QUICKSIGHT=" + u,
		"AWS_ENDPOINT_URL_STS=" + u,
		"AWS_EC2_METADATA_DISABLED=true",
		"APPAUTH_AWS_ACCOUNT_ID=" + c.AWSAccountID,
		"AUTHRESS_API_URL=" + u,
		"AUTHRESS_KEY=" + c.AuthressAccessKey,
		"OS_APIG_ENDPOINT=" + u,
		"OS_PROJECT_ID=" + c.APIGProjectID,
		"OS_AUTH_URL=" + u + "/v3",
		"OS_USERNAME=" + c.APIGUser,
		"OS_PASSWORD=" + c.APIGPassword,
		"OS_DOMAIN_NAME=" + c.APIGDomain,
		"OS_PROJECT_NAME=" + c.APIGProject,
		"OS_ACCESS_KEY=" + c.APIGAccessKey,
		"OS_SECRET_KEY=" + c.APIGSecretKey,
	}
	for _, fe := range s.families {
		if ec, ok := fe.fam.(EnvContributor); ok {
			env = append(env, ec.Env()...)
		}
	}
	return env
}

// State returns every object held, keyed by family name, decoded from the same
// JSON that GET /_emulator/state serves (maps, slices, float64, strings).
func (s *Server) State() map[string]any {
	raw, err := json.Marshal(s.rawState())
	if err != nil {
		panic(fmt.Sprintf("emulator: state is not JSON-encodable: %v", err))
	}
	out := map[string]any{}
	if err := json.Unmarshal(raw, &out); err != nil {
		panic(fmt.Sprintf("emulator: state round trip: %v", err))
	}
	return out
}

func (s *Server) rawState() map[string]any {
	out := make(map[string]any, len(s.families))
	for _, fe := range s.families {
		out[fe.name] = fe.fam.State()
	}
	return out
}

// Reset drops every object in every family, clears stats and the request log,
// reseeds id generation and fault decisions and refills every quota bucket,
// so that a reset server behaves like a new one. The fault and quota
// configurations themselves are kept.
func (s *Server) Reset() {
	for _, fe := range s.families {
		fe.fam.Reset()
	}
	s.ids.reseed()
	s.faults.restart()
	s.quotas.restart()
	s.stats.reset()
	s.log.reset()
}

// SetFaults replaces the fault configuration and restarts the seeded fault
// sequence. Unknown kinds are ignored; use FaultConfig.Validate to reject them.
func (s *Server) SetFaults(cfg FaultConfig) { s.faults.set(cfg) }

// Faults returns the current fault configuration.
func (s *Server) Faults() FaultConfig { return s.faults.config() }

// Stats returns a snapshot of request counts.
func (s *Server) Stats() Stats { return s.stats.snapshot() }

// Requests returns the logged requests, oldest first.
func (s *Server) Requests() []LoggedRequest { return s.log.snapshot() }

// unmatched answers requests no family route matches. They are counted and
// logged (route "unmatched", no family) so tests notice a client calling a
// wrong path. A family that recognises the request as its own
// (UnmatchedWriter) answers in its protocol, with Body(r) as on its routes;
// others get a plain 404.
func (s *Server) unmatched(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	r = r.WithContext(context.WithValue(r.Context(), bodyKey, body))
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := newRecorder()
	answered := false
	for _, fe := range s.families {
		if uw, ok := fe.fam.(UnmatchedWriter); ok && uw.WriteUnmatched(rec, r) {
			answered = true
			break
		}
	}
	if !answered {
		WriteJSON(rec, http.StatusNotFound, map[string]string{
			"message": fmt.Sprintf("no emulated route for %s %s", r.Method, r.URL.EscapedPath()),
		})
	}
	s.stats.record("", "unmatched", "", fmt.Sprint(rec.status()), "")
	s.log.add(s.log.newEntry(nil, "unmatched", r, body), rec.status(), "")
	rec.flushTo(w)
}
