package emulator

import (
	"maps"
	"slices"
	"testing"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
)

func TestNewRegistersEveryService(t *testing.T) {
	t.Parallel()
	s := New(Options{Seed: 1, APIGFixtures: true})
	want := []string{"apig", "appfabric", "authress", "iam", "quicksight", "sts"}
	if got := slices.Sorted(maps.Keys(s.State())); !slices.Equal(got, want) {
		t.Errorf("families %v, want %v", got, want)
	}
	if env := s.Env(); !slices.Contains(env, "APPAUTH_APIG_INSTANCE_ID="+apig.FixtureInstanceID) {
		t.Errorf("Env with APIG fixtures lacks the instance id: %v", env)
	}
}
