package apig_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
)

func TestAccAPIGAppAuthorization_identity(t *testing.T) {
	t.Parallel()
	srv, a := startFixtures(t, 1)
	resource.Test(t, resource.TestCase{
		PreCheck:               func() { acctest.PreCheck(t) },
		TerraformVersionChecks: acctest.IdentityVersions,
		CheckDestroy:           expectBound(a, app, release),
		Steps: acctest.IdentitySteps(srv, authConfig("test", release, app, listOrders, getOrder), authAddr, map[string]knownvalue.Check{
			"project_id":  knownvalue.StringExact(srv.Credentials().APIGProjectID),
			"instance_id": knownvalue.StringExact(inst),
			"env_id":      knownvalue.StringExact(release),
			"app_id":      knownvalue.StringExact(app),
		}),
	})
}
