package apig

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &environmentDataSource{}

// NewEnvironmentDataSource finds an environment by name.
func NewEnvironmentDataSource() datasource.DataSource { return &environmentDataSource{} }

type environmentDataSource struct {
	conns.DataSourceBase
}

type environmentModel struct {
	ID         types.String `tfsdk:"id"`
	InstanceID types.String `tfsdk:"instance_id"`
	Name       types.String `tfsdk:"name"`
	Remark     types.String `tfsdk:"remark"`
	CreatedAt  types.String `tfsdk:"created_at"`
}

func (d *environmentDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_environment"
}

func (d *environmentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds an APIG environment by its exact name, e.g. `RELEASE` (id `DEFAULT_ENVIRONMENT_RELEASE_ID`).",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the environment."},
			"instance_id": instanceIDAttribute(),
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Exact name of the environment (3 to 64 letters, digits and underscores, starting with a letter).",
				Validators: []validator.String{stringvalidator.RegexMatches(envNamePattern, envNameRule)},
			},
			"remark":     schema.StringAttribute{Computed: true, MarkdownDescription: "Description of the environment."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the environment was created (RFC 3339)."},
		},
	}
}

func (d *environmentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data environmentModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	envs, err := c.ListEnvs(ctx, data.InstanceID.ValueString(), data.Name.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not list environments", err))
		return
	}
	// The service matches names by substring; only the exact name counts.
	for _, e := range envs {
		if e.Name == data.Name.ValueString() {
			data.ID, data.Remark, data.CreatedAt = types.StringValue(e.ID), types.StringValue(e.Remark), types.StringValue(e.CreateTime)
			resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
			return
		}
	}
	resp.Diagnostics.AddAttributeError(path.Root("name"), "Environment not found",
		fmt.Sprintf("Gateway %s has no environment named %q.", data.InstanceID.ValueString(), data.Name.ValueString()))
}
