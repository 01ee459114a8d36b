package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer returns the factory of the provider's protocol 6 server (see ServerOf); the tests serve
// this one.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return ServerOf(New(version))
}

// ServerOf returns the factory of newProvider's protocol 6 server: the framework's, with write-only
// action attributes let through (see actionsWithWriteOnly).
func ServerOf(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		server, err := providerserver.NewProtocol6WithError(newProvider())()
		if err != nil {
			return nil, err
		}
		full, ok := server.(frameworkServer)
		if !ok {
			return nil, fmt.Errorf("the framework's server %T serves no list resources or actions", server)
		}
		return actionsWithWriteOnly{full}, nil
	}
}

// writeOnlyRefused is the summary of the framework's diagnostic for a write-only attribute that holds a
// value where the client cannot take write-only attributes.
const writeOnlyRefused = "WriteOnly Attribute Not Allowed"

// actionsWithWriteOnly serves the framework's server, but lets an action's write-only attribute carry
// a value. terraform-plugin-framework v1.19 declares write-only action attributes but validates every
// action configuration as if the client could not send them, so any value fails; Terraform sends
// actions only from 1.14, which takes write-only attributes (1.11+), and an ephemeral value is
// accepted by Terraform only in a write-only attribute. Every other check of the configuration
// still runs and reports.
type actionsWithWriteOnly struct{ frameworkServer }

// frameworkServer is what the framework's server serves of the protocol: terraform-plugin-go keeps
// list resources and actions out of ProviderServer for now, and finds them by type assertion.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

func (s actionsWithWriteOnly) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	resp, err := s.frameworkServer.ValidateActionConfig(ctx, req)
	if err != nil || resp == nil {
		return resp, err
	}
	kept := resp.Diagnostics[:0]
	for _, d := range resp.Diagnostics {
		if d.Severity != tfprotov6.DiagnosticSeverityError || d.Summary != writeOnlyRefused {
			kept = append(kept, d)
		}
	}
	resp.Diagnostics = kept
	return resp, nil
}
