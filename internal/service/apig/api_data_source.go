package apig

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

var _ datasource.DataSourceWithConfigure = &apiDataSource{}

// NewAPIDataSource finds an API by name.
func NewAPIDataSource() datasource.DataSource { return &apiDataSource{} }

type apiDataSource struct {
	conns.DataSourceBase
}

type apiModel struct {
	ID                types.String `tfsdk:"id"`
	InstanceID        types.String `tfsdk:"instance_id"`
	Name              types.String `tfsdk:"name"`
	GroupID           types.String `tfsdk:"group_id"`
	GroupName         types.String `tfsdk:"group_name"`
	AuthType          types.String `tfsdk:"auth_type"`
	ReqMethod         types.String `tfsdk:"req_method"`
	ReqURI            types.String `tfsdk:"req_uri"`
	PublishedEnvIDs   []string     `tfsdk:"published_env_ids"`
	PublishedEnvNames []string     `tfsdk:"published_env_names"`
}

func (d *apiDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_apig_api"
}

func (d *apiDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds an APIG API by its exact name (and group, when several groups have an API of that name), " +
			"with its authentication type and the environments it is published in. Only APIs with `auth_type = \"APP\"` can be " +
			"authorized to apps, in the environments they are published in.",
		Attributes: map[string]schema.Attribute{
			"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the API."},
			"instance_id": instanceIDAttribute(),
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Exact name of the API: 3 to 255 characters (letters, Chinese characters, digits, " +
					"`-`, `_`, `.`, `/`, parentheses, colons and `、`), starting with a letter, a Chinese character or a digit.",
				Validators: []validator.String{stringvalidator.RegexMatches(apiNamePattern, apiNameRule)},
			},
			"group_id": schema.StringAttribute{
				Optional: true, Computed: true, MarkdownDescription: "Id of the API's group; set it to choose among APIs of the same name.",
				Validators: []validator.String{idValidator("an API group id")},
			},
			"group_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the API's group."},
			"auth_type":  schema.StringAttribute{Computed: true, MarkdownDescription: "`NONE`, `APP`, `IAM` or `AUTHORIZER`."},
			"req_method": schema.StringAttribute{Computed: true, MarkdownDescription: "Request method."},
			"req_uri":    schema.StringAttribute{Computed: true, MarkdownDescription: "Request path."},
			"published_env_ids": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Ids of the environments the API is published in.",
			},
			"published_env_names": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Names of the environments the API is published in, in the order of `published_env_ids`.",
			},
		},
	}
}

// splitBar splits the '|'-joined publication fields of an API.
func splitBar(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "|")
}

func (d *apiDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data apiModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := family.Client(ctx, d.Meta, &resp.Diagnostics)
	if c == nil {
		return
	}
	apis, err := c.ListAPIs(ctx, data.InstanceID.ValueString(), data.Name.ValueString(), data.GroupID.ValueString())
	if err != nil {
		resp.Diagnostics.Append(httpclient.Diagnostic("Could not list APIs", err))
		return
	}
	var found []API
	for _, a := range apis {
		if a.Name == data.Name.ValueString() {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root("name"), "API not found",
			fmt.Sprintf("Gateway %s has no API named %q%s.", data.InstanceID.ValueString(), data.Name.ValueString(), inGroup(data.GroupID)))
		return
	case 1:
	default:
		var groups []string
		for _, a := range found {
			groups = append(groups, a.GroupName+" ("+a.GroupID+")")
		}
		resp.Diagnostics.AddAttributeError(path.Root("group_id"), "Several APIs have this name",
			fmt.Sprintf("APIs named %q exist in the groups %s; set group_id to choose one.", data.Name.ValueString(), strings.Join(groups, ", ")))
		return
	}
	a := found[0]
	data.ID, data.GroupID, data.GroupName = types.StringValue(a.ID), types.StringValue(a.GroupID), types.StringValue(a.GroupName)
	data.AuthType, data.ReqMethod, data.ReqURI = types.StringValue(a.AuthType), types.StringValue(a.ReqMethod), types.StringValue(a.ReqURI)
	data.PublishedEnvIDs, data.PublishedEnvNames = splitBar(a.RunEnvID), splitBar(a.RunEnvName)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

func inGroup(groupID types.String) string {
	if groupID.IsNull() || groupID.IsUnknown() {
		return ""
	}
	return " in group " + groupID.ValueString()
}
