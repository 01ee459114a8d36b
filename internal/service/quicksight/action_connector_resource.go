package quicksight

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	fwtimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	"github.com/appauth/terraform-provider-appauth/internal/flex"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/stateupgrade"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
	"github.com/appauth/terraform-provider-appauth/internal/timeout"
)

var (
	_ resource.ResourceWithConfigure    = &actionConnectorResource{}
	_ resource.ResourceWithImportState  = &actionConnectorResource{}
	_ resource.ResourceWithUpgradeState = &actionConnectorResource{}
	_ resource.ResourceWithModifyPlan   = &actionConnectorResource{}
)

// NewActionConnectorResource manages an Amazon QuickSight action connector.
func NewActionConnectorResource() resource.Resource { return &actionConnectorResource{} }

type actionConnectorResource struct {
	conns.ResourceBase
}

type actionConnectorResourceModel struct {
	ID                            types.String     `tfsdk:"id"`
	AWSAccountID                  types.String     `tfsdk:"aws_account_id"`
	ActionConnectorID             types.String     `tfsdk:"action_connector_id"`
	AuthenticationConfig          *authConfigModel `tfsdk:"authentication_config"`
	AuthenticationConfigWOVersion types.Int64      `tfsdk:"authentication_config_wo_version"`
	Tags                          types.Map        `tfsdk:"tags"`
	Timeouts                      fwtimeouts.Value `tfsdk:"timeouts"`
	connectorFields
}

// timeouts bounds the waits for QuickSight's asynchronous changes.
var timeouts = timeout.Ops{
	Create: &timeout.Op{Bounds: "The create request and the wait for `CREATION_SUCCESSFUL`.", Default: 20 * time.Minute},
	Update: &timeout.Op{Bounds: "The update requests and the wait for `UPDATE_SUCCESSFUL`.", Default: 20 * time.Minute},
	Delete: &timeout.Op{Bounds: "The delete request and the wait for the connector to be gone.", Default: 10 * time.Minute},
}

func (r *actionConnectorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_quicksight_action_connector"
}

func endpointAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description + " A URL starting with `https://` (lowercase), at most 8192 characters.",
		Required:            true,
		Validators:          endpointValidators(),
	}
}

// authSecret is a secret of one authentication_config variant; all of them share one version.
func authSecret(variant, name, description string, validators ...validator.String) secrets.Secret {
	return secrets.Secret{
		Path:        path.Root("authentication_config").AtName(variant).AtName(name),
		Description: description,
		Validators:  validators,
		Required:    true,
	}
}

var (
	// The model bounds client secrets only; passwords and API keys have no length limit.
	authCodeSecret    = authSecret("authorization_code_grant", "client_secret", "OAuth client secret, up to 2048 characters.", stringvalidator.LengthAtMost(2048))
	clientCredsSecret = authSecret("client_credentials_grant", "client_secret", "OAuth client secret, up to 2048 characters.", stringvalidator.LengthAtMost(2048))
	basicPassword     = authSecret("basic", "password", "Basic-authentication password.")
	apiKeySecret      = authSecret("api_key", "api_key", "API key.")
	authSecrets       = secrets.Versioned{
		Version: path.Root("authentication_config_wo_version"),
		Secrets: []secrets.Secret{authCodeSecret, clientCredsSecret, basicPassword, apiKeySecret},
	}
)

func (r *actionConnectorResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	clientID := schema.StringAttribute{MarkdownDescription: "OAuth client id, up to 1024 characters.", Required: true, Validators: []validator.String{stringvalidator.LengthAtMost(1024)}}

	resp.Schema = schema.Schema{
		Version: 1,
		MarkdownDescription: "An Amazon QuickSight (Quick Suite) action connector: lets QuickSight call an external service or " +
			"AWS service with the given authentication. Creates and updates are asynchronous; the provider waits for " +
			"`CREATION_SUCCESSFUL` / `UPDATE_SUCCESSFUL`. Secrets are never read back from the API.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<aws_account_id>,<action_connector_id>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"aws_account_id": schema.StringAttribute{
				MarkdownDescription: "AWS account id (12 digits). Defaults to the provider's account. Changing it replaces the connector.",
				Optional:            true,
				Computed:            true,
				Validators:          accountIDValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"action_connector_id": schema.StringAttribute{
				MarkdownDescription: "Your id for the connector, unique in the account: 1 to 512 letters, digits, `_` or `-`, " +
					"not starting with `quicksuite-`. Changing it replaces the connector.",
				Required:      true,
				Validators:    append(connectorIDValidators(), notPrefix(reservedConnectorPrefix)),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name: 1 to 255 letters, digits, spaces, `_` or `-`, starting and ending with a letter or digit.",
				Required:            true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 255),
					stringvalidator.RegexMatches(namePattern, "must start and end with a letter or digit and contain only letters, digits, spaces, '_' and '-'"),
				},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Connector type, one of " + backticked(ConnectorTypes) + ". Changing it replaces the connector.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(ConnectorTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description: 1 to 2048 of letters, digits, spaces and `_ . , ! ? -`.",
				Optional:            true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 2048),
					stringvalidator.RegexMatches(descriptionPattern, "may contain only letters, digits, spaces and _ . , ! ? -"),
				},
			},
			"vpc_connection_arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the QuickSight VPC connection used to reach the service privately.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"authentication_config": schema.SingleNestedAttribute{
				MarkdownDescription: "How QuickSight authenticates to the service: `authentication_type` and exactly one matching block. " +
					"Every update sends the whole configuration, secrets included.",
				Required:   true,
				Validators: []validator.Object{authConfigValidator{}},
				Attributes: map[string]schema.Attribute{
					"authentication_type": schema.StringAttribute{
						MarkdownDescription: "One of " + backticked(AuthenticationTypes) + "; names the block to set: `OAUTH2_AUTHORIZATION_CODE` → " +
							"`authorization_code_grant`, `OAUTH2_CLIENT_CREDENTIALS` → `client_credentials_grant`, `BASIC` → `basic`, " +
							"`API_KEY` → `api_key`, `NONE` → `none`, `IAM` → `iam`.",
						Required:   true,
						Validators: []validator.String{stringvalidator.OneOf(AuthenticationTypes...)},
					},
					"authorization_code_grant": schema.SingleNestedAttribute{
						MarkdownDescription: "OAuth 2.0 authorization-code grant with plain client credentials.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"base_endpoint":          endpointAttribute("Base URL of the service."),
							"redirect_url":           endpointAttribute("OAuth redirect URL."),
							"client_id":              clientID,
							"client_secret":          authSecrets.Plain(authCodeSecret),
							"client_secret_wo":       authSecrets.WriteOnly(authCodeSecret),
							"token_endpoint":         endpointAttribute("OAuth token endpoint."),
							"authorization_endpoint": endpointAttribute("OAuth authorization endpoint."),
						},
					},
					"client_credentials_grant": schema.SingleNestedAttribute{
						MarkdownDescription: "OAuth 2.0 client-credentials grant with plain client credentials.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"base_endpoint":    endpointAttribute("Base URL of the service."),
							"client_id":        clientID,
							"client_secret":    authSecrets.Plain(clientCredsSecret),
							"client_secret_wo": authSecrets.WriteOnly(clientCredsSecret),
							"token_endpoint":   endpointAttribute("OAuth token endpoint."),
						},
					},
					"basic": schema.SingleNestedAttribute{
						MarkdownDescription: "HTTP basic authentication.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"base_endpoint": endpointAttribute("Base URL of the service."),
							"username":      schema.StringAttribute{MarkdownDescription: "User name.", Required: true},
							"password":      authSecrets.Plain(basicPassword),
							"password_wo":   authSecrets.WriteOnly(basicPassword),
						},
					},
					"api_key": schema.SingleNestedAttribute{
						MarkdownDescription: "API-key authentication.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"base_endpoint": endpointAttribute("Base URL of the service."),
							"api_key":       authSecrets.Plain(apiKeySecret),
							"api_key_wo":    authSecrets.WriteOnly(apiKeySecret),
							"email": schema.StringAttribute{
								MarkdownDescription: "Email address the key belongs to, when the service needs one.", Optional: true,
								Validators: []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an email address (name@domain.tld)")},
							},
						},
					},
					"none": schema.SingleNestedAttribute{
						MarkdownDescription: "No authentication.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"base_endpoint": endpointAttribute("Base URL of the service."),
						},
					},
					"iam": schema.SingleNestedAttribute{
						MarkdownDescription: "IAM role authentication for AWS services.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"role_arn": schema.StringAttribute{
								MarkdownDescription: "ARN of the IAM role QuickSight assumes (same account), 20 to 2048 characters.",
								Required:            true,
								Validators: []validator.String{
									stringvalidator.LengthBetween(20, 2048),
									stringvalidator.RegexMatches(roleArnPattern, "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)"),
								},
							},
							"source_arn": schema.StringAttribute{
								MarkdownDescription: "Source ARN QuickSight reports for the IAM connection.",
								Computed:            true,
								PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
							},
						},
					},
				},
			},
			"authentication_config_wo_version": authSecrets.VersionAttribute(),
			"permissions": schema.SetNestedAttribute{
				MarkdownDescription: "Who may use or manage the connector (authoritative: principals and actions not listed are revoked). At most 64. " +
					"`permissions = []` is the same as none: nothing is sent and the plan stays empty.",
				Optional:   true,
				Validators: []validator.Set{setvalidator.SizeAtMost(64)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"principal": schema.StringAttribute{
							MarkdownDescription: "ARN of a QuickSight user or group (namespaces and account roots cannot be granted access).",
							Required:            true,
							Validators: []validator.String{
								stringvalidator.LengthBetween(1, 256),
								stringvalidator.RegexMatches(principalPattern, "must be the ARN of a QuickSight user or group"),
							},
						},
						"actions": schema.SetAttribute{
							MarkdownDescription: "1 to 20 actions, e.g. `quicksight:DescribeActionConnector`.",
							Required:            true,
							ElementType:         types.StringType,
							Validators: []validator.Set{
								setvalidator.SizeBetween(1, 20),
								setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
							},
						},
					},
				},
			},
			"tags": tagLimits.Attribute("Authoritative: tags added outside Terraform are removed. Changes are applied in place through the tagging API."),
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the connector.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Last status: `CREATION_SUCCESSFUL`, `UPDATE_SUCCESSFUL`, …. Like `updated_at` and `enabled_actions`, it " +
					"is known at plan when only `permissions`, `tags` or `timeouts` change.",
				Computed: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "Creation time (RFC 3339).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				MarkdownDescription: "Last update time (RFC 3339).",
				Computed:            true,
			},
			"enabled_actions": schema.ListAttribute{
				MarkdownDescription: "Actions QuickSight has enabled on the connector.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx),
		},
	}
}

// UpgradeState moves states of version 0 to the provider-wide names: created_time and
// last_updated_time became created_at and updated_at, authentication_secrets_wo_version became
// authentication_config_wo_version.
func (r *actionConnectorResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{0: stateupgrade.Renames(map[string]string{
		"created_time":                      "created_at",
		"last_updated_time":                 "updated_at",
		"authentication_secrets_wo_version": "authentication_config_wo_version",
	})}
}

func backticked(vs []string) string {
	return "`" + strings.Join(vs, "`, `") + "`"
}

// ModifyPlan fails the plan, once for all the family's objects, when the provider's aws settings
// cannot work. An update that leaves the connector's own configuration alone (permissions, tags or
// timeouts only) sends no UpdateActionConnector, so the status attributes keep their values.
func (r *actionConnectorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	family.PlanCheck(ctx, r.Meta, &resp.Diagnostics)
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	changed := connectorChanged(ctx, req.Plan, req.State, &resp.Diagnostics)
	if changed || resp.Diagnostics.HasError() {
		return
	}
	for _, name := range []string{"status", "updated_at", "enabled_actions"} {
		var v attr.Value
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &v)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// attributeGetter is a plan or a state.
type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

// connectorConfiguration are the attributes UpdateActionConnector sends.
var connectorConfiguration = []string{"name", "description", "vpc_connection_arn", "authentication_config", "authentication_config_wo_version"}

// connectorChanged reports whether plan changes what UpdateActionConnector sends (an unknown value
// counts as a change).
func connectorChanged(ctx context.Context, plan, state attributeGetter, diags *diag.Diagnostics) bool {
	for _, name := range connectorConfiguration {
		var p, s attr.Value
		diags.Append(plan.GetAttribute(ctx, path.Root(name), &p)...)
		diags.Append(state.GetAttribute(ctx, path.Root(name), &s)...)
		if p == nil || !p.Equal(s) {
			return true
		}
	}
	return false
}

func (r *actionConnectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config actionConnectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	acct := account(ctx, client, plan.AWSAccountID.ValueString(), &resp.Diagnostics)
	if acct == "" {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, timeouts.Create.Default)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := plan.ActionConnectorID.ValueString()
	in := CreateActionConnectorInput{
		ActionConnectorID:    id,
		Name:                 plan.Name.ValueString(),
		Type:                 plan.Type.ValueString(),
		AuthenticationConfig: expandAuth(plan.AuthenticationConfig, config.AuthenticationConfig),
		Description:          plan.Description.ValueStringPointer(),
		VpcConnectionArn:     plan.VpcConnectionArn.ValueStringPointer(),
		Permissions:          expandPermissions(ctx, plan.Permissions, &resp.Diagnostics),
		Tags:                 tagList(tags.Expand(ctx, plan.Tags, &resp.Diagnostics)),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	arn, err := client.CreateActionConnector(ctx, acct, in)
	var exists *ExistsError
	if errors.As(err, &exists) {
		resp.Diagnostics.AddAttributeError(path.Root("action_connector_id"), "Action connector already exists", existsDetail(acct, exists))
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Creating the QuickSight action connector failed", err))
		return
	}
	plan.AWSAccountID = types.StringValue(acct)
	plan.ID = types.StringValue(acct + "," + id)
	plan.Arn = types.StringValue(arn)

	ac, err := client.WaitForStatus(ctx, acct, id, StatusCreationSuccessful, StatusCreationFailed)
	var failed *FailedError
	if errors.As(err, &failed) {
		// Leave nothing behind: a failed connector cannot be updated into a working one.
		detail := fmt.Sprintf("QuickSight reported %s for action connector %s: %s.", failed.Status, id, failed.Message)
		if derr := client.DeleteActionConnector(ctx, acct, id); derr != nil {
			detail += fmt.Sprintf(" Deleting the failed connector also failed (%v); delete it by hand before applying again.", derr)
		} else {
			detail += " The failed connector was deleted; fix the cause and apply again."
		}
		resp.Diagnostics.AddError("Creating the QuickSight action connector failed", detail)
		return
	}
	if err != nil {
		// Keep track of what exists so the next apply replaces it.
		plan.setComputed(ctx, nil, &resp.Diagnostics)
		plan.Status = types.StringValue(StatusCreationInProgress)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		resp.Diagnostics.Append(httpclient.Diagnostic("Waiting for the QuickSight action connector to be created failed", err))
		return
	}
	plan.setComputed(ctx, ac, &resp.Diagnostics)
	noteVpcReturned(ctx, resp.Private, ac, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// existsDetail explains a create refused because the id is taken, and how to take the connector over.
func existsDetail(acct string, e *ExistsError) string {
	why := "and this create did not make it"
	switch {
	case e.Retried && e.Mismatch != "":
		why = "and it is not the one this create sent (its " + e.Mismatch + " differs), so it is left alone"
	case e.Retried:
		why = "and it could not be read back to check that it is the one this create sent, so it is left alone"
	}
	return fmt.Sprintf("QuickSight already holds an action connector %q in account %s, %s. Choose another action_connector_id, "+
		"or bring the existing connector under Terraform with an import block:\n\n"+
		"  import {\n    to = appauth_quicksight_action_connector.<name>\n    id = \"%s,%s\"\n  }\n\n"+
		"or with `terraform import appauth_quicksight_action_connector.<name> %s,%s`.\n\n%v",
		e.ID, acct, why, acct, e.ID, acct, e.ID, e.Err)
}

// vpcReturnedKey is the private-state key recording that Describe returned the connector's VPC
// connection ARN. The model says Describe returns it, but CloudFormation treats it as write-only:
// until QuickSight has been seen to return it, a Describe without it cannot tell a removed VPC
// connection from one that is merely not shown, and the configured one is kept.
const vpcReturnedKey = "vpc_connection_arn_returned"

// privateState is the private state of a response.
type privateState interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
	SetKey(context.Context, string, []byte) diag.Diagnostics
}

func noteVpcReturned(ctx context.Context, private privateState, ac *ActionConnector, diags *diag.Diagnostics) {
	if ac != nil && ac.VpcConnectionArn != nil {
		diags.Append(private.SetKey(ctx, vpcReturnedKey, []byte("true"))...)
	}
}

func vpcReturned(ctx context.Context, private privateState, diags *diag.Diagnostics) bool {
	v, d := private.GetKey(ctx, vpcReturnedKey)
	diags.Append(d...)
	return string(v) == "true"
}

// vpcConnectionArn is the VPC connection a refresh records: the one Describe returned, or none when
// it returned none and has returned one before (the connection was removed); otherwise the prior one.
func vpcConnectionArn(returned *string, prior types.String, returnedBefore bool) types.String {
	if returned == nil && !returnedBefore {
		return prior
	}
	return types.StringPointerValue(returned)
}

// setComputed fills the computed attributes from a Describe answer (unknown ones become null when
// ac is nil).
func (m *actionConnectorResourceModel) setComputed(ctx context.Context, ac *ActionConnector, diags *diag.Diagnostics) {
	if ac == nil {
		ac = &ActionConnector{Arn: m.Arn.ValueString()}
	}
	m.connectorStatus.flatten(ctx, ac, diags)
	if iam := m.AuthenticationConfig.IAM; iam != nil {
		iam.SourceArn = types.StringNull()
		if ac.AuthenticationConfig != nil && ac.AuthenticationConfig.AuthenticationMetadata.IamConnectionMetadata != nil {
			iam.SourceArn = flex.StringOrNull(ac.AuthenticationConfig.AuthenticationMetadata.IamConnectionMetadata.SourceArn)
		}
	}
}

func (r *actionConnectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state actionConnectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	acct, id := state.AWSAccountID.ValueString(), state.ActionConnectorID.ValueString()
	ac, perms, remoteTags, err := readConnector(ctx, client, acct, id)
	if IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the QuickSight action connector failed", err))
		return
	}
	state.ID = types.StringValue(acct + "," + id)
	vpc, priorPerms := state.VpcConnectionArn, state.Permissions
	noteVpcReturned(ctx, resp.Private, ac, &resp.Diagnostics)
	state.flatten(ctx, ac, perms, priorPerms, &resp.Diagnostics)
	state.VpcConnectionArn = vpcConnectionArn(ac.VpcConnectionArn, vpc, vpcReturned(ctx, resp.Private, &resp.Diagnostics))
	state.AuthenticationConfig = flattenAuth(ac.AuthenticationConfig, state.AuthenticationConfig)
	state.Tags = tags.Flatten(ctx, remoteTags, state.Tags, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// readConnector reads a connector with its permissions and tags.
func readConnector(ctx context.Context, c *Client, acct, id string) (*ActionConnector, []ResourcePermission, map[string]string, error) {
	ac, err := c.DescribeActionConnector(ctx, acct, id)
	if err != nil {
		return nil, nil, nil, err
	}
	perms, err := c.DescribePermissions(ctx, acct, id)
	if err != nil {
		return nil, nil, nil, err
	}
	remoteTags, err := c.ListTags(ctx, ac.Arn)
	if err != nil {
		return nil, nil, nil, err
	}
	return ac, perms, tagMap(remoteTags), nil
}

func (r *actionConnectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config, state actionConnectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, timeouts.Update.Default)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	acct, id, arn := state.AWSAccountID.ValueString(), state.ActionConnectorID.ValueString(), state.Arn.ValueString()

	// done is what the connector is known to hold: the prior state, then what each step changed. It
	// is saved however the update ends, so that after a failure the next plan shows only what is left.
	// Without an UpdateActionConnector its status attributes keep the values the plan promised (see
	// ModifyPlan); the next refresh reads them again.
	done := state
	done.Timeouts = plan.Timeouts
	defer func() { resp.Diagnostics.Append(resp.State.Set(ctx, &done)...) }()

	if connectorChanged(ctx, req.Plan, req.State, &resp.Diagnostics) {
		err := client.WaitSettled(ctx, acct, id)
		if err == nil {
			err = client.UpdateActionConnector(ctx, acct, id, UpdateActionConnectorInput{
				Name:                 plan.Name.ValueString(),
				AuthenticationConfig: expandAuth(plan.AuthenticationConfig, config.AuthenticationConfig),
				Description:          plan.Description.ValueStringPointer(),
				VpcConnectionArn:     plan.VpcConnectionArn.ValueStringPointer(),
			})
		}
		var ac *ActionConnector
		if err == nil {
			ac, err = client.WaitForStatus(ctx, acct, id, StatusUpdateSuccessful, StatusUpdateFailed)
		}
		if err != nil {
			resp.Diagnostics.Append(httpclient.Diagnostic("Updating the QuickSight action connector failed", err))
			return
		}
		done.Name, done.Description, done.VpcConnectionArn = plan.Name, plan.Description, plan.VpcConnectionArn
		done.AuthenticationConfig, done.AuthenticationConfigWOVersion = plan.AuthenticationConfig, plan.AuthenticationConfigWOVersion
		done.setComputed(ctx, ac, &resp.Diagnostics)
		noteVpcReturned(ctx, resp.Private, ac, &resp.Diagnostics)
	}

	if want := expandPermissions(ctx, plan.Permissions, &resp.Diagnostics); !slices.EqualFunc(want, expandPermissions(ctx, state.Permissions, &resp.Diagnostics), equalPermission) {
		if err := client.SetPermissions(ctx, acct, id, want); err != nil {
			if have, rerr := client.DescribePermissions(ctx, acct, id); rerr == nil {
				done.Permissions = flattenPermissions(ctx, have, plan.Permissions, &resp.Diagnostics)
			}
			resp.Diagnostics.Append(httpclient.Diagnostic("Updating the QuickSight action connector's permissions failed", err))
			return
		}
	}
	done.Permissions = plan.Permissions

	if want := tags.Expand(ctx, plan.Tags, &resp.Diagnostics); !maps.Equal(want, tags.Expand(ctx, state.Tags, &resp.Diagnostics)) {
		// The tags the connector has now, not those of the last refresh: tags are authoritative.
		have, err := client.ListTags(ctx, arn)
		if err == nil {
			set, remove := tags.Diff(tagMap(have), want)
			if err = client.UntagResource(ctx, arn, remove); err == nil {
				err = client.TagResource(ctx, arn, tagList(set))
			}
		}
		if err != nil {
			if have, rerr := client.ListTags(ctx, arn); rerr == nil {
				done.Tags = tags.Flatten(ctx, tagMap(have), plan.Tags, &resp.Diagnostics)
			}
			resp.Diagnostics.Append(httpclient.Diagnostic("Updating the QuickSight action connector's tags failed", err))
			return
		}
	}
	done.Tags = plan.Tags
}

func (r *actionConnectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state actionConnectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, timeouts.Delete.Default)
	resp.Diagnostics.Append(d...)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	acct, id := state.AWSAccountID.ValueString(), state.ActionConnectorID.ValueString()
	if err := client.DeleteActionConnector(ctx, acct, id); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Deleting the QuickSight action connector failed", err))
		return
	}
	if err := client.WaitDeleted(ctx, acct, id); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Waiting for the QuickSight action connector to be deleted failed", err))
	}
}

// ImportState accepts `<aws_account_id>,<action_connector_id>` or `<action_connector_id>` (the
// provider's account).
func (r *actionConnectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	acct, id, found := strings.Cut(req.ID, ",")
	if !found {
		acct, id = "", req.ID
	}
	if (found && !accountIDPattern.MatchString(acct)) || !connectorIDPattern.MatchString(id) || len(id) > 512 {
		resp.Diagnostics.AddError("Invalid import id",
			"Import a QuickSight action connector by `<aws_account_id>,<action_connector_id>` (12-digit account id) or by "+
				"`<action_connector_id>` alone for the provider's account, got "+fmt.Sprintf("%q", req.ID))
		return
	}
	if acct == "" {
		client := family.Client(ctx, r.Meta, &resp.Diagnostics)
		if client == nil {
			return
		}
		if acct = account(ctx, client, "", &resp.Diagnostics); acct == "" {
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), acct+","+id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("aws_account_id"), acct)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("action_connector_id"), id)...)
}
