package apig

import (
	"fmt"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

var _ core.ProviderBlockContributor = (*Emulator)(nil)

// ProviderBlock is the provider's apig block for this emulator, with IAM password authentication
// (the IAM family serves /v3 on the same server).
func (f *Emulator) ProviderBlock() string {
	c := f.s.Credentials()
	return fmt.Sprintf(`
  apig {
    endpoint     = %[1]q
    project_id   = %[2]q
    auth_url     = "%[1]s/v3"
    user_name    = %[3]q
    password     = %[4]q
    domain_name  = %[5]q
    project_name = %[6]q
  }
`, f.s.URL(), c.APIGProjectID, c.APIGUser, c.APIGPassword, c.APIGDomain, c.APIGProject)
}
