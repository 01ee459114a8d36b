package core

import (
	"io"
	"net/http"
)

// Admin routes. They are never faulted, counted or logged:
//
//	GET  /_emulator/state     every object by family (Server.State)
//	POST /_emulator/reset     drop all objects, stats and log (Server.Reset); 204
//	GET  /_emulator/faults    current FaultConfig
//	PUT  /_emulator/faults    replace the FaultConfig (JSON body); 200 with the config, 400 if invalid
//	GET  /_emulator/quotas    the request-rate QuotaConfig in force, every family with quotas listed
//	PUT  /_emulator/quotas    replace the QuotaConfig (JSON body; a family left out keeps its
//	                          published figures, one given as {} is not throttled); every
//	                          bucket starts full; 200 with the config in force, 400 if invalid
//	GET  /_emulator/stats     request counts (Stats)
//	GET  /_emulator/requests  the request log (LoggedRequest list, oldest first): the
//	                          last 2,000 wire requests at most, and no more than 16 MiB
//	                          of path, query and body in all (older entries are
//	                          dropped first); a body beyond 64 KiB is cut, after its
//	                          credentials are blanked, and ends with
//	                          "…[truncated: KEPT of TOTAL bytes kept]"
//
// Families add their own under /_emulator/<family>/ with Router.Admin.
//
// Like every route, they answer 403 to a Host header that is not a loopback
// address, and they also refuse a request whose Origin is not one, so that
// no web page can read or change the emulator (see serve).
func (s *Server) registerAdminRoutes() {
	s.mux.HandleFunc("GET /_emulator/state", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.rawState())
	})
	s.mux.HandleFunc("POST /_emulator/reset", func(w http.ResponseWriter, r *http.Request) {
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	s.mux.HandleFunc("GET /_emulator/faults", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.Faults())
	})
	s.mux.HandleFunc("PUT /_emulator/faults", replaceConfig(func(cfg FaultConfig) error {
		if err := cfg.Validate(); err != nil {
			return err
		}
		s.SetFaults(cfg)
		return nil
	}, s.Faults))
	s.mux.HandleFunc("GET /_emulator/quotas", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.Quotas())
	})
	s.mux.HandleFunc("PUT /_emulator/quotas", replaceConfig(s.SetQuotas, s.Quotas))
	s.mux.HandleFunc("GET /_emulator/stats", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.Stats())
	})
	s.mux.HandleFunc("GET /_emulator/requests", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, s.Requests())
	})
	s.mux.HandleFunc("/_emulator/", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusNotFound, map[string]string{"message": "no admin route " + r.Method + " " + r.URL.Path})
	})
}

// replaceConfig is a PUT route that decodes its JSON body into a T and
// applies it with set: 400 with set's error, else 200 with get's answer.
func replaceConfig[T any](set func(T) error, get func() T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var cfg T
		if !DecodeAdminJSON(w, r, &cfg) {
			return
		}
		if err := set(cfg); err != nil {
			WriteJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
			return
		}
		WriteJSON(w, http.StatusOK, get())
	}
}

// DecodeAdminJSON strictly decodes an admin route's JSON body into v. On
// failure it answers 400 {"message": ...} and returns false.
func DecodeAdminJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err == nil {
		err = DecodeJSON(body, v)
	}
	if err != nil {
		WriteJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return false
	}
	return true
}
