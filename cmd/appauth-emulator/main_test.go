package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func TestRequireLoopback(t *testing.T) {
	t.Parallel()
	testCases := map[string]bool{
		"127.0.0.1:8787": true,
		"127.0.0.2:0":    true,
		"[::1]:0":        true,
		"localhost:0":    true,
		"0.0.0.0:8787":   false,
		":8787":          false,
		"10.1.2.3:80":    false,
		"example.com:80": false,
		"no-port":        false,
	}
	for addr, ok := range testCases {
		t.Run(addr, func(t *testing.T) {
			t.Parallel()
			if err := requireLoopback(addr); (err == nil) != ok {
				t.Errorf("requireLoopback(%q) = %v, want ok=%v", addr, err, ok)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	testCases := map[string]string{
		"plain":        "'plain'",
		"a b":          "'a b'",
		"it's":         `'it'\''s'`,
		"$HOME;rm -rf": "'$HOME;rm -rf'",
		"":             "''",
	}
	for in, want := range testCases {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	t.Parallel()
	testCases := map[string]struct {
		args []string
		want string
	}{
		"remote address":        {[]string{"-addr", "0.0.0.0:0"}, "-allow-remote"},
		"unknown kind":          {[]string{"-addr", "127.0.0.1:0", "-fault-rate", "0.1", "-fault-kinds", "teapot"}, "unknown fault kind"},
		"rate above one":        {[]string{"-addr", "127.0.0.1:0", "-fault-rate", "2"}, "rate must be between 0 and 1"},
		"polls below one":       {[]string{"-addr", "127.0.0.1:0", "-quicksight-polls", "0"}, "quicksight-polls"},
		"no aws account":        {[]string{"-addr", "127.0.0.1:0", "-aws-accounts", "0"}, "-aws-accounts must be between 1 and 1000"},
		"negative deleting":     {[]string{"-addr", "127.0.0.1:0", "-appfabric-deleting-reads", "-1"}, "-appfabric-deleting-reads must be 0 or more"},
		"extra argument":        {[]string{"serve"}, "unexpected arguments"},
		"quota without value":   {[]string{"-addr", "127.0.0.1:0", "-quota", "authress"}, `invalid -quota "authress": want SERVICE[.OPERATION]=RATE[/BURST]`},
		"quota unknown service": {[]string{"-addr", "127.0.0.1:0", "-quota", "s3=1"}, `unknown service "s3" (quotas apply to apig, appfabric, authress, quicksight, sts)`},
		"quota unknown op":      {[]string{"-addr", "127.0.0.1:0", "-quota", "authress.Nope=1"}, `authress has no operation "Nope"`},
		"quota bad rate":        {[]string{"-addr", "127.0.0.1:0", "-quota", "sts=fast"}, `rate "fast" is not a number`},
		"quota negative rate":   {[]string{"-addr", "127.0.0.1:0", "-quota", "sts=-1"}, "families.sts.all.rate must be a number of requests a second from 0"},
		"quota bad burst":       {[]string{"-addr", "127.0.0.1:0", "-quota", "sts=1/1.5"}, `burst "1.5" is not a whole number`},
		"quota zero burst":      {[]string{"-addr", "127.0.0.1:0", "-quota", "apig=1/0"}, "families.apig.all.burst must be a whole number of requests from 1"},
		"unknown flag":          {[]string{"-port", "1"}, "flag provided but not defined"},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stderr bytes.Buffer
			err := run(ctx, tc.args, io.Discard, &stderr)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("run(%v) = %v, want an error containing %q", tc.args, err, tc.want)
			}
		})
	}
}

// readBanner reads the first line and checks it is "listening on http://127.0.0.1:PORT".
func readBanner(t *testing.T, sc *bufio.Scanner) string {
	t.Helper()
	if !sc.Scan() {
		t.Fatalf("no output: %v", sc.Err())
	}
	line := sc.Text()
	m := regexp.MustCompile(`^listening on (http://127\.0\.0\.1:[1-9][0-9]*)$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first line %q", line)
	}
	return m[1]
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// runInBackground runs the command with args; it returns the scanner of its
// output and stop, which cancels it and returns what run returned.
func runInBackground(t *testing.T, args ...string) (*bufio.Scanner, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, args, pw, io.Discard)
		pw.Close()
	}()
	return bufio.NewScanner(pr), func() error {
		t.Helper()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("run did not return after cancel")
			return nil
		}
	}
}

func TestRunServesUntilCancelled(t *testing.T) {
	t.Parallel()
	sc, stop := runInBackground(t, "-addr", "127.0.0.1:0", "-seed", "3", "-print-env")
	url := readBanner(t, sc)
	env := map[string]string{}
	for range 19 {
		if !sc.Scan() {
			t.Fatal("env lines missing")
		}
		name, value, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		if !ok || !strings.HasPrefix(sc.Text(), "export ") {
			t.Fatalf("env line %q", sc.Text())
		}
		env[name] = value
	}
	if env["AUTHRESS_API_URL"] != "'"+url+"'" || env["OS_AUTH_URL"] != "'"+url+"/v3'" || env["AWS_EC2_METADATA_DISABLED"] != "'true'" {
		t.Errorf("env = %v", env)
	}
	if code := getStatus(t, url+"/_emulator/state"); code != http.StatusOK {
		t.Errorf("state status %d", code)
	}
	if err := stop(); err != nil {
		t.Errorf("run returned %v", err)
	}
}

// -aws-accounts adds accounts whose keys -print-env prints after the others; -appfabric-deleting-reads
// sets the AppFabric setting.
func TestRunAccountsAndDeletingReads(t *testing.T) {
	t.Parallel()
	sc, stop := runInBackground(t, "-addr", "127.0.0.1:0", "-seed", "4", "-print-env", "-aws-accounts", "4", "-appfabric-deleting-reads", "2")
	url := readBanner(t, sc)
	env := map[string]string{}
	for range 19 + 3*3 {
		if !sc.Scan() {
			t.Fatal("env lines missing")
		}
		name, value, _ := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		env[name] = strings.Trim(value, "'")
	}
	accts := emulator.New(emulator.Options{Seed: 4, AWSAccounts: 4}).AWSAccounts()
	for i, a := range accts[1:] {
		n := strconv.Itoa(i + 2)
		if env["APPAUTH_EMULATOR_AWS_ACCESS_KEY_ID_"+n] != a.AccessKeyID || env["APPAUTH_EMULATOR_AWS_SECRET_ACCESS_KEY_"+n] != a.SecretAccessKey ||
			env["APPAUTH_EMULATOR_AWS_ACCOUNT_ID_"+n] != a.AccountID {
			t.Errorf("account %s: env %v", n, env)
		}
	}
	if env["AWS_ACCESS_KEY_ID"] != accts[0].AccessKeyID {
		t.Errorf("default account %q, want %q", env["AWS_ACCESS_KEY_ID"], accts[0].AccessKeyID)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url + "/_emulator/appfabric/settings")
	if err != nil {
		t.Fatal(err)
	}
	var settings struct {
		DeletingReads int `json:"deleting_reads"`
	}
	err = json.NewDecoder(resp.Body).Decode(&settings)
	resp.Body.Close()
	if err != nil || settings.DeletingReads != 2 {
		t.Errorf("settings: %+v, %v", settings, err)
	}
	if err := stop(); err != nil {
		t.Errorf("run returned %v", err)
	}
}

func TestBinaryListensPrintsEnvAndStopsOnSIGTERM(t *testing.T) {
	t.Parallel()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "appauth-emulator")
	build := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-seed", "7", "-print-env", "-fault-rate", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(stdout)
	url := readBanner(t, sc)
	var exports []string
	for range 19 {
		if !sc.Scan() {
			t.Fatalf("env lines missing; stderr: %s", stderr.String())
		}
		exports = append(exports, sc.Text())
	}
	if !strings.HasPrefix(exports[0], "export AWS_ACCESS_KEY_ID='AKIA") {
		t.Errorf("first export %q", exports[0])
	}
	if code := getStatus(t, url+"/_emulator/stats"); code != http.StatusOK {
		t.Errorf("stats status %d", code)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitErr := make(chan error, 1)
	go func() {
		_, _ = io.Copy(io.Discard, stdout)
		waitErr <- cmd.Wait()
	}()
	select {
	case err := <-waitErr:
		if err != nil {
			t.Errorf("exit: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("emulator did not exit after SIGTERM")
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestApplyQuotaOverride(t *testing.T) {
	t.Parallel()
	published := emulator.New(emulator.Options{}).Quotas()
	testCases := map[string]struct {
		spec string
		want func(core.QuotaConfig) bool
	}{
		"family rate and burst": {"appfabric=2/7", func(c core.QuotaConfig) bool {
			return *c.Families["appfabric"].All == core.Quota{Rate: 2, Burst: 7, Source: "-quota appfabric=2/7"}
		}},
		"burst defaults to a second's worth": {"quicksight=2.5", func(c core.QuotaConfig) bool {
			return c.Families["quicksight"].All.Rate == 2.5 && c.Families["quicksight"].All.Burst == 3
		}},
		"slow rate still allows one": {"sts=0.1", func(c core.QuotaConfig) bool { return c.Families["sts"].All.Burst == 1 }},
		"operation keeps the family's bucket": {"authress.CreateConnection=0.5/2", func(c core.QuotaConfig) bool {
			a := c.Families["authress"]
			return a.All.Rate == 10 && a.Operations["CreateConnection"].Rate == 0.5 && a.Operations["CreateConnection"].Burst == 2
		}},
		"new operation bucket": {"apig.CreateAuthorizingAppsV2=1", func(c core.QuotaConfig) bool {
			return c.Families["apig"].Operations["CreateAuthorizingAppsV2"].Burst == 1 && c.Families["apig"].All.Rate == 10
		}},
		"family off": {"sts=off", func(c core.QuotaConfig) bool { return c.Families["sts"].All == nil }},
		"operation off": {"authress.CreateConnection=off", func(c core.QuotaConfig) bool {
			_, has := c.Families["authress"].Operations["CreateConnection"]
			return !has && c.Families["authress"].All != nil
		}},
	}
	for name, tc := range testCases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := emulator.New(emulator.Options{}).Quotas()
			if err := applyQuotaOverride(&cfg, tc.spec); err != nil {
				t.Fatal(err)
			}
			if !tc.want(cfg) {
				t.Errorf("%s gave %+v", tc.spec, cfg.Families)
			}
			for family, fq := range published.Families {
				if !strings.HasPrefix(tc.spec, family) && !reflect.DeepEqual(cfg.Families[family], fq) {
					t.Errorf("%s changed %s: %+v", tc.spec, family, cfg.Families[family])
				}
			}
		})
	}
}

func TestRunTurnsQuotasOn(t *testing.T) {
	t.Parallel()
	sc, stop := runInBackground(t, "-addr", "127.0.0.1:0", "-quota", "authress.CreateConnection=0.5/2", "-quota", "sts=off")
	url := readBanner(t, sc)
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(url + "/_emulator/quotas")
	if err != nil {
		t.Fatal(err)
	}
	var cfg core.QuotaConfig
	err = json.NewDecoder(resp.Body).Decode(&cfg)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Enabled || cfg.Families["sts"].All != nil || cfg.Families["authress"].Operations["CreateConnection"].Burst != 2 ||
		cfg.Families["appfabric"].All == nil || cfg.Families["appfabric"].All.Rate != 5 {
		t.Errorf("quotas = %+v", cfg)
	}
	if err := stop(); err != nil {
		t.Errorf("run returned %v", err)
	}
}
