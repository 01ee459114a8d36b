package apig

import (
	"context"
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

// maxAPIsPerApp is the service's limit: an app can be authorized for at most 1,000 APIs.
const maxAPIsPerApp = 1000

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
			"The resource owns exactly the APIs in `api_ids`: several resources may authorize different APIs of the same app " +
			"in the same environment, and APIs authorized by anyone else are never touched. The APIs must use app " +
			"authentication (`auth_type = \"APP\"`) and be published in the environment.",
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
					"authorizations in place (removals first).",
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
// cannot work.
func (r *appAuthorizationResource) ModifyPlan(ctx context.Context, _ resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	family.PlanCheck(ctx, r.Meta, &resp.Diagnostics)
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

// authorize adds apis and returns those now authorized (SUCCESS or SKIPPED); every FAILED pair adds
// one diagnostic naming the API with the service's code and message.
func (r *appAuthorizationResource) authorize(ctx context.Context, c *Client, m *appAuthorizationModel, apis []string, diags *diag.Diagnostics) []string {
	if len(apis) == 0 {
		return nil
	}
	rels, err := c.Authorize(ctx, m.InstanceID.ValueString(), m.EnvID.ValueString(), m.AppID.ValueString(), apis)
	if err != nil {
		diags.Append(httpclient.Diagnostic("Could not authorize the app", err))
		return nil
	}
	var ok []string
	for _, rel := range rels {
		switch rel.AuthResult.Status {
		case AuthSuccess, AuthSkipped:
			ok = append(ok, rel.APIID)
		default:
			name := rel.APIID
			if rel.AuthResult.APIName != "" {
				name = fmt.Sprintf("%s (%s)", rel.APIID, rel.AuthResult.APIName)
			}
			diags.AddAttributeError(path.Root("api_ids"), "API "+rel.APIID+" was not authorized",
				fmt.Sprintf("APIG refused to authorize app %s for API %s in environment %s: %s %s. Only APIs that use app "+
					"authentication (auth_type APP) and are published in the environment can be authorized.",
					m.AppID.ValueString(), name, m.EnvID.ValueString(), rel.AuthResult.ErrorCode, rel.AuthResult.ErrorMsg))
		}
	}
	return ok
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

// refreshBound sets bound_api_ids after a write; a failed read is a warning, since the write itself succeeded.
func (r *appAuthorizationResource) refreshBound(ctx context.Context, c *Client, m *appAuthorizationModel, diags *diag.Diagnostics) {
	b, err := r.bound(ctx, c, m)
	if err != nil {
		diags.AddWarning("Could not read the app's authorizations back", err.Error())
		m.BoundAPIIDs = stringList(setStrings(ctx, m.APIIDs, diags))
		return
	}
	m.BoundAPIIDs = stringList(keys(b))
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

	ok := r.authorize(ctx, c, &plan, want, &resp.Diagnostics)
	if len(ok) == 0 {
		return
	}
	plan.ID = types.StringValue(plan.lockKey())
	// What succeeded is recorded even when other APIs failed, so no authorization is left unmanaged.
	plan.APIIDs = stringSet(ok)
	r.refreshBound(ctx, c, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
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
		// Just imported: the resource owns what is bound now.
		state.APIIDs = stringSet(keys(b))
	} else {
		// An owned API no longer bound is drift: it drops out of state and the next apply restores it.
		var still []string
		for _, id := range setStrings(ctx, state.APIIDs, &resp.Diagnostics) {
			if _, ok := b[id]; ok {
				still = append(still, id)
			}
		}
		state.APIIDs = stringSet(still)
	}
	state.ID = types.StringValue(state.lockKey())
	state.BoundAPIIDs = stringList(keys(b))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

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
	have := setStrings(ctx, state.APIIDs, &resp.Diagnostics)
	var remove, add []string
	for _, id := range have {
		if !slices.Contains(want, id) {
			remove = append(remove, id)
		}
	}
	for _, id := range want {
		if !slices.Contains(have, id) {
			add = append(add, id)
		}
	}
	unlock := c.Lock(plan.lockKey())
	defer unlock()

	owned := slices.Clone(have)
	if len(remove) > 0 {
		removed, err := r.cancel(ctx, c, &state, remove)
		owned = slices.DeleteFunc(owned, func(id string) bool { return slices.Contains(removed, id) })
		if err != nil {
			resp.Diagnostics.Append(httpclient.Diagnostic("Could not remove an authorization", err))
			state.APIIDs = stringSet(owned)
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
	}
	owned = append(owned, r.authorize(ctx, c, &plan, add, &resp.Diagnostics)...)
	plan.ID = types.StringValue(plan.lockKey())
	plan.APIIDs = stringSet(owned)
	r.refreshBound(ctx, c, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// cancel removes the authorizations of apis and returns the APIs no longer authorized. A record that
// is already gone counts as removed.
func (r *appAuthorizationResource) cancel(ctx context.Context, c *Client, m *appAuthorizationModel, apis []string) ([]string, error) {
	b, err := r.bound(ctx, c, m)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, id := range apis {
		rec, ok := b[id]
		if ok {
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
	unlock := c.Lock(state.lockKey())
	defer unlock()
	_, err := r.cancel(ctx, c, &state, setStrings(ctx, state.APIIDs, &resp.Diagnostics))
	if err != nil && !httpclient.IsNotFound(err) {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not remove the app's authorizations", err))
	}
}

func (r *appAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts := strings.Split(req.ID, "/")
	if len(parts) != 3 || !hexID.MatchString(parts[0]) || !envIDPattern.MatchString(parts[1]) || !hexID.MatchString(parts[2]) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("Expected <instance_id>/<env_id>/<app_id> (32 lowercase hex characters each; env_id may be %s), got %q.", DefaultEnvID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("instance_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("env_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_id"), parts[2])...)
}
