package authress

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ ephemeral.EphemeralResourceWithConfigure = &userConnectionCredentialsEphemeralResource{}

// NewUserConnectionCredentialsEphemeralResource reads a user's token for a connection without storing it.
func NewUserConnectionCredentialsEphemeralResource() ephemeral.EphemeralResource {
	return &userConnectionCredentialsEphemeralResource{}
}

type userConnectionCredentialsEphemeralResource struct {
	conns.EphemeralResourceBase
}

type userConnectionCredentialsModel struct {
	ConnectionID types.String `tfsdk:"connection_id"`
	UserID       types.String `tfsdk:"user_id"`
	AccessToken  types.String `tfsdk:"access_token"`
}

func (e *userConnectionCredentialsEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_authress_user_connection_credentials"
}

func (e *userConnectionCredentialsEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The access token a user received from a connection's identity provider at their latest login, for calling " +
			"that provider's APIs. Ephemeral (Terraform 1.10+): the token is never stored in plan or state.",
		Attributes: map[string]schema.Attribute{
			"connection_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The connection the user logged in with.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, 64),
					stringvalidator.RegexMatches(connectionIDPattern, "must contain only letters, digits and - _ . :"),
				},
			},
			"user_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The Authress user id (not the identity provider's own id for the user), 1 to 64 characters.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"access_token": schema.StringAttribute{
				Computed:            true,
				Sensitive:           true,
				MarkdownDescription: "The user's access token at the identity provider, with the scopes approved at login.",
			},
		},
	}
}

func (e *userConnectionCredentialsEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var data userConnectionCredentialsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client := family.Client(ctx, e.Meta, &resp.Diagnostics)
	if client == nil {
		return
	}
	creds, err := client.UserCredentials(ctx, data.ConnectionID.ValueString(), data.UserID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Reading the user's connection credentials failed", err))
		return
	}
	data.AccessToken = types.StringValue(creds.AccessToken)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &data)...)
}
