// Command appauth-emulator serves the appauth emulator (AWS AppFabric,
// QuickSight, STS, Authress, APIG and its IAM) on a loopback address, for
// the demo and for users' own tests.
//
//	appauth-emulator [-addr 127.0.0.1:8787] [-seed N] [-fault-rate 0..1]
//	    [-fault-kinds 429,500,503,reset,commit_drop,latency] [-latency 5ms]
//	    [-print-env] [-apig-fixtures] [-quicksight-polls N] [-allow-remote]
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
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
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

	srv := emulator.New(emulator.Options{
		Seed:            *seed,
		Faults:          faults,
		APIGFixtures:    *apigFixtures,
		QuickSightPolls: *qsPolls,
	})
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

// shellQuote single-quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
