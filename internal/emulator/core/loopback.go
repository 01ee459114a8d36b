package core

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// serve is the server's handler. The emulator accepts fixed, published
// credentials and holds the secrets it was sent, so it answers only requests
// addressed to the loopback interface: a web page can reach 127.0.0.1 through
// DNS rebinding (its own name resolving to 127.0.0.1), but its requests then
// carry that name as Host. Admin routes also refuse a foreign Origin, so that
// a page cannot post to them across sites. Refused requests are neither
// counted nor logged.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !loopbackHost(r.Host) {
		s.refuse(w, r, fmt.Sprintf("request refused: the Host header must name a loopback address (127.0.0.1, ::1 or localhost), not %q", r.Host))
		return
	}
	if origin := r.Header.Get("Origin"); origin != "" && isAdminPath(r.URL.Path) && !loopbackOrigin(origin) {
		WriteJSON(w, http.StatusForbidden, map[string]string{
			"message": fmt.Sprintf("request refused: admin routes answer no web page but one served from a loopback address, not Origin %q", origin),
		})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// refuse answers 403 in the shape of the family whose wire route r matches,
// or with {"message": ...}.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, message string) {
	if _, pattern := s.mux.Handler(r); s.routes[pattern] != nil {
		if rf, ok := s.routes[pattern].fam.(Refuser); ok {
			rf.WriteRefusal(w, r, message)
			return
		}
	}
	WriteJSON(w, http.StatusForbidden, map[string]string{"message": message})
}

func isAdminPath(p string) bool { return p == "/_emulator" || strings.HasPrefix(p, "/_emulator/") }

// loopbackHost reports whether a Host header ("name", "name:port", "[::1]:port")
// names the loopback interface: localhost or a loopback IP address.
func loopbackHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackOrigin reports whether an Origin header is a page served from the
// loopback interface; the opaque origin "null" is not.
func loopbackOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && loopbackHost(u.Host)
}
