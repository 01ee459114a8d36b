// Command appauth-emulator serves the appauth emulator (AWS AppFabric,
// QuickSight, STS, Authress, APIG and its IAM) on a loopback address, for
// the demo and for users' own tests.
//
//	appauth-emulator [-addr 127.0.0.1:8787] [-seed N] [-fault-rate 0..1]
//	    [-fault-kinds 429,500,503,reset,commit_drop,latency] [-latency 5ms]
//	    [-quotas] [-quota NAME=RATE[/BURST]|NAME=off]...
//	    [-print-env] [-apig-fixtures] [-quicksight-polls N] [-allow-remote]
//	    [-aws-accounts N] [-appfabric-deleting-reads N]
//
// With -quotas each service throttles a caller (an AWS account and Region,
// an APIG project, an Authress account) beyond its request-rate quota, with
// the service's own throttling answer; -h lists the figures. Authress's are
// its knowledge base's; AWS, OTC and Huawei publish none for these APIs, so
// the others are conservative. -quota changes one bucket and implies
// -quotas: NAME is a service ("authress") or one of its operations
// ("authress.CreateConnection"), BURST defaults to one second's worth, and
// "off" removes the bucket. GET /_emulator/quotas shows the figures and their
// sources, PUT /_emulator/quotas changes them while the emulator runs.
//
// The emulator accepts -aws-accounts AWS accounts (3 by default): the default
// one (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, APPAUTH_AWS_ACCOUNT_ID) and
// others whose keys -print-env prints as APPAUTH_EMULATOR_AWS_ACCESS_KEY_ID_<n>,
// APPAUTH_EMULATOR_AWS_SECRET_ACCESS_KEY_<n> and APPAUTH_EMULATOR_AWS_ACCOUNT_ID_<n>
// (n from 2); POST /_emulator/sts/accounts {"count": N} adds more while it
// runs. AppFabric keeps each account's objects apart in each of its three
// Regions, and STS answers each key with its own account.
//
// -appfabric-deleting-reads N makes AppFabric eventually consistent: a deleted
// app authorization is still seen by N reads, and its bundle's delete answers
// 409 ConflictException meanwhile (PUT /_emulator/appfabric/settings
// {"deleting_reads": N} changes it while the emulator runs).
//
// The first line printed is "listening on http://HOST:PORT"; with -print-env
// "export NAME=value" lines follow, ready for eval. It serves until SIGINT or
// SIGTERM, then shuts down gracefully.
//
// Whatever -addr is, clients must address it by a loopback name (127.0.0.1,
// ::1 or localhost): any other Host header is answered 403, against DNS
// rebinding. With -allow-remote, reach it through a port forward.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"net"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/appfabric"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "appauth-emulator:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done and shuts down.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("appauth-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8787", "listen address (port 0 picks a free port)")
	seed := fs.Int64("seed", 1, "seed for generated ids, credentials and faults")
	faultRate := fs.Float64("fault-rate", 0, "probability (0..1) that a request gets a fault")
	faultKinds := fs.String("fault-kinds", "429,500,reset,commit_drop", "comma-separated fault kinds: 429,500,503,reset,commit_drop,latency")
	latency := fs.Duration("latency", 0, "delay added to every request, or the delay of a latency fault when -fault-kinds has latency")
	retryAfter := fs.Int("retry-after", 1, "Retry-After seconds sent with injected 429s")
	printEnv := fs.Bool("print-env", false, "print export lines for every variable the provider needs")
	apigFixtures := fs.Bool("apig-fixtures", false, "preload the APIG fixture instance, groups and APIs")
	qsPolls := fs.Int("quicksight-polls", 2, "describes a QuickSight create/update stays *_IN_PROGRESS")
	allowRemote := fs.Bool("allow-remote", false, "allow listening on a non-loopback address")
	awsAccounts := fs.Int("aws-accounts", 3, "AWS accounts accepted (the default one and others, whose keys -print-env prints as APPAUTH_EMULATOR_AWS_*_<n>)")
	deletingReads := fs.Int("appfabric-deleting-reads", 0, "reads that still see a deleted AppFabric app authorization (its bundle's delete answers 409 meanwhile); 0 deletes at once")
	quotasOn := fs.Bool("quotas", false, "throttle each service beyond its request-rate quota, in requests a second (burst): "+
		describeQuotas(emulator.New(emulator.Options{}).Quotas())+"; GET /_emulator/quotas gives the sources")
	var quotaOverrides []string
	fs.Func("quota", "change one request-rate bucket, repeatable: SERVICE=RATE[/BURST] or SERVICE.OPERATION=RATE[/BURST] (requests a second; burst defaults to one second's worth), or NAME=off to remove it; implies -quotas",
		func(v string) error {
			quotaOverrides = append(quotaOverrides, v)
			return nil
		})
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if !*allowRemote {
		if err := requireLoopback(*addr); err != nil {
			return err
		}
	}
	faults := core.FaultConfig{
		Rate:              *faultRate,
		LatencyMS:         int(*latency / time.Millisecond),
		RetryAfterSeconds: *retryAfter,
	}
	if *faultRate > 0 {
		for _, k := range strings.Split(*faultKinds, ",") {
			if k = strings.TrimSpace(k); k != "" {
				faults.Kinds = append(faults.Kinds, k)
			}
		}
	}
	if err := faults.Validate(); err != nil {
		return fmt.Errorf("invalid fault flags: %w", err)
	}
	if *qsPolls < 1 {
		return fmt.Errorf("-quicksight-polls must be at least 1")
	}
	if *awsAccounts < 1 || *awsAccounts > core.MaxAWSAccounts {
		return fmt.Errorf("-aws-accounts must be between 1 and %d", core.MaxAWSAccounts)
	}
	if *deletingReads < 0 {
		return fmt.Errorf("-appfabric-deleting-reads must be 0 or more")
	}

	srv := emulator.New(emulator.Options{
		Seed:            *seed,
		Faults:          faults,
		APIGFixtures:    *apigFixtures,
		QuickSightPolls: *qsPolls,
		AWSAccounts:     *awsAccounts,
	})
	af := appfabric.Of(srv)
	afSettings := af.Settings()
	afSettings.DeletingReads = *deletingReads
	af.SetSettings(afSettings)
	if *quotasOn || len(quotaOverrides) > 0 {
		cfg := srv.Quotas()
		cfg.Enabled = true
		for _, o := range quotaOverrides {
			if err := applyQuotaOverride(&cfg, o); err != nil {
				return fmt.Errorf("invalid -quota %q: %w", o, err)
			}
		}
		if err := srv.SetQuotas(cfg); err != nil {
			return fmt.Errorf("invalid -quota: %w", err)
		}
	}
	if err := srv.Start(*addr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "listening on %s\n", srv.URL())
	if *printEnv {
		for _, line := range srv.Env() {
			name, value, _ := strings.Cut(line, "=")
			fmt.Fprintf(stdout, "export %s=%s\n", name, shellQuote(value))
		}
	}

	<-ctx.Done()
	fmt.Fprintln(stderr, "shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// requireLoopback refuses addresses other programs on the network could reach:
// the emulator accepts fixed, published credentials.
func requireLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to listen on %q: not a loopback address (use 127.0.0.1, ::1 or localhost, or pass -allow-remote)", addr)
}

// describeQuotas lists each service's buckets: "authress 10/s (10),
// authress.CreateConnection 1/s (1), ...".
func describeQuotas(cfg core.QuotaConfig) string {
	var parts []string
	add := func(name string, q core.Quota) {
		parts = append(parts, fmt.Sprintf("%s %g/s (%d)", name, q.Rate, q.Burst))
	}
	for _, family := range slices.Sorted(maps.Keys(cfg.Families)) {
		fq := cfg.Families[family]
		if fq.All != nil {
			add(family, *fq.All)
		}
		for _, op := range slices.Sorted(maps.Keys(fq.Operations)) {
			add(family+"."+op, fq.Operations[op])
		}
	}
	return strings.Join(parts, ", ")
}

// applyQuotaOverride sets the bucket that spec ("authress=5/10",
// "authress.CreateConnection=0.5", "sts=off") names in cfg. Whether the
// operation exists and the figures are in range is SetQuotas's to say.
func applyQuotaOverride(cfg *core.QuotaConfig, spec string) error {
	name, value, ok := strings.Cut(spec, "=")
	if !ok || name == "" || value == "" {
		return fmt.Errorf("want SERVICE[.OPERATION]=RATE[/BURST] or SERVICE[.OPERATION]=off")
	}
	family, op, _ := strings.Cut(name, ".")
	fq, ok := cfg.Families[family]
	if !ok {
		return fmt.Errorf("unknown service %q (quotas apply to %s)", family, strings.Join(slices.Sorted(maps.Keys(cfg.Families)), ", "))
	}
	var q *core.Quota
	if value != "off" {
		rateText, burstText, hasBurst := strings.Cut(value, "/")
		rate, err := strconv.ParseFloat(rateText, 64)
		if err != nil {
			return fmt.Errorf("rate %q is not a number of requests a second", rateText)
		}
		burst := max(1, int(math.Ceil(rate)))
		if hasBurst {
			if burst, err = strconv.Atoi(burstText); err != nil {
				return fmt.Errorf("burst %q is not a whole number of requests", burstText)
			}
		}
		q = &core.Quota{Rate: rate, Burst: burst, Source: "-quota " + spec}
	}
	switch {
	case op == "":
		fq.All = q
	case q == nil:
		delete(fq.Operations, op)
	default:
		if fq.Operations == nil {
			fq.Operations = map[string]core.Quota{}
		}
		fq.Operations[op] = *q
	}
	cfg.Families[family] = fq
	return nil
}

// shellQuote single-quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
