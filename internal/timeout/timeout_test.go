package timeout

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

func TestBlock(t *testing.T) {
	t.Parallel()
	ops := Ops{
		Create: &Op{Bounds: "The create and the wait for it.", Default: 20 * time.Minute},
		Delete: &Op{Bounds: "The delete.", Default: 90 * time.Second},
	}
	block, ok := ops.Block(context.Background()).(schema.SingleNestedBlock)
	if !ok {
		t.Fatal("not a single nested block")
	}
	if !strings.Contains(block.MarkdownDescription, "duration such as") {
		t.Errorf("block description %q", block.MarkdownDescription)
	}
	want := map[string]string{"create": "The create and the wait for it. Default `20m`.", "delete": "The delete. Default `1m30s`."}
	if len(block.Attributes) != len(want) {
		t.Fatalf("keys %v, want %v", block.Attributes, want)
	}
	for key, desc := range want {
		if got := block.Attributes[key].GetMarkdownDescription(); got != desc {
			t.Errorf("%s: %q, want %q", key, got, desc)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{30 * time.Minute: "30m", 2 * time.Hour: "2h", 45 * time.Second: "45s", 90 * time.Minute: "90m"} {
		if got := Format(d); got != want {
			t.Errorf("Format(%s) = %q, want %q", d, got, want)
		}
	}
}
