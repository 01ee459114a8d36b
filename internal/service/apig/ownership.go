package apig

import "slices"

// Ownership of authorizations. A resource owns the authorizations it made itself, and no others:
//
//   - Before every write the resource reads the app's authorizations in the environment. An API
//     already authorized then, and not owned, was authorized by someone else: it is never sent, never
//     taken over and never revoked.
//   - Every other API of the write that the service reports authorized afterwards (SUCCESS, or
//     SKIPPED / "already exists" because an earlier attempt of the same write committed before its
//     answer was lost) was authorized by this write. Someone authorizing the same API outside
//     Terraform between the read and the write cannot be told apart from that; the window is one
//     request long and the provider serializes its own writes to the app and environment.

// ownedNow is what a resource owns of claimed: the APIs authorized now (in bound) that are not
// pending (an API whose authorization failed is recorded as pending, never as authorized).
func ownedNow(claimed, pending []string, bound map[string]AuthInfo) []string {
	var out []string
	for _, id := range claimed {
		if _, ok := bound[id]; ok && !slices.Contains(pending, id) {
			out = append(out, id)
		}
	}
	return out
}

// grantChanges is what a write must do to go from owned to want, given bound (every authorization
// of the app in the environment, read before the write).
type grantChanges struct {
	// remove are owned APIs no longer wanted.
	remove []string
	// add are wanted APIs to authorize.
	add []string
	// foreign are wanted APIs someone else has authorized: refused, never sent.
	foreign []string
}

func changesFor(owned, want []string, bound map[string]AuthInfo) grantChanges {
	var ch grantChanges
	for _, id := range owned {
		if !slices.Contains(want, id) {
			ch.remove = append(ch.remove, id)
		}
	}
	for _, id := range want {
		switch {
		case slices.Contains(owned, id):
		case hasKey(bound, id):
			ch.foreign = append(ch.foreign, id)
		default:
			ch.add = append(ch.add, id)
		}
	}
	return ch
}

func hasKey(m map[string]AuthInfo, k string) bool {
	_, ok := m[k]
	return ok
}

// splitResults separates the pairs an authorization made (SUCCESS or SKIPPED: the APIs sent were not
// authorized before the write, see above) from those the service refused.
func splitResults(rels []AuthRelation) (granted []string, refused []AuthRelation) {
	for _, rel := range rels {
		switch rel.AuthResult.Status {
		case AuthSuccess, AuthSkipped:
			granted = append(granted, rel.APIID)
		default:
			refused = append(refused, rel)
		}
	}
	return granted, refused
}

// boundAfter is the set of APIs authorized after a write: bound before it, less what it removed,
// plus what it granted.
func boundAfter(before map[string]AuthInfo, removed, granted []string) []string {
	out := slices.Clone(granted)
	for id := range before {
		if !slices.Contains(removed, id) {
			out = append(out, id)
		}
	}
	return out
}
