package appfabric

import (
	"context"
	"fmt"
	"time"

	fwtimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"

	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
	"github.com/appauth/terraform-provider-appauth/internal/timeout"
)

var (
	_ resource.ResourceWithConfigure      = &appAuthorizationResource{}
	_ resource.ResourceWithImportState    = &appAuthorizationResource{}
	_ resource.ResourceWithValidateConfig = &appAuthorizationResource{}
	_ resource.ResourceWithModifyPlan     = &appAuthorizationResource{}
)

// NewAppAuthorizationResource manages an AppFabric app authorization.
func NewAppAuthorizationResource() resource.Resource { return &appAuthorizationResource{} }

type appAuthorizationResource struct {
	conns.ResourceBase
}

type appAuthorizationResourceModel struct {
	appAuthorizationFields
	Credential          *credentialModel `tfsdk:"credential"`
	CredentialWOVersion types.Int64      `tfsdk:"credential_wo_version"`
	Tags                types.Map        `tfsdk:"tags"`
	Timeouts            fwtimeouts.Value `tfsdk:"timeouts"`
}

// authorizationTimeouts bounds the delete, which waits for AppFabric to stop finding the
// authorization.
var authorizationTimeouts = timeout.Ops{Delete: &timeout.Op{
	Bounds:  "The delete and the wait until AppFabric no longer finds the authorization (until then its bundle cannot be deleted).",
	Default: 30 * time.Minute,
}}

// appAuthorizationFields are what AppFabric returns of an authorization (never the credential), shown
// alike by the resource and the data source.
type appAuthorizationFields struct {
	ID           types.String `tfsdk:"id"`
	ARN          types.String `tfsdk:"arn"`
	AppBundleARN types.String `tfsdk:"app_bundle_arn"`
	App          types.String `tfsdk:"app"`
	AuthType     types.String `tfsdk:"auth_type"`
	Tenant       *tenantModel `tfsdk:"tenant"`
	Status       types.String `tfsdk:"status"`
	Persona      types.String `tfsdk:"persona"`
	AuthURL      types.String `tfsdk:"auth_url"`
	CreatedAt    types.String `tfsdk:"created_at"`
	UpdatedAt    types.String `tfsdk:"updated_at"`
}

type tenantModel struct {
	TenantIdentifier  types.String `tfsdk:"tenant_identifier"`
	TenantDisplayName types.String `tfsdk:"tenant_display_name"`
}

type credentialModel struct {
	OAuth2 *oauth2CredentialModel `tfsdk:"oauth2"`
	APIKey *apiKeyCredentialModel `tfsdk:"api_key"`
}

type oauth2CredentialModel struct {
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	ClientSecretWO types.String `tfsdk:"client_secret_wo"`
}

type apiKeyCredentialModel struct {
	APIKey   types.String `tfsdk:"api_key"`
	APIKeyWO types.String `tfsdk:"api_key_wo"`
}

const (
	authTypeOAuth2 = "oauth2"
	authTypeAPIKey = "apiKey"
)

func (r *appAuthorizationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorization"
}

// credentialSecrets are the credential's secrets, which share credential_wo_version.
var (
	clientSecret = secrets.Secret{
		Path:        path.Root("credential").AtName("oauth2").AtName("client_secret"),
		Description: "The client secret, 1 to 2048 characters.",
		Validators:  []validator.String{stringvalidator.LengthBetween(1, 2048)},
		Required:    true,
	}
	apiKey = secrets.Secret{
		Path:        path.Root("credential").AtName("api_key").AtName("api_key"),
		Description: "The API key, 1 to 2048 characters.",
		Validators:  []validator.String{stringvalidator.LengthBetween(1, 2048)},
		Required:    true,
	}
	credentialSecrets = secrets.Versioned{Version: path.Root("credential_wo_version"), Secrets: []secrets.Secret{clientSecret, apiKey}}
)

func (r *appAuthorizationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An AWS AppFabric app authorization: the credential and tenant AppFabric uses to reach a SaaS application. " +
			"It starts as `PendingConnect`; connect it with `appauth_appfabric_app_authorization_connection`. AppFabric never returns the " +
			"credential, so the state keeps the configured value (or nothing, with the write-only `*_wo` forms). Changing the credential or " +
			"the tenant updates the authorization in place and AppFabric puts it back to `PendingConnect`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The app authorization ARN (same as `arn`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The app authorization ARN, `<app_bundle_arn>/appauthorization/<uuid>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"app_bundle_arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ARN of the app bundle the authorization belongs to. Changing it replaces the authorization.",
				Validators:          []validator.String{bundleARNValidator()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"app": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the application, 1 to 255 characters, e.g. `SLACK`, `ASANA`, `JIRA`, `M365`, `M365AUDITLOGS`, `ZOOM`, " +
					"`ZENDESK`, `OKTA`, `GOOGLE`, `DROPBOX`, `SMARTSHEET`, `CISCO`. Changing it replaces the authorization.",
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"auth_type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "How AppFabric authenticates to the application: `oauth2` (with `credential.oauth2`) or `apiKey` (with `credential.api_key`). Changing it replaces the authorization.",
				Validators:          []validator.String{stringvalidator.OneOf(authTypeOAuth2, authTypeAPIKey)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tenant": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "The application tenant. Changing it updates the authorization in place (it then needs a new connect).",
				Attributes: map[string]schema.Attribute{
					"tenant_identifier": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The tenant's id in the application, 1 to 1024 characters.",
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 1024)},
					},
					"tenant_display_name": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "The tenant's display name, 1 to 2048 characters.",
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 2048)},
					},
				},
			},
			"credential": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "The credential, exactly one of `oauth2` or `api_key`, matching `auth_type`; required to create an authorization. AppFabric never returns it, " +
					"so it may be left out of an imported authorization's configuration (as `-generate-config-out` does), which keeps the credential AppFabric holds. " +
					"Changing it (or `credential_wo_version`) updates the authorization in place. After an import the first apply records the " +
					"configured credential without sending it, since AppFabric cannot tell whether it differs; change it or `credential_wo_version` to send it.",
				Attributes: map[string]schema.Attribute{
					"oauth2": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "OAuth2 client credential, for `auth_type = \"oauth2\"`. Set exactly one of `client_secret` and `client_secret_wo`.",
						Validators: []validator.Object{
							objectvalidator.ExactlyOneOf(path.MatchRoot("credential").AtName("oauth2"), path.MatchRoot("credential").AtName("api_key")),
						},
						Attributes: map[string]schema.Attribute{
							"client_id": schema.StringAttribute{
								Required:            true,
								MarkdownDescription: "The client id of the OAuth2 client registered in the application, 1 to 2048 characters.",
								Validators:          []validator.String{stringvalidator.LengthBetween(1, 2048)},
							},
							"client_secret":    credentialSecrets.Plain(clientSecret),
							"client_secret_wo": credentialSecrets.WriteOnly(clientSecret),
						},
					},
					"api_key": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "API key credential, for `auth_type = \"apiKey\"`. Set exactly one of `api_key` and `api_key_wo`.",
						Attributes: map[string]schema.Attribute{
							"api_key":    credentialSecrets.Plain(apiKey),
							"api_key_wo": credentialSecrets.WriteOnly(apiKey),
						},
					},
				},
			},
			"credential_wo_version": credentialSecrets.VersionAttribute(),
			"tags":                  tagLimits.Attribute(tagsHow),
			"status": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "`PendingConnect`, `Connected`, `ConnectionValidationFailed` or `TokenAutoRotationFailed`. A new or updated " +
					"authorization is `PendingConnect` until it is connected.",
			},
			"persona": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The user persona of the authorization (`admin`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"auth_url": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "For `oauth2`: the application's URL where an administrator grants AppFabric access, in full. Null for `apiKey`.",
			},
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the authorization was created (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "When the credential or tenant last changed (RFC 3339). It is unknown in a plan that changes them, so " +
					"`replace_triggered_by = [appauth_appfabric_app_authorization.<name>.updated_at]` on a connection reconnects after such a change.",
			},
		},
		Blocks: map[string]schema.Block{"timeouts": authorizationTimeouts.Block(ctx)},
	}
}

// ValidateConfig checks what single-attribute validators cannot: the credential variant matches
// auth_type.
func (r *appAuthorizationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var authType types.String
	var oauth2, apiKey types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("auth_type"), &authType)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credential").AtName("oauth2"), &oauth2)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("credential").AtName("api_key"), &apiKey)...)
	if resp.Diagnostics.HasError() || authType.IsNull() || authType.IsUnknown() {
		return
	}
	switch authType.ValueString() {
	case authTypeOAuth2:
		if !apiKey.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("credential").AtName("api_key"), "Credential does not match auth_type",
				`auth_type is "oauth2": configure credential.oauth2 (client_id and a client secret), not credential.api_key.`)
		}
	case authTypeAPIKey:
		if !oauth2.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("credential").AtName("oauth2"), "Credential does not match auth_type",
				`auth_type is "apiKey": configure credential.api_key, not credential.oauth2.`)
		}
	}
}

// credentialChanges reports whether an update must send the credential.
func credentialChanges(plan, state *appAuthorizationResourceModel) bool {
	if plan.Credential == nil {
		// Not configured: keep whatever AppFabric holds.
		return false
	}
	if state.Credential == nil && state.CredentialWOVersion.IsNull() {
		// Imported: AppFabric already holds a credential that cannot be compared; adopt the configured one.
		return false
	}
	if !plan.CredentialWOVersion.Equal(state.CredentialWOVersion) {
		return true
	}
	p, s := plan.Credential, state.Credential
	if p == nil || s == nil {
		return p != s
	}
	if (p.OAuth2 == nil) != (s.OAuth2 == nil) || (p.APIKey == nil) != (s.APIKey == nil) {
		return true
	}
	if p.OAuth2 != nil && (!p.OAuth2.ClientID.Equal(s.OAuth2.ClientID) || !p.OAuth2.ClientSecret.Equal(s.OAuth2.ClientSecret)) {
		return true
	}
	return p.APIKey != nil && !p.APIKey.APIKey.Equal(s.APIKey.APIKey)
}

func tenantChanges(plan, state *appAuthorizationResourceModel) bool {
	if state.Tenant == nil {
		return plan.Tenant != nil
	}
	return plan.Tenant != nil && (!plan.Tenant.TenantIdentifier.Equal(state.Tenant.TenantIdentifier) ||
		!plan.Tenant.TenantDisplayName.Equal(state.Tenant.TenantDisplayName))
}

// ModifyPlan fails the plan when the provider's aws settings cannot work, requires a credential to
// create, and keeps status, auth_url and updated_at known when only tags change, since only a
// credential or tenant update touches them.
func (r *appAuthorizationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !family.PlanCheck(ctx, r.Meta, &resp.Diagnostics) || req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		var credential types.Object
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("credential"), &credential)...)
		if credential.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("credential"), "Missing credential",
				"credential is required to create an app authorization: set credential.oauth2 (auth_type \"oauth2\") or credential.api_key "+
					"(auth_type \"apiKey\"). It may be left out only for an imported authorization, whose credential AppFabric keeps.")
		}
		if plannedBeyond(r.Meta, "appfabric authorizations planned", MaxAppAuthorizations) {
			resp.Diagnostics.AddWarning("More AppFabric app authorizations are planned in one account and Region than AppFabric allows",
				"This plan creates more app authorizations with this provider configuration than AppFabric allows: "+authorizationQuota+" "+
					"The creates beyond it will fail with ServiceQuotaExceededException. Spread the authorizations over Regions or accounts, "+
					"each with a provider configuration (alias) and an app bundle of its own.")
		}
		return
	}
	var plan, state appAuthorizationResourceModel
	// A tenant or credential still unknown cannot be compared: leave the plan as it is.
	if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &state).HasError() {
		return
	}
	if credentialChanges(&plan, &state) || tenantChanges(&plan, &state) {
		return
	}
	plan.Status, plan.AuthURL, plan.UpdatedAt = state.Status, state.AuthURL, state.UpdatedAt
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// wireCredential builds the API credential from the plan, taking write-only secrets from config (they
// exist only there).
func wireCredential(plan, config *appAuthorizationResourceModel) (Credential, error) {
	var cred Credential
	if plan.Credential == nil || config.Credential == nil {
		return cred, fmt.Errorf("credential is not set")
	}
	if o, c := plan.Credential.OAuth2, config.Credential.OAuth2; o != nil && c != nil {
		secret, _ := secrets.Value(c.ClientSecretWO, o.ClientSecret)
		cred.OAuth2 = &OAuth2Credential{ClientID: o.ClientID.ValueString(), ClientSecret: secret}
	}
	if k, c := plan.Credential.APIKey, config.Credential.APIKey; k != nil && c != nil {
		key, _ := secrets.Value(c.APIKeyWO, k.APIKey)
		cred.APIKey = &APIKeyCredential{APIKey: key}
	}
	return cred, nil
}

func (m *appAuthorizationFields) flatten(a *AppAuthorization) {
	m.ID = types.StringValue(a.AppAuthorizationARN)
	m.ARN = types.StringValue(a.AppAuthorizationARN)
	m.AppBundleARN = types.StringValue(a.AppBundleARN)
	m.App = types.StringValue(a.App)
	m.AuthType = types.StringValue(a.AuthType)
	m.Tenant = flattenTenant(a.Tenant)
	m.Status = types.StringValue(a.Status)
	m.Persona = flex.StringOrNull(a.Persona)
	m.AuthURL = flex.StringOrNull(a.AuthURL)
	m.CreatedAt = flex.Timestamp(a.CreatedAt)
	m.UpdatedAt = flex.Timestamp(a.UpdatedAt)
}

func flattenTenant(t Tenant) *tenantModel {
	return &tenantModel{TenantIdentifier: types.StringValue(t.TenantIdentifier), TenantDisplayName: types.StringValue(t.TenantDisplayName)}
}

func (r *appAuthorizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config appAuthorizationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	tagMap := tags.Expand(ctx, plan.Tags, &resp.Diagnostics)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	cred, err := wireCredential(&plan, &config)
	if err != nil {
		resp.Diagnostics.AddError("Invalid credential", err.Error())
		return
	}
	a, err := client.CreateAppAuthorization(ctx, plan.AppBundleARN.ValueString(), CreateAppAuthorizationInput{
		App: plan.App.ValueString(), AuthType: plan.AuthType.ValueString(), Credential: cred,
		Tenant: Tenant{TenantIdentifier: plan.Tenant.TenantIdentifier.ValueString(), TenantDisplayName: plan.Tenant.TenantDisplayName.ValueString()},
		Tags:   tagMap,
	})
	if httpclient.ErrorCode(err) == "ServiceQuotaExceededException" {
		resp.Diagnostics.AddError("The AWS account has reached AppFabric's quota of app authorizations in this Region", err.Error()+"\n\n"+
			authorizationQuota+" Delete authorizations that are no longer used, or create this one in another Region or account through a "+
			"provider configuration (alias) of its own, with a bundle there.")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Creating the AppFabric app authorization failed", err))
		return
	}
	plan.flatten(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// bundleOf returns the bundle of a state or an import, which lack app_bundle_arn only after import.
func bundleOf(m *appAuthorizationResourceModel) (string, error) {
	if !m.AppBundleARN.IsNull() && m.AppBundleARN.ValueString() != "" {
		return m.AppBundleARN.ValueString(), nil
	}
	return BundleARNOf(m.ID.ValueString())
}

func (r *appAuthorizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state appAuthorizationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	bundle, err := bundleOf(&state)
	if err != nil {
		resp.Diagnostics.AddError("Invalid app authorization id", err.Error())
		return
	}
	a, err := client.GetAppAuthorization(ctx, bundle, state.ID.ValueString())
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
		return
	}
	remote, err := client.ListTags(ctx, a.AppAuthorizationARN)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization's tags failed", err))
		return
	}
	state.flatten(a)
	state.Tags = tags.Flatten(ctx, remote, state.Tags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *appAuthorizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config appAuthorizationResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	set, remove := tags.Diff(tags.Expand(ctx, state.Tags, &resp.Diagnostics), tags.Expand(ctx, plan.Tags, &resp.Diagnostics))
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	bundle, arn := state.AppBundleARN.ValueString(), state.ARN.ValueString()
	var cred *Credential
	if credentialChanges(&plan, &state) {
		c, err := wireCredential(&plan, &config)
		if err != nil {
			resp.Diagnostics.AddError("Invalid credential", err.Error())
			return
		}
		cred = &c
	}
	var tenant *Tenant
	if tenantChanges(&plan, &state) {
		tenant = &Tenant{TenantIdentifier: plan.Tenant.TenantIdentifier.ValueString(), TenantDisplayName: plan.Tenant.TenantDisplayName.ValueString()}
	}
	var a *AppAuthorization
	var err error
	if cred != nil || tenant != nil {
		a, err = client.UpdateAppAuthorization(ctx, bundle, arn, cred, tenant)
		if err != nil {
			resp.Diagnostics.Append(httpclient.Diagnostic("Updating the AppFabric app authorization failed", err))
			return
		}
	}
	if err := client.UpdateTags(ctx, arn, set, remove); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Updating the AppFabric app authorization's tags failed", err))
		return
	}
	switch {
	case a != nil:
		plan.flatten(a)
	case plan.Status.IsUnknown() || plan.UpdatedAt.IsUnknown() || plan.AuthURL.IsUnknown():
		if a, err = client.GetAppAuthorization(ctx, bundle, arn); err != nil {
			resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
			return
		}
		plan.flatten(a)
	default:
		// Only tags changed: keep the planned values, which a connect running in the same apply
		// must not make inconsistent; the next refresh reads the new status.
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *appAuthorizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state appAuthorizationResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, authorizationTimeouts.Delete.Default)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := client.DeleteAppAuthorization(ctx, state.AppBundleARN.ValueString(), state.ARN.ValueString()); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Deleting the AppFabric app authorization failed", err))
	}
}

// ImportState takes the app authorization ARN alone: the bundle ARN is part of it.
func (r *appAuthorizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !authorizationARNPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import an app authorization by its ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>/appauthorization/<uuid>; got "+req.ID)
		return
	}
	bundle, err := BundleARNOf(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("arn"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("app_bundle_arn"), bundle)...)
}
