package apig

import (
	"fmt"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Fixtures (Options.APIGFixtures, the emulator's -apig-fixtures flag): one
// gateway instance in the credentials' project, with fixed ids so that
// configurations and documentation can name them:
//
//	instance  a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10  "appauth-demo-gateway"
//	env       DEFAULT_ENVIRONMENT_RELEASE_ID    "RELEASE" (every instance has it)
//	env       e1d2c3b4a5964f7e8d9c0b1a2f3e4d5c  "DEV"
//	group     0b7e5a1c2d3e4f5a6b7c8d9e0f1a2b3c  "orders"
//	api       11111111111141118111111111111111  "list_orders"    APP,  published in RELEASE and DEV
//	api       22222222222242228222222222222222  "get_order"      APP,  published in RELEASE and DEV
//	api       33333333333343338333333333333333  "create_order"   APP,  published in RELEASE
//	api       44444444444444448444444444444444  "cancel_order"   APP,  published in DEV
//	api       55555555555545558555555555555555  "order_health"   NONE, published in RELEASE (cannot be authorized)
//	api       66666666666646668666666666666666  "draft_refunds"  APP,  not published
//	app       aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa  "demo_app"
//	app       bbbbbbbbbbbb4bbb8bbbbbbbbbbbbbbb  "partner_app"
//
// No app is authorized for any API. Server.Env prints APPAUTH_APIG_INSTANCE_ID
// and TF_VAR_apig_instance_id with the instance id.
const (
	FixtureInstanceID = "a9f0c0ffee5e4f1d8a7b6c5d4e3f2a10"
	FixtureEnvID      = "e1d2c3b4a5964f7e8d9c0b1a2f3e4d5c"
	FixtureGroupID    = "0b7e5a1c2d3e4f5a6b7c8d9e0f1a2b3c"
	FixtureAppID      = "aaaaaaaaaaaa4aaa8aaaaaaaaaaaaaaa"
	FixturePartnerID  = "bbbbbbbbbbbb4bbb8bbbbbbbbbbbbbbb"
)

// FixtureAPIs maps the fixture APIs' names to their ids.
var FixtureAPIs = map[string]string{
	"list_orders":   "11111111111141118111111111111111",
	"get_order":     "22222222222242228222222222222222",
	"create_order":  "33333333333343338333333333333333",
	"cancel_order":  "44444444444444448444444444444444",
	"order_health":  "55555555555545558555555555555555",
	"draft_refunds": "66666666666646668666666666666666",
}

func (f *Emulator) loadFixtures() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.createInstance(FixtureInstanceID, "appauth-demo-gateway")
	inst := f.instances[FixtureInstanceID]
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("emulator: apig fixtures: %v", err))
		}
	}
	_, err := f.addEnv(inst, FixtureEnvID, "DEV", "Development environment")
	must(err)
	_, err = f.addGroup(inst, FixtureGroupID, "orders", "Order service")
	must(err)
	for _, a := range []struct {
		name, auth, method, uri string
		envs                    []string
	}{
		{"list_orders", "APP", "GET", "/orders", []string{DefaultEnvID, FixtureEnvID}},
		{"get_order", "APP", "GET", "/orders/{id}", []string{DefaultEnvID, FixtureEnvID}},
		{"create_order", "APP", "POST", "/orders", []string{DefaultEnvID}},
		{"cancel_order", "APP", "DELETE", "/orders/{id}", []string{FixtureEnvID}},
		{"order_health", "NONE", "GET", "/health", []string{DefaultEnvID}},
		{"draft_refunds", "APP", "POST", "/refunds", nil},
	} {
		_, _, _, err := f.addAPI(inst, apigAPI{
			ID: FixtureAPIs[a.name], Name: a.name, Type: 1, AuthType: a.auth, ReqProtocol: "HTTPS", ReqMethod: a.method,
			ReqURI: a.uri, BackendType: "MOCK", GroupID: FixtureGroupID,
		})
		must(err)
		for _, env := range a.envs {
			_, _, _, err := f.publish(inst, FixtureAPIs[a.name], env, true)
			must(err)
		}
	}
	_, _, err = f.addApp(inst, FixtureAppID, "demo_app", "Demo consumer", "", "")
	must(err)
	_, _, err = f.addApp(inst, FixturePartnerID, "partner_app", "Partner consumer", "", "")
	must(err)
}

// The methods below let tests build gateway content without going through
// the wire API. Each panics on an unknown instance or parent, which in a test
// is a bug in the test.

func (f *Emulator) mustInstance(id string) *apigInstance {
	inst, ok := f.instances[id]
	if !ok {
		panic(fmt.Sprintf("emulator: apig instance %s does not exist", id))
	}
	return inst
}

// CreateEnv adds an environment and returns its id.
func (f *Emulator) CreateEnv(instanceID, name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, err := f.addEnv(f.mustInstance(instanceID), "", name, "")
	if err != nil {
		panic(err)
	}
	return e.ID
}

// CreateApp adds an app and returns its id.
func (f *Emulator) CreateApp(instanceID, name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, _, err := f.addApp(f.mustInstance(instanceID), "", name, "", "", "")
	if err != nil {
		panic(err)
	}
	return a.ID
}

// CreateGroup adds an API group and returns its id.
func (f *Emulator) CreateGroup(instanceID, name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, err := f.addGroup(f.mustInstance(instanceID), "", name, "")
	if err != nil {
		panic(err)
	}
	return g.ID
}

// CreateAPI adds a public API with authType (APP, NONE, IAM, AUTHORIZER) to
// the group, publishes it in each env, and returns its id.
func (f *Emulator) CreateAPI(instanceID, groupID, name, authType string, envs ...string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.mustInstance(instanceID)
	a, _, _, err := f.addAPI(inst, apigAPI{
		Name: name, Type: 1, AuthType: authType, ReqProtocol: "HTTPS", ReqMethod: "GET", ReqURI: "/" + name, BackendType: "MOCK", GroupID: groupID,
	})
	if err != nil {
		panic(err)
	}
	for _, env := range envs {
		if _, _, _, err := f.publish(inst, a.ID, env, true); err != nil {
			panic(err)
		}
	}
	return a.ID
}

// Publish publishes an API in an environment, as its provider would.
func (f *Emulator) Publish(instanceID, apiID, envID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, _, _, err := f.publish(f.mustInstance(instanceID), apiID, envID, true); err != nil {
		panic(err)
	}
}

// Auth is one authorization record.
type Auth struct {
	ID, AppID, APIID, EnvID string
}

// Auths returns the authorization records of an instance in creation order.
func (f *Emulator) Auths(instanceID string) []Auth {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Auth
	for _, a := range sortedBySeq(f.mustInstance(instanceID).Auths, func(a *apigAuth) int64 { return a.Seq }) {
		out = append(out, Auth{ID: a.ID, AppID: a.AppID, APIID: a.APIID, EnvID: a.EnvID})
	}
	return out
}

// Authorize records an authorization as if another tool had made it and
// returns its id.
func (f *Emulator) Authorize(instanceID, appID, apiID, envID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.mustInstance(instanceID)
	if a := f.findAuth(inst, appID, apiID, envID); a != nil {
		return a.ID
	}
	a := &apigAuth{ID: f.newID(), AppID: appID, APIID: apiID, EnvID: envID, Time: f.s.Now(), Seq: f.next()}
	inst.Auths[a.ID] = a
	return a.ID
}

// Unauthorize removes the authorization of (app, api, env), as someone
// working outside Terraform would; it reports whether there was one.
func (f *Emulator) Unauthorize(instanceID, appID, apiID, envID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.mustInstance(instanceID)
	a := f.findAuth(inst, appID, apiID, envID)
	if a == nil {
		return false
	}
	delete(inst.Auths, a.ID)
	return true
}

// DeleteApp deletes an app and its authorizations.
func (f *Emulator) DeleteApp(instanceID, appID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.removeApp(f.mustInstance(instanceID), appID)
}

// DeleteInstance deletes a whole instance.
func (f *Emulator) DeleteInstance(instanceID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.instances[instanceID]
	delete(f.instances, instanceID)
	return ok
}

var (
	_ core.FaultWriter      = (*Emulator)(nil)
	_ core.EnvContributor   = (*Emulator)(nil)
	_ core.SensitiveFielder = (*Emulator)(nil)
	_ core.Refuser          = (*Emulator)(nil)
)
