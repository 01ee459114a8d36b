package examplecheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	writeOnlyFromVariable = regexp.MustCompile(`(?m)^\s*\w+_wo\s*=\s*var\.(\w+)\s*$`)
	variableBlock         = regexp.MustCompile(`(?ms)^variable\s+"(\w+)"\s*\{(.*?)^\}`)
	ephemeralTrue         = regexp.MustCompile(`(?m)^\s*ephemeral\s*=\s*true\s*$`)
)

// A variable that feeds a write-only argument must be ephemeral: otherwise a saved plan (terraform
// plan -out) stores the secret the write-only argument keeps out of state.
func TestWriteOnlyVariablesAreEphemeral(t *testing.T) {
	t.Parallel()
	dirs := map[string]string{}
	err := filepath.WalkDir("../../examples", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		b, err := os.ReadFile(path)
		dirs[filepath.Dir(path)] += string(b) + "\n"
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for dir, content := range dirs {
		ephemeral := map[string]bool{}
		for _, m := range variableBlock.FindAllStringSubmatch(content, -1) {
			ephemeral[m[1]] = ephemeralTrue.MatchString(m[2])
		}
		for _, m := range writeOnlyFromVariable.FindAllStringSubmatch(content, -1) {
			checked++
			if !ephemeral[m[1]] {
				t.Errorf("%s: var.%s feeds a write-only argument but is not declared with ephemeral = true", dir, m[1])
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d write-only arguments fed from variables found; the check is looking in the wrong place", checked)
	}
}
