package core

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"sort"
)

// ErrBadCursor is returned for a cursor or token the emulator did not issue.
var ErrBadCursor = errors.New("invalid pagination cursor")

type cursorBody struct {
	After string `json:"after"`
}

// EncodeCursor makes an opaque cursor that resumes after key.
func EncodeCursor(key string) string {
	b, _ := json.Marshal(cursorBody{After: key})
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor returns the key a cursor resumes after, or ErrBadCursor.
func DecodeCursor(cursor string) (string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", ErrBadCursor
	}
	var c cursorBody
	if err := json.Unmarshal(raw, &c); err != nil || c.After == "" {
		return "", ErrBadCursor
	}
	return c.After, nil
}

// CursorPage pages items sorted ascending by key: it returns up to limit items
// whose key sorts after the cursor's, and the cursor of the next page ("" when
// this is the last page). Resuming by key rather than by position keeps pages
// stable while objects are created or deleted between calls. An empty cursor
// starts at the beginning.
func CursorPage[T any](items []T, key func(T) string, cursor string, limit int) (page []T, next string, err error) {
	start := 0
	if cursor != "" {
		after, err := DecodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		start = sort.Search(len(items), func(i int) bool { return key(items[i]) > after })
	}
	if limit <= 0 {
		limit = len(items)
	}
	end := min(start+limit, len(items))
	page = items[start:end]
	if end < len(items) && len(page) > 0 {
		next = EncodeCursor(key(page[len(page)-1]))
	}
	return page, next, nil
}

// OffsetPage returns items[offset:offset+limit], clamped to the slice, for
// APIs that page by offset and limit and report the total themselves.
func OffsetPage[T any](items []T, offset, limit int) []T {
	if offset < 0 {
		offset = 0
	}
	if offset >= len(items) {
		return []T{}
	}
	end := len(items)
	if limit > 0 && offset+limit < end {
		end = offset + limit
	}
	return items[offset:end]
}
