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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
	"github.com/appauth/terraform-provider-appauth/internal/timeout"
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

// appBundleResourceModel is the resource's model: the bundle and its timeouts.
type appBundleResourceModel struct {
	appBundleModel
	Timeouts fwtimeouts.Value `tfsdk:"timeouts"`
}

// bundleTimeouts bounds the delete, which waits while AppFabric still deletes the bundle's
// authorizations.
var bundleTimeouts = timeout.Ops{Delete: &timeout.Op{
	Bounds:  "The delete, tried again while AppFabric refuses it because the bundle's app authorizations are still being deleted (409 `ConflictException`).",
	Default: 5 * time.Minute,
}}

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

func (r *appBundleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An AWS AppFabric app bundle: the container of the app authorizations that connect AppFabric to SaaS applications. " +
			"AppFabric allows one app bundle per AWS account and Region (us-east-1, eu-west-1 and ap-northeast-1), and the quota cannot be raised: " +
			"bundles in several Regions or accounts use one provider configuration (an alias) each. A bundle can only be deleted once all its " +
			"authorizations are gone; Terraform orders this when the authorizations reference the bundle's `arn`.",
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
					"AppFabric uses an AWS owned key when not set. Changing it replaces the bundle. AppFabric's API also takes a key id, but it " +
					"answers with the key's ARN, which this attribute is compared with: give the ARN.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 1011),
					stringvalidator.RegexMatches(kmsKeyARNPattern, "must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>)"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tags": tagLimits.Attribute(tagsHow),
		},
		Blocks: map[string]schema.Block{"timeouts": bundleTimeouts.Block(ctx)},
	}
}

// ModifyPlan fails the plan, once for all the family's objects, when the provider's aws settings
// cannot work, and warns when the plan creates more than one bundle with this provider
// configuration: it stands for one account and Region, where AppFabric allows one.
func (r *appBundleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !family.PlanCheck(ctx, r.Meta, &resp.Diagnostics) || !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	if plannedBeyond(r.Meta, "appfabric bundles planned", MaxAppBundles) {
		resp.Diagnostics.AddWarning("More than one AppFabric app bundle is planned in one account and Region",
			"This plan creates more app bundles than AppFabric allows with this provider configuration: "+bundleQuota+" "+
				"All but one of these creates will fail with ServiceQuotaExceededException. Give each bundle a provider configuration "+
				"(provider alias) of its own Region or account, e.g. provider = appauth.eu_west_1.")
	}
}

func (r *appBundleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan appBundleResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	tagMap := tags.Expand(ctx, plan.Tags, &resp.Diagnostics)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	b, err := client.CreateAppBundle(ctx, plan.CustomerManagedKeyARN.ValueString(), tagMap)
	if httpclient.ErrorCode(err) == "ServiceQuotaExceededException" {
		resp.Diagnostics.AddError("The AWS account already has an AppFabric app bundle in this Region", err.Error()+"\n\n"+bundleQuota+" "+existingBundles(ctx, client))
		return
	}
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

// existingBundles says which bundle the account has in the Region and how to take it over or go
// elsewhere.
func existingBundles(ctx context.Context, client *Client) string {
	const elsewhere = "or create this bundle in another Region or account with a provider configuration (alias) of its own."
	arns, err := client.ListAppBundles(ctx)
	if err != nil || len(arns) == 0 {
		return "To manage the existing bundle with this configuration, import it by its ARN (import { to = <address>, id = \"<bundle ARN>\" }), " + elsewhere
	}
	return fmt.Sprintf("The Region holds %s. To manage it with this configuration, import it (import { to = <address>, id = %q }), %s",
		strings.Join(arns, ", "), arns[0], elsewhere)
}

func (r *appBundleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state appBundleResourceModel
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
	var plan, state appBundleResourceModel
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
	var state appBundleResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, bundleTimeouts.Delete.Default)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	arn := state.ARN.ValueString()
	err := client.DeleteAppBundle(deleteCtx, arn)
	if IsConflict(err) {
		resp.Diagnostics.AddError("The AppFabric app bundle still has app authorizations",
			err.Error()+"\n\n"+remainingAuthorizations(ctx, client, arn)+" Authorizations managed by this configuration are destroyed "+
				"before the bundle when they reference its arn; others must be deleted outside Terraform. If AppFabric is still deleting them, "+
				"apply again later or raise timeouts.delete (now "+timeout.String()+").")
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Deleting the AppFabric app bundle failed", err))
	}
}

// remainingAuthorizations names the authorizations AppFabric still shows in bundle.
func remainingAuthorizations(ctx context.Context, client *Client, bundle string) string {
	left, err := client.ListAppAuthorizations(ctx, bundle)
	if err != nil || len(left) == 0 {
		return "Delete every app authorization of " + bundle + " first."
	}
	arns := make([]string, len(left))
	for i, a := range left {
		arns[i] = a.AppAuthorizationARN + " (" + a.App + ", " + a.Status + ")"
	}
	return "AppFabric still shows these app authorizations in " + bundle + ": " + strings.Join(arns, ", ") + "."
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
