package scenario

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Report compares Terraform's state with the emulator's.
type Report struct {
	// Resources counts managed resources in Terraform's state, per family.
	Resources map[string]int `json:"resources"`
	// Objects counts the emulator objects the check looks at (created through
	// the provider: fixtures are left out), per family.
	Objects map[string]int `json:"objects"`
	// Missing lists resources whose object is not in the emulator.
	Missing []string `json:"missing"`
	// Duplicates lists unclaimed objects that copy a claimed one (same
	// scenario tag, or the same APIG binding twice).
	Duplicates []string `json:"duplicates"`
	// Orphans lists the other unclaimed objects.
	Orphans []string `json:"orphans"`
	// Problems lists objects in a state they must not be in after an apply.
	Problems []string `json:"problems"`
}

// OK reports whether nothing is missing, duplicated, orphaned or wrong.
func (r Report) OK() bool {
	return len(r.Missing)+len(r.Duplicates)+len(r.Orphans)+len(r.Problems) == 0
}

// Compare checks an expectation (nil: don't) on top of the state comparison.
func (r *Report) Compare(exp *Expected) {
	if exp == nil {
		return
	}
	for _, f := range FamilyNames() {
		if r.Resources[f] != exp.Resources[f] {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %d resources in state, %d generated", f, r.Resources[f], exp.Resources[f]))
		}
		if r.Objects[f] != exp.Objects[f] {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %d emulator objects, %d expected", f, r.Objects[f], exp.Objects[f]))
		}
	}
}

// Summary is one line for logs.
func (r Report) Summary() string {
	return fmt.Sprintf("resources=%d objects=%d missing=%d duplicates=%d orphans=%d problems=%d",
		sum(r.Resources), sum(r.Objects), len(r.Missing), len(r.Duplicates), len(r.Orphans), len(r.Problems))
}

// TFState is the part of `terraform show -json` the check reads.
type TFState struct {
	Values *struct {
		RootModule tfModule `json:"root_module"`
	} `json:"values"`
}

type tfModule struct {
	Resources    []tfResource `json:"resources"`
	ChildModules []tfModule   `json:"child_modules"`
}

type tfResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Values  map[string]any `json:"values"`
}

func (m tfModule) managed() []tfResource {
	var out []tfResource
	for _, r := range m.Resources {
		if r.Mode == "managed" {
			out = append(out, r)
		}
	}
	for _, c := range m.ChildModules {
		out = append(out, c.managed()...)
	}
	return out
}

// emulatorState is the part of GET /_emulator/state the check reads.
type emulatorState struct {
	Authress struct {
		Connections map[string]struct {
			Tags map[string]string `json:"tags"`
		} `json:"connections"`
	} `json:"authress"`
	AppFabric struct {
		AppBundles map[string]struct {
			Tags map[string]string `json:"tags"`
		} `json:"appBundles"`
		AppAuthorizations map[string]struct {
			App    string            `json:"app"`
			Status string            `json:"status"`
			Tags   map[string]string `json:"tags"`
		} `json:"appAuthorizations"`
	} `json:"appfabric"`
	QuickSight struct {
		ActionConnectors map[string]struct {
			Status string `json:"Status"`
			Tags   []struct {
				Key, Value string
			} `json:"Tags"`
		} `json:"action_connectors"`
	} `json:"quicksight"`
	APIG struct {
		Instances map[string]struct {
			Auths map[string]struct {
				AppID string `json:"app_id"`
				APIID string `json:"api_id"`
				EnvID string `json:"env_id"`
			} `json:"auths"`
		} `json:"instances"`
	} `json:"apig"`
}

// object is one emulator object the check accounts for.
type object struct {
	family string
	// key identifies the object ("authress connection scn-1").
	key string
	// mark is the scenario tag, or the binding for APIG; "" when none.
	mark    string
	status  string
	claimed bool
}

// Check compares `terraform show -json` output with GET /_emulator/state:
// every managed resource must have its object, every object created through
// the provider must belong to exactly one resource. The APIG fixtures (gateway,
// environments, apps, APIs) are not provider objects and are left out.
func Check(tfShowJSON, emulatorStateJSON []byte) (Report, error) {
	var tf TFState
	if err := json.Unmarshal(tfShowJSON, &tf); err != nil {
		return Report{}, fmt.Errorf("reading terraform show -json: %w", err)
	}
	var es emulatorState
	if err := json.Unmarshal(emulatorStateJSON, &es); err != nil {
		return Report{}, fmt.Errorf("reading the emulator state: %w", err)
	}
	objs := map[string]*object{}
	add := func(o *object) { objs[o.key] = o }
	for id, c := range es.Authress.Connections {
		add(&object{family: "authress", key: "authress connection " + id, mark: c.Tags[TagKey]})
	}
	for arn, b := range es.AppFabric.AppBundles {
		add(&object{family: "appfabric", key: "appfabric bundle " + arn, mark: b.Tags[TagKey]})
	}
	for arn, a := range es.AppFabric.AppAuthorizations {
		mark := ""
		if tag := a.Tags[TagKey]; tag != "" {
			mark = tag + "/" + a.App
		}
		add(&object{family: "appfabric", key: "appfabric authorization " + arn, mark: mark, status: a.Status})
	}
	for key, c := range es.QuickSight.ActionConnectors {
		mark := ""
		for _, t := range c.Tags {
			if t.Key == TagKey {
				mark = t.Value
			}
		}
		add(&object{family: "quicksight", key: "quicksight connector " + key, mark: mark, status: c.Status})
	}
	for inst, in := range es.APIG.Instances {
		for id, a := range in.Auths {
			add(&object{family: "apig", key: "apig auth " + inst + "/" + id, mark: inst + "/" + a.EnvID + "/" + a.AppID + "/" + a.APIID})
		}
	}
	apigByBinding := map[string][]*object{}
	for _, o := range objs {
		if o.family == "apig" {
			apigByBinding[o.mark] = append(apigByBinding[o.mark], o)
		}
	}

	rep := Report{Resources: map[string]int{}, Objects: map[string]int{}}
	claim := func(addr, key string) *object {
		o, ok := objs[key]
		if !ok {
			rep.Missing = append(rep.Missing, fmt.Sprintf("%s: no %s", addr, key))
			return nil
		}
		if o.claimed {
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s is also claimed by another resource", addr, key))
		}
		o.claimed = true
		return o
	}
	var resources []tfResource
	if tf.Values != nil {
		resources = tf.Values.RootModule.managed()
	}
	for _, r := range resources {
		str := func(name string) string { s, _ := r.Values[name].(string); return s }
		switch r.Type {
		case "appauth_authress_connection":
			rep.Resources["authress"]++
			claim(r.Address, "authress connection "+str("connection_id"))
		case "appauth_appfabric_app_bundle":
			rep.Resources["appfabric"]++
			claim(r.Address, "appfabric bundle "+str("arn"))
		case "appauth_appfabric_app_authorization":
			rep.Resources["appfabric"]++
			claim(r.Address, "appfabric authorization "+str("arn"))
		case "appauth_appfabric_app_authorization_connection":
			// The connection is the authorization's status, not an object of its own.
			rep.Resources["appfabric"]++
			key := "appfabric authorization " + str("app_authorization_arn")
			if o, ok := objs[key]; !ok {
				rep.Missing = append(rep.Missing, fmt.Sprintf("%s: no %s", r.Address, key))
			} else if o.status != "Connected" {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s is %q, want Connected", r.Address, key, o.status))
			}
		case "appauth_quicksight_action_connector":
			rep.Resources["quicksight"]++
			acct, id, _ := strings.Cut(str("id"), ",")
			if o := claim(r.Address, "quicksight connector "+acct+"/"+id); o != nil && !strings.HasSuffix(o.status, "_SUCCESSFUL") {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: connector status %q", r.Address, o.status))
			}
		case "appauth_apig_app_authorization":
			rep.Resources["apig"]++
			apis, _ := r.Values["api_ids"].([]any)
			for _, a := range apis {
				binding := str("instance_id") + "/" + str("env_id") + "/" + str("app_id") + "/" + fmt.Sprint(a)
				found := apigByBinding[binding]
				if len(found) == 0 {
					rep.Missing = append(rep.Missing, fmt.Sprintf("%s: no apig binding %s", r.Address, binding))
					continue
				}
				if found[0].claimed {
					rep.Problems = append(rep.Problems, fmt.Sprintf("%s: apig binding %s is also claimed by another resource", r.Address, binding))
				}
				found[0].claimed = true
			}
		default:
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: resource type %s is not checked", r.Address, r.Type))
		}
	}

	claimedMarks := map[string]bool{}
	for _, o := range objs {
		rep.Objects[o.family]++
		if o.claimed && o.mark != "" {
			claimedMarks[o.family+" "+o.mark] = true
		}
	}
	for _, o := range objs {
		if o.claimed {
			continue
		}
		if o.mark != "" && claimedMarks[o.family+" "+o.mark] {
			rep.Duplicates = append(rep.Duplicates, o.key+" (copies "+o.mark+")")
		} else {
			rep.Orphans = append(rep.Orphans, o.key)
		}
	}
	for _, l := range [][]string{rep.Missing, rep.Duplicates, rep.Orphans, rep.Problems} {
		sort.Strings(l)
	}
	return rep, nil
}
