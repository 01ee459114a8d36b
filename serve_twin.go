//go:build twin

package main

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"

	appauth "github.com/appauth/terraform-provider-appauth/internal/provider"
	"github.com/appauth/terraform-provider-appauth/internal/twin"
)

// served is the benchmark's twin (internal/twin): the provider's resources and schemas, no requests.
// Its binary is named terraform-provider-appauthtwin.
func served(version string) (func() provider.Provider, string) {
	return twin.New(appauth.New(version)()), "registry.terraform.io/appauth/" + twin.TypeName
}
