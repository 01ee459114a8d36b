package apig

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Resources lists the family's resources for the provider.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{NewAppAuthorizationResource}
}

// DataSources lists the family's data sources for the provider.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAppAuthorizationsDataSource, NewEnvironmentDataSource, NewAppDataSource, NewAPIDataSource,
	}
}

// EphemeralResources lists the family's ephemeral resources for the provider.
func EphemeralResources() []func() ephemeral.EphemeralResource { return nil }
