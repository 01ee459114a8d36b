//go:build !twin

package main

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"

	appauth "github.com/appauth/terraform-provider-appauth/internal/provider"
)

// served is the provider this binary serves and its registry address; a build with -tags twin serves
// the benchmark's no-network twin instead (serve_twin.go).
func served(version string) (func() provider.Provider, string) {
	return appauth.New(version), "registry.terraform.io/appauth/appauth"
}
