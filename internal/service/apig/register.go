package apig

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// Registration is the family as the provider lists it.
var Registration = conns.Registration{
	Block:     providerBlock,
	Resources: []func() resource.Resource{NewAppAuthorizationResource},
	DataSources: []func() datasource.DataSource{
		NewAppAuthorizationsDataSource, NewEnvironmentDataSource, NewAppDataSource, NewAPIDataSource,
	},
}
