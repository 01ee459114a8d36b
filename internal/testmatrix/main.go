// Command testmatrix reads `go test -json` output of the version-matrix legs: it prints a leg's
// counts, lists its failures, and fails when a test was skipped on every leg.
//
//	testmatrix summary LEG SECONDS FILE
//	testmatrix failures FILE
//	testmatrix unrun FILE [FILE]
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// event is one line of test2json output.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// outcome is the final action of each test ("pass", "fail" or "skip"), keyed by package and test name
// joined by a space (subtests carry a '/' in their name).
type outcome map[string]string

// results reads events and returns each test's outcome and, for failures, its output.
func results(r io.Reader) (outcome, map[string][]string, error) {
	out := outcome{}
	logs := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			// go test prints build failures as plain text lines.
			out["(build) "+strings.TrimSpace(sc.Text())] = "fail"
			continue
		}
		if e.Test == "" {
			if e.Action == "fail" {
				out[e.Package+" (package)"] = "fail"
			}
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "pass", "fail", "skip":
			out[key] = e.Action
		case "output":
			logs[key] = append(logs[key], e.Output)
		}
	}
	return out, logs, sc.Err()
}

func readFile(path string) (outcome, map[string][]string) {
	f, err := os.Open(path)
	if err != nil {
		fatal(err)
	}
	defer func() { _ = f.Close() }()
	out, logs, err := results(f)
	if err != nil {
		fatal(fmt.Errorf("%s: %w", path, err))
	}
	return out, logs
}

// counts tallies outcomes; top-level tests and subtests are counted apart.
func counts(out outcome) (top, sub map[string]int) {
	top, sub = map[string]int{}, map[string]int{}
	for key, action := range out {
		_, test, _ := strings.Cut(key, " ")
		if strings.Contains(test, "/") {
			sub[action]++
		} else {
			top[action]++
		}
	}
	return top, sub
}

// unrun lists the tests that every leg skipped.
func unrun(legs []outcome) []string {
	var never []string
	for key, action := range legs[0] {
		if action != "skip" {
			continue
		}
		skippedEverywhere := true
		for _, leg := range legs[1:] {
			if leg[key] != "skip" {
				skippedEverywhere = false
				break
			}
		}
		if skippedEverywhere {
			never = append(never, key)
		}
	}
	slices.Sort(never)
	return never
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "testmatrix:", err)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 3 {
		fatal(fmt.Errorf("usage: testmatrix summary LEG SECONDS FILE | failures FILE | unrun FILE [FILE]"))
	}
	switch os.Args[1] {
	case "summary":
		if len(os.Args) != 5 {
			fatal(fmt.Errorf("usage: testmatrix summary LEG SECONDS FILE"))
		}
		seconds, err := strconv.Atoi(os.Args[3])
		if err != nil {
			fatal(err)
		}
		out, _ := readFile(os.Args[4])
		top, sub := counts(out)
		fmt.Printf("%s: %d tests passed, %d failed, %d skipped (with subtests: %d passed, %d failed, %d skipped) in %ds\n",
			os.Args[2], top["pass"], top["fail"], top["skip"],
			top["pass"]+sub["pass"], top["fail"]+sub["fail"], top["skip"]+sub["skip"], seconds)
		if top["fail"]+sub["fail"] > 0 {
			os.Exit(1)
		}
	case "failures":
		out, logs := readFile(os.Args[2])
		for _, key := range sortedKeys(out) {
			if out[key] == "fail" {
				fmt.Printf("--- FAIL %s\n%s", key, strings.Join(logs[key], ""))
			}
		}
	case "unrun":
		legs := make([]outcome, 0, len(os.Args)-2)
		for _, path := range os.Args[2:] {
			out, _ := readFile(path)
			legs = append(legs, out)
		}
		never := unrun(legs)
		for _, key := range never {
			fmt.Println("skipped on every leg:", key)
		}
		if len(never) > 0 {
			fatal(fmt.Errorf("%d tests were skipped on every leg of the matrix; each must run on at least one CLI", len(never)))
		}
		fmt.Printf("every test ran on at least one of %d legs\n", len(legs))
	default:
		fatal(fmt.Errorf("unknown command %q", os.Args[1]))
	}
}

func sortedKeys(m outcome) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
