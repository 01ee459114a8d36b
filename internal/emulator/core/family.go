package core

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Family is one emulated service. Each lives in its own package under
// internal/emulator and is registered on a Server with Register.
//
// Families keep their objects in their own Store values and must be safe for
// concurrent use.
type Family interface {
	// Routes registers the family's wire routes (r.Handle) and its own admin
	// routes (r.Admin).
	Routes(r *Router)
	// State returns a JSON-encodable snapshot of every object the family holds;
	// it appears under the family name in GET /_emulator/state.
	State() any
	// Reset drops every object.
	Reset()
}

// FaultWriter is implemented by a family whose injected 429/500/503 responses
// should carry the service's own error body. Retry-After is already set on 429.
type FaultWriter interface {
	WriteFault(w http.ResponseWriter, r *http.Request, status int)
}

// Refuser is implemented by a family whose answer to a request the server
// refuses before routing (a Host header that is not loopback) should carry
// the service's own 403 error body.
type Refuser interface {
	WriteRefusal(w http.ResponseWriter, r *http.Request, message string)
}

// UnmatchedWriter is implemented by a family that recognises a request no
// route matched as meant for it (one SigV4-signed for its service, say) and
// answers it as the service does an unknown operation. It reports whether it
// answered.
type UnmatchedWriter interface {
	WriteUnmatched(w http.ResponseWriter, r *http.Request) bool
}

// EnvContributor is implemented by a family that needs environment lines
// beyond the ones Server.Env always emits.
type EnvContributor interface {
	Env() []string
}

// SensitiveFielder is implemented by a family whose request bodies carry
// credential fields the generic rule (see isSensitiveKey) does not catch.
// Names are matched case-insensitively, ignoring '_' and '-'.
type SensitiveFielder interface {
	SensitiveFields() []string
}

// Register adds a family to the server and registers its routes. The name is
// the stats, state and route-name prefix; it must be unique and must not be
// "emulator". Families appear in State, Env and Reset in registration order.
func (s *Server) Register(name string, fam Family) {
	if name == "" || name == "emulator" || strings.ContainsAny(name, "/. ") {
		panic(fmt.Sprintf("emulator: invalid family name %q", name))
	}
	if _, dup := s.byName[name]; dup {
		panic(fmt.Sprintf("emulator: family %q registered twice", name))
	}
	fe := &familyEntry{name: name, fam: fam}
	if sf, ok := fam.(SensitiveFielder); ok {
		fe.sensitive = normalizedSet(sf.SensitiveFields())
	}
	s.families = append(s.families, fe)
	s.byName[name] = fe
	fam.Routes(&Router{s: s, fam: fe})
	if th, ok := fam.(Throttler); ok {
		s.quotas.publish(name, th.PublishedQuotas())
	}
}

// Family returns the family registered under name, or nil.
func (s *Server) Family(name string) Family {
	if fe, ok := s.byName[name]; ok {
		return fe.fam
	}
	return nil
}

type familyEntry struct {
	name      string
	fam       Family
	sensitive map[string]bool
}

// Router registers one family's routes on the server's http.ServeMux.
type Router struct {
	s   *Server
	fam *familyEntry
}

// Handle registers a wire route. pattern is a Go 1.22 ServeMux pattern with a
// method ("GET /v1/connections/{connectionId}"); op names the operation
// ("GetConnection") and appears in stats and the request log as
// "<family>.<op>". Path values are unescaped by ServeMux, and an escaped
// slash (%2F) stays inside its segment, so ARNs work as one {name}.
//
// Around h the server: reads and keeps the body (Body(r)), applies faults
// (none on admin routes), buffers the response, counts it in Stats and logs
// the request with credential fields blanked.
func (rt *Router) Handle(pattern, op string, h http.HandlerFunc) {
	if !strings.Contains(pattern, " ") {
		panic(fmt.Sprintf("emulator: route %q needs a method", pattern))
	}
	rt.s.mux.Handle(pattern, rt.s.wrap(rt.fam, op, pattern, h))
	rt.s.routes[pattern] = rt.fam
	rt.s.quotas.addOperation(rt.fam.name, op)
}

// Admin registers a family admin route under /_emulator/<family>/. Admin
// routes are never faulted, counted or logged; Body(r) works as on wire routes.
func (rt *Router) Admin(pattern string, h http.HandlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	prefix := "/_emulator/" + rt.fam.name + "/"
	if !ok || !strings.HasPrefix(path, prefix) {
		panic(fmt.Sprintf("emulator: admin route %q must be \"METHOD %s...\"", pattern, prefix))
	}
	rt.s.mux.HandleFunc(method+" "+path, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), bodyKey, body))
		r.Body = io.NopCloser(bytes.NewReader(body))
		h(w, r)
	})
}

// Server returns the server the routes belong to.
func (rt *Router) Server() *Server { return rt.s }

type ctxKey int

const (
	bodyKey ctxKey = iota
	routeKey
	stateKey
)

// requestState is what the server knows of a wire request while its handler
// runs: whose operation it is, and whether Throttled refused it.
type requestState struct {
	fe        *familyEntry
	op        string
	throttled bool
}

// maxBody bounds request bodies; no emulated API accepts more.
const maxBody = 8 << 20

// Body returns the request body read by the server before the handler ran
// (r.Body is also rewound to it).
func Body(r *http.Request) []byte {
	b, _ := r.Context().Value(bodyKey).([]byte)
	return b
}

// RouteName returns "<family>.<op>" for a request on a wire route.
func RouteName(r *http.Request) string {
	n, _ := r.Context().Value(routeKey).(string)
	return n
}

func (s *Server) wrap(fe *familyEntry, op, pattern string, h http.HandlerFunc) http.Handler {
	route := fe.name + "." + op
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			// The client went away mid-body; nothing to answer.
			return
		}
		if len(body) > maxBody {
			s.stats.record(fe.name, route, pattern, "413", "")
			WriteJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "request body too large"})
			return
		}
		ctx := context.WithValue(r.Context(), bodyKey, body)
		ctx = context.WithValue(ctx, routeKey, route)
		state := &requestState{fe: fe, op: op}
		ctx = context.WithValue(ctx, stateKey, state)
		r = r.WithContext(ctx)
		r.Body = io.NopCloser(bytes.NewReader(body))

		kind := s.faults.decide(route)
		if d := s.faults.latency(kind); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}

		entry := s.log.newEntry(fe, route, r, body)
		switch kind {
		case FaultReset:
			s.stats.record(fe.name, route, pattern, FaultReset, FaultReset)
			s.log.add(entry, 0, FaultReset)
			dropConnection(w, true)
			return
		case Fault429, Fault500, Fault503:
			status := faultStatus(kind)
			rec := newRecorder()
			if status == http.StatusTooManyRequests {
				rec.Header().Set("Retry-After", fmt.Sprint(s.faults.retryAfter()))
			}
			if fw, ok := fe.fam.(FaultWriter); ok {
				fw.WriteFault(rec, r, status)
			} else {
				WriteJSON(rec, status, map[string]string{"message": http.StatusText(status)})
			}
			s.stats.record(fe.name, route, pattern, fmt.Sprint(rec.status()), kind)
			s.log.add(entry, rec.status(), kind)
			rec.flushTo(w)
			return
		}

		rec := newRecorder()
		h(rec, r)
		if kind == FaultCommitDrop {
			s.stats.record(fe.name, route, pattern, FaultCommitDrop, FaultCommitDrop)
			s.log.add(entry, rec.status(), FaultCommitDrop)
			dropConnection(w, false)
			return
		}
		if state.throttled {
			s.stats.recordThrottle(route)
			entry.Throttled = true
		}
		s.stats.record(fe.name, route, pattern, fmt.Sprint(rec.status()), kind)
		s.log.add(entry, rec.status(), kind)
		rec.flushTo(w)
	})
}

// recorder buffers a handler's response so the server can count its status
// and, for commit_drop, throw it away after the handler committed its write.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

func (rc *recorder) Header() http.Header { return rc.header }

func (rc *recorder) WriteHeader(code int) {
	if rc.code == 0 {
		rc.code = code
	}
}

func (rc *recorder) Write(p []byte) (int, error) {
	if rc.code == 0 {
		rc.code = http.StatusOK
	}
	return rc.body.Write(p)
}

func (rc *recorder) status() int {
	if rc.code == 0 {
		return http.StatusOK
	}
	return rc.code
}

func (rc *recorder) flushTo(w http.ResponseWriter) {
	for k, v := range rc.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rc.status())
	_, _ = w.Write(rc.body.Bytes())
}
