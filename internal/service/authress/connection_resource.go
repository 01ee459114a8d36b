package authress

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/secrets"
	"github.com/appauth/terraform-provider-appauth/internal/stateupgrade"
	"github.com/appauth/terraform-provider-appauth/internal/tags"
	"github.com/appauth/terraform-provider-appauth/internal/validate"
)

var (
	_ resource.ResourceWithConfigure    = &connectionResource{}
	_ resource.ResourceWithImportState  = &connectionResource{}
	_ resource.ResourceWithModifyPlan   = &connectionResource{}
	_ resource.ResourceWithUpgradeState = &connectionResource{}
)

// NewConnectionResource manages an Authress SSO connection.
func NewConnectionResource() resource.Resource { return &connectionResource{} }

type connectionResource struct {
	conns.ResourceBase
}

type connectionResourceModel struct {
	connectionFields
	ClientSecret          types.String `tfsdk:"client_secret"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
}

var (
	connectionIDPattern = regexp.MustCompile(`^[a-zA-Z0-9\-_.:]+$`)
	tenantIDPattern     = regexp.MustCompile(`^[a-zA-Z0-9\-_.:]*$`)
	// assignmentTypePattern is the form of every tenant assignment option Authress documents.
	assignmentTypePattern = regexp.MustCompile(`^[A-Z]+(_[A-Z]+)*$`)
	clientSecret          = secrets.Secret{
		Path: path.Root("client_secret"),
		Description: "The client secret registered at the identity provider, up to 2048 characters. Authress never returns it, so " +
			"the plain form is kept in state as configured.",
		Validators: []validator.String{stringvalidator.LengthBetween(1, 2048)},
	}
	clientSecrets = secrets.Versioned{Version: path.Root("client_secret_wo_version"), Secrets: []secrets.Secret{clientSecret}}
	// tagLimits are Authress's: values up to 128 characters.
	tagLimits       = tags.Limits{ValueMax: 128}
	connectionTypes = []string{"OAUTH2", "SAML2", "WebAuthN", "PASSWORD", "OPENID-LEGACY"}
	dataLocations   = []string{"ZAF", "HKG", "IND", "JPN", "KOR", "SGP", "AUS", "IDN", "CAN", "DEU", "CHE", "SWE", "ITA", "IRL", "GBR", "FRA", "ISR", "BHR", "ARE", "BRA", "USA"}
)

func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authress_connection"
}

// optionalString is an optional attribute sent as is. Where the models allow an empty string, the
// attributes still refuse one: whether Authress stores "" or drops it is not documented, and either
// way leaving the attribute out says the same without a read-back that may differ from the plan.
func optionalString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: validators}
}

func (r *connectionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 1,
		MarkdownDescription: "An Authress SSO connection: the identity provider (OAuth2/OIDC, SAML, ...) users log in through. " +
			"`PUT` replaces the whole connection, so every apply sends the full configuration, the client secret included.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The connection id (same as `connection_id`).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"connection_id": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "Identifier of the connection, 1 to 64 of `a-z A-Z 0-9 - _ . :`. When not set the provider chooses " +
					"one (`con_` and 22 random characters) before creating, so a create whose answer is lost is found again instead of duplicated. Changing it replaces the connection.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 64),
					stringvalidator.RegexMatches(connectionIDPattern, "must contain only letters, digits and - _ . :"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultType),
				MarkdownDescription: "Protocol: `OAUTH2` (also OpenID Connect), `SAML2`, `WebAuthN`, `PASSWORD` or `OPENID-LEGACY`. Default `OAUTH2`. Changing it replaces the connection.",
				Validators:          []validator.String{stringvalidator.OneOf(connectionTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"authentication_url": optionalString("Where users log in: the OAuth authorization URL, or the SAML SSO URL. Up to 256 characters.",
				stringvalidator.LengthBetween(1, 256), validate.WebURL()),
			"token_url": optionalString("The OAuth token endpoint. Up to 128 characters.",
				stringvalidator.LengthBetween(1, 128), validate.WebURL()),
			"issuer_url": optionalString("The token issuer (`iss`) for OpenID Connect, or the SAML Entity ID. Up to 128 characters.",
				stringvalidator.LengthBetween(1, 128)),
			"provider_certificate": optionalString("The identity provider's public SAML signing certificate. Up to 4096 characters.",
				stringvalidator.LengthBetween(1, 4096)),
			"client_id": optionalString("The client id registered at the identity provider. Up to 128 characters.",
				stringvalidator.LengthBetween(1, 128)),
			"client_secret_id": optionalString("Identifier of the client secret, required by some providers (e.g. Apple's key id). Up to 32 characters.",
				stringvalidator.LengthBetween(1, 32)),
			"client_secret":            clientSecrets.Plain(clientSecret),
			"client_secret_wo":         clientSecrets.WriteOnly(clientSecret),
			"client_secret_wo_version": clientSecrets.VersionAttribute(),
			"data": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Display name and claim-mapping settings.",
				Default: objectdefault.StaticValue(types.ObjectValueMust(dataAttrTypes, map[string]attr.Value{
					"name": types.StringNull(), "tenant_id": types.StringNull(), "developer_account_id": types.StringNull(),
					"supported_content_type": types.StringValue(defaultSupportedContentType), "oidc_user_endpoint_url": types.StringNull(),
					"user_id_expression": types.StringValue(defaultUserIDExpression), "trust_identity_user_id": types.BoolValue(false),
				})),
				Attributes: map[string]schema.Attribute{
					"name": optionalString("Name shown in the Authress management portal. Up to 64 characters.", stringvalidator.LengthBetween(1, 64)),
					"tenant_id": optionalString("Tenant the connection belongs to. Up to 128 of `a-z A-Z 0-9 - _ . :`.",
						stringvalidator.LengthAtMost(128), stringvalidator.RegexMatches(tenantIDPattern, "must contain only letters, digits and - _ . :")),
					"developer_account_id": optionalString("Developer account id some providers need (e.g. Apple's team id). Up to 32 characters.",
						stringvalidator.LengthBetween(1, 32)),
					"supported_content_type": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(defaultSupportedContentType),
						MarkdownDescription: "How token requests are encoded: `application/json` (default) or `application/x-www-form-urlencoded`.",
						Validators:          []validator.String{stringvalidator.OneOf("application/json", "application/x-www-form-urlencoded")},
					},
					"oidc_user_endpoint_url": optionalString("User-info endpoint for providers that return no id token. Up to 128 characters.",
						stringvalidator.LengthBetween(1, 128), validate.WebURL()),
					"user_id_expression": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(defaultUserIDExpression),
						MarkdownDescription: "Expression over the provider's claims that yields the user id. Default `{sub}`. Up to 128 characters.",
						Validators:          []validator.String{stringvalidator.LengthBetween(1, 128)},
					},
					"trust_identity_user_id": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(false),
						MarkdownDescription: "Use the provider's user id instead of one generated by Authress. Default `false`.",
					},
				},
			},
			"default_connection_properties": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Parameters added to every authorization request sent to the provider.",
				Default: objectdefault.StaticValue(types.ObjectValueMust(defaultPropertiesAttrTypes, map[string]attr.Value{
					"scope": types.StringValue(defaultScope), "parameters": types.MapNull(types.StringType),
				})),
				Attributes: map[string]schema.Attribute{
					"scope": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(defaultScope),
						MarkdownDescription: "OAuth scopes requested. Default `profile email openid`; an empty string requests none. Up to 384 characters.",
						Validators:          []validator.String{stringvalidator.LengthAtMost(384)},
					},
					"parameters": schema.MapAttribute{
						Optional:            true,
						ElementType:         types.StringType,
						MarkdownDescription: "Other query parameters, e.g. `prompt = \"login\"`. Values up to 128 characters; the key `scope` belongs to `scope`.",
						Validators: []validator.Map{
							mapvalidator.KeysAre(stringvalidator.NoneOf("scope"), stringvalidator.LengthAtLeast(1)),
							mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(128)),
						},
					},
				},
			},
			"conditions": schema.SingleNestedAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Restrictions on who may log in.",
				Default: objectdefault.StaticValue(types.ObjectValueMust(conditionsAttrTypes, map[string]attr.Value{
					"require_business_account": types.BoolValue(false), "authentication_leeway_duration": types.StringValue(defaultLeewayDuration),
				})),
				Attributes: map[string]schema.Attribute{
					"require_business_account": schema.BoolAttribute{
						Optional: true, Computed: true, Default: booldefault.StaticBool(false),
						MarkdownDescription: "Refuse personal accounts of the provider. Default `false`.",
					},
					"authentication_leeway_duration": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString(defaultLeewayDuration),
						MarkdownDescription: "How long a login may take, as an ISO 8601 duration from `PT1M` to `PT1H`. Default `PT5M`.",
						Validators:          []validator.String{validate.ISODurationBetween(60, 3600)},
					},
				},
			},
			"linking_configuration": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Identity linking; unset disables it. Both connections must allow linking for a link to succeed.",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "`EXPLICIT` or `AUTOMATIC`.",
						Validators:          []validator.String{stringvalidator.OneOf("EXPLICIT", "AUTOMATIC")},
					},
				},
			},
			"tenant_configuration": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "How users logging in are assigned to tenants.",
				Attributes: map[string]schema.Attribute{
					"assignment_type": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "`DEFAULT`, or `TRUSTED_DOMAIN_FALLBACK` to also look the tenant up by verified email domain. " +
							"Authress adds options here (its Passthrough assignment is not yet in its API models), so any upper-case " +
							"option of that form is accepted.",
						Validators: []validator.String{stringvalidator.RegexMatches(assignmentTypePattern,
							"must be an upper-case option such as DEFAULT or TRUSTED_DOMAIN_FALLBACK")},
					},
				},
			},
			"user_data_configuration": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Where user data is stored; unset means no pinning (recommended).",
				Attributes: map[string]schema.Attribute{
					"location": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "ISO 3166 alpha-3 country code, one of: " + backticked(dataLocations) + ".",
						Validators:          []validator.String{stringvalidator.OneOf(dataLocations...)},
					},
				},
			},
			"tags": tagLimits.Attribute("Sent with the whole connection on every create and update."),
			"created_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the connection was created (RFC 3339).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the connection last changed (RFC 3339).",
			},
			"is_active_connection": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether Authress reports the connection as active.",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// ModifyPlan fails the plan, once for all the family's objects, when the provider's authress settings
// cannot work, and stops an update that would silently remove the client secret.
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	family.PlanCheck(ctx, r.Meta, &resp.Diagnostics)
	checkSecretKept(ctx, req, &resp.Diagnostics)
}

// secretRecordKey names the private-state entry that records whether the last create or update sent a
// client secret; imported connections have none.
const secretRecordKey = "client_secret"

type secretRecord struct {
	Sent bool `json:"sent"`
}

// privateState is the part of the framework's private state a resource uses.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func recordSecretSent(ctx context.Context, private privateState, sent bool, diags *diag.Diagnostics) {
	b, err := json.Marshal(secretRecord{Sent: sent})
	if err != nil {
		diags.AddError("Recording the client secret failed", err.Error())
		return
	}
	diags.Append(private.SetKey(ctx, secretRecordKey, b)...)
}

// secretSentBefore says whether the connection's last write sent a client secret; known is false when
// nothing tells (an imported connection, or one last written by an earlier provider version without a
// secret in its state).
func secretSentBefore(ctx context.Context, private privateState, state connectionResourceModel, diags *diag.Diagnostics) (sent, known bool) {
	b, d := private.GetKey(ctx, secretRecordKey)
	diags.Append(d...)
	var rec secretRecord
	if len(b) > 0 && json.Unmarshal(b, &rec) == nil {
		return rec.Sent, true
	}
	if !state.ClientSecret.IsNull() || !state.ClientSecretWOVersion.IsNull() {
		return true, true
	}
	return false, false
}

// checkSecretKept refuses, at plan, an update that sends no client secret for a connection that holds
// one: PUT replaces the whole connection and Authress never returns the secret, so an update carries
// exactly the secret the configuration holds, and sending none removes it from the identity
// provider's connection. Where the provider cannot know whether a secret is set, it warns.
func checkSecretKept(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.Plan.Raw.Equal(req.State.Raw) {
		return // a create, a destroy, or nothing to send
	}
	var plan, state connectionResourceModel
	diags.Append(req.Plan.Get(ctx, &plan)...)
	diags.Append(req.State.Get(ctx, &state)...)
	if diags.HasError() || !plan.ConnectionID.Equal(state.ConnectionID) || !plan.Type.Equal(state.Type) {
		return // replaced: the new connection holds what the configuration says
	}
	for _, p := range []path.Path{clientSecret.Path, clientSecret.WriteOnlyPath()} {
		var v types.String
		diags.Append(req.Config.GetAttribute(ctx, p, &v)...)
		if !v.IsNull() {
			return // set, or known at apply
		}
	}
	sent, known := secretSentBefore(ctx, req.Private, state, diags)
	switch {
	case sent:
		diags.AddError("This update would remove the connection's client secret",
			"The connection was last written with a client secret, and the configuration now sets neither client_secret_wo nor "+
				"client_secret. Authress replaces the whole connection on every update and never returns the secret, so this update "+
				"would send none and remove it, and logins through the identity provider would fail.\n\n"+
				"Set client_secret_wo to the identity provider's client secret, with client_secret_wo_version (or set client_secret). "+
				"To remove the secret on purpose, remove the connection from the state (terraform state rm) and import it again: "+
				"the provider then cannot know that a secret is set, and only warns.")
	case !known:
		diags.AddWarning("This update may remove the connection's client secret",
			"The provider cannot know whether this connection holds a client secret (it was imported, or last written without "+
				"one in the state), and the configuration sets neither client_secret_wo nor client_secret. Authress replaces the whole "+
				"connection on every update and never returns the secret: if the connection holds one, this apply removes it and "+
				"logins through the identity provider fail.\n\n"+
				"To keep it, set client_secret_wo to the identity provider's client secret and client_secret_wo_version = 1 "+
				"(or set client_secret). If the connection needs no secret, apply as planned: the provider then records that none "+
				"was sent and stops warning.")
	}
}

// UpgradeState moves states of version 0 to the provider-wide names: created_time and last_updated
// became created_at and updated_at.
func (r *connectionResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{0: stateupgrade.Renames(map[string]string{
		"created_time": "created_at",
		"last_updated": "updated_at",
	})}
}

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan connectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if plan.ConnectionID.IsUnknown() || plan.ConnectionID.IsNull() {
		plan.ConnectionID = types.StringValue(newConnectionID())
	}
	r.write(ctx, &plan, req.Config, &resp.State, resp.Private, &resp.Diagnostics, "Creating the Authress connection failed",
		func(c *Client, conn Connection) (*Connection, error) { return c.CreateConnection(ctx, conn) })
}

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state connectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.ReadClient(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	out, err := client.GetConnection(ctx, state.ID.ValueString())
	if httpclient.IsNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the Authress connection failed", err))
		return
	}
	// The secret is never returned: client_secret and the write-only version stay as they are.
	state.flatten(ctx, out, state.connectionFields, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state connectionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	id := state.ID.ValueString()
	plan.ConnectionID = types.StringValue(id)
	r.write(ctx, &plan, req.Config, &resp.State, resp.Private, &resp.Diagnostics, "Updating the Authress connection failed",
		func(c *Client, conn Connection) (*Connection, error) { return c.UpdateConnection(ctx, id, conn) })
}

// write sends the whole planned connection through call and stores what the API returns. The secret
// goes with every write, since PUT replaces the whole object and Authress never returns it; the
// write-only form is only in the configuration.
func (r *connectionResource) write(ctx context.Context, plan *connectionResourceModel, cfg tfsdk.Config, state *tfsdk.State,
	private privateState, diags *diag.Diagnostics, failure string, call func(*Client, Connection) (*Connection, error)) {
	var config connectionResourceModel
	diags.Append(cfg.Get(ctx, &config)...)
	if diags.HasError() {
		return
	}
	client := family.Client(ctx, r.Meta, diags)
	if client == nil {
		return
	}
	conn := plan.expand(ctx, diags)
	secret, sendsSecret := secrets.Value(config.ClientSecretWO, plan.ClientSecret)
	if sendsSecret {
		conn.ClientSecret = &secret
	}
	if diags.HasError() {
		return
	}
	out, err := call(client, conn)
	var exists *ConnectionExistsError
	switch {
	case errors.As(err, &exists):
		diags.Append(connectionExistsDiagnostic(exists))
		return
	case err != nil:
		diags.Append(httpclient.Diagnostic(failure, err))
		return
	}
	plan.flatten(ctx, out, plan.connectionFields, diags)
	diags.Append(state.Set(ctx, plan)...)
	recordSecretSent(ctx, private, sendsSecret, diags)
}

// connectionExistsDiagnostic refuses a connection this resource did not create, on connection_id, and
// says how to manage it instead.
func connectionExistsDiagnostic(e *ConnectionExistsError) diag.Diagnostic {
	why := "this resource did not create it"
	if len(e.Differences) > 0 {
		why = "it is not the one this resource sent: it differs in " + strings.Join(e.Differences, ", ")
	}
	return diag.NewAttributeErrorDiagnostic(path.Root("connection_id"), "Authress connection already exists",
		fmt.Sprintf("An Authress connection with connection_id %[1]q already exists, and %[2]s. The provider never takes "+
			"over, changes or deletes a connection it did not create.\n\n"+
			"To manage that connection with Terraform, import it, then make the configuration match it:\n"+
			"  terraform import appauth_authress_connection.<name> %[1]s\n"+
			"or, with an import block:\n"+
			"  import {\n    to = appauth_authress_connection.<name>\n    id = %[1]q\n  }\n"+
			"Otherwise choose another connection_id, or leave it out to have one generated.", e.ConnectionID, why))
}

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state connectionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, r.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	if err := client.DeleteConnection(ctx, state.ID.ValueString()); err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Deleting the Authress connection failed", err))
	}
}

func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !connectionIDPattern.MatchString(req.ID) || len(req.ID) > 64 {
		resp.Diagnostics.AddError("Invalid import id",
			"Import an Authress connection by its connection id: 1 to 64 of a-z A-Z 0-9 - _ . :, got "+quote(req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("connection_id"), req.ID)...)
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

func newConnectionID() string {
	b := make([]byte, 22)
	for i := range b {
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(idAlphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = idAlphabet[n.Int64()]
	}
	return "con_" + string(b)
}
