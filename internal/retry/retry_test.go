package retry

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var errBoom = errors.New("boom")

// errBusy stands for a service error a caller retries on (a conflict, a throttle).
var errBusy = errors.New("busy")

func TestBackoff(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		backoff Backoff
		want    []time.Duration
	}{
		"doubles up to max": {Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond},
			[]time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 50 * time.Millisecond, 50 * time.Millisecond}},
		"no max": {Backoff{Initial: time.Second}, []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		"zero initial still pauses": {Backoff{Max: 4 * time.Millisecond},
			[]time.Duration{time.Millisecond, 2 * time.Millisecond, 4 * time.Millisecond, 4 * time.Millisecond}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var d time.Duration
			for i, want := range tc.want {
				if d = tc.backoff.next(d); d != want {
					t.Fatalf("pause %d = %s, want %s", i, d, want)
				}
			}
		})
	}
}

func TestUntil(t *testing.T) {
	t.Parallel()
	type step struct {
		state string
		err   error
	}
	testCases := map[string]struct {
		steps []step
		// cancelAfter cancels the context after that many checks (0: never).
		cancelAfter int
		timeout     time.Duration
		wantValue   int
		wantErr     string
		wantTimeout bool
		wantCalls   int
	}{
		"done at once":           {steps: []step{{state: "READY"}}, wantValue: 1, wantCalls: 1},
		"pending then done":      {steps: []step{{state: "PENDING"}, {state: "PENDING"}, {state: "READY"}}, wantValue: 3, wantCalls: 3},
		"error ends the wait":    {steps: []step{{state: "PENDING"}, {err: errBoom}}, wantValue: 2, wantErr: "boom", wantCalls: 2},
		"cancelled keeps status": {steps: []step{{state: "PENDING"}, {state: "STILL_PENDING"}}, cancelAfter: 2, wantValue: 2, wantTimeout: true, wantCalls: 2, wantErr: "waiting for the thing to be ready (last status STILL_PENDING): context canceled"},
		"timeout ends the wait":  {steps: []step{{state: "PENDING"}}, timeout: 5 * time.Millisecond, wantValue: 1, wantTimeout: true, wantErr: "(last status PENDING): context deadline exceeded"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			p := Poll{What: "the thing to be ready", Backoff: Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond}, Timeout: tc.timeout}
			got, err := Until(ctx, p, func(context.Context) (Status[int], error) {
				calls++
				s := tc.steps[min(calls, len(tc.steps))-1]
				if tc.cancelAfter == calls {
					cancel()
				}
				return Status[int]{Value: calls, State: s.state, Done: s.state == "READY"}, s.err
			})
			if tc.timeout > 0 {
				// The wait polls until the timeout; how many times depends on the clock.
				tc.wantCalls, tc.wantValue = calls, calls
			}
			if got != tc.wantValue || calls != tc.wantCalls {
				t.Errorf("value %d after %d checks, want %d after %d", got, calls, tc.wantValue, tc.wantCalls)
			}
			checkErr(t, err, tc.wantErr, tc.wantTimeout)
			if tc.wantErr == "boom" && !errors.Is(err, errBoom) {
				t.Errorf("the check's own error must be returned as is, got %v", err)
			}
		})
	}
}

func TestRetry(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		errs        []error
		cancelAfter int
		timeout     time.Duration
		wantErr     string
		wantTimeout bool
		wantCalls   int
	}{
		"success at once":             {errs: []error{nil}, wantCalls: 1},
		"retried until success":       {errs: []error{errBusy, errBusy, nil}, wantCalls: 3},
		"other errors are not":        {errs: []error{errBusy, errBoom}, wantErr: "boom", wantCalls: 2},
		"cancelled keeps the last":    {errs: []error{errBusy}, cancelAfter: 2, wantTimeout: true, wantCalls: 2, wantErr: "waiting for the delete (last error: busy): context canceled"},
		"timeout returns the last":    {errs: []error{errBusy}, timeout: 5 * time.Millisecond, wantTimeout: true, wantErr: "(last error: busy): context deadline exceeded"},
		"cancelled before any answer": {errs: []error{context.Canceled}, wantErr: "context canceled", wantCalls: 1},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			p := Poll{What: "the delete", Backoff: Backoff{Initial: time.Millisecond, Max: 2 * time.Millisecond}, Timeout: tc.timeout}
			err := Retry(ctx, p, func(err error) bool { return errors.Is(err, errBusy) }, func(context.Context) error {
				calls++
				if tc.cancelAfter == calls {
					cancel()
				}
				return tc.errs[min(calls, len(tc.errs))-1]
			})
			if tc.timeout > 0 {
				tc.wantCalls = calls
			}
			if calls != tc.wantCalls {
				t.Errorf("%d calls, want %d", calls, tc.wantCalls)
			}
			checkErr(t, err, tc.wantErr, tc.wantTimeout)
			if tc.wantTimeout && !errors.Is(err, errBusy) {
				t.Errorf("a timed-out retry must unwrap to the last call's error, got %v", err)
			}
		})
	}
}

func checkErr(t *testing.T, err error, want string, wantTimeout bool) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
	var te *TimeoutError
	if errors.As(err, &te) != wantTimeout {
		t.Fatalf("error %v: TimeoutError %t, want %t", err, !wantTimeout, wantTimeout)
	}
	if wantTimeout && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a timeout must unwrap to the context's error, got %v", err)
	}
}
