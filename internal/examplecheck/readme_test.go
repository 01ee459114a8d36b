package examplecheck

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// section returns the text of the README section that starts with heading, up to the next heading
// of the same level.
func section(t *testing.T, doc, heading string) string {
	t.Helper()
	_, rest, ok := strings.Cut(doc, "\n"+heading+"\n")
	if !ok {
		t.Fatalf("the README has no %q section", heading)
	}
	if end := strings.Index(rest, "\n## "); end >= 0 {
		rest = rest[:end]
	}
	return rest
}

var goDirective = regexp.MustCompile(`(?m)^go (\d+\.\d+)`)

// The README asks for the Go version go.mod requires.
func TestReadmeNamesTheGoVersionOfGoMod(t *testing.T) {
	t.Parallel()
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := goDirective.FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	if want := "- Go " + string(m[1]) + " or later"; !strings.Contains(section(t, readme(t), "## Requirements"), want) {
		t.Errorf("the README's requirements do not say %q (go.mod: go %s)", want, m[1])
	}
}

var shellBlock = regexp.MustCompile("(?s)```shell\n(.*?)```")

// The README's emulator snippet works as written: run by bash where `make build` left its binaries
// and with the CLI configuration the README describes, it applies examples/demo against the emulator
// and stops it when done (bash's wait returns only once the emulator has exited).
func TestReadmeEmulatorSnippet(t *testing.T) {
	acctest.PreCheck(t)
	t.Parallel()
	blocks := shellBlock.FindAllStringSubmatch(section(t, readme(t), "## The emulator, for your own CI"), -1)
	i := slices.IndexFunc(blocks, func(b []string) bool { return strings.Contains(b[1], "-print-env") })
	if i < 0 {
		t.Fatal("the README's emulator section has no shell snippet that starts the emulator")
	}
	snippet := blocks[i][1]

	work := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(work, "bin", "appauth-emulator"), "./cmd/appauth-emulator")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the emulator: %v\n%s", err, out)
	}
	if err := os.CopyFS(filepath.Join(work, "examples", "demo"), os.DirFS("../../examples/demo")); err != nil {
		t.Fatal(err)
	}
	cliConfig := acctest.DevOverridesConfig(t, acctest.ProviderBinary(t))

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", snippet+"\nwait\n")
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	cmd.Stdin = strings.NewReader("yes\n")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("the snippet failed (%v):\n%s\n%s", err, snippet, out.String())
	}
	if !strings.Contains(out.String(), "Apply complete!") {
		t.Errorf("the snippet did not apply examples/demo:\n%s", out.String())
	}
}
