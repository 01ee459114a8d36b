package quicksight

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

// Registration is the family as the provider lists it.
var Registration = conns.Registration{
	Block:       awsclient.ProviderBlock,
	Resources:   []func() resource.Resource{NewActionConnectorResource},
	DataSources: []func() datasource.DataSource{NewActionConnectorDataSource, NewActionConnectorsDataSource},
}
