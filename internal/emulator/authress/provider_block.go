package authress

import (
	"fmt"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

var _ core.ProviderBlockContributor = (*authressFamily)(nil)

// ProviderBlock is the provider's authress block for this emulator.
func (f *authressFamily) ProviderBlock() string {
	return fmt.Sprintf(`
  authress {
    api_url    = %q
    access_key = %q
  }
`, f.s.URL(), f.s.Credentials().AuthressAccessKey)
}
