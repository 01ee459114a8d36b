package apig

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var (
	_ resource.ResourceWithConfigure   = &appAuthorizationResource{}
	_ resource.ResourceWithImportState = &appAuthorizationResource{}
	_ resource.ResourceWithModifyPlan  = &appAuthorizationResource{}
)

// maxAPIsPerApp is the service's limit: an app can be authorized for at most 1,000 APIs in total, in
// all environments together (OTC user guide, "Authorizing API Access"). One resource can therefore
// hold at most 1,000; the total, which counts authorizations of other resources, environments and
// tools, is known only to the gateway.
const maxAPIsPerApp = 1000

// codeQuota is APIG's "The number of resources exceeds the maximum allowed limit".
const codeQuota = "APIG.3100"

// quotaHint explains codeQuota on an authorization.
const quotaHint = "An app can be authorized for at most 1,000 APIs in total, counting every environment and the " +
	"authorizations made by other resources or outside Terraform; the gateway refuses authorizations beyond that."

// pendingKey is the private-state key of the APIs a create could not authorize. They stay in
// api_ids (a create must return what was planned, or Terraform fails it and taints the resource) but
// are not owned; the next refresh drops them, and the next plan authorizes them again.
const pendingKey = "unauthorized_api_ids"

// NewAppAuthorizationResource manages which APIs one app may call in one environment.
func NewAppAuthorizationResource() resource.Resource { return &appAuthorizationResource{} }

type appAuthorizationResource struct {
	conns.ResourceBase
}

type appAuthorizationModel struct {
	ID          types.String `tfsdk:"id"`
	InstanceID  types.String `tfsdk:"instance_id"`
	EnvID       types.String `tfsdk:"env_id"`
	AppID       types.String `tfsdk:"app_id"`
	APIIDs      types.Set    `tfsdk:"api_ids"`
	BoundAPIIDs types.List   `tfsdk:"bound_api_ids"`
}

func (r *appAuthorizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_app_authorization"
}

func (r *appAuthorizationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Authorizes an APIG app (credential) to call APIs of a dedicated gateway in one environment. " +
			"The resource owns exactly the authorizations it made: several resources may authorize different APIs of the same " +
			"app in the same environment, and an API authorized by anyone else is never taken over or revoked (listing it in " +
			"`api_ids` fails the apply until it is imported or removed). The APIs must use app authentication " +
			"(`auth_type = \"APP\"`) and be published in the environment; only the gateway knows which do, so the apply " +
			"reports those that do not.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<instance_id>/<env_id>/<app_id>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"instance_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the dedicated gateway (32 lowercase hexadecimal characters). Changing it replaces the resource.",
				Validators:          []validator.String{idValidator("a gateway instance id")},
				PlanModifiers:       replace,
			},
			"env_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Id of the environment the APIs are authorized in: 32 lowercase hexadecimal characters, or " +
					"`DEFAULT_ENVIRONMENT_RELEASE_ID` for the default `RELEASE` environment. Changing it replaces the resource.",
				Validators:    []validator.String{envIDValidator()},
				PlanModifiers: replace,
			},
			"app_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Id of the app (32 lowercase hexadecimal characters). Changing it replaces the resource.",
				Validators:          []validator.String{idValidator("an app id")},
				PlanModifiers:       replace,
			},
			"api_ids": schema.SetAttribute{
				Required:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Ids of the APIs the app may call, 1 to 1,000. Adding or removing ids updates the " +
					"authorizations in place (removals first). APIG also limits an app to 1,000 authorizations in total, in all " +
					"environments and including those of other resources and tools; beyond that the apply fails with `APIG.3100`.",
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, maxAPIsPerApp),
					setvalidator.ValueStringsAre(idValidator("an API id")),
				},
			},
			"bound_api_ids": schema.ListAttribute{
				Computed:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Every API the app is authorized for in the environment, including those authorized " +
					"outside this resource, sorted.",
			},
		},
	}
}

// ModifyPlan fails the plan, once for all the family's objects, when the provider's apig settings
// cannot work. When the last create left APIs unauthorized and the plan was made without refreshing,
// it plans an update, which authorizes them.
func (r *appAuthorizationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	family.PlanCheck(ctx, r.Meta, &resp.Diagnostics)
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	if len(readPending(ctx, req.Private, &resp.Diagnostics)) > 0 {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("bound_api_ids"), types.ListUnknown(types.StringType))...)
	}
}

func (m *appAuthorizationModel) lockKey() string {
	return m.InstanceID.ValueString() + "/" + m.EnvID.ValueString() + "/" + m.AppID.ValueString()
}

func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	slices.Sort(out)
	return out
}

func stringSet(ids []string) types.Set {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	vals := make([]attr.Value, 0, len(sorted))
	for _, id := range slices.Compact(sorted) {
		vals = append(vals, types.StringValue(id))
	}
	return types.SetValueMust(types.StringType, vals)
}

// stringList is ids sorted, without duplicates.
func stringList(ids []string) types.List {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	vals := make([]attr.Value, 0, len(sorted))
	for _, id := range slices.Compact(sorted) {
		vals = append(vals, types.StringValue(id))
	}
	return types.ListValueMust(types.StringType, vals)
}

type privateReader interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateWriter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func readPending(ctx context.Context, p privateReader, diags *diag.Diagnostics) []string {
	if p == nil {
		return nil
	}
	raw, d := p.GetKey(ctx, pendingKey)
	diags.Append(d...)
	var ids []string
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &ids); err != nil {
			diags.AddWarning("Unreadable private state", fmt.Sprintf("The record of the APIs the last create could not authorize is unreadable (%v); it is dropped.", err))
			return nil
		}
	}
	return ids
}

// writePending records ids as pending; none clears the record.
func writePending(ctx context.Context, p privateWriter, ids []string, diags *diag.Diagnostics) {
	var raw []byte
	if len(ids) > 0 {
		raw, _ = json.Marshal(ids)
	}
	diags.Append(p.SetKey(ctx, pendingKey, raw)...)
}

// authorize sends apis for the app in the environment and splits the answer into the APIs now
// authorized and the pairs APIG refused.
func (r *appAuthorizationResource) authorize(ctx context.Context, c *Client, m *appAuthorizationModel, apis []string) (granted []string, refused []AuthRelation, err error) {
	if len(apis) == 0 {
		return nil, nil, nil
	}
	rels, err := c.Authorize(ctx, m.InstanceID.ValueString(), m.EnvID.ValueString(), m.AppID.ValueString(), apis)
	if err != nil {
		return nil, nil, err
	}
	granted, refused = splitResults(rels)
	// An API the answer does not mention is not authorized either.
	for _, id := range apis {
		if !slices.Contains(granted, id) && !slices.ContainsFunc(refused, func(rel AuthRelation) bool { return rel.APIID == id }) {
			refused = append(refused, AuthRelation{APIID: id, AuthResult: AuthResult{Status: AuthFailed, ErrorMsg: "the answer has no result for this API"}})
		}
	}
	return granted, refused, nil
}

// authorizeDiagnostic is the error of an authorization request that failed as a whole.
func authorizeDiagnostic(err error) diag.Diagnostic {
	d := httpclient.Diagnostic("Could not authorize the app", err)
	if httpclient.ErrorCode(err) == codeQuota {
		return diag.NewErrorDiagnostic(d.Summary(), d.Detail()+"\n\n"+quotaHint)
	}
	return d
}

// refusedDiagnostic names an API APIG refused, with its code and message. In a create it is a
// warning: an error would make Terraform taint the resource and replace it on the next apply,
// revoking the APIs that were authorized.
func refusedDiagnostic(m *appAuthorizationModel, rel AuthRelation, inCreate bool) diag.Diagnostic {
	name := rel.APIID
	if rel.AuthResult.APIName != "" {
		name = fmt.Sprintf("%s (%s)", rel.APIID, rel.AuthResult.APIName)
	}
	summary := "API " + rel.APIID + " was not authorized"
	detail := fmt.Sprintf("APIG refused to authorize app %s for API %s in environment %s: %s %s. Only APIs that use app "+
		"authentication (auth_type APP) and are published in the environment can be authorized; only the gateway knows which do.",
		m.AppID.ValueString(), name, m.EnvID.ValueString(), rel.AuthResult.ErrorCode, rel.AuthResult.ErrorMsg)
	if rel.AuthResult.ErrorCode == codeQuota {
		detail += " " + quotaHint
	}
	if inCreate {
		detail += "\n\nThe APIs that were authorized are kept, and the resource is not tainted, so nothing will be revoked: " +
			"the next plan shows an in-place update that authorizes only the APIs still missing."
		return diag.NewAttributeWarningDiagnostic(path.Root("api_ids"), summary, detail)
	}
	return diag.NewAttributeErrorDiagnostic(path.Root("api_ids"), summary, detail)
}

// foreignDiagnostics refuse, one error per API, to take over authorizations someone else made, and
// say how to import them.
func foreignDiagnostics(m *appAuthorizationModel, foreign []string, bound map[string]AuthInfo, diags *diag.Diagnostics) {
	importID := m.lockKey() + "/" + strings.Join(foreign, ",")
	for _, id := range foreign {
		name := id
		if n := bound[id].APIName; n != "" {
			name = fmt.Sprintf("%s (%s)", id, n)
		}
		diags.AddAttributeError(path.Root("api_ids"), "API "+id+" is already authorized for the app",
			fmt.Sprintf("App %s was already authorized for API %s in environment %s before this apply, by someone other than "+
				"this resource. The resource does not take that authorization over (destroying the resource would then revoke "+
				"it), so nothing was sent for it.\n\nRemove the API from api_ids, or, to manage that authorization with this "+
				"resource, import it first: terraform import <resource address> %s (or an import block with that id). An "+
				"import id with API ids after the app id takes over exactly those APIs.",
				m.AppID.ValueString(), name, m.EnvID.ValueString(), importID))
	}
}

// bound lists every API authorization of the app in the environment, by API id.
func (r *appAuthorizationResource) bound(ctx context.Context, c *Client, m *appAuthorizationModel) (map[string]AuthInfo, error) {
	list, err := c.ListBoundAPIs(ctx, m.InstanceID.ValueString(), m.AppID.ValueString(), m.EnvID.ValueString())
	if err != nil {
		return nil, err
	}
	out := make(map[string]AuthInfo, len(list))
	for _, a := range list {
		out[a.APIID] = a
	}
	return out, nil
}

func keys(m map[string]AuthInfo) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (r *appAuthorizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan appAuthorizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	want := setStrings(ctx, plan.APIIDs, &resp.Diagnostics)
	unlock := c.Lock(plan.lockKey())
	defer unlock()

	before, err := r.bound(ctx, c, &plan)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not read the app's authorizations", err))
		return
	}
	changes := changesFor(nil, want, before)
	if len(changes.foreign) > 0 {
		// Refused before anything is sent: a create that fails must leave nothing behind.
		foreignDiagnostics(&plan, changes.foreign, before, &resp.Diagnostics)
		return
	}
	granted, refused, err := r.authorize(ctx, c, &plan, changes.add)
	if err != nil {
		resp.Diagnostics.Append(authorizeDiagnostic(err))
		return
	}
	for _, rel := range refused {
		resp.Diagnostics.Append(refusedDiagnostic(&plan, rel, len(granted) > 0))
	}
	if len(granted) == 0 {
		return
	}
	// api_ids stays as planned; the refused APIs are recorded as pending, not as owned.
	plan.ID = types.StringValue(plan.lockKey())
	plan.BoundAPIIDs = stringList(boundAfter(before, nil, granted))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	var pending []string
	for _, rel := range refused {
		pending = append(pending, rel.APIID)
	}
	writePending(ctx, resp.Private, pending, &resp.Diagnostics)
}

func (r *appAuthorizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state appAuthorizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	b, err := r.bound(ctx, c, &state)
	if httpclient.IsNotFound(err) {
		// The app or the gateway is gone, and its authorizations with it.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not read the app's authorizations", err))
		return
	}
	if state.APIIDs.IsNull() {
		// Imported by <instance_id>/<env_id>/<app_id>: the resource owns what is bound now.
		state.APIIDs = stringSet(keys(b))
	} else {
		// An owned API no longer bound is drift, and a pending one was never authorized: both drop
		// out of state, and the next apply authorizes them.
		pending := readPending(ctx, req.Private, &resp.Diagnostics)
		state.APIIDs = stringSet(ownedNow(setStrings(ctx, state.APIIDs, &resp.Diagnostics), pending, b))
		if len(pending) > 0 {
			writePending(ctx, resp.Private, nil, &resp.Diagnostics)
		}
	}
	state.ID = types.StringValue(state.lockKey())
	state.BoundAPIIDs = stringList(keys(b))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update removes unwanted APIs first, then authorizes new ones. Whatever fails, the state records
// exactly what the resource owns afterwards (Terraform does not taint a resource whose update fails).
func (r *appAuthorizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state appAuthorizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	want := setStrings(ctx, plan.APIIDs, &resp.Diagnostics)
	pending := readPending(ctx, req.Private, &resp.Diagnostics)
	unlock := c.Lock(plan.lockKey())
	defer unlock()

	before, err := r.bound(ctx, c, &state)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not read the app's authorizations", err))
		return
	}
	owned := ownedNow(setStrings(ctx, state.APIIDs, &resp.Diagnostics), pending, before)
	changes := changesFor(owned, want, before)
	removed, err := r.cancel(ctx, c, &state, changes.remove, before)
	owned = slices.DeleteFunc(owned, func(id string) bool { return slices.Contains(removed, id) })
	var granted []string
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not remove an authorization", err))
	} else {
		foreignDiagnostics(&plan, changes.foreign, before, &resp.Diagnostics)
		var refused []AuthRelation
		granted, refused, err = r.authorize(ctx, c, &plan, changes.add)
		if err != nil {
			resp.Diagnostics.Append(authorizeDiagnostic(err))
		}
		for _, rel := range refused {
			resp.Diagnostics.Append(refusedDiagnostic(&plan, rel, false))
		}
		owned = append(owned, granted...)
	}
	plan.ID = types.StringValue(plan.lockKey())
	plan.APIIDs = stringSet(owned)
	plan.BoundAPIIDs = stringList(boundAfter(before, removed, granted))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	writePending(ctx, resp.Private, nil, &resp.Diagnostics)
}

// cancel removes the authorizations of apis (as listed in bound) and returns the APIs no longer
// authorized. A record that is already gone counts as removed.
func (r *appAuthorizationResource) cancel(ctx context.Context, c *Client, m *appAuthorizationModel, apis []string, bound map[string]AuthInfo) ([]string, error) {
	var removed []string
	for _, id := range apis {
		if rec, ok := bound[id]; ok {
			if err := c.CancelAuth(ctx, m.InstanceID.ValueString(), rec.ID); err != nil && !httpclient.IsNotFound(err) {
				return removed, err
			}
		}
		removed = append(removed, id)
	}
	return removed, nil
}

func (r *appAuthorizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state appAuthorizationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	pending := readPending(ctx, req.Private, &resp.Diagnostics)
	unlock := c.Lock(state.lockKey())
	defer unlock()
	before, err := r.bound(ctx, c, &state)
	if httpclient.IsNotFound(err) {
		// The app or the gateway is gone, and its authorizations with it.
		return
	}
	if err == nil {
		_, err = r.cancel(ctx, c, &state, ownedNow(setStrings(ctx, state.APIIDs, &resp.Diagnostics), pending, before), before)
	}
	if err != nil && !httpclient.IsNotFound(err) {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not remove the app's authorizations", err))
	}
}

// importIDRule describes the import id in errors.
const importIDRule = "<instance_id>/<env_id>/<app_id>, or <instance_id>/<env_id>/<app_id>/<api_id>[,<api_id>...] to take over only " +
	"those APIs (32 lowercase hex characters each; env_id may be " + DefaultEnvID + ")"

func (r *appAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := strings.Split(req.ID, "/")
	var apis []string
	if len(parts) == 4 {
		apis = strings.Split(parts[3], ",")
	}
	valid := (len(parts) == 3 || len(parts) == 4) && hexID.MatchString(parts[0]) && envIDPattern.MatchString(parts[1]) && hexID.MatchString(parts[2]) &&
		len(apis) <= maxAPIsPerApp && !slices.ContainsFunc(apis, func(id string) bool { return !hexID.MatchString(id) })
	if !valid {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("Expected %s, got %q.", importIDRule, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strings.Join(parts[:3], "/"))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("env_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_id"), parts[2])...)
	if apis != nil {
		// Read keeps those of the APIs that are authorized.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("api_ids"), stringSet(apis))...)
	}
}
