// Command appauth-scenario generates large mixed configurations for the
// appauth provider and checks a running emulator against Terraform's state.
// scripts/chaos.sh and scripts/bench.sh use it.
//
//	appauth-scenario gen -emulator URL -out DIR -resources N [-families authress,appfabric,quicksight,apig]
//	appauth-scenario gen -builtin -out DIR -resources N
//	appauth-scenario check -emulator URL (-show FILE [-expected FILE] | -empty)
//	appauth-scenario stats -emulator URL -before FILE -resources N -label NAME
//
// gen writes DIR/main.tf and DIR/expected.json (resources and emulator
// objects per family); with APIG in the mix it first creates the apps to
// authorize (APPAUTH_APIG_INSTANCE_ID and the OS_* variables of
// appauth-emulator -print-env must be set); with AppFabric it asks the
// emulator for the AWS accounts its units spread over (AppFabric allows one
// app bundle and 50 app authorizations per account and Region). check exits 1 when a resource's
// object is missing, duplicated, orphaned or in a wrong state; -empty
// requires that the emulator holds no provider-created object. stats prints
// the requests served since the GET /_emulator/stats snapshot in FILE.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/scenario"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "appauth-scenario:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: appauth-scenario gen|check|stats [flags]")
	}
	fs := flag.NewFlagSet("appauth-scenario "+args[0], flag.ContinueOnError)
	emuURL := fs.String("emulator", "", "emulator base URL (http://127.0.0.1:PORT)")
	dir := fs.String("out", "", "gen: directory to write main.tf and expected.json into")
	resources := fs.Int("resources", 200, "gen: about how many resources; stats: resources the operation touched")
	families := fs.String("families", strings.Join(scenario.FamilyNames(), ","), "gen: comma-separated families to mix")
	builtin := fs.Bool("builtin", false, "gen: terraform_data resources instead (no provider)")
	show := fs.String("show", "", "check: file with `terraform show -json` output")
	expected := fs.String("expected", "", "check: expected.json written by gen")
	empty := fs.Bool("empty", false, "check: the emulator must hold no provider-created object")
	before := fs.String("before", "", "stats: GET /_emulator/stats snapshot taken before the operation")
	label := fs.String("label", "", "stats: name of the operation")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	emu := &scenario.Emulator{URL: strings.TrimRight(*emuURL, "/"), Client: &http.Client{Timeout: 30 * time.Second}}
	needEmulator := func() error {
		if !strings.HasPrefix(emu.URL, "http://127.0.0.1:") && !strings.HasPrefix(emu.URL, "http://localhost:") {
			return fmt.Errorf("-emulator must be a loopback URL (http://127.0.0.1:PORT), got %q", emu.URL)
		}
		return nil
	}
	switch args[0] {
	case "gen":
		if *dir == "" {
			return errors.New("gen: -out is required")
		}
		if *builtin {
			return writeBuiltin(*dir, *resources, out)
		}
		if err := needEmulator(); err != nil {
			return err
		}
		return generate(ctx, emu, *dir, *resources, strings.Split(*families, ","), out)
	case "check":
		if err := needEmulator(); err != nil {
			return err
		}
		return check(ctx, emu, *show, *expected, *empty, out)
	case "stats":
		if err := needEmulator(); err != nil {
			return err
		}
		return stats(ctx, emu, *before, *resources, *label, out)
	default:
		return fmt.Errorf("unknown command %q (gen, check, stats)", args[0])
	}
}

func writeBuiltin(dir string, n int, out io.Writer) error {
	var buf bytes.Buffer
	if err := scenario.GenerateBuiltin(&buf, n); err != nil {
		return err
	}
	if err := writeFile(dir, "main.tf", buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %d terraform_data resources in %s\n", n, dir)
	return nil
}

func generate(ctx context.Context, emu *scenario.Emulator, dir string, total int, names []string, out io.Writer) error {
	mix, err := scenario.SpreadMix(total, names)
	if err != nil {
		return err
	}
	var env scenario.Env
	if n := scenario.APIGAppsNeeded(mix); n > 0 {
		if env.APIGInstanceID, env.APIGAppIDs, err = emu.EnsureAPIGApps(ctx, n); err != nil {
			return err
		}
	}
	if mix["appfabric"] > 0 {
		// AppFabric's quotas hold per account and Region: the units spread over several.
		if env.AWSAccounts, err = emu.EnsureAWSAccounts(ctx, scenario.AWSAccountsNeeded(mix)); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	exp, err := scenario.Generate(&buf, mix, env)
	if err != nil {
		return err
	}
	raw, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(dir, "main.tf", buf.Bytes()); err != nil {
		return err
	}
	if err := writeFile(dir, "expected.json", raw); err != nil {
		return err
	}
	fmt.Fprintf(out, "generated %d resources (%s), expecting %d emulator objects\n",
		exp.TotalResources(), perFamily(exp.Resources), exp.TotalObjects())
	return nil
}

func check(ctx context.Context, emu *scenario.Emulator, showFile, expectedFile string, empty bool, out io.Writer) error {
	show := []byte(`{}`)
	if !empty {
		if showFile == "" {
			return errors.New("check: -show or -empty is required")
		}
		var err error
		if show, err = os.ReadFile(showFile); err != nil {
			return err
		}
	}
	state, err := emu.State(ctx)
	if err != nil {
		return err
	}
	rep, err := scenario.Check(show, state)
	if err != nil {
		return err
	}
	if expectedFile != "" {
		raw, err := os.ReadFile(expectedFile)
		if err != nil {
			return err
		}
		var exp scenario.Expected
		if err := json.Unmarshal(raw, &exp); err != nil {
			return fmt.Errorf("%s: %w", expectedFile, err)
		}
		rep.Compare(&exp)
	}
	if empty && len(rep.Resources) > 0 {
		rep.Problems = append(rep.Problems, "terraform state still has resources")
	}
	fmt.Fprintf(out, "%s (%s)\n", rep.Summary(), perFamily(rep.Objects))
	const maxLines = 20
	n := 0
	for _, l := range []struct {
		name  string
		items []string
	}{{"missing", rep.Missing}, {"duplicate", rep.Duplicates}, {"orphan", rep.Orphans}, {"problem", rep.Problems}} {
		for _, it := range l.items {
			if n++; n <= maxLines {
				fmt.Fprintf(out, "  %s: %s\n", l.name, it)
			}
		}
	}
	if n > maxLines {
		fmt.Fprintf(out, "  ... and %d more\n", n-maxLines)
	}
	if !rep.OK() {
		return errors.New("emulator state does not match terraform state")
	}
	return nil
}

func stats(ctx context.Context, emu *scenario.Emulator, beforeFile string, resources int, label string, out io.Writer) error {
	var before scenario.Stats
	if beforeFile != "" {
		raw, err := os.ReadFile(beforeFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &before); err != nil {
			return fmt.Errorf("%s: %w", beforeFile, err)
		}
	}
	now, err := emu.Stats(ctx)
	if err != nil {
		return err
	}
	total := now.Total - before.Total
	perRes := 0.0
	if resources > 0 {
		perRes = float64(total) / float64(resources)
	}
	var routes []string
	for _, r := range slices.Sorted(maps.Keys(now.ByRoute)) {
		if d := now.ByRoute[r] - before.ByRoute[r]; d > 0 {
			routes = append(routes, fmt.Sprintf("%s=%d", r, d))
		}
	}
	fmt.Fprintf(out, "%s: %d requests, %.2f per resource (%s)\n", label, total, perRes, strings.Join(routes, " "))
	return nil
}

func perFamily(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

func writeFile(dir, name string, b []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), b, 0o644)
}
