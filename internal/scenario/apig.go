package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
)

// APIGAppPrefix names the apps EnsureAPIGApps creates.
const APIGAppPrefix = "scn_app_"

// Emulator talks to a running appauth-emulator: admin routes, and the few
// wire calls the scenario needs to prepare (APIG apps have no resource).
type Emulator struct {
	URL    string
	Client *http.Client
	// Getenv reads the emulator's environment (appauth-emulator -print-env);
	// os.Getenv when nil.
	Getenv func(string) string
}

func (e *Emulator) getenv(k string) string {
	if e.Getenv != nil {
		return e.Getenv(k)
	}
	return os.Getenv(k)
}

func (e *Emulator) client() *http.Client {
	if e.Client != nil {
		return e.Client
	}
	return http.DefaultClient
}

// do sends a JSON request and decodes a 2xx JSON answer into out.
func (e *Emulator) do(ctx context.Context, method, url string, header map[string]string, in, out any) (http.Header, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := e.client().Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("%s %s: %s: %s", method, url, resp.Status, strings.TrimSpace(string(b)))
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return nil, fmt.Errorf("%s %s: %w", method, url, err)
		}
	}
	return resp.Header, nil
}

// State returns GET /_emulator/state.
func (e *Emulator) State(ctx context.Context) ([]byte, error) {
	var raw json.RawMessage
	_, err := e.do(ctx, http.MethodGet, e.URL+"/_emulator/state", nil, nil, &raw)
	return raw, err
}

// Stats is the part of GET /_emulator/stats the scenario reads.
type Stats struct {
	Total    int            `json:"total"`
	ByRoute  map[string]int `json:"by_route"`
	ByStatus map[string]int `json:"by_status"`
	Faults   map[string]int `json:"faults"`
}

// Stats returns GET /_emulator/stats.
func (e *Emulator) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	_, err := e.do(ctx, http.MethodGet, e.URL+"/_emulator/stats", nil, nil, &s)
	return s, err
}

// EnsureAPIGApps makes sure the fixture gateway has n apps named
// APIGAppPrefix+NNNN and returns their ids in name order. Missing apps are
// created over the wire with an IAM token, with fault injection switched off
// meanwhile and restored afterwards (the seeded fault sequence restarts).
func (e *Emulator) EnsureAPIGApps(ctx context.Context, n int) (instanceID string, ids []string, err error) {
	instanceID = e.getenv("APPAUTH_APIG_INSTANCE_ID")
	if instanceID == "" {
		return "", nil, fmt.Errorf("APPAUTH_APIG_INSTANCE_ID is not set: start the emulator with -apig-fixtures -print-env")
	}
	have, err := e.apigApps(ctx, instanceID)
	if err != nil {
		return "", nil, err
	}
	var missing []string
	for i := range n {
		if name := fmt.Sprintf("%s%04d", APIGAppPrefix, i); have[name] == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		if err := e.createAPIGApps(ctx, instanceID, missing); err != nil {
			return "", nil, err
		}
		if have, err = e.apigApps(ctx, instanceID); err != nil {
			return "", nil, err
		}
	}
	for i := range n {
		id := have[fmt.Sprintf("%s%04d", APIGAppPrefix, i)]
		if id == "" {
			return "", nil, fmt.Errorf("apig app %s%04d was not created", APIGAppPrefix, i)
		}
		ids = append(ids, id)
	}
	return instanceID, ids, nil
}

// apigApps maps the scenario apps' names to their ids, from the state dump.
func (e *Emulator) apigApps(ctx context.Context, instanceID string) (map[string]string, error) {
	var st struct {
		APIG struct {
			Instances map[string]struct {
				Apps map[string]struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"apps"`
			} `json:"instances"`
		} `json:"apig"`
	}
	if _, err := e.do(ctx, http.MethodGet, e.URL+"/_emulator/state", nil, nil, &st); err != nil {
		return nil, err
	}
	inst, ok := st.APIG.Instances[instanceID]
	if !ok {
		return nil, fmt.Errorf("the emulator has no APIG instance %s", instanceID)
	}
	out := map[string]string{}
	for _, a := range inst.Apps {
		if strings.HasPrefix(a.Name, APIGAppPrefix) {
			out[a.Name] = a.ID
		}
	}
	return out, nil
}

func (e *Emulator) createAPIGApps(ctx context.Context, instanceID string, names []string) (err error) {
	var faults json.RawMessage
	if _, err := e.do(ctx, http.MethodGet, e.URL+"/_emulator/faults", nil, nil, &faults); err != nil {
		return err
	}
	if _, err := e.do(ctx, http.MethodPut, e.URL+"/_emulator/faults", nil, map[string]any{"rate": 0}, nil); err != nil {
		return err
	}
	defer func() {
		if _, rerr := e.do(ctx, http.MethodPut, e.URL+"/_emulator/faults", nil, faults, nil); rerr != nil && err == nil {
			err = fmt.Errorf("restoring the fault configuration: %w", rerr)
		}
	}()
	token, err := e.iamToken(ctx)
	if err != nil {
		return err
	}
	endpoint := strings.TrimRight(e.getenv("OS_APIG_ENDPOINT"), "/")
	base := fmt.Sprintf("%s/v2/%s/apigw/instances/%s/apps", endpoint, e.getenv("OS_PROJECT_ID"), instanceID)
	sort.Strings(names)
	for _, name := range names {
		body := map[string]string{"name": name, "remark": "appauth-scenario consumer"}
		if _, err := e.do(ctx, http.MethodPost, base, map[string]string{"X-Auth-Token": token}, body, nil); err != nil {
			return fmt.Errorf("creating apig app %s: %w", name, err)
		}
	}
	return nil
}

// iamToken obtains a project-scoped token with the password from the
// emulator's environment (Keystone v3 password method).
func (e *Emulator) iamToken(ctx context.Context) (string, error) {
	domain := map[string]string{"name": e.getenv("OS_DOMAIN_NAME")}
	body := map[string]any{"auth": map[string]any{
		"identity": map[string]any{
			"methods": []string{"password"},
			"password": map[string]any{"user": map[string]any{
				"name": e.getenv("OS_USERNAME"), "password": e.getenv("OS_PASSWORD"), "domain": domain,
			}},
		},
		"scope": map[string]any{"project": map[string]any{"name": e.getenv("OS_PROJECT_NAME")}},
	}}
	h, err := e.do(ctx, http.MethodPost, strings.TrimRight(e.getenv("OS_AUTH_URL"), "/")+"/auth/tokens", nil, body, nil)
	if err != nil {
		return "", fmt.Errorf("iam token: %w", err)
	}
	tok := h.Get("X-Subject-Token")
	if tok == "" {
		return "", fmt.Errorf("iam token: no X-Subject-Token header")
	}
	return tok, nil
}
