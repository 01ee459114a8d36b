package acctest

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
	"github.com/appauth/terraform-provider-appauth/internal/provider"
)

// ProtoV6ProviderFactoriesWithoutIdentity serves the provider as releases before resource identity
// did: it advertises no identity schema and answers no identity, so Terraform stores state without
// one. A step with the real factories then shows what such a state gains on refresh.
var ProtoV6ProviderFactoriesWithoutIdentity = map[string]func() (tfprotov6.ProviderServer, error){
	"appauth": func() (tfprotov6.ProviderServer, error) {
		server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
		if err != nil {
			return nil, err
		}
		return withoutIdentity{server}, nil
	},
}

// withoutIdentity hides every identity the provider has or answers.
type withoutIdentity struct{ tfprotov6.ProviderServer }

func (s withoutIdentity) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (s withoutIdentity) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.PlannedIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentity) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		for _, imported := range resp.ImportedResources {
			imported.Identity = nil
		}
	}
	return resp, err
}

// IdentitySteps are the steps every resource's identity test takes on resources, which create the
// resource at address against srv: a state made without identity gains it on refresh with no change
// planned, the identity holds want, and an import block naming that identity imports the object
// unchanged. The last step destroys what the first made: the steps name their providers, and the
// test case has none for the destroy that follows them.
func IdentitySteps(srv *core.Server, resources, address string, want map[string]knownvalue.Check) []resource.TestStep {
	config := Config(srv, resources)
	return []resource.TestStep{
		{ProtoV6ProviderFactories: ProtoV6ProviderFactoriesWithoutIdentity, Config: config},
		{
			ProtoV6ProviderFactories: ProtoV6ProviderFactories,
			Config:                   config,
			ConfigPlanChecks:         resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks:        []statecheck.StateCheck{statecheck.ExpectIdentity(address, want)},
		},
		{
			ProtoV6ProviderFactories: ProtoV6ProviderFactories,
			Config:                   config,
			ResourceName:             address,
			ImportState:              true,
			ImportStateKind:          resource.ImportBlockWithResourceIdentity,
		},
		{ProtoV6ProviderFactories: ProtoV6ProviderFactories, Config: ProviderConfig(srv)},
	}
}

// IdentityVersions skips a test below Terraform 1.12, the first to keep resource identity.
var IdentityVersions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

// ListVersions skips a test below Terraform 1.14, the first with `terraform query` and list resources.
var ListVersions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}
