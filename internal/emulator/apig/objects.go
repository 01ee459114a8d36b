package apig

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Environments, apps, API groups, APIs and publication: just enough of the
// gateway for app authorizations to reference real objects.

type envJSON struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Remark     string `json:"remark"`
	CreateTime string `json:"create_time"`
}

func envOut(e *apigEnv) envJSON {
	return envJSON{ID: e.ID, Name: e.Name, Remark: e.Remark, CreateTime: e.CreateTime.Format(apigTime)}
}

// namedInput is the body of an environment or group create or update.
type namedInput struct {
	Name   string `json:"name"`
	Remark string `json:"remark"`
}

// namedInput decodes the body and checks the name against rule; on failure the 400 is written.
func (f *Emulator) namedInput(c *apigCall, rule *regexp.Regexp) (namedInput, bool) {
	var in namedInput
	if !f.decodeBody(c, &in) {
		return in, false
	}
	switch {
	case !rule.MatchString(in.Name):
		f.badParam(c.w, "name")
	case !validRemark(in.Remark):
		f.badParam(c.w, "remark")
	default:
		return in, true
	}
	return in, false
}

// listFilter matches items against the filters in a list route's query; a filter left out of the
// query matches every item.
type listFilter struct {
	q       url.Values
	precise []string // the parameters named by precise_search
}

func newListFilter(q url.Values) listFilter {
	return listFilter{q: q, precise: strings.Split(q.Get("precise_search"), ",")}
}

// is matches the parameter exactly.
func (l listFilter) is(param, value string) bool {
	v := l.q.Get(param)
	return v == "" || v == value
}

// has matches the parameter as a substring of value.
func (l listFilter) has(param, value string) bool {
	v := l.q.Get(param)
	return v == "" || strings.Contains(value, v)
}

// named matches the parameter as a substring of value, or exactly when precise_search names it.
func (l listFilter) named(param, value string) bool {
	if slices.Contains(l.precise, param) {
		return l.is(param, value)
	}
	return l.has(param, value)
}

// untagged matches an object without tags against the tags filter: the parameter may be repeated
// (the values are alternatives) and "#no_tags#" asks for objects without tags. No emulated object
// has tags.
func (l listFilter) untagged() bool {
	tags := slices.DeleteFunc(slices.Clone(l.q["tags"]), func(v string) bool { return v == "" })
	return len(tags) == 0 || slices.Contains(tags, "#no_tags#")
}

// badEnum reports the first of params whose value is set but not one of allowed[param]; the list
// routes answer it with APIG.2011 as the create routes do.
func (l listFilter) badEnum(allowed map[string][]string) (string, bool) {
	for _, param := range slices.Sorted(maps.Keys(allowed)) {
		if v := l.q.Get(param); v != "" && !slices.Contains(allowed[param], v) {
			return param, true
		}
	}
	return "", false
}

// listPage answers a list route of an instance: list builds every matching item, and the page asked
// for by offset and limit is written as {"total", "size", key}. Filters with a fixed set of values
// (enums) are checked first: a value outside the set is a 400.
func listPage[T any](f *Emulator, c *apigCall, key string, enums map[string][]string, list func(*apigInstance) []T) {
	offset, limit, ok := f.page(c)
	if !ok {
		return
	}
	if param, bad := newListFilter(c.r.URL.Query()).badEnum(enums); bad {
		f.badParam(c.w, param)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	all := list(inst)
	items := core.OffsetPage(all, offset, limit)
	f.writeJSON(c.w, http.StatusOK, map[string]any{"total": len(all), "size": len(items), key: items})
}

func (f *Emulator) createEnv(c *apigCall) {
	in, ok := f.namedInput(c, envNameRule)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	e, err := f.addEnv(inst, "", in.Name, in.Remark)
	if err != nil {
		f.writeError(c.w, http.StatusBadRequest, "APIG.3205", err.Error())
		return
	}
	f.writeJSON(c.w, http.StatusCreated, envOut(e))
}

// envNameConflict returns the error when an environment other than except already has the name
// (compared without case); except is "" for a new environment.
func envNameConflict(inst *apigInstance, except, name string) error {
	for _, e := range inst.Envs {
		if e.ID != except && strings.EqualFold(e.Name, name) {
			return fmt.Errorf("The environment name already exists,name:%s", name)
		}
	}
	return nil
}

func (f *Emulator) addEnv(inst *apigInstance, id, name, remark string) (*apigEnv, error) {
	if err := envNameConflict(inst, "", name); err != nil {
		return nil, err
	}
	if id == "" {
		id = f.newID()
	}
	e := &apigEnv{ID: id, Name: name, Remark: remark, CreateTime: f.s.Now(), Seq: f.next()}
	inst.Envs[e.ID] = e
	return e, nil
}

func (f *Emulator) listEnvs(c *apigCall) {
	listPage(f, c, "envs", nil, func(inst *apigInstance) []envJSON {
		filter := newListFilter(c.r.URL.Query())
		var all []envJSON
		for _, e := range sortedBySeq(inst.Envs, func(e *apigEnv) int64 { return e.Seq }) {
			if filter.has("name", e.Name) {
				all = append(all, envOut(e))
			}
		}
		return all
	})
}

func (f *Emulator) updateEnv(c *apigCall) {
	in, ok := f.namedInput(c, envNameRule)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("env_id")
	e, ok := inst.Envs[id]
	if !ok || id == DefaultEnvID {
		f.writeError(c.w, http.StatusNotFound, "APIG.3003", fmt.Sprintf("Environment %s does not exist", id))
		return
	}
	if err := envNameConflict(inst, id, in.Name); err != nil {
		f.writeError(c.w, http.StatusBadRequest, "APIG.3205", err.Error())
		return
	}
	e.Name, e.Remark = in.Name, in.Remark
	f.writeJSON(c.w, http.StatusOK, envOut(e))
}

func (f *Emulator) deleteEnv(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("env_id")
	if _, ok := inst.Envs[id]; !ok || id == DefaultEnvID {
		f.writeError(c.w, http.StatusNotFound, "APIG.3003", fmt.Sprintf("Environment %s does not exist", id))
		return
	}
	for _, p := range inst.Pubs {
		if p.EnvID == id {
			f.writeError(c.w, http.StatusForbidden, "APIG.3418", "The environment contains published APIs and cannot be deleted")
			return
		}
	}
	delete(inst.Envs, id)
	c.w.WriteHeader(http.StatusNoContent)
}

type appJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Remark       string `json:"remark"`
	Creator      string `json:"creator"`
	UpdateTime   string `json:"update_time"`
	AppKey       string `json:"app_key"`
	AppSecret    string `json:"app_secret"`
	RegisterTime string `json:"register_time"`
	Status       int    `json:"status"`
	AppType      string `json:"app_type"`
	BindNum      *int   `json:"bind_num,omitempty"`
}

func appOut(a *apigApp) appJSON {
	return appJSON{
		ID: a.ID, Name: a.Name, Remark: a.Remark, Creator: "USER", UpdateTime: a.UpdateTime.Format(apigTime),
		AppKey: a.AppKey, AppSecret: a.AppSecret, RegisterTime: a.RegisterTime.Format(apigTime), Status: 1, AppType: "apig",
	}
}

// appInput is the body of an app create or update, validated; on failure the 400 is written.
type appInput struct {
	Name      string `json:"name"`
	Remark    string `json:"remark"`
	AppKey    string `json:"app_key"`
	AppSecret string `json:"app_secret"`
}

func (f *Emulator) appInput(c *apigCall) (appInput, bool) {
	var in appInput
	if !f.decodeBody(c, &in) {
		return in, false
	}
	switch {
	case !appNameRule.MatchString(in.Name):
		f.badParam(c.w, "name")
	case !validRemark(in.Remark):
		f.badParam(c.w, "remark")
	case in.AppKey != "" && !appKeyRule.MatchString(in.AppKey):
		f.badParam(c.w, "app_key")
	case in.AppSecret != "" && !appSecretRule.MatchString(in.AppSecret):
		f.badParam(c.w, "app_secret")
	default:
		return in, true
	}
	return in, false
}

func (f *Emulator) createApp(c *apigCall) {
	in, ok := f.appInput(c)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	a, code, err := f.addApp(inst, "", in.Name, in.Remark, in.AppKey, in.AppSecret)
	if err != nil {
		f.writeError(c.w, http.StatusBadRequest, code, err.Error())
		return
	}
	f.writeJSON(c.w, http.StatusCreated, appOut(a))
}

// appConflict returns the error code and error when an app other than except already has the name or,
// when key is set, the AppKey; except is "" for a new app.
func appConflict(inst *apigInstance, except, name, key string) (string, error) {
	for _, a := range inst.Apps {
		switch {
		case a.ID == except:
		case a.Name == name:
			return "APIG.3203", fmt.Errorf("The app name already exists,name:%s", name)
		case key != "" && a.AppKey == key:
			return "APIG.3310", errors.New("The AppKey already exists")
		}
	}
	return "", nil
}

func (f *Emulator) addApp(inst *apigInstance, id, name, remark, key, secret string) (*apigApp, string, error) {
	if code, err := appConflict(inst, "", name, key); err != nil {
		return nil, code, err
	}
	if key == "" {
		key = f.s.RandomHex(32)
	}
	if secret == "" {
		secret = f.s.RandomHex(32)
	}
	now := f.s.Now()
	if id == "" {
		id = f.newID()
	}
	a := &apigApp{ID: id, Name: name, Remark: remark, AppKey: key, AppSecret: secret, RegisterTime: now, UpdateTime: now, Seq: f.next()}
	inst.Apps[a.ID] = a
	return a, "", nil
}

func (f *Emulator) listApps(c *apigCall) {
	// Every emulated app is valid (status 1) and made by its user (creator USER).
	listPage(f, c, "apps", map[string][]string{"status": {"1"}, "creator": {"USER", "MARKET"}}, func(inst *apigInstance) []appJSON {
		filter := newListFilter(c.r.URL.Query())
		var all []appJSON
		for _, a := range sortedBySeq(inst.Apps, func(a *apigApp) int64 { return a.Seq }) {
			if !filter.is("id", a.ID) || !filter.is("app_key", a.AppKey) || !filter.named("name", a.Name) ||
				!filter.is("status", "1") || !filter.is("creator", "USER") {
				continue
			}
			out := appOut(a)
			n := f.authCount(inst, a.ID)
			out.BindNum = &n
			all = append(all, out)
		}
		return all
	})
}

func (f *Emulator) showApp(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	a, ok := inst.Apps[c.r.PathValue("app_id")]
	if !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3004", fmt.Sprintf("App %s does not exist", c.r.PathValue("app_id")))
		return
	}
	f.writeJSON(c.w, http.StatusOK, appOut(a))
}

func (f *Emulator) updateApp(c *apigCall) {
	in, ok := f.appInput(c)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("app_id")
	a, ok := inst.Apps[id]
	if !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3004", fmt.Sprintf("App %s does not exist", id))
		return
	}
	if code, err := appConflict(inst, id, in.Name, in.AppKey); err != nil {
		f.writeError(c.w, http.StatusBadRequest, code, err.Error())
		return
	}
	a.Name, a.Remark, a.UpdateTime = in.Name, in.Remark, f.s.Now()
	if in.AppKey != "" {
		a.AppKey = in.AppKey
	}
	if in.AppSecret != "" {
		a.AppSecret = in.AppSecret
	}
	f.writeJSON(c.w, http.StatusOK, appOut(a))
}

func (f *Emulator) deleteApp(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("app_id")
	if !f.removeApp(inst, id) {
		f.writeError(c.w, http.StatusNotFound, "APIG.3004", fmt.Sprintf("App %s does not exist", id))
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// removeApp deletes an app and, with it, its authorization records.
func (f *Emulator) removeApp(inst *apigInstance, id string) bool {
	if _, ok := inst.Apps[id]; !ok {
		return false
	}
	delete(inst.Apps, id)
	for k, au := range inst.Auths {
		if au.AppID == id {
			delete(inst.Auths, k)
		}
	}
	return true
}

type groupJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Status       int    `json:"status"`
	SLDomain     string `json:"sl_domain"`
	RegisterTime string `json:"register_time"`
	UpdateTime   string `json:"update_time"`
	OnSellStatus int    `json:"on_sell_status"`
	Remark       string `json:"remark"`
	IsDefault    int    `json:"is_default"`
}

func groupOut(g *apigGroup) groupJSON {
	return groupJSON{
		ID: g.ID, Name: g.Name, Status: 1, SLDomain: g.ID + ".apic.eu-de.otc.t-systems.com",
		RegisterTime: g.RegisterTime.Format(apigTime), UpdateTime: g.RegisterTime.Format(apigTime), OnSellStatus: 2, Remark: g.Remark, IsDefault: 2,
	}
}

func (f *Emulator) createGroup(c *apigCall) {
	in, ok := f.namedInput(c, apiNameRule)
	if !ok {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	g, err := f.addGroup(inst, "", in.Name, in.Remark)
	if err != nil {
		f.writeError(c.w, http.StatusBadRequest, "APIG.3201", err.Error())
		return
	}
	f.writeJSON(c.w, http.StatusCreated, groupOut(g))
}

func (f *Emulator) addGroup(inst *apigInstance, id, name, remark string) (*apigGroup, error) {
	for _, g := range inst.Groups {
		if g.Name == name {
			return nil, fmt.Errorf("The API group name already exists,name:%s", name)
		}
	}
	if id == "" {
		id = f.newID()
	}
	g := &apigGroup{ID: id, Name: name, Remark: remark, RegisterTime: f.s.Now(), Seq: f.next()}
	inst.Groups[g.ID] = g
	return g, nil
}

func (f *Emulator) listGroups(c *apigCall) {
	listPage(f, c, "groups", nil, func(inst *apigInstance) []groupJSON {
		filter := newListFilter(c.r.URL.Query())
		var all []groupJSON
		for _, g := range sortedBySeq(inst.Groups, func(g *apigGroup) int64 { return g.Seq }) {
			if filter.is("id", g.ID) && filter.named("name", g.Name) {
				all = append(all, groupOut(g))
			}
		}
		return all
	})
}

func (f *Emulator) showGroup(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	g, ok := inst.Groups[c.r.PathValue("group_id")]
	if !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3001", fmt.Sprintf("API group %s does not exist", c.r.PathValue("group_id")))
		return
	}
	f.writeJSON(c.w, http.StatusOK, groupOut(g))
}

func (f *Emulator) deleteGroup(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("group_id")
	if _, ok := inst.Groups[id]; !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3001", fmt.Sprintf("API group %s does not exist", id))
		return
	}
	for _, a := range inst.APIs {
		if a.GroupID == id && len(f.pubsOf(inst, a.ID)) > 0 {
			f.writeError(c.w, http.StatusForbidden, "APIG.3410", "The API group contains published APIs and cannot be deleted")
			return
		}
	}
	for k, a := range inst.APIs {
		if a.GroupID != id {
			continue
		}
		delete(inst.APIs, k)
		for ak, au := range inst.Auths {
			if au.APIID == k {
				delete(inst.Auths, ak)
			}
		}
	}
	delete(inst.Groups, id)
	c.w.WriteHeader(http.StatusNoContent)
}

type apiJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Type         int    `json:"type"`
	Version      string `json:"version"`
	ReqProtocol  string `json:"req_protocol"`
	ReqMethod    string `json:"req_method"`
	ReqURI       string `json:"req_uri"`
	AuthType     string `json:"auth_type"`
	MatchMode    string `json:"match_mode"`
	BackendType  string `json:"backend_type"`
	Remark       string `json:"remark"`
	GroupID      string `json:"group_id"`
	GroupName    string `json:"group_name"`
	Status       int    `json:"status"`
	RegisterTime string `json:"register_time"`
	UpdateTime   string `json:"update_time"`
	RunEnvID     string `json:"run_env_id"`
	RunEnvName   string `json:"run_env_name"`
	PublishID    string `json:"publish_id"`
	PublishTime  string `json:"publish_time,omitempty"`
}

// apiOut renders an API with the publication records it has (all of them, or
// only the one in env when env is not empty), joined by '|' as the service does.
func (f *Emulator) apiOut(inst *apigInstance, a *apigAPI, env string) apiJSON {
	out := apiJSON{
		ID: a.ID, Name: a.Name, Type: a.Type, ReqProtocol: a.ReqProtocol, ReqMethod: a.ReqMethod, ReqURI: a.ReqURI,
		AuthType: a.AuthType, MatchMode: "NORMAL", BackendType: a.BackendType, Remark: a.Remark, GroupID: a.GroupID, Status: 1,
		RegisterTime: a.RegisterTime.Format(apigTime), UpdateTime: a.RegisterTime.Format(apigTime),
	}
	if g, ok := inst.Groups[a.GroupID]; ok {
		out.GroupName = g.Name
	}
	var ids, names, pubs []string
	for _, p := range f.pubsOf(inst, a.ID) {
		if env != "" && p.EnvID != env {
			continue
		}
		ids = append(ids, p.EnvID)
		names = append(names, inst.Envs[p.EnvID].Name)
		pubs = append(pubs, p.ID)
		out.PublishTime = p.Time.Format(apigTime)
	}
	out.RunEnvID, out.RunEnvName, out.PublishID = strings.Join(ids, "|"), strings.Join(names, "|"), strings.Join(pubs, "|")
	return out
}

func (f *Emulator) pubsOf(inst *apigInstance, apiID string) []*apigPub {
	var out []*apigPub
	for _, p := range sortedBySeq(inst.Pubs, func(p *apigPub) int64 { return p.Seq }) {
		if p.APIID == apiID {
			out = append(out, p)
		}
	}
	return out
}

var (
	apigAuthTypes    = []string{"NONE", "APP", "IAM", "AUTHORIZER"}
	apigBackendTypes = []string{"HTTP", "FUNCTION", "MOCK", "GRPC"}
	apigProtocols    = []string{"HTTP", "HTTPS", "BOTH", "GRPCS"}
	apigMethods      = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY"}
)

func (f *Emulator) createAPI(c *apigCall) {
	var in struct {
		Name        string `json:"name"`
		Type        int    `json:"type"`
		ReqProtocol string `json:"req_protocol"`
		ReqMethod   string `json:"req_method"`
		ReqURI      string `json:"req_uri"`
		AuthType    string `json:"auth_type"`
		BackendType string `json:"backend_type"`
		GroupID     string `json:"group_id"`
		Remark      string `json:"remark"`
	}
	if !f.decodeBody(c, &in) {
		return
	}
	switch {
	case !apiNameRule.MatchString(in.Name):
		f.badParam(c.w, "name")
		return
	case !validRemark(in.Remark):
		f.badParam(c.w, "remark")
		return
	case in.Type != 1 && in.Type != 2:
		f.badParam(c.w, "type")
		return
	case !slices.Contains(apigProtocols, in.ReqProtocol):
		f.badParam(c.w, "req_protocol")
		return
	case !slices.Contains(apigMethods, in.ReqMethod):
		f.badParam(c.w, "req_method")
		return
	case !strings.HasPrefix(in.ReqURI, "/"):
		f.badParam(c.w, "req_uri")
		return
	case !slices.Contains(apigAuthTypes, in.AuthType):
		f.badParam(c.w, "auth_type")
		return
	case !slices.Contains(apigBackendTypes, in.BackendType):
		f.badParam(c.w, "backend_type")
		return
	case in.GroupID == "":
		f.badParam(c.w, "group_id")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	a, status, code, err := f.addAPI(inst, apigAPI{
		Name: in.Name, Type: in.Type, ReqProtocol: in.ReqProtocol, ReqMethod: in.ReqMethod, ReqURI: in.ReqURI,
		AuthType: in.AuthType, BackendType: in.BackendType, GroupID: in.GroupID, Remark: in.Remark,
	})
	if err != nil {
		f.writeError(c.w, status, code, err.Error())
		return
	}
	f.writeJSON(c.w, http.StatusCreated, f.apiOut(inst, a, ""))
}

func (f *Emulator) addAPI(inst *apigInstance, a apigAPI) (*apigAPI, int, string, error) {
	if _, ok := inst.Groups[a.GroupID]; !ok {
		return nil, http.StatusNotFound, "APIG.3001", fmt.Errorf("API group %s does not exist", a.GroupID)
	}
	for _, x := range inst.APIs {
		if x.GroupID == a.GroupID && x.Name == a.Name {
			return nil, http.StatusBadRequest, "APIG.3202", fmt.Errorf("The API name already exists,name:%s", a.Name)
		}
	}
	if a.ID == "" {
		a.ID = f.newID()
	}
	a.RegisterTime, a.Seq = f.s.Now(), f.next()
	inst.APIs[a.ID] = &a
	return &a, 0, "", nil
}

func (f *Emulator) listAPIs(c *apigCall) {
	enums := map[string][]string{"auth_type": apigAuthTypes, "type": {"1", "2"}}
	listPage(f, c, "apis", enums, func(inst *apigInstance) []apiJSON {
		filter := newListFilter(c.r.URL.Query())
		env := c.query("env_id")
		var all []apiJSON
		for _, a := range sortedBySeq(inst.APIs, func(a *apigAPI) int64 { return a.Seq }) {
			// No emulated API uses a VPC channel, so a vpc_channel_name filter matches none.
			if !filter.is("id", a.ID) || !filter.is("group_id", a.GroupID) || !filter.is("auth_type", a.AuthType) ||
				!filter.named("name", a.Name) || !filter.named("req_uri", a.ReqURI) || !filter.is("req_method", a.ReqMethod) ||
				!filter.is("req_protocol", a.ReqProtocol) || !filter.is("type", strconv.Itoa(a.Type)) ||
				!filter.is("vpc_channel_name", "") || !filter.untagged() {
				continue
			}
			if env != "" {
				if _, published := inst.Pubs[a.ID+"/"+env]; !published {
					continue
				}
			}
			all = append(all, f.apiOut(inst, a, env))
		}
		return all
	})
}

func (f *Emulator) showAPI(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	a, ok := inst.APIs[c.r.PathValue("api_id")]
	if !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3002", fmt.Sprintf("API %s does not exist", c.r.PathValue("api_id")))
		return
	}
	f.writeJSON(c.w, http.StatusOK, f.apiOut(inst, a, ""))
}

func (f *Emulator) deleteAPI(c *apigCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	id := c.r.PathValue("api_id")
	if _, ok := inst.APIs[id]; !ok {
		f.writeError(c.w, http.StatusNotFound, "APIG.3002", fmt.Sprintf("API %s does not exist", id))
		return
	}
	if len(f.pubsOf(inst, id)) > 0 {
		f.writeError(c.w, http.StatusForbidden, "APIG.3416", "The API has been published and cannot be deleted")
		return
	}
	delete(inst.APIs, id)
	for k, au := range inst.Auths {
		if au.APIID == id {
			delete(inst.Auths, k)
		}
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// publish records api in env (online) or removes the record (offline).
// Taking an API offline leaves its authorization records in place.
func (f *Emulator) publish(inst *apigInstance, apiID, envID string, online bool) (*apigPub, int, string, error) {
	if _, ok := inst.APIs[apiID]; !ok {
		return nil, http.StatusNotFound, "APIG.3002", fmt.Errorf("API %s does not exist", apiID)
	}
	if _, ok := inst.Envs[envID]; !ok {
		return nil, http.StatusNotFound, "APIG.3003", fmt.Errorf("Environment %s does not exist", envID)
	}
	key := apiID + "/" + envID
	if !online {
		p, ok := inst.Pubs[key]
		if !ok {
			return nil, http.StatusNotFound, "APIG.3015", fmt.Errorf("The API publication record does not exist")
		}
		delete(inst.Pubs, key)
		return p, 0, "", nil
	}
	p := &apigPub{ID: f.newID(), APIID: apiID, EnvID: envID, Time: f.s.Now(), Seq: f.next()}
	inst.Pubs[key] = p
	return p, 0, "", nil
}

func (f *Emulator) publishOne(c *apigCall) {
	var in struct {
		Action string `json:"action"`
		EnvID  string `json:"env_id"`
		APIID  string `json:"api_id"`
		Remark string `json:"remark"`
	}
	if !f.decodeBody(c, &in) {
		return
	}
	switch {
	case in.Action != "online" && in.Action != "offline":
		f.badParam(c.w, "action")
		return
	case in.EnvID == "":
		f.badParam(c.w, "env_id")
		return
	case in.APIID == "":
		f.badParam(c.w, "api_id")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	p, status, code, err := f.publish(inst, in.APIID, in.EnvID, in.Action == "online")
	if err != nil {
		f.writeError(c.w, status, code, err.Error())
		return
	}
	if in.Action == "offline" {
		c.w.WriteHeader(http.StatusNoContent)
		return
	}
	f.writeJSON(c.w, http.StatusCreated, map[string]any{
		"publish_id": p.ID, "api_id": p.APIID, "api_name": inst.APIs[p.APIID].Name, "env_id": p.EnvID,
		"remark": in.Remark, "publish_time": p.Time.Format(apigTime), "version_id": f.s.RandomHex(32),
	})
}

func (f *Emulator) publishBatch(c *apigCall) {
	action := c.query("action")
	if action != "online" && action != "offline" {
		f.badParam(c.w, "action")
		return
	}
	var in struct {
		APIs    []string `json:"apis"`
		EnvID   string   `json:"env_id"`
		GroupID string   `json:"group_id"`
		Remark  string   `json:"remark"`
	}
	if !f.decodeBody(c, &in) {
		return
	}
	if in.EnvID == "" {
		f.badParam(c.w, "env_id")
		return
	}
	if len(in.APIs) > 1000 || (len(in.APIs) == 0 && in.GroupID == "") {
		f.badParam(c.w, "apis")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inst := f.instance(c)
	if inst == nil {
		return
	}
	ids := in.APIs
	if len(ids) == 0 {
		for _, a := range sortedBySeq(inst.APIs, func(a *apigAPI) int64 { return a.Seq }) {
			if a.GroupID == in.GroupID {
				ids = append(ids, a.ID)
			}
		}
	}
	success, failure := []map[string]any{}, []map[string]any{}
	for _, id := range ids {
		p, _, code, err := f.publish(inst, id, in.EnvID, action == "online")
		if err != nil {
			failure = append(failure, map[string]any{"api_id": id, "error_code": code, "error_msg": err.Error()})
			continue
		}
		success = append(success, map[string]any{
			"publish_id": p.ID, "api_id": id, "api_name": inst.APIs[id].Name, "env_id": in.EnvID,
			"publish_time": p.Time.Format(apigTime), "version_id": f.s.RandomHex(32),
		})
	}
	f.writeJSON(c.w, http.StatusOK, map[string]any{"success": success, "failure": failure})
}
