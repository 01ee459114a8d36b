package core

import (
	"maps"
	"sync"
)

// Stats counts requests on wire routes (admin routes are not counted).
type Stats struct {
	// Requests is the total number of requests, matched or not.
	Requests int `json:"total"`
	// ByFamily counts requests per family name.
	ByFamily map[string]int `json:"by_family"`
	// ByRoute counts requests per route name ("authress.CreateConnection";
	// "unmatched" for requests no route matched).
	ByRoute map[string]int `json:"by_route"`
	// ByPattern counts requests per ServeMux pattern ("POST /v1/connections").
	ByPattern map[string]int `json:"by_pattern"`
	// ByStatus counts responses per status code ("201"), or per dropped
	// connection ("reset", "commit_drop").
	ByStatus map[string]int `json:"by_status"`
	// Faults counts injected faults per kind.
	Faults map[string]int `json:"faults"`
	// Throttled counts requests refused by a request-rate quota, per route
	// name; each is also counted under its status in ByStatus.
	Throttled map[string]int `json:"throttled"`
}

// Total is the number of wire requests served.
func (s Stats) Total() int { return s.Requests }

// Family is the number of requests a family's routes received.
func (s Stats) Family(name string) int { return s.ByFamily[name] }

// Route is the number of requests on one route name.
func (s Stats) Route(name string) int { return s.ByRoute[name] }

// Pattern is the number of requests on one ServeMux pattern.
func (s Stats) Pattern(pattern string) int { return s.ByPattern[pattern] }

// Status is the number of responses with one status ("404") or drop kind.
func (s Stats) Status(status string) int { return s.ByStatus[status] }

// ThrottledRoute is the number of requests on one route name refused by a quota.
func (s Stats) ThrottledRoute(name string) int { return s.Throttled[name] }

type statsRecorder struct {
	mu sync.Mutex
	s  Stats
}

func newStatsRecorder() *statsRecorder {
	r := &statsRecorder{}
	r.reset()
	return r
}

func (r *statsRecorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.s = Stats{
		ByFamily:  map[string]int{},
		ByRoute:   map[string]int{},
		ByPattern: map[string]int{},
		ByStatus:  map[string]int{},
		Faults:    map[string]int{},
		Throttled: map[string]int{},
	}
}

func (r *statsRecorder) record(family, route, pattern, status, fault string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.s.Requests++
	if family != "" {
		r.s.ByFamily[family]++
	}
	r.s.ByRoute[route]++
	if pattern != "" {
		r.s.ByPattern[pattern]++
	}
	r.s.ByStatus[status]++
	if fault != "" {
		r.s.Faults[fault]++
	}
}

func (r *statsRecorder) recordThrottle(route string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.s.Throttled[route]++
}

func (r *statsRecorder) snapshot() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Stats{
		Requests:  r.s.Requests,
		ByFamily:  maps.Clone(r.s.ByFamily),
		ByRoute:   maps.Clone(r.s.ByRoute),
		ByPattern: maps.Clone(r.s.ByPattern),
		ByStatus:  maps.Clone(r.s.ByStatus),
		Faults:    maps.Clone(r.s.Faults),
		Throttled: maps.Clone(r.s.Throttled),
	}
}
