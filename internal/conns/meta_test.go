package conns

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestMetaClientBuildsOncePerFamily(t *testing.T) {
	t.Parallel()
	var m Meta
	var builds atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := m.Client("authress", func() (any, error) { builds.Add(1); return "client", nil })
			if err != nil || c != "client" {
				t.Errorf("Client = %v, %v", c, err)
			}
		}()
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Fatalf("built %d times, want once", n)
	}
	if _, err := m.Client("apig", func() (any, error) { return nil, errors.New("not configured") }); err == nil {
		t.Fatal("a failing build must return its error")
	}
}

func TestUnknownErr(t *testing.T) {
	t.Parallel()
	if err := (Unknown{}).Err("authress"); err != nil {
		t.Fatalf("no unknown values: %v", err)
	}
	err := Unknown{"access_key", "api_url"}.Err("authress")
	if err == nil || !strings.Contains(err.Error(), "authress block") || !strings.Contains(err.Error(), "access_key, api_url") {
		t.Fatalf("err = %v", err)
	}
}
