// Package retry waits for asynchronous operations and retries calls that fail for a while, with
// exponential backoff, bounded by a context and an optional timeout. It has no Terraform imports, so the
// families' wire clients use it directly.
package retry

import (
	"context"
	"time"
)

// Backoff is the pause between attempts: Initial first, doubled after each attempt up to Max.
type Backoff struct {
	Initial, Max time.Duration
}

// next is the pause after d.
func (b Backoff) next(d time.Duration) time.Duration {
	if d <= 0 {
		// A zero Initial would never pause.
		return max(b.Initial, time.Millisecond)
	}
	if b.Max > 0 {
		return min(d*2, b.Max)
	}
	return d * 2
}

// Poll describes one wait.
type Poll struct {
	// What is waited for, as error messages name it: "action connector c-1 to become CREATION_SUCCESSFUL".
	What string
	Backoff
	// Timeout, when not zero, ends the wait that long after it starts, on top of the context's own
	// deadline. A call in flight is not cut short by it: only the pauses are.
	Timeout time.Duration
}

// Status is what one check of a wait found.
type Status[T any] struct {
	// Value is the object as last read.
	Value T
	// State is the object's status, kept for the error when the wait ends without Done.
	State string
	// Done ends the wait successfully.
	Done bool
}

// TimeoutError ends a wait that did not finish in time. It unwraps to the context's error and, for
// Retry, to the last call's error.
type TimeoutError struct {
	What string
	// LastState is the last status seen by Until ("" when none was read).
	LastState string
	// LastErr is the error of the last call made by Retry.
	LastErr error
	// Err is context.DeadlineExceeded or context.Canceled.
	Err error
}

func (e *TimeoutError) Error() string {
	msg := "waiting for " + e.What
	switch {
	case e.LastState != "":
		msg += " (last status " + e.LastState + ")"
	case e.LastErr != nil:
		msg += " (last error: " + e.LastErr.Error() + ")"
	}
	return msg + ": " + e.Err.Error()
}

func (e *TimeoutError) Unwrap() []error {
	if e.LastErr == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.LastErr}
}

// Until calls check until it reports Done, returns an error, or the wait ends. An error from check ends
// the wait at once and is returned as is, with the last value read. When the wait ends first, the error
// is a *TimeoutError that names the last status, and the last value read is returned with it.
func Until[T any](ctx context.Context, p Poll, check func(context.Context) (Status[T], error)) (T, error) {
	pauses, cancel := p.pauses(ctx)
	defer cancel()
	var last Status[T]
	var pause time.Duration
	for {
		s, err := check(ctx)
		if err != nil {
			return s.Value, err
		}
		last = s
		if s.Done {
			return s.Value, nil
		}
		pause = p.next(pause)
		if err := sleep(pauses, pause); err != nil {
			return last.Value, &TimeoutError{What: p.What, LastState: last.State, Err: err}
		}
	}
}

// Retry calls call until it succeeds or fails with an error retryable does not accept, pausing between
// attempts. When the wait ends first, the error is a *TimeoutError that unwraps to the last call's
// error, so callers can still inspect it (its status code, its service code).
func Retry(ctx context.Context, p Poll, retryable func(error) bool, call func(context.Context) error) error {
	pauses, cancel := p.pauses(ctx)
	defer cancel()
	var pause time.Duration
	for {
		err := call(ctx)
		if err == nil || !retryable(err) {
			return err
		}
		pause = p.next(pause)
		if serr := sleep(pauses, pause); serr != nil {
			return &TimeoutError{What: p.What, LastErr: err, Err: serr}
		}
	}
}

// pauses is the context the pauses wait on: ctx, ended after Timeout when one is set.
func (p Poll) pauses(ctx context.Context) (context.Context, context.CancelFunc) {
	if p.Timeout > 0 {
		return context.WithTimeout(ctx, p.Timeout)
	}
	return context.WithCancel(ctx)
}

// sleep pauses for d, or returns the context's error when it ends first.
func sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
