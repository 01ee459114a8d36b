package core

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Bounds of the in-memory request log: it keeps at most requestLogSize
// entries and requestLogBytes of path, query and body in all, dropping the
// oldest entries first, and at most loggedBodyMax bytes of one body (the
// rest is cut, after credentials are blanked, and a marker says how much
// there was). A request body may be up to 8 MiB.
const (
	requestLogSize  = 2000
	requestLogBytes = 16 << 20
	loggedBodyMax   = 64 << 10
)

// Redacted replaces credential values in the request log.
const Redacted = "<redacted>"

// LoggedRequest is one wire request as the emulator saw it. Headers are never
// kept; credential fields in the query and body are replaced by Redacted, so
// a secret found anywhere in a LoggedRequest was sent somewhere it should not be.
type LoggedRequest struct {
	Time   time.Time `json:"time"`
	Family string    `json:"family,omitempty"`
	Route  string    `json:"route"`
	Method string    `json:"method"`
	// Path is the escaped path as sent.
	Path  string `json:"path"`
	Query string `json:"query,omitempty"`
	// Body is the body with credentials blanked, cut after 64 KiB with a
	// marker "…[truncated: KEPT of TOTAL bytes kept]".
	Body string `json:"body,omitempty"`
	// Status is the status the handler or fault produced (0 for a reset).
	Status int    `json:"status"`
	Fault  string `json:"fault,omitempty"`
	// Throttled is true when a request-rate quota refused the request.
	Throttled bool `json:"throttled,omitempty"`
}

type requestLog struct {
	mu                   sync.Mutex
	maxEntries, maxBytes int
	// entries are oldest first; bytes is their loggedSize in all.
	entries []LoggedRequest
	bytes   int
}

func newRequestLog(maxEntries, maxBytes int) *requestLog {
	return &requestLog{maxEntries: maxEntries, maxBytes: maxBytes}
}

func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries, l.bytes = nil, 0
}

// loggedSize is what an entry counts against requestLogBytes.
func loggedSize(e LoggedRequest) int { return len(e.Path) + len(e.Query) + len(e.Body) }

// newEntry prepares the log line before the handler runs, so that nothing the
// handler does to r changes what is logged.
func (l *requestLog) newEntry(fe *familyEntry, route string, r *http.Request, body []byte) LoggedRequest {
	var extra map[string]bool
	name := ""
	if fe != nil {
		extra, name = fe.sensitive, fe.name
	}
	return LoggedRequest{
		Time:   time.Now().UTC(),
		Family: name,
		Route:  route,
		Method: r.Method,
		Path:   r.URL.EscapedPath(),
		Query:  redactQuery(r.URL.RawQuery, extra),
		Body:   truncateBody(redactBody(r.Header.Get("Content-Type"), body, extra)),
	}
}

// truncateBody cuts a body longer than loggedBodyMax at a character boundary
// and appends a marker with the kept and total sizes.
func truncateBody(b string) string {
	if len(b) <= loggedBodyMax {
		return b
	}
	cut := loggedBodyMax
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…[truncated: %d of %d bytes kept]", b[:cut], cut, len(b))
}

// add appends e and drops the oldest entries beyond the bounds; the newest
// entry always stays.
func (l *requestLog) add(e LoggedRequest, status int, fault string) {
	e.Status, e.Fault = status, fault
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
	l.bytes += loggedSize(e)
	drop := 0
	for n := len(l.entries); n-drop > 1 && (n-drop > l.maxEntries || l.bytes > l.maxBytes); drop++ {
		l.bytes -= loggedSize(l.entries[drop])
	}
	// Clear the dropped slots so that their bodies can be collected before
	// append next reallocates.
	clear(l.entries[:drop])
	l.entries = l.entries[drop:]
}

func (l *requestLog) snapshot() []LoggedRequest {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.entries)
}

func normalizeKey(k string) string {
	k = strings.ToLower(k)
	return strings.NewReplacer("_", "", "-", "").Replace(k)
}

func normalizedSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[normalizeKey(n)] = true
	}
	return m
}

// notCredentials end in "token" but are pagination or idempotency tokens.
var notCredentials = map[string]bool{"clienttoken": true, "nexttoken": true, "paginationtoken": true, "idempotencytoken": true}

// isSensitiveKey is the generic credential-field rule: anything mentioning a
// secret, password, private or API key, or ending in token or signature.
func isSensitiveKey(key string, extra map[string]bool) bool {
	k := normalizeKey(key)
	if extra[k] {
		return true
	}
	if notCredentials[k] {
		return false
	}
	for _, s := range []string{"secret", "password", "privatekey", "apikey"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return strings.HasSuffix(k, "token") || strings.HasSuffix(k, "signature")
}

func redactQuery(raw string, extra map[string]bool) string {
	if raw == "" {
		return ""
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return raw
	}
	changed := false
	for k, vs := range q {
		if isSensitiveKey(k, extra) {
			for i := range vs {
				vs[i] = Redacted
			}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	return q.Encode()
}

func redactBody(contentType string, body []byte, extra map[string]bool) string {
	if len(body) == 0 {
		return ""
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/x-www-form-urlencoded" {
		return redactQuery(string(body), extra)
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		var v any
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.UseNumber()
		if err := dec.Decode(&v); err == nil {
			out, err := json.Marshal(redactJSON(v, extra))
			if err == nil {
				return string(out)
			}
		}
	}
	return string(body)
}

func redactJSON(v any, extra map[string]bool) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			switch val.(type) {
			case map[string]any, []any:
				t[k] = redactJSON(val, extra)
			default:
				if val != nil && isSensitiveKey(k, extra) {
					t[k] = Redacted
				}
			}
		}
	case []any:
		for i := range t {
			t[i] = redactJSON(t[i], extra)
		}
	}
	return v
}
