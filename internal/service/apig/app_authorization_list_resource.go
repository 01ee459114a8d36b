package apig

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ list.ListResourceWithConfigure = &appAuthorizationListResource{}

// NewAppAuthorizationListResource lists APIG app authorizations for `terraform query`: one result
// per app and environment that has authorized APIs, as the resource manages them.
func NewAppAuthorizationListResource() list.ListResource { return &appAuthorizationListResource{} }

type appAuthorizationListResource struct {
	conns.ListResourceBase
}

type appAuthorizationListModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
	AppID      types.String `tfsdk:"app_id"`
	EnvID      types.String `tfsdk:"env_id"`
	APIName    types.String `tfsdk:"api_name"`
}

func (l *appAuthorizationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_app_authorization"
}

func (l *appAuthorizationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the app authorizations of a dedicated gateway: one result per app and environment with authorized " +
			"APIs, holding all of them. APIG lists authorizations per app (ListApisBindedToAppV2), so without `app_id` every app " +
			"of the gateway is listed first (ListAppsV2), then each app's authorizations. Every page is read.",
		Attributes: map[string]schema.Attribute{
			"instance_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Id of the dedicated gateway (32 lowercase hexadecimal characters).",
				Validators: []validator.String{idValidator("a gateway instance id")},
			},
			"app_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Id of the app (32 lowercase hexadecimal characters); every app when unset.",
				Validators: []validator.String{idValidator("an app id")},
			},
			"env_id": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Id of the environment (32 lowercase hexadecimal characters, or `" + DefaultEnvID +
					"`); every environment when unset.",
				Validators: []validator.String{envIDValidator()},
			},
			"api_name": schema.StringAttribute{
				Optional: true, MarkdownDescription: "Finds the apps and environments with an authorized API whose name contains this " +
					"(APIG's filter); each result still holds every API authorized there.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
			},
		},
	}
}

func (l *appAuthorizationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config appAuthorizationListModel
	diags := req.Config.Get(ctx, &config)
	c := family.Client(ctx, l.Meta, &diags)
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	found, err := config.find(ctx, c)
	if err != nil {
		stream.Results = conns.ListFailed(diag.Diagnostics{httpclient.Diagnostic("Listing the APIG app authorizations failed", err)})
		return
	}
	project, err := c.project(ctx)
	if err != nil {
		stream.Results = conns.ListFailed(diag.Diagnostics{httpclient.Diagnostic("Could not tell the APIG project", err)})
		return
	}
	stream.Results = conns.ListResults(ctx, req, found, func(g authorizationGroup) conns.Listed[appAuthorizationModel] {
		first := g.auths[0]
		return conns.Listed[appAuthorizationModel]{
			DisplayName: first.AppName + " in " + first.EnvName,
			Identity: authorizationIdentity{ProjectID: types.StringValue(project), InstanceID: config.InstanceID,
				EnvID: types.StringValue(first.EnvID), AppID: types.StringValue(first.AppID)},
			Read: func(ctx context.Context, m *appAuthorizationModel, diags *diag.Diagnostics) {
				m.InstanceID, m.EnvID, m.AppID = config.InstanceID, types.StringValue(first.EnvID), types.StringValue(first.AppID)
				b := byAPI(g.auths)
				if g.partial {
					// A filter by API name leaves the other APIs out: read the app's all, as Read does.
					var err error
					if b, err = bound(ctx, c, m); err != nil {
						diags.Append(httpclient.Diagnostic("Could not read the app's authorizations", err))
						return
					}
				}
				m.read(ctx, b, nil, diags)
			},
		}
	})
}

// authorizationGroup is what the resource manages: the authorizations of one app in one environment.
type authorizationGroup struct {
	auths []AuthInfo
	// partial is set when a filter may have left some of them out.
	partial bool
}

// find lists the configured app's authorizations, or every app's, by app and environment.
func (m *appAuthorizationListModel) find(ctx context.Context, c *Client) ([]authorizationGroup, error) {
	instance := m.InstanceID.ValueString()
	apps := []string{m.AppID.ValueString()}
	if m.AppID.IsNull() {
		all, err := c.ListApps(ctx, instance, "")
		if err != nil {
			return nil, err
		}
		apps = apps[:0]
		for _, a := range all {
			apps = append(apps, a.ID)
		}
	}
	var out []authorizationGroup
	for _, app := range apps {
		auths, err := c.ListBoundAPIsNamed(ctx, instance, app, m.EnvID.ValueString(), m.APIName.ValueString())
		if err != nil {
			return nil, err
		}
		byEnv := map[string][]AuthInfo{}
		var envs []string
		for _, a := range auths {
			if _, seen := byEnv[a.EnvID]; !seen {
				envs = append(envs, a.EnvID)
			}
			byEnv[a.EnvID] = append(byEnv[a.EnvID], a)
		}
		slices.Sort(envs)
		for _, env := range envs {
			out = append(out, authorizationGroup{auths: byEnv[env], partial: !m.APIName.IsNull()})
		}
	}
	return out, nil
}
