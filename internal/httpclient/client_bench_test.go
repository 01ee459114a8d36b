package httpclient_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// benchTarget is one authenticated GET against an emulator in this process:
// APIG "show app" of a fixture app, with an IAM token in X-Auth-Token, so that
// both clients send byte-for-byte the same request and decode the same body.
type benchTarget struct {
	baseURL, path, token string
}

type benchApp struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	AppKey string `json:"app_key"`
	Status int    `json:"status"`
}

func startBenchEmulator(b *testing.B) benchTarget {
	b.Helper()
	srv := emulator.New(emulator.Options{Seed: 1, APIGFixtures: true})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	c := srv.Credentials()
	body := fmt.Sprintf(`{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":%q,"password":%q,"domain":{"name":%q}}}},"scope":{"project":{"name":%q}}}}`,
		c.APIGUser, c.APIGPassword, c.APIGDomain, c.APIGProject)
	resp, err := http.Post(srv.URL()+"/v3/auth/tokens", "application/json", bytes.NewBufferString(body))
	if err != nil {
		b.Fatal(err)
	}
	_ = resp.Body.Close()
	token := resp.Header.Get("X-Subject-Token")
	if resp.StatusCode != http.StatusCreated || token == "" {
		b.Fatalf("iam token: %s", resp.Status)
	}
	return benchTarget{
		baseURL: srv.URL(),
		path:    fmt.Sprintf("/v2/%s/apigw/instances/%s/apps/%s", c.APIGProjectID, emuapig.FixtureInstanceID, emuapig.FixtureAppID),
		token:   token,
	}
}

// BenchmarkGet compares one call through httpclient (resty, retry
// bookkeeping, logging with masks, typed errors) with a bare net/http client
// doing the same GET and JSON decode; the difference is the client's own
// overhead per call (go test ./internal/httpclient -run '^$' -bench Get -benchmem).
func BenchmarkGet(b *testing.B) {
	t := startBenchEmulator(b)
	ctx := context.Background()

	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 64
	bare := &http.Client{Transport: transport}
	bareGet := func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.baseURL+t.path, nil)
		if err != nil {
			return err
		}
		req.Header.Set("X-Auth-Token", t.token)
		req.Header.Set("Accept", "application/json")
		resp, err := bare.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %s", resp.Status)
		}
		var out benchApp
		if err := json.Unmarshal(raw, &out); err != nil {
			return err
		}
		if out.ID != emuapig.FixtureAppID {
			return fmt.Errorf("unexpected app %q", out.ID)
		}
		return nil
	}

	client, err := httpclient.New(httpclient.Config{
		Family:        "apig",
		BaseURL:       t.baseURL,
		UserAgent:     "terraform-provider-appauth/bench",
		Secrets:       func() []string { return []string{t.token} },
		SensitiveKeys: []string{"app_key", "app_secret"},
	})
	if err != nil {
		b.Fatal(err)
	}
	ourGet := func() error {
		var out benchApp
		if err := client.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: t.path, Header: map[string]string{"X-Auth-Token": t.token}}, &out); err != nil {
			return err
		}
		if out.ID != emuapig.FixtureAppID {
			return fmt.Errorf("unexpected app %q", out.ID)
		}
		return nil
	}

	for _, c := range []struct {
		name string
		get  func() error
	}{{"net-http", bareGet}, {"httpclient", ourGet}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.get(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"-parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(8)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := c.get(); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
