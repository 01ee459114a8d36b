package appfabric

import (
	"context"
	"fmt"
	"strings"
	"time"

	fwtimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/timeout"
)

var (
	_ resource.ResourceWithConfigure   = &appAuthorizationConnectionResource{}
	_ resource.ResourceWithImportState = &appAuthorizationConnectionResource{}
	_ resource.ResourceWithModifyPlan  = &appAuthorizationConnectionResource{}
)

// NewAppAuthorizationConnectionResource connects an AppFabric app authorization.
func NewAppAuthorizationConnectionResource() resource.Resource {
	return &appAuthorizationConnectionResource{}
}

type appAuthorizationConnectionResource struct {
	conns.ResourceBase
}

type appAuthorizationConnectionModel struct {
	ID                  types.String      `tfsdk:"id"`
	AppAuthorizationARN types.String      `tfsdk:"app_authorization_arn"`
	AppBundleARN        types.String      `tfsdk:"app_bundle_arn"`
	App                 types.String      `tfsdk:"app"`
	AuthRequest         *authRequestModel `tfsdk:"auth_request"`
	CodeWOVersion       types.Int64       `tfsdk:"code_wo_version"`
	Status              types.String      `tfsdk:"status"`
	Timeouts            fwtimeouts.Value  `tfsdk:"timeouts"`
}

type authRequestModel struct {
	RedirectURI types.String `tfsdk:"redirect_uri"`
	Code        types.String `tfsdk:"code"`
	CodeWO      types.String `tfsdk:"code_wo"`
}

// timeouts bounds the connect.
var timeouts = timeout.Ops{Create: &timeout.Op{
	Bounds:  "The connect request and the wait for the authorization to leave `PendingConnect`.",
	Default: 30 * time.Minute,
}}

var (
	code = secrets.Secret{
		Path:        path.Root("auth_request").AtName("code"),
		Description: "The OAuth2 authorization code, 1 to 2048 characters.",
		Validators:  []validator.String{stringvalidator.LengthBetween(1, 2048)},
		Required:    true,
	}
	codeSecrets = secrets.Versioned{Version: path.Root("code_wo_version"), Secrets: []secrets.Secret{code}}
)

// codeVersion is code_wo_version: changing it connects again with the current code.
func codeVersion() schema.Int64Attribute {
	v := codeSecrets.VersionAttribute()
	v.PlanModifiers = []planmodifier.Int64{
		int64planmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			// After an import the prior value is null: the existing connection is adopted, not redone.
			resp.RequiresReplace = !req.StateValue.IsNull()
		}, "Changing the code version connects again.", "Changing the code version connects again."),
	}
	return v
}

func (r *appAuthorizationConnectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorization_connection"
}

func (r *appAuthorizationConnectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Connects an AWS AppFabric app authorization to its application (ConnectAppAuthorization) and waits until it is " +
			"`Connected`. Refresh re-checks the status. When the authorization is no longer `Connected` (its credential or tenant was updated, " +
			"AppFabric could not rotate its token, ...), the plan replaces an `apiKey` connection, which connects again; an `oauth2` connection " +
			"needs a new code, since an OAuth2 code works once: the plan warns until `auth_request` gets one. Destroying it only removes it " +
			"from state: AppFabric has no disconnect operation.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The app authorization ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"app_authorization_arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ARN of the app authorization to connect. Changing it replaces the connection.",
				Validators:          []validator.String{authorizationARNValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"app_bundle_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the authorization's app bundle.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"app": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The authorization's application.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"auth_request": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "The end of the OAuth2 flow, required for `oauth2` authorizations and not allowed for `apiKey` ones: the code " +
					"the application returned after an administrator visited the authorization's `auth_url`, and the redirect URI used. " +
					"Set exactly one of `code` and `code_wo`. Changing it connects again.",
				PlanModifiers: []planmodifier.Object{
					objectplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
						// After an import the prior value is null: the existing connection is adopted, not redone.
						resp.RequiresReplace = !req.StateValue.IsNull()
					}, "Changing the auth request connects again.", "Changing the auth request connects again."),
				},
				Attributes: map[string]schema.Attribute{
					"redirect_uri": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The redirect URI of the OAuth2 flow: `https://` followed by URL characters, up to 1024 characters.",
						Validators: []validator.String{
							stringvalidator.LengthAtMost(1024),
							stringvalidator.RegexMatches(redirectURIPattern, "must be an https:// URL (https:// followed by letters, digits and -._~:/?#@!$&'()*+,;=)"),
						},
					},
					"code":    codeSecrets.Plain(code),
					"code_wo": codeSecrets.WriteOnly(code),
				},
			},
			"code_wo_version": codeVersion(),
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The authorization's status as last read: `Connected` after a successful apply. When a refresh finds another status " +
					"(`PendingConnect`, `ConnectionValidationFailed`, `TokenAutoRotationFailed`), an `apiKey` connection is replaced, which connects " +
					"again; an `oauth2` one keeps its status and the plan warns, since its code was spent: set a new code to connect again. " +
					"Null when the provider could not read the status after sending the connect request.",
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

// ModifyPlan fails the plan when the provider's aws settings cannot work, and decides what a
// connection whose authorization is no longer Connected needs: an apiKey one connects again (no
// one-time secret is sent); an oauth2 one keeps its status unless its code changes, since its code
// was spent, and the plan says how to connect again.
func (r *appAuthorizationConnectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !family.PlanCheck(ctx, r.Meta, &resp.Diagnostics) || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state appAuthorizationConnectionModel
	// Values unknown until apply cannot be compared: leave the plan as it is.
	if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &state).HasError() {
		return
	}
	switch {
	case state.Status.ValueString() == StatusConnected, codeChanges(&plan, &state):
		plan.Status = types.StringValue(StatusConnected)
	case plan.AuthRequest == nil:
		plan.Status = types.StringValue(StatusConnected)
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("status"))
	default:
		plan.Status = state.Status
		resp.Diagnostics.AddAttributeWarning(path.Root("auth_request"), "The AppFabric app authorization is not connected", notConnectedAdvice(state.ID.ValueString(), state.Status))
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// codeChanges reports the changes that replace the connection to connect with another code: the
// auth request or code_wo_version, unless the state had none (an import adopts the connection).
func codeChanges(plan, state *appAuthorizationConnectionModel) bool {
	if state.AuthRequest != nil && (plan.AuthRequest == nil || !plan.AuthRequest.RedirectURI.Equal(state.AuthRequest.RedirectURI) ||
		!plan.AuthRequest.Code.Equal(state.AuthRequest.Code)) {
		return true
	}
	return !state.CodeWOVersion.IsNull() && !plan.CodeWOVersion.Equal(state.CodeWOVersion)
}

// notConnectedAdvice tells how to connect an oauth2 authorization again.
func notConnectedAdvice(arn string, status types.String) string {
	seen := "its status could not be read after the connect request"
	if !status.IsNull() {
		seen = "AppFabric reports " + status.ValueString()
	}
	return strings.TrimSpace(fmt.Sprintf("%s: %s. The OAuth2 code in auth_request was sent, and a code works once, so the provider does not connect "+
		"with it again. If AppFabric later reports Connected, nothing needs doing. Otherwise get a new code (have an administrator "+
		"visit the authorization's auth_url), set it in auth_request.code, or in auth_request.code_wo with a higher code_wo_version, "+
		"and apply: the connection is replaced and connects with the new code. %s", arn, seen, statusAdvice(status.ValueString())))
}

func (r *appAuthorizationConnectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan appAuthorizationConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, timeouts.Create.Default)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	arn := plan.AppAuthorizationARN.ValueString()
	bundle, err := BundleARNOf(arn)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("app_authorization_arn"), "Invalid app authorization ARN", err.Error())
		return
	}
	var auth *AuthRequest
	if ar := plan.AuthRequest; ar != nil {
		var wo types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, code.WriteOnlyPath(), &wo)...)
		value, _ := secrets.Value(wo, ar.Code)
		auth = &AuthRequest{RedirectURI: ar.RedirectURI.ValueString(), Code: value}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	outcome, err := client.ConnectAndWait(ctx, bundle, arn, auth)
	connected := err == nil && outcome.Authorization != nil && outcome.Authorization.Status == StatusConnected
	if !connected && (auth == nil || !outcome.Sent) {
		// Nothing that works once was spent: the next apply connects again.
		if err != nil {
			resp.Diagnostics.Append(httpclient.Diagnostic("Connecting the AppFabric app authorization failed", err))
			return
		}
		resp.Diagnostics.AddError("The AppFabric app authorization did not connect", fmt.Sprintf("AppFabric reports %s for %s after the connect request. %s",
			outcome.Authorization.Status, arn, statusAdvice(outcome.Authorization.Status)))
		return
	}
	plan.ID = types.StringValue(arn)
	plan.AppBundleARN = types.StringValue(bundle)
	plan.App = types.StringNull()
	plan.Status = types.StringNull()
	if a := outcome.Authorization; a != nil {
		plan.AppBundleARN, plan.App, plan.Status = types.StringValue(a.AppBundleARN), types.StringValue(a.App), types.StringValue(a.Status)
	}
	if !connected {
		// The OAuth2 code was sent and works once: the state records the connection (an error would
		// taint it, and replacing it would send the code again), and the plan says what to do.
		detail := notConnectedAdvice(arn, plan.Status)
		if err != nil {
			detail = "Waiting for the connection did not finish: " + err.Error() + "\n\n" + detail
		}
		resp.Diagnostics.AddWarning("The AppFabric app authorization is not connected", detail)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func statusAdvice(status string) string {
	switch status {
	case StatusConnectionValidationFailed:
		return "The application refused the credential: check the authorization's credential (and, for oauth2, that the code is fresh and the redirect URI matches), then apply again."
	case StatusTokenAutoRotationFailed:
		return "AppFabric could not refresh the application's token: connect again with a new authorization code."
	}
	return ""
}

func (r *appAuthorizationConnectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state appAuthorizationConnectionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	arn := state.ID.ValueString()
	bundle, err := BundleARNOf(arn)
	if err != nil {
		resp.Diagnostics.AddError("Invalid app authorization connection id", err.Error())
		return
	}
	a, err := client.GetAppAuthorization(ctx, bundle, arn)
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
		return
	}
	state.AppAuthorizationARN = types.StringValue(a.AppAuthorizationARN)
	state.AppBundleARN = types.StringValue(a.AppBundleARN)
	state.App = types.StringValue(a.App)
	state.Status = types.StringValue(a.Status)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only records arguments that need no new connect: an auth request adopted after import, or
// new timeouts.
func (r *appAuthorizationConnectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan appAuthorizationConnectionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete forgets the connection: AppFabric cannot disconnect an authorization; deleting the
// authorization ends the connection.
func (r *appAuthorizationConnectionResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ImportState takes the app authorization ARN.
func (r *appAuthorizationConnectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !authorizationARNPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import a connection by its app authorization ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>; got "+req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_authorization_arn"), req.ID)...)
}
