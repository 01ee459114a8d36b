package authress

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// Registration is the family as the provider lists it.
var Registration = conns.Registration{
	Block:       providerBlock,
	Resources:   []func() resource.Resource{NewConnectionResource},
	DataSources: []func() datasource.DataSource{NewConnectionDataSource, NewConnectionsDataSource},
	EphemeralResources: []func() ephemeral.EphemeralResource{
		NewUserConnectionCredentialsEphemeralResource,
	},
}
