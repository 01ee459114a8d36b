package core

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// idSource is the server's seeded random source. Ids come out in the order
// requests ask for them, so a fixed seed and request order give the same ids.
type idSource struct {
	seed int64
	mu   sync.Mutex
	r    *rand.Rand
}

func newIDSource(seed int64) *idSource {
	s := &idSource{seed: seed}
	s.reseed()
	return s
}

func (s *idSource) reseed() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.r = rand.New(rand.NewPCG(uint64(s.seed), 0x6964730a))
}

func (s *idSource) fill(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range b {
		b[i] = byte(s.r.Uint32())
	}
}

func (s *idSource) pick(n int, alphabet string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	b.Grow(n)
	for range n {
		b.WriteByte(alphabet[s.r.IntN(len(alphabet))])
	}
	return b.String()
}

// UUID returns a lowercase RFC 4122 version 4 UUID from the seeded source.
func (s *Server) UUID() string {
	var b [16]byte
	s.ids.fill(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// RandomHex returns n lowercase hex characters from the seeded source.
func (s *Server) RandomHex(n int) string { return s.ids.pick(n, lowerHex) }

// RandomAlnum returns n characters of [A-Za-z0-9] from the seeded source.
func (s *Server) RandomAlnum(n int) string { return s.ids.pick(n, alnum) }

// RandomString returns n characters of alphabet from the seeded source.
func (s *Server) RandomString(n int, alphabet string) string { return s.ids.pick(n, alphabet) }

// Now is the emulator clock, in UTC.
func (s *Server) Now() time.Time { return time.Now().UTC() }
