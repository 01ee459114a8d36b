// Package stateupgrade holds state upgraders for schema changes that only rename attributes. They
// rewrite the stored JSON, so they need no copy of the prior schema.
package stateupgrade

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Renames upgrades a state whose top-level attributes were renamed, old name to new name; every
// other attribute is kept as stored.
func Renames(renames map[string]string) resource.StateUpgrader {
	return resource.StateUpgrader{
		StateUpgrader: func(_ context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			if req.RawState == nil {
				resp.Diagnostics.AddError("Unable to upgrade the state", "The stored state is missing.")
				return
			}
			var state map[string]json.RawMessage
			if err := json.Unmarshal(req.RawState.JSON, &state); err != nil {
				resp.Diagnostics.AddError("Unable to upgrade the state", "The stored state is not a JSON object: "+err.Error())
				return
			}
			for from, to := range renames {
				if v, ok := state[from]; ok {
					state[to] = v
					delete(state, from)
				}
			}
			raw, err := json.Marshal(state)
			if err != nil {
				resp.Diagnostics.AddError("Unable to upgrade the state", err.Error())
				return
			}
			resp.DynamicValue = &tfprotov6.DynamicValue{JSON: raw}
		},
	}
}
