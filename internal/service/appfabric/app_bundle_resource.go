package appfabric

import (
	"context"
	"net/http"

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
	"github.com/appauth/terraform-provider-appauth/internal/tags"
)

var (
	_ resource.ResourceWithConfigure   = &appBundleResource{}
	_ resource.ResourceWithImportState = &appBundleResource{}
	_ resource.ResourceWithModifyPlan  = &appBundleResource{}
)

// NewAppBundleResource manages an AppFabric app bundle.
func NewAppBundleResource() resource.Resource { return &appBundleResource{} }

type appBundleResource struct {
	conns.ResourceBase
}

// appBundleModel is a bundle, as the resource and the data source show it.
type appBundleModel struct {
	ID                    types.String `tfsdk:"id"`
	ARN                   types.String `tfsdk:"arn"`
	CustomerManagedKeyARN types.String `tfsdk:"customer_managed_key_arn"`
	Tags                  types.Map    `tfsdk:"tags"`
}

// flatten sets what AppFabric returns of b; tags come from their own call.
func (m *appBundleModel) flatten(b *AppBundle) {
	m.ID = types.StringValue(b.ARN)
	m.ARN = types.StringValue(b.ARN)
	m.CustomerManagedKeyARN = flex.StringOrNull(b.CustomerManagedKeyARN)
}

func (r *appBundleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_app_bundle"
}

func (r *appBundleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An AWS AppFabric app bundle: the container of the app authorizations that connect AppFabric to SaaS applications. " +
			"A bundle can only be deleted once all its authorizations are gone; Terraform orders this when the authorizations reference the bundle's `arn`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The app bundle ARN (same as `arn`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The app bundle ARN, `arn:aws:appfabric:<region>:<account>:appbundle/<uuid>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"customer_managed_key_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ARN of the AWS KMS key (`arn:aws:kms:<region>:<account>:key/<id>`) that encrypts the bundle's data; " +
					"AppFabric uses an AWS owned key when not set. Changing it replaces the bundle.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 1011),
					stringvalidator.RegexMatches(kmsKeyARNPattern, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tags": tagLimits.Attribute(tagsHow),
		},
	}
}

// ModifyPlan fails the plan, once for all the family's objects, when the provider's aws settings
// cannot work.
func (r *appBundleResource) ModifyPlan(ctx context.Context, _ resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	family.PlanCheck(ctx, r.Meta, &resp.Diagnostics)
}

func (r *appBundleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan appBundleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	tagMap := tags.Expand(ctx, plan.Tags, &resp.Diagnostics)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := client.CreateAppBundle(ctx, plan.CustomerManagedKeyARN.ValueString(), tagMap)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Creating the AppFabric app bundle failed", err))
		return
	}
	plan.ID = types.StringValue(b.ARN)
	plan.ARN = types.StringValue(b.ARN)
	if b.CustomerManagedKeyARN != "" {
		plan.CustomerManagedKeyARN = types.StringValue(b.CustomerManagedKeyARN)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *appBundleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state appBundleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := client.GetAppBundle(ctx, state.ID.ValueString())
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app bundle failed", err))
		return
	}
	remote, err := client.ListTags(ctx, b.ARN)
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the AppFabric app bundle's tags failed", err))
		return
	}
	state.flatten(b)
	state.Tags = tags.Flatten(ctx, remote, state.Tags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes tags: every other argument replaces the bundle.
func (r *appBundleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state appBundleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	set, remove := tags.Diff(tags.Expand(ctx, state.Tags, &resp.Diagnostics), tags.Expand(ctx, plan.Tags, &resp.Diagnostics))
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := client.UpdateTags(ctx, state.ARN.ValueString(), set, remove); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Updating the AppFabric app bundle's tags failed", err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *appBundleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state appBundleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	err := client.DeleteAppBundle(ctx, state.ARN.ValueString())
	if httpclient.StatusCode(err) == http.StatusConflict {
		resp.Diagnostics.AddError("The AppFabric app bundle still has app authorizations",
			err.Error()+"\n\nDelete every app authorization of "+state.ARN.ValueString()+" first. Authorizations managed by this "+
				"configuration are destroyed before the bundle when they reference its arn; others must be deleted outside Terraform.")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Deleting the AppFabric app bundle failed", err))
	}
}

// ImportState takes the app bundle ARN.
func (r *appBundleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !bundleARNPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID", "Import an app bundle by its ARN, arn:aws:appfabric:<region>:<account>:appbundle/<uuid>; got "+req.ID)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("arn"), req.ID)...)
}
