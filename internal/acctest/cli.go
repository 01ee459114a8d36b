package acctest

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// CLI runs the terraform binary itself, for tests that read its output or its files: in Dir, with
// exactly Env (point TF_CLI_CONFIG_FILE at DevOverridesConfig to use the provider under test).
type CLI struct {
	T   *testing.T
	Dir string
	Env []string
}

// Run runs terraform with args for at most three minutes and returns what it printed.
func (c *CLI) Run(args ...string) (stdout, stderr []byte, err error) {
	c.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "terraform", args...)
	cmd.Dir = c.Dir
	cmd.Env = c.Env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// Must runs terraform with args, fails the test when it fails, and returns its standard output.
func (c *CLI) Must(args ...string) []byte {
	c.T.Helper()
	stdout, stderr, err := c.Run(args...)
	if err != nil {
		c.T.Fatalf("terraform %s: %v\n%s\n%s", strings.Join(args, " "), err, stdout, stderr)
	}
	return stdout
}
