package appfabric

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

// The list resources of `terraform query`: the Region's bundles, and the authorizations and the
// connections of one bundle (AppFabric lists authorizations per bundle only). With include_resource,
// each object is read as a refresh after its import reads it.

var (
	_ list.ListResourceWithConfigure = &appBundleListResource{}
	_ list.ListResourceWithConfigure = &appAuthorizationListResource{}
	_ list.ListResourceWithConfigure = &appAuthorizationConnectionListResource{}
)

// NewAppBundleListResource lists the AppFabric app bundles of the provider's Region and account.
func NewAppBundleListResource() list.ListResource { return &appBundleListResource{} }

// NewAppAuthorizationListResource lists the app authorizations of an AppFabric app bundle.
func NewAppAuthorizationListResource() list.ListResource { return &appAuthorizationListResource{} }

// NewAppAuthorizationConnectionListResource lists the connected app authorizations of an AppFabric
// app bundle.
func NewAppAuthorizationConnectionListResource() list.ListResource {
	return &appAuthorizationConnectionListResource{}
}

type appBundleListResource struct{ conns.ListResourceBase }

type appAuthorizationListResource struct{ conns.ListResourceBase }

type appAuthorizationConnectionListResource struct{ conns.ListResourceBase }

// bundleListModel is the configuration of a list of one bundle's objects.
type bundleListModel struct {
	AppBundleARN types.String `tfsdk:"app_bundle_arn"`
}

func bundleListSchema(what string) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Finds " + what + " of an AWS AppFabric app bundle, reading every page.",
		Attributes: map[string]schema.Attribute{
			"app_bundle_arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ARN of the app bundle: AppFabric lists app authorizations per bundle.",
				Validators:          []validator.String{bundleARNValidator()},
			},
		},
	}
}

func (l *appBundleListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_bundle"
}

func (l *appAuthorizationListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorization"
}

func (l *appAuthorizationConnectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_authorization_connection"
}

func (l *appBundleListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{MarkdownDescription: "Finds the AWS AppFabric app bundles of the provider's Region and account, reading every page."}
}

func (l *appAuthorizationListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = bundleListSchema("the app authorizations")
}

func (l *appAuthorizationConnectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = bundleListSchema("the connections (the app authorizations whose status is `Connected`)")
}

func (l *appBundleListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	client := family.Client(ctx, l.Meta, &diags)
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	arns, err := client.ListAppBundles(ctx)
	if err != nil {
		stream.Results = conns.ListFailed(diag.Diagnostics{httpclient.Diagnostic("Listing AppFabric app bundles failed", err)})
		return
	}
	stream.Results = conns.ListResults(ctx, req, arns, func(arn string) conns.Listed[appBundleResourceModel] {
		return conns.Listed[appBundleResourceModel]{
			DisplayName: arn,
			Identity:    arnIdentity{ARN: types.StringValue(arn)},
			Read: func(ctx context.Context, m *appBundleResourceModel, diags *diag.Diagnostics) {
				b, err := client.GetAppBundle(ctx, arn)
				if err == nil {
					err = m.read(ctx, client, b, diags)
				}
				if err != nil {
					diags.Append(httpclient.Diagnostic("Reading the AppFabric app bundle failed", err))
				}
			},
		}
	})
}

// bundleAuthorizations lists the authorizations of the configured bundle, keeping those keep accepts.
func bundleAuthorizations(ctx context.Context, meta *conns.Meta, req list.ListRequest, keep func(AppAuthorizationSummary) bool) (*Client, []AppAuthorizationSummary, diag.Diagnostics) {
	var config bundleListModel
	diags := req.Config.Get(ctx, &config)
	client := family.Client(ctx, meta, &diags)
	if diags.HasError() {
		return nil, nil, diags
	}
	all, err := client.ListAppAuthorizations(ctx, config.AppBundleARN.ValueString())
	if err != nil {
		diags.Append(httpclient.Diagnostic("Listing the AppFabric app authorizations failed", err))
		return nil, nil, diags
	}
	var kept []AppAuthorizationSummary
	for _, a := range all {
		if keep(a) {
			kept = append(kept, a)
		}
	}
	return client, kept, diags
}

// authorizationDisplayName names an authorization by its app and tenant.
func authorizationDisplayName(a AppAuthorizationSummary) string {
	return a.App + " " + a.Tenant.TenantDisplayName
}

func (l *appAuthorizationListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	client, found, diags := bundleAuthorizations(ctx, l.Meta, req, func(AppAuthorizationSummary) bool { return true })
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	stream.Results = conns.ListResults(ctx, req, found, func(s AppAuthorizationSummary) conns.Listed[appAuthorizationResourceModel] {
		return conns.Listed[appAuthorizationResourceModel]{
			DisplayName: authorizationDisplayName(s),
			Identity:    arnIdentity{ARN: types.StringValue(s.AppAuthorizationARN)},
			Read: func(ctx context.Context, m *appAuthorizationResourceModel, diags *diag.Diagnostics) {
				a, err := client.GetAppAuthorization(ctx, s.AppBundleARN, s.AppAuthorizationARN)
				if err == nil {
					err = m.read(ctx, client, a, diags)
				}
				if err != nil {
					diags.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
				}
			},
		}
	})
}

// List finds the connected authorizations only: an authorization that was never connected has no
// connection to import.
func (l *appAuthorizationConnectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	client, found, diags := bundleAuthorizations(ctx, l.Meta, req, func(a AppAuthorizationSummary) bool { return a.Status == StatusConnected })
	if diags.HasError() {
		stream.Results = conns.ListFailed(diags)
		return
	}
	stream.Results = conns.ListResults(ctx, req, found, func(s AppAuthorizationSummary) conns.Listed[appAuthorizationConnectionModel] {
		return conns.Listed[appAuthorizationConnectionModel]{
			DisplayName: authorizationDisplayName(s),
			Identity:    connectionIdentity{AppAuthorizationARN: types.StringValue(s.AppAuthorizationARN)},
			Read: func(ctx context.Context, m *appAuthorizationConnectionModel, diags *diag.Diagnostics) {
				a, err := client.GetAppAuthorization(ctx, s.AppBundleARN, s.AppAuthorizationARN)
				if err != nil {
					diags.Append(httpclient.Diagnostic("Reading the AppFabric app authorization failed", err))
					return
				}
				m.flatten(a)
			},
		}
	})
}
