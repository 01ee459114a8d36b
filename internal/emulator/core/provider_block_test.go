package core

import (
	"slices"
	"testing"
)

// blockFamily is a family with no route and a provider block of its own.
type blockFamily struct{ block string }

func (blockFamily) Routes(*Router)          {}
func (blockFamily) State() any              { return nil }
func (blockFamily) Reset()                  {}
func (f blockFamily) ProviderBlock() string { return f.block }

func TestProviderBlocksComeFromTheFamiliesInRegistrationOrder(t *testing.T) {
	t.Parallel()
	s := newTestServer(Config{Seed: 1})
	if got := s.ProviderBlocks(); len(got) != 0 {
		t.Fatalf("a family without a provider block contributed %q", got)
	}
	s.Register("second", blockFamily{"  second {}\n"})
	s.Register("first", blockFamily{"  first {}\n"})
	if got, want := s.ProviderBlocks(), []string{"  second {}\n", "  first {}\n"}; !slices.Equal(got, want) {
		t.Errorf("ProviderBlocks = %q, want %q", got, want)
	}
}
