package core

import (
	"maps"
	"slices"
	"sync"
)

// Store is a mutex-protected map of objects keyed by id. Values are copied in
// and out, so store plain structs (or clone maps/slices they hold) to keep
// handlers from sharing memory.
type Store[T any] struct {
	mu    sync.RWMutex
	items map[string]T
}

// NewStore returns an empty store.
func NewStore[T any]() *Store[T] { return &Store[T]{items: map[string]T{}} }

// Get returns the object with id.
func (s *Store[T]) Get(id string) (T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.items[id]
	return v, ok
}

// Put stores v under id, replacing any object there.
func (s *Store[T]) Put(id string, v T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[id] = v
}

// Insert stores v under id only if id is free; it reports whether it did.
func (s *Store[T]) Insert(id string, v T) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, taken := s.items[id]; taken {
		return false
	}
	s.items[id] = v
	return true
}

// Update runs fn on the object with id under the write lock and stores the
// result unless fn returns an error. It reports false when id is absent.
func (s *Store[T]) Update(id string, fn func(*T) error) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[id]
	if !ok {
		return false, nil
	}
	if err := fn(&v); err != nil {
		return true, err
	}
	s.items[id] = v
	return true, nil
}

// Delete removes id and reports whether it was there.
func (s *Store[T]) Delete(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.items[id]
	delete(s.items, id)
	return ok
}

// DeleteFunc removes every object for which del returns true.
func (s *Store[T]) DeleteFunc(del func(id string, v T) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	maps.DeleteFunc(s.items, del)
}

// Len is the number of objects.
func (s *Store[T]) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.items)
}

// Keys returns every id in ascending order.
func (s *Store[T]) Keys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Sorted(maps.Keys(s.items))
}

// List returns every object in ascending id order.
func (s *Store[T]) List() []T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := slices.Sorted(maps.Keys(s.items))
	out := make([]T, len(keys))
	for i, k := range keys {
		out[i] = s.items[k]
	}
	return out
}

// Snapshot returns a copy of the whole map (for State).
func (s *Store[T]) Snapshot() map[string]T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return maps.Clone(s.items)
}

// Reset drops every object.
func (s *Store[T]) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = map[string]T{}
}

// Lock runs fn with the store write-locked and direct access to the map, for
// changes that must check and write several objects atomically.
func (s *Store[T]) Lock(fn func(items map[string]T)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s.items)
}
