package apig_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	emuapig "github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	emuiam "github.com/appauth/terraform-provider-appauth/internal/emulator/iam"
)

const authAddr = "appauth_apig_app_authorization.test"

var (
	inst        = emuapig.FixtureInstanceID
	app         = emuapig.FixtureAppID
	release     = emuapig.DefaultEnvID
	listOrders  = emuapig.FixtureAPIs["list_orders"]
	getOrder    = emuapig.FixtureAPIs["get_order"]
	createOrder = emuapig.FixtureAPIs["create_order"]
)

func startFixtures(t *testing.T, seed int64) (*core.Server, *emuapig.Emulator) {
	t.Helper()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: seed, APIGFixtures: true})
	return srv, emuapig.Of(srv)
}

// authConfig is one appauth_apig_app_authorization named name.
func authConfig(name, env, appID string, apis ...string) string {
	quoted := make([]string, len(apis))
	for i, a := range apis {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	return fmt.Sprintf(`
resource "appauth_apig_app_authorization" %[1]q {
  instance_id = %[2]q
  env_id      = %[3]q
  app_id      = %[4]q
  api_ids     = [%[5]s]
}
`, name, inst, env, appID, strings.Join(quoted, ", "))
}

// boundAPIs are the APIs the emulator has authorized for appID in env.
func boundAPIs(a *emuapig.Emulator, appID, env string) []string {
	var out []string
	for _, r := range a.Auths(inst) {
		if r.AppID == appID && r.EnvID == env {
			out = append(out, r.APIID)
		}
	}
	slices.Sort(out)
	return out
}

func expectBound(a *emuapig.Emulator, appID, env string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		slices.Sort(want)
		if got := boundAPIs(a, appID, env); !slices.Equal(got, want) {
			return fmt.Errorf("emulator has %v bound for app %s in %s, want %v", got, appID, env, want)
		}
		return nil
	}
}

func stringSetExact(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return knownvalue.SetExact(checks)
}

// sortedListExact expects exactly ids, in ascending order.
func sortedListExact(ids ...string) knownvalue.Check {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	checks := make([]knownvalue.Check, len(sorted))
	for i, id := range sorted {
		checks[i] = knownvalue.StringExact(id)
	}
	return knownvalue.ListExact(checks)
}

func TestAccAPIGAppAuthorization_basic(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 1)
	first := acctest.Config(srv, authConfig("test", release, app, listOrders, getOrder))
	second := acctest.Config(srv, authConfig("test", release, app, listOrders, createOrder))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release),
		Steps: []resource.TestStep{
			{
				Config: first,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("id"), knownvalue.StringExact(inst+"/"+release+"/"+app)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders, getOrder)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("bound_api_ids"), sortedListExact(listOrders, getOrder)),
				},
				Check: expectBound(a, app, release, listOrders, getOrder),
			},
			{
				Config: first,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      authAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    authAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				Config:          first,
			},
			{
				// get_order out, create_order in: an update in place, removal first.
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders, createOrder)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("bound_api_ids"), sortedListExact(listOrders, createOrder)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, listOrders, createOrder),
					removedBeforeAdded(srv),
				),
			},
		},
	})
}

// removedBeforeAdded checks, in the emulator's request log, that the last update cancelled before it
// authorized.
func removedBeforeAdded(srv *core.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		lastCancel, lastCreate := -1, -1
		for i, r := range srv.Requests() {
			switch r.Route {
			case "apig.CancelingAuthorizationV2":
				lastCancel = i
			case "apig.CreateAuthorizingAppsV2":
				lastCreate = i
			}
		}
		if lastCancel < 0 || lastCreate < lastCancel {
			return fmt.Errorf("the update did not remove before adding (last cancel #%d, last authorize #%d)", lastCancel, lastCreate)
		}
		return nil
	}
}

// Two resources own different APIs of one app in one environment; an API authorized outside
// Terraform shows in bound_api_ids and survives destroy.
func TestAccAPIGAppAuthorization_sharedApp(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 2)
	a.Authorize(inst, app, createOrder, release)
	config := acctest.Config(srv, authConfig("one", release, app, listOrders), authConfig("two", release, app, getOrder))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release, createOrder),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  expectBound(a, app, release, listOrders, getOrder, createOrder),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("appauth_apig_app_authorization.one", tfjsonpath.New("api_ids"), stringSetExact(listOrders)),
					statecheck.ExpectKnownValue("appauth_apig_app_authorization.two", tfjsonpath.New("api_ids"), stringSetExact(getOrder)),
					statecheck.ExpectKnownValue("appauth_apig_app_authorization.one", tfjsonpath.New("bound_api_ids"), sortedListExact(listOrders, getOrder, createOrder)),
				},
			},
			{
				// Dropping one resource leaves the other's binding alone.
				Config: acctest.Config(srv, authConfig("one", release, app, listOrders)),
				Check:  expectBound(a, app, release, listOrders, createOrder),
			},
		},
	})
}

// More than 500 bindings of the app: the resource's own APIs, authorized last, are on the second page
// of binded-apis, so a reader that stopped after one page would see them as drift.
func TestAccAPIGAppAuthorization_pagination(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 3)
	group := a.CreateGroup(inst, "bulk")
	for i := range 510 {
		a.Authorize(inst, app, a.CreateAPI(inst, group, fmt.Sprintf("bulk_%03d", i), "APP", release), release)
	}
	config := acctest.Config(srv, authConfig("test", release, app, listOrders, getOrder))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders, getOrder)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("bound_api_ids"), knownvalue.ListSizeExact(512)),
				},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if n := len(boundAPIs(a, app, release)); n != 510 {
		t.Errorf("%d bindings after destroy, want the 510 made outside Terraform", n)
	}
}

// A create in which APIG refuses some APIs keeps the others without tainting the resource: the apply
// warns instead of failing, and once the cause is fixed the next plan is an in-place update that sends
// only the missing APIs, revoking nothing. An update in which some APIs are refused fails and keeps
// what it authorized.
func TestAccAPIGAppAuthorization_partialFailure(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 4)
	health, draft := emuapig.FixtureAPIs["order_health"], emuapig.FixtureAPIs["draft_refunds"]
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release),
		Steps: []resource.TestStep{
			{
				// order_health does not use app authentication; draft_refunds is not published.
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders, health, draft)),
				// The refresh after the apply finds the two refused APIs missing.
				ExpectNonEmptyPlan: true,
				Check:              expectBound(a, app, release, listOrders),
			},
			{
				PreConfig: func() { a.Publish(inst, draft, release) },
				Config:    acctest.Config(srv, authConfig("test", release, app, listOrders, draft)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionUpdate),
						expectAPIIDsChange{authAddr, []string{listOrders}, []string{listOrders, draft}},
					},
				},
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, listOrders, draft),
					expectNothingRevoked(srv),
					expectLastAuthorizeSent(srv, draft),
				),
			},
			{
				// An update adding a good and a bad API keeps the good one.
				Config:      acctest.Config(srv, authConfig("test", release, app, listOrders, draft, getOrder, health)),
				ExpectError: regexp.MustCompile(`(?s)API ` + health + ` was not authorized.*APIG\.2011`),
			},
			{
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders, draft, getOrder)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(expectBound(a, app, release, listOrders, draft, getOrder), expectNothingRevoked(srv)),
			},
		},
	})
}

// A create in which APIG refuses every API fails and leaves nothing in state: the next plan is a
// create, not a replacement.
func TestAccAPIGAppAuthorization_allRefused(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 14)
	health := emuapig.FixtureAPIs["order_health"]
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release),
		Steps: []resource.TestStep{
			{
				Config:      acctest.Config(srv, authConfig("test", release, app, health)),
				ExpectError: regexp.MustCompile(`(?s)API ` + health + ` was not authorized.*APIG\.2011`),
			},
			{
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionCreate)},
				},
				Check: expectBound(a, app, release, listOrders),
			},
		},
	})
}

// An API authorized outside Terraform before the resource existed is never taken over: the create
// fails naming it, with the id that imports exactly it, and sends nothing. Without it the create
// succeeds, and destroying the resource leaves the other authorization alone. Importing the API by
// that id makes the resource own exactly it.
func TestAccAPIGAppAuthorization_foreignGrant(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 13)
	a.Authorize(inst, app, createOrder, release)
	importID := inst + "/" + release + "/" + app + "/" + createOrder
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release, createOrder),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders, createOrder)),
				ExpectError: regexp.MustCompile(`(?s)API ` + createOrder + ` is already authorized.*create_order.*` +
					`terraform\s+import\s+<resource\s+address>\s+` + importID),
			},
			{
				PreConfig: func() {
					if got := boundAPIs(a, app, release); !slices.Equal(got, []string{createOrder}) {
						t.Errorf("after the refused create the emulator has %v bound, want only create_order", got)
					}
					if n := srv.Stats().Route("apig.CreateAuthorizingAppsV2"); n != 0 {
						t.Errorf("the refused create sent %d authorizations", n)
					}
				},
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders)),
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("bound_api_ids"), sortedListExact(listOrders, createOrder)),
				},
			},
			{
				ResourceName:  authAddr,
				ImportState:   true,
				ImportStateId: importID,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["api_ids.#"] != "1" || states[0].Attributes["api_ids.0"] != createOrder ||
						states[0].Attributes["id"] != inst+"/"+release+"/"+app {
						return fmt.Errorf("imported %v, want exactly create_order", states)
					}
					return nil
				},
			},
		},
	})
}

// When the answer to an authorization is lost after the gateway committed it, the provider reads the
// app's authorizations back and takes the APIs as its own: nothing was authorized before it wrote,
// so they are its own attempt's. Destroying the resource revokes them.
func TestAccAPIGAppAuthorization_lostAnswer(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 15)
	srv.SetFaults(core.FaultConfig{Rate: 1, Kinds: []string{core.FaultCommitDrop}, Routes: []string{"apig.CreateAuthorizingAppsV2"}})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders, getOrder)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("api_ids"), stringSetExact(listOrders, getOrder)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, listOrders, getOrder),
					func(*terraform.State) error {
						if n := srv.Stats().Route("apig.CreateAuthorizingAppsV2"); n != 1 {
							return fmt.Errorf("%d authorizations sent, want 1 (its answer lost, then reconciled by reading)", n)
						}
						return nil
					},
				),
			},
		},
	})
}

// An app can be authorized for at most 1,000 APIs in total, in all environments together: with 999
// authorizations elsewhere, a resource of two APIs fails, saying so, and leaves nothing behind.
func TestAccAPIGAppAuthorization_appQuota(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 17)
	group := a.CreateGroup(inst, "elsewhere")
	for i := range 999 {
		a.Authorize(inst, app, a.CreateAPI(inst, group, fmt.Sprintf("elsewhere_%03d", i), "APP", emuapig.FixtureEnvID), emuapig.FixtureEnvID)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      acctest.Config(srv, authConfig("test", release, app, listOrders, getOrder)),
				ExpectError: regexp.MustCompile(`(?s)Could not authorize the app.*APIG\.3100.*at\s+most\s+1,000\s+APIs\s+in\s+total`),
			},
			{
				PreConfig: func() {
					if got := boundAPIs(a, app, release); len(got) != 0 {
						t.Errorf("the refused create left %v authorized", got)
					}
				},
				Config: acctest.Config(srv, authConfig("test", release, app, listOrders)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionCreate)},
				},
				Check: expectBound(a, app, release, listOrders),
			},
		},
	})
}

// expectAPIIDsChange is a plan check: the resource's api_ids go from before (in state) to after.
type expectAPIIDsChange struct {
	addr          string
	before, after []string
}

func (e expectAPIIDsChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	ids := func(v any) []string {
		m, _ := v.(map[string]any)
		list, _ := m["api_ids"].([]any)
		var out []string
		for _, x := range list {
			s, _ := x.(string)
			out = append(out, s)
		}
		slices.Sort(out)
		return out
	}
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != e.addr {
			continue
		}
		before, after := slices.Sorted(slices.Values(e.before)), slices.Sorted(slices.Values(e.after))
		if got := ids(rc.Change.Before); !slices.Equal(got, before) {
			resp.Error = fmt.Errorf("%s: api_ids before the change are %v, want %v", e.addr, got, before)
		} else if got := ids(rc.Change.After); !slices.Equal(got, after) {
			resp.Error = fmt.Errorf("%s: api_ids after the change are %v, want %v", e.addr, got, after)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", e.addr)
}

// expectNothingRevoked checks the emulator's request log: no authorization was cancelled.
func expectNothingRevoked(srv *core.Server) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range srv.Requests() {
			if r.Route == "apig.CancelingAuthorizationV2" {
				return fmt.Errorf("an authorization was revoked: %s %s", r.Method, r.Path)
			}
		}
		return nil
	}
}

// expectLastAuthorizeSent checks, in the emulator's request log, that the last authorization sent
// exactly apis.
func expectLastAuthorizeSent(srv *core.Server, apis ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var last *core.LoggedRequest
		for _, r := range srv.Requests() {
			if r.Route == "apig.CreateAuthorizingAppsV2" {
				last = &r
			}
		}
		if last == nil {
			return fmt.Errorf("no authorization was sent")
		}
		var body struct {
			APIIDs []string `json:"api_ids"`
		}
		if err := json.Unmarshal([]byte(last.Body), &body); err != nil {
			return fmt.Errorf("the last authorization's body %q: %w", last.Body, err)
		}
		slices.Sort(body.APIIDs)
		want := slices.Sorted(slices.Values(apis))
		if !slices.Equal(body.APIIDs, want) {
			return fmt.Errorf("the last authorization sent %v, want %v", body.APIIDs, want)
		}
		return nil
	}
}

// An API unbound behind Terraform's back is restored by the next apply; an app deleted behind its
// back removes the resource from state.
func TestAccAPIGAppAuthorization_drift(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 5)
	config := acctest.Config(srv, authConfig("test", release, app, listOrders, getOrder))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { a.Unauthorize(inst, app, getOrder, release) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionUpdate)},
				},
				Check: expectBound(a, app, release, listOrders, getOrder),
			},
			{
				PreConfig:          func() { a.DeleteApp(inst, app) },
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccAPIGAppAuthorization_replaceOnEnvChange(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 6)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if n := len(a.Auths(inst)); n != 0 {
				return fmt.Errorf("%d authorizations left", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: acctest.Config(srv, authConfig("test", release, app, listOrders))},
			{
				Config: acctest.Config(srv, authConfig("test", emuapig.FixtureEnvID, app, listOrders)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(authAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(authAddr, tfjsonpath.New("id"), knownvalue.StringExact(inst+"/"+emuapig.FixtureEnvID+"/"+app)),
				},
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release),
					expectBound(a, app, emuapig.FixtureEnvID, listOrders),
				),
			},
		},
	})
}

// The IAM token is revoked after two uses in every provider run: each apply meets a 401, fetches a
// new token once and carries on.
func TestAccAPIGAppAuthorization_expiredToken(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 7)
	emuiam.Of(srv).SetSettings(emuiam.Settings{RevokeAfterUses: 2})
	config := acctest.Config(srv, authConfig("test", release, app, listOrders), authConfig("partner", release, emuapig.FixturePartnerID, getOrder))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, listOrders),
					expectBound(a, emuapig.FixturePartnerID, release, getOrder),
					func(*terraform.State) error {
						if n := srv.Stats().Status("401"); n == 0 {
							return fmt.Errorf("no request met a revoked token")
						}
						return nil
					},
				),
			},
		},
	})
}

// Many resources write to one app at once in two environments while the emulator answers APIG.3500
// to overlapping writes: the provider serializes and retries, and the user sees no error.
func TestAccAPIGAppAuthorization_concurrent(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 8)
	group := a.CreateGroup(inst, "many")
	var configs []string
	var inRelease, inDev []string
	for i := range 16 {
		id := a.CreateAPI(inst, group, fmt.Sprintf("many_%02d", i), "APP", release, emuapig.FixtureEnvID)
		env := release
		if i%2 == 1 {
			env = emuapig.FixtureEnvID
			inDev = append(inDev, id)
		} else {
			inRelease = append(inRelease, id)
		}
		configs = append(configs, authConfig(fmt.Sprintf("r%02d", i), env, app, id))
	}
	a.SetSettings(emuapig.Settings{ConflictWindowMS: 30})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeTestCheckFunc(expectBound(a, app, release), expectBound(a, app, emuapig.FixtureEnvID)),
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, configs...),
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, inRelease...),
					expectBound(a, app, emuapig.FixtureEnvID, inDev...),
					func(*terraform.State) error {
						t.Logf("APIG.3500 answers retried: %d", srv.Stats().Status("500"))
						return nil
					},
				),
			},
		},
	})
}

// Invalid configurations fail at plan, naming the attribute, without a single API call.
func TestAccAPIGAppAuthorization_invalid(t *testing.T) {
	t.Parallel()
	srv, _ := startFixtures(t, 9)
	var tooMany []string
	for i := range 1001 {
		tooMany = append(tooMany, fmt.Sprintf("%032x", i))
	}
	hcl := func(instance, env, appID, apis string) string {
		return acctest.Config(srv, fmt.Sprintf(`
resource "appauth_apig_app_authorization" "test" {
  instance_id = %q
  env_id      = %q
  app_id      = %q
  api_ids     = %s
}`, instance, env, appID, apis))
	}
	steps := []resource.TestStep{}
	for _, tc := range []struct {
		config string
		want   string
	}{
		{hcl("NOT-HEX", release, app, `["`+listOrders+`"]`), `(?s)instance_id.*must be a gateway instance id`},
		{hcl(inst, "RELEASE", app, `["`+listOrders+`"]`), `(?s)env_id.*DEFAULT_ENVIRONMENT_RELEASE_ID`},
		{hcl(inst, release, strings.ToUpper(app), `["`+listOrders+`"]`), `(?s)app_id.*must be an app id`},
		{hcl(inst, release, app, `[]`), `(?s)api_ids.*at least 1`},
		{hcl(inst, release, app, `["list_orders"]`), `(?s)api_ids.*must be an API id`},
		{hcl(inst, release, app, `["`+strings.Join(tooMany, `","`)+`"]`), `(?s)api_ids.*at most 1000`},
	} {
		steps = append(steps, resource.TestStep{Config: tc.config, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)})
	}
	// No apig settings at all: the plan says where they go.
	steps = append(steps, resource.TestStep{
		Config:      `provider "appauth" {}` + authConfig("test", release, app, listOrders),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)APIG is not configured.*OS_APIG_ENDPOINT`),
	})
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}

// issueToken gets an IAM token from the emulator, as a user would with the OpenStack CLI.
func issueToken(t *testing.T, srv *core.Server) string {
	t.Helper()
	c := srv.Credentials()
	body := fmt.Sprintf(`{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":%q,"password":%q,"domain":{"name":%q}}}},"scope":{"project":{"name":%q}}}}`,
		c.APIGUser, c.APIGPassword, c.APIGDomain, c.APIGProject)
	resp, err := http.Post(srv.URL()+"/v3/auth/tokens", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("token: HTTP %d", resp.StatusCode)
	}
	return resp.Header.Get("X-Subject-Token")
}

// The other two ways to authenticate: AK/SK request signing, then a token given as is.
func TestAccAPIGAppAuthorization_akskAndToken(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 10)
	c := srv.Credentials()
	aksk := fmt.Sprintf(`
provider "appauth" {
  apig {
    endpoint   = %q
    project_id = %q
    access_key = %q
    secret_key = %q
  }
}`, srv.URL(), c.APIGProjectID, c.APIGAccessKey, c.APIGSecretKey)
	token := fmt.Sprintf(`
provider "appauth" {
  apig {
    endpoint   = %q
    project_id = %q
    token      = %q
  }
}`, srv.URL(), c.APIGProjectID, issueToken(t, srv))
	resources := authConfig("test", release, app, listOrders)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             expectBound(a, app, release),
		Steps: []resource.TestStep{
			{
				Config: aksk + resources,
				Check:  expectBound(a, app, release, listOrders),
			},
			{
				Config: token + resources,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if n := srv.Stats().Route("iam.KeystoneCreateUserTokenByPassword"); n != 1 {
						return fmt.Errorf("%d token requests, want only the test's own", n)
					}
					if n := srv.Stats().Status("401"); n != 0 {
						return fmt.Errorf("%d requests were rejected", n)
					}
					return nil
				},
			},
		},
	})
}

// Under injected faults (throttling, 5xx, dropped connections, and writes committed whose answer is
// lost) apply and destroy converge with no duplicate and no orphan.
func TestAccAPIGAppAuthorization_faults(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 12)
	srv.SetFaults(core.FaultConfig{
		Rate:   0.25,
		Kinds:  []string{core.Fault429, core.Fault500, core.Fault503, core.FaultReset, core.FaultCommitDrop},
		Routes: []string{"apig", "iam"},
	})
	config := acctest.Config(srv,
		authConfig("release", release, app, listOrders, getOrder, createOrder),
		authConfig("dev", emuapig.FixtureEnvID, app, listOrders, emuapig.FixtureAPIs["cancel_order"]),
		authConfig("partner", release, emuapig.FixturePartnerID, listOrders),
	)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(a.Auths(inst)); n != 0 {
				return fmt.Errorf("%d authorizations left after destroy", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					expectBound(a, app, release, listOrders, getOrder, createOrder),
					expectBound(a, app, emuapig.FixtureEnvID, listOrders, emuapig.FixtureAPIs["cancel_order"]),
					expectBound(a, emuapig.FixturePartnerID, release, listOrders),
					func(*terraform.State) error {
						if n := len(srv.Stats().Faults); n == 0 {
							return fmt.Errorf("no fault was injected")
						}
						return nil
					},
				),
			},
		},
	})
}
