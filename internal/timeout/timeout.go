// Package timeout builds the `timeouts` block of every resource that waits, with the same
// descriptions: what each key bounds and its default.
package timeout

import (
	"context"
	"fmt"
	"time"

	actiontimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	actionschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Op is one operation a timeouts block bounds.
type Op struct {
	// Bounds says what the timeout bounds, e.g. "The connect request and the wait for `Connected`.".
	Bounds string
	// Default applies when the key is not set.
	Default time.Duration
}

// Ops are the operations a resource bounds; nil ones have no key.
type Ops struct {
	Create, Update, Delete *Op
}

// Block is the resource's `timeouts` block.
func (o Ops) Block(ctx context.Context) schema.Block {
	block, ok := timeouts.Block(ctx, timeouts.Opts{Create: o.Create != nil, Update: o.Update != nil, Delete: o.Delete != nil}).(schema.SingleNestedBlock)
	if !ok {
		panic("timeout: terraform-plugin-framework-timeouts no longer returns a SingleNestedBlock")
	}
	block.MarkdownDescription = blockDescription
	for key, op := range map[string]*Op{"create": o.Create, "update": o.Update, "delete": o.Delete} {
		if op == nil {
			continue
		}
		attr, ok := block.Attributes[key].(schema.StringAttribute)
		if !ok {
			panic("timeout: the " + key + " key is not a string attribute")
		}
		attr.MarkdownDescription = op.Bounds + " Default `" + Format(op.Default) + "`."
		block.Attributes[key] = attr
	}
	return block
}

const blockDescription = "How long operations may take, each as a duration such as `30s`, `10m` or `2h`; one that takes longer fails."

// ActionBlock is an action's `timeouts` block, described as a resource's: its one key, invoke, bounds
// what op says.
func ActionBlock(ctx context.Context, op Op) actionschema.Block {
	block, ok := actiontimeouts.BlockWithOpts(ctx, actiontimeouts.Opts{InvokeDescription: op.Bounds + " Default `" + Format(op.Default) + "`."}).(actionschema.SingleNestedBlock)
	if !ok {
		panic("timeout: terraform-plugin-framework-timeouts no longer returns a SingleNestedBlock for actions")
	}
	block.MarkdownDescription = blockDescription
	return block
}

// Format writes d as a timeouts value: whole hours, minutes or seconds ("2h", "30m", "45s").
func Format(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return d.String()
	}
}
