package conns

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

type testClient struct{}

func TestFamily(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		checkErr, buildErr error
		// wantPlanErrors is how many of the callers' PlanCheck report an error; wantClientErrors how
		// many of their Client calls do.
		wantPlanErrors, wantClientErrors int
		wantBuilds                       int32
	}{
		"settings that work":   {wantBuilds: 1},
		"settings that cannot": {checkErr: errors.New("no region"), wantPlanErrors: 1, wantClientErrors: 20},
		"a failing build":      {buildErr: errors.New("refused"), wantClientErrors: 20, wantBuilds: 1},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var checks, builds atomic.Int32
			f := &Family[*testClient]{
				Name: "test", Title: "Test", Hint: "Set the test block.",
				Check: func(context.Context, *Meta) error { checks.Add(1); return tc.checkErr },
				Build: func(context.Context, *Meta) (*testClient, error) {
					builds.Add(1)
					if tc.buildErr != nil {
						return nil, tc.buildErr
					}
					return &testClient{}, nil
				},
			}
			meta := &Meta{}
			const callers = 20
			var mu sync.Mutex
			var planErrs, clientErrs diag.Diagnostics
			passed := 0
			var wg sync.WaitGroup
			for range callers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var plan, apply diag.Diagnostics
					ok := f.PlanCheck(context.Background(), meta, &plan)
					c := f.Client(context.Background(), meta, &apply)
					mu.Lock()
					defer mu.Unlock()
					planErrs, clientErrs = append(planErrs, plan...), append(clientErrs, apply...)
					if ok {
						passed++
					}
					if (c == nil) != apply.HasError() {
						t.Errorf("client %v with diagnostics %v", c, apply)
					}
				}()
			}
			wg.Wait()
			if got := planErrs.ErrorsCount(); got != tc.wantPlanErrors {
				t.Errorf("%d plan errors, want %d: %v", got, tc.wantPlanErrors, planErrs)
			}
			wantPassed := callers
			if tc.checkErr != nil {
				wantPassed = 0
			}
			if passed != wantPassed {
				t.Errorf("%d of %d PlanChecks passed, want %d", passed, callers, wantPassed)
			}
			if got := clientErrs.ErrorsCount(); got != tc.wantClientErrors {
				t.Errorf("%d client errors, want %d", got, tc.wantClientErrors)
			}
			if checks.Load() != 1 || builds.Load() != tc.wantBuilds {
				t.Errorf("%d checks and %d builds, want 1 and %d", checks.Load(), builds.Load(), tc.wantBuilds)
			}
			for _, d := range append(planErrs, clientErrs...) {
				if d.Summary() != "Test is not configured" || !strings.Contains(d.Detail(), "Set the test block.") {
					t.Errorf("diagnostic %q: %q", d.Summary(), d.Detail())
				}
			}
		})
	}
}

func TestFamilyBeforeConfigure(t *testing.T) {
	t.Parallel()
	f := &Family[*testClient]{Name: "test", Title: "Test"}
	var diags diag.Diagnostics
	if !f.PlanCheck(context.Background(), nil, &diags) || diags.HasError() {
		t.Fatalf("PlanCheck before Configure: %v", diags)
	}
	if c := f.Client(context.Background(), nil, &diags); c != nil || !strings.Contains(diags[0].Detail(), "not configured before use") {
		t.Fatalf("Client before Configure: %v, %v", c, diags)
	}
}

// ReadClient reports settings that cannot work once, however many objects are refreshed.
func TestFamilyReadClient(t *testing.T) {
	t.Parallel()
	f := &Family[*testClient]{
		Name: "test", Title: "Test",
		Check: func(context.Context, *Meta) error { return errors.New("no region") },
		Build: func(context.Context, *Meta) (*testClient, error) { t.Error("built a client"); return nil, nil },
	}
	meta := &Meta{}
	var diags diag.Diagnostics
	for range 5 {
		if c := f.ReadClient(context.Background(), meta, &diags); c != nil {
			t.Fatalf("client %v", c)
		}
	}
	if diags.ErrorsCount() != 1 {
		t.Fatalf("%d errors, want 1: %v", diags.ErrorsCount(), diags)
	}
}
