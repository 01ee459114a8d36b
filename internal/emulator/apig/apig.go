// Package apig emulates the APIG dedicated gateway v2 management API (Open Telekom
// Cloud / Huawei Cloud), per project and instance, under
// /v2/{project_id}/apigw/instances/{instance_id}: environments (the default
// DEFAULT_ENVIRONMENT_RELEASE_ID / RELEASE always present), apps, API groups,
// APIs, publication (single and batch) and the five app-authorization calls.
//
// Authentication: X-Auth-Token (a token of the IAM family, checked through
// the core.TokenVerifier that New is given) or AK/SK SDK-HMAC-SHA256 signing
// with the configured access and secret key; the project in the path must be
// the credentials' project. Errors are
// {error_code, error_msg, request_id} with the service's codes; every
// response carries X-Request-Id.
//
// Instances are not created through the wire API (that is a billing-level
// operation); tests and users create them with
//
//	POST /_emulator/apig/instances {"name": "..."}  → 201 {"id": "..."}
//	GET|PUT /_emulator/apig/settings                 Settings
//
// or with the Go methods of *Emulator (Of(server)). New with fixtures
// preloads the fixture instance described in fixtures.go.
package apig

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/appauth/terraform-provider-appauth/internal/aksk"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

// Name is the family's name in stats, state and route names.
const Name = "apig"

// DefaultEnvID and DefaultEnvName identify the environment every instance has.
const (
	DefaultEnvID   = "DEFAULT_ENVIRONMENT_RELEASE_ID"
	DefaultEnvName = "RELEASE"
)

// Settings tune behaviour the real service leaves unspecified or that
// tests provoke on purpose.
type Settings struct {
	// ConflictWindowMS makes every app-authorization write hold its
	// (instance, app) for this long; a second write to the same app arriving
	// meanwhile fails with APIG.3500, as concurrent updates do on the real
	// gateway ("etcd data synchronize failed"). The answer is HTTP 500: the
	// documentation does not give the status. 0 disables it.
	ConflictWindowMS int `json:"conflict_window_ms"`
	// DuplicateResult is how an already authorized (app, api, env) is
	// answered: "SKIPPED" (default, an item with status SKIPPED), "FAILED"
	// (an item FAILED with APIG.3316) or "ERROR" (the whole request fails
	// with 400 APIG.3316). The documentation leaves this open.
	DuplicateResult string `json:"duplicate_result,omitempty"`
}

// Emulator is the emulated gateway service of one Server.
type Emulator struct {
	s *core.Server
	// fixtures loads the fixture instance on creation and after every Reset.
	fixtures bool
	// tokens checks X-Auth-Token: the tokens are IAM's.
	tokens core.TokenVerifier

	mu        sync.Mutex
	settings  Settings
	instances map[string]*apigInstance
	seq       int64
	inflight  map[string]bool
}

type apigInstance struct {
	ID        string                `json:"id"`
	ProjectID string                `json:"project_id"`
	Name      string                `json:"name"`
	Envs      map[string]*apigEnv   `json:"envs"`
	Apps      map[string]*apigApp   `json:"apps"`
	Groups    map[string]*apigGroup `json:"groups"`
	APIs      map[string]*apigAPI   `json:"apis"`
	// Pubs is keyed by apiID + "/" + envID.
	Pubs  map[string]*apigPub  `json:"publications"`
	Auths map[string]*apigAuth `json:"auths"`
}

type apigEnv struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Remark     string    `json:"remark"`
	CreateTime time.Time `json:"create_time"`
	Seq        int64     `json:"-"`
}

type apigApp struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Remark       string    `json:"remark"`
	AppKey       string    `json:"app_key"`
	AppSecret    string    `json:"app_secret"`
	RegisterTime time.Time `json:"register_time"`
	UpdateTime   time.Time `json:"update_time"`
	Seq          int64     `json:"-"`
}

type apigGroup struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Remark       string    `json:"remark"`
	RegisterTime time.Time `json:"register_time"`
	Seq          int64     `json:"-"`
}

type apigAPI struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	GroupID      string    `json:"group_id"`
	Type         int       `json:"type"`
	AuthType     string    `json:"auth_type"`
	ReqProtocol  string    `json:"req_protocol"`
	ReqMethod    string    `json:"req_method"`
	ReqURI       string    `json:"req_uri"`
	BackendType  string    `json:"backend_type"`
	Remark       string    `json:"remark"`
	RegisterTime time.Time `json:"register_time"`
	Seq          int64     `json:"-"`
}

type apigPub struct {
	ID    string    `json:"id"`
	APIID string    `json:"api_id"`
	EnvID string    `json:"env_id"`
	Time  time.Time `json:"publish_time"`
	Seq   int64     `json:"-"`
}

type apigAuth struct {
	ID    string    `json:"id"`
	AppID string    `json:"app_id"`
	APIID string    `json:"api_id"`
	EnvID string    `json:"env_id"`
	Time  time.Time `json:"auth_time"`
	Seq   int64     `json:"-"`
}

// New builds the APIG family of s. With fixtures, the fixture instance is
// loaded now and after every Reset; tokens checks X-Auth-Token headers.
func New(s *core.Server, fixtures bool, tokens core.TokenVerifier) *Emulator {
	f := &Emulator{s: s, fixtures: fixtures, tokens: tokens, instances: map[string]*apigInstance{}, inflight: map[string]bool{}}
	if fixtures {
		f.loadFixtures()
	}
	return f
}

// Of returns the APIG family of s.
func Of(s *core.Server) *Emulator {
	f, ok := s.Family(Name).(*Emulator)
	if !ok {
		panic("emulator: the apig family is not registered")
	}
	return f
}

// State returns every instance with its objects.
func (f *Emulator) State() any {
	f.mu.Lock()
	defer f.mu.Unlock()
	raw, _ := json.Marshal(f.instances)
	var out any
	_ = json.Unmarshal(raw, &out)
	return map[string]any{"instances": out}
}

// Reset drops every instance; with fixtures enabled the fixture instance is
// recreated so a reset server looks like a new one.
func (f *Emulator) Reset() {
	f.mu.Lock()
	f.instances = map[string]*apigInstance{}
	f.inflight = map[string]bool{}
	f.seq = 0
	f.mu.Unlock()
	if f.fixtures {
		f.loadFixtures()
	}
}

// SensitiveFields blanks app keys in the request log (secrets are caught by
// the generic rule).
func (f *Emulator) SensitiveFields() []string { return []string{"app_key"} }

// WriteFault answers injected faults with the gateway's error body.
func (f *Emulator) WriteFault(w http.ResponseWriter, _ *http.Request, status int) {
	switch status {
	case http.StatusTooManyRequests:
		f.writeError(w, status, "APIG.0308", "The throttling threshold has been reached: policy user over ratelimit")
	case http.StatusServiceUnavailable:
		f.writeError(w, status, "APIG.0202", "Backend unavailable")
	default:
		f.writeError(w, status, "APIG.9999", "System error")
	}
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) with the gateway's no-permission error.
func (f *Emulator) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	f.writeError(w, http.StatusForbidden, "APIG.1005", message)
}

// Env adds the fixture ids when fixtures are loaded.
func (f *Emulator) Env() []string {
	if !f.fixtures {
		return nil
	}
	return []string{
		"APPAUTH_APIG_INSTANCE_ID=" + FixtureInstanceID,
		"TF_VAR_apig_instance_id=" + FixtureInstanceID,
	}
}

// Settings returns the current settings.
func (f *Emulator) Settings() Settings {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.settings
}

// SetSettings replaces the settings.
func (f *Emulator) SetSettings(st Settings) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.settings = st
}

const apigBase = "/v2/{project_id}/apigw/instances/{instance_id}"

// Routes registers the wire and admin routes.
func (f *Emulator) Routes(r *core.Router) {
	h := func(pattern, op string, fn func(c *apigCall)) {
		method, path, _ := strings.Cut(pattern, " ")
		r.Handle(method+" "+apigBase+path, op, f.authenticated(fn))
	}
	h("POST /envs", "CreateEnvironmentV2", f.createEnv)
	h("GET /envs", "ListEnvironmentsV2", f.listEnvs)
	h("PUT /envs/{env_id}", "UpdateEnvironmentV2", f.updateEnv)
	h("DELETE /envs/{env_id}", "DeleteEnvironmentV2", f.deleteEnv)

	h("POST /apps", "CreateAppV2", f.createApp)
	h("GET /apps", "ListAppsV2", f.listApps)
	h("GET /apps/{app_id}", "ShowDetailsOfAppV2", f.showApp)
	h("PUT /apps/{app_id}", "UpdateAppV2", f.updateApp)
	h("DELETE /apps/{app_id}", "DeleteAppV2", f.deleteApp)

	h("POST /api-groups", "CreateApiGroupV2", f.createGroup)
	h("GET /api-groups", "ListApiGroupsV2", f.listGroups)
	h("GET /api-groups/{group_id}", "ShowDetailsOfApiGroupV2", f.showGroup)
	h("DELETE /api-groups/{group_id}", "DeleteApiGroupV2", f.deleteGroup)

	h("POST /apis", "CreateApiV2", f.createAPI)
	h("GET /apis", "ListApisV2", f.listAPIs)
	h("GET /apis/{api_id}", "ShowDetailsOfApiV2", f.showAPI)
	h("DELETE /apis/{api_id}", "DeleteApiV2", f.deleteAPI)
	h("POST /apis/action", "CreateOrDeletePublishRecordForApiV2", f.publishOne)
	h("POST /apis/publish", "BatchPublishOrOfflineApiV2", f.publishBatch)

	h("POST /app-auths", "CreateAuthorizingAppsV2", f.createAuths)
	h("DELETE /app-auths/{app_auth_id}", "CancelingAuthorizationV2", f.cancelAuth)
	h("GET /app-auths/binded-apis", "ListApisBindedToAppV2", f.listBoundAPIs)
	h("GET /app-auths/binded-apps", "ListAppsBindedToApiV2", f.listBoundApps)
	h("GET /app-auths/unbinded-apis", "ListApisUnbindedToAppV2", f.listUnboundAPIs)

	r.Admin("POST /_emulator/apig/instances", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Name string `json:"name"`
		}
		if !core.DecodeAdminJSON(w, r, &in) {
			return
		}
		core.WriteJSON(w, http.StatusCreated, map[string]string{"id": f.CreateInstance(in.Name)})
	})
	r.Admin("GET /_emulator/apig/settings", func(w http.ResponseWriter, _ *http.Request) {
		core.WriteJSON(w, http.StatusOK, f.Settings())
	})
	r.Admin("PUT /_emulator/apig/settings", func(w http.ResponseWriter, r *http.Request) {
		var st Settings
		if !core.DecodeAdminJSON(w, r, &st) {
			return
		}
		if !slices.Contains([]string{"", "SKIPPED", "FAILED", "ERROR"}, st.DuplicateResult) {
			core.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": "duplicate_result must be SKIPPED, FAILED or ERROR"})
			return
		}
		f.SetSettings(st)
		core.WriteJSON(w, http.StatusOK, f.Settings())
	})
}

// apigCall is one authenticated request.
type apigCall struct {
	w http.ResponseWriter
	r *http.Request
	// instanceID is the path's instance; the handler resolves it under the lock.
	instanceID string
}

func (c *apigCall) query(name string) string { return c.r.URL.Query().Get(name) }

// authenticated checks the credentials and the project, then runs fn.
func (f *Emulator) authenticated(fn func(c *apigCall)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		creds := f.s.Credentials()
		var project string
		switch {
		case r.Header.Get("X-Auth-Token") != "":
			p, state := f.tokens.VerifyToken(r.Header.Get("X-Auth-Token"))
			switch state {
			case core.TokenUnknown:
				f.writeError(w, http.StatusUnauthorized, "APIG.1002", "Incorrect token or token resolution failed")
				return
			case core.TokenExpired:
				f.writeError(w, http.StatusUnauthorized, "APIG.1001", "The token has expired")
				return
			}
			project = p
		case strings.HasPrefix(r.Header.Get("Authorization"), aksk.Algorithm+" "):
			if err := verifySDKSignature(r, core.Body(r), creds.APIGAccessKey, creds.APIGSecretKey, f.s.Now()); err != nil {
				// The signature is checked by the gateway in front of the management API, whose codes
				// are APIGW.* (Huawei Cloud API Request Signing Guide).
				f.writeError(w, http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: "+err.Error())
				return
			}
			project = creds.APIGProjectID
			if p := r.Header.Get("X-Project-Id"); p != "" && p != project {
				f.writeError(w, http.StatusForbidden, "APIG.1005", "No permissions to request this method")
				return
			}
		default:
			f.writeError(w, http.StatusUnauthorized, "APIG.1000", "Incorrect IAM authentication information: x-auth-token not found")
			return
		}
		if r.PathValue("project_id") != project {
			f.writeError(w, http.StatusForbidden, "APIG.1005", "No permissions to request this method")
			return
		}
		if f.s.Throttled(w, r, project) {
			return
		}
		fn(&apigCall{w: w, r: r, instanceID: r.PathValue("instance_id")})
	}
}

// instance resolves the call's instance (f.mu held); on failure it has answered 404.
func (f *Emulator) instance(c *apigCall) *apigInstance {
	in, ok := f.instances[c.instanceID]
	if !ok || in.ProjectID != c.r.PathValue("project_id") {
		f.writeError(c.w, http.StatusNotFound, "APIG.3030", fmt.Sprintf("Instance %s does not exist", c.instanceID))
		return nil
	}
	return in
}

func (f *Emulator) writeError(w http.ResponseWriter, status int, code, msg string) {
	id := f.s.RandomHex(32)
	w.Header().Set("X-Request-Id", id)
	core.WriteJSON(w, status, map[string]string{"error_code": code, "error_msg": msg, "request_id": id})
}

func (f *Emulator) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("X-Request-Id", f.s.RandomHex(32))
	core.WriteJSON(w, status, v)
}

// badParam is APIG.2011, the service's answer to a bad parameter value.
func (f *Emulator) badParam(w http.ResponseWriter, name string) {
	f.writeError(w, http.StatusBadRequest, "APIG.2011",
		fmt.Sprintf("Invalid parameter value,parameterName:%s. Please refer to the support documentation", name))
}

// decodeBody decodes a JSON body; on failure it answers 400 and returns false.
func (f *Emulator) decodeBody(c *apigCall, v any) bool {
	if err := json.Unmarshal(core.Body(c.r), v); err != nil {
		field := ""
		if te, ok := err.(*json.UnmarshalTypeError); ok {
			field = te.Field
		}
		if field == "" {
			f.writeError(c.w, http.StatusBadRequest, "APIG.2012", "Invalid parameter format: the request body is not a valid JSON object")
			return false
		}
		f.badParam(c.w, field)
		return false
	}
	return true
}

// page reads offset (default 0, <0 → 0) and limit (default 20, <=0 → 20,
// >500 → 500); a non-number answers 400 APIG.2012.
func (f *Emulator) page(c *apigCall) (offset, limit int, ok bool) {
	offset, limit = 0, 20
	if v := c.query("offset"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			f.writeError(c.w, http.StatusBadRequest, "APIG.2012", "Invalid parameter format,parameterName:offset. Please refer to the support documentation")
			return 0, 0, false
		}
		offset = int(max(n, 0))
	}
	if v := c.query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.writeError(c.w, http.StatusBadRequest, "APIG.2012", "Invalid parameter format,parameterName:limit. Please refer to the support documentation")
			return 0, 0, false
		}
		switch {
		case n <= 0:
			limit = 20
		case n > 500:
			limit = 500
		default:
			limit = n
		}
	}
	return offset, limit, true
}

func (f *Emulator) next() int64 {
	f.seq++
	return f.seq
}

func (f *Emulator) newID() string { return f.s.RandomHex(32) }

// apigTime is the list timestamp format (seconds, Z).
const apigTime = "2006-01-02T15:04:05Z"

// CreateInstance creates an empty gateway instance (with its default
// environment) in the credentials' project and returns its id.
func (f *Emulator) CreateInstance(name string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.createInstance(f.newID(), name)
}

func (f *Emulator) createInstance(id, name string) string {
	in := &apigInstance{
		ID: id, ProjectID: f.s.Credentials().APIGProjectID, Name: name,
		Envs: map[string]*apigEnv{}, Apps: map[string]*apigApp{}, Groups: map[string]*apigGroup{},
		APIs: map[string]*apigAPI{}, Pubs: map[string]*apigPub{}, Auths: map[string]*apigAuth{},
	}
	in.Envs[DefaultEnvID] = &apigEnv{ID: DefaultEnvID, Name: DefaultEnvName, Remark: "Production environment", CreateTime: f.s.Now(), Seq: f.next()}
	f.instances[id] = in
	return id
}

// sortedBySeq returns the map's values in creation order.
func sortedBySeq[T any](m map[string]*T, seq func(*T) int64) []*T {
	out := make([]*T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b *T) int {
		x, y := seq(a), seq(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	return out
}

// The rules of the create models (huaweicloud-sdk-go-v3 apig/v2 AppCreate, EnvCreate, ApiGroupCreate,
// ApiCreate; the OTC API reference states the same or a subset). Lengths count characters, not bytes:
// Huawei Cloud accepts Chinese characters in app, group and API names ("Chinese characters must be in
// UTF-8 or Unicode format").
var (
	// appNameRule: 3-64 letters, Chinese characters, digits and underscores, starting with a letter or
	// a Chinese character.
	appNameRule = regexp.MustCompile(`^[A-Za-z\p{Han}][A-Za-z0-9_\p{Han}]{2,63}$`)
	// envNameRule: 3-64 letters, digits and underscores, starting with a letter.
	envNameRule = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{2,63}$`)
	// apiNameRule (API groups and APIs): 3-255 Chinese characters, letters, digits, hyphens,
	// underscores, periods, slashes, parentheses and colons (ASCII or full-width) and the Chinese
	// enumeration comma, starting with a letter, a Chinese character or a digit.
	apiNameRule = regexp.MustCompile(`^[A-Za-z0-9\p{Han}][A-Za-z0-9\p{Han}_./()（）:：、-]{2,254}$`)
	// appKeyRule: 8-200 letters, digits, underscores and hyphens, starting with a letter or digit.
	appKeyRule = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{7,199}$`)
	// appSecretRule: 8-128 letters, digits and _-!@#$%, starting with a letter or digit.
	appSecretRule = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_!@#$%-]{7,127}$`)
)

// maxRemark is the longest description, in characters, of every object.
const maxRemark = 255

func validRemark(s string) bool { return utf8.RuneCountInString(s) <= maxRemark }
