package appfabric_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const bundleAddr = "appauth_appfabric_app_bundle.test"

var bundleARNRegexp = regexp.MustCompile(`^arn:aws:appfabric:us-east-1:\d{12}:appbundle/[a-f0-9-]{36}$`)

func TestAccAppFabricAppBundle_basic(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 1})
	config := acctest.Config(srv, `
resource "appauth_appfabric_app_bundle" "test" {
  tags = { team = "security" }
}`)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bundleAddr, plancheck.ResourceActionCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("arn"), knownvalue.StringRegexp(bundleARNRegexp)),
					statecheck.CompareValuePairs(bundleAddr, tfjsonpath.New("id"), bundleAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("customer_managed_key_arn"), knownvalue.Null()),
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("security")})),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName:      bundleAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    bundleAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				Config:          config,
			},
		},
	})
}

func TestAccAppFabricAppBundle_updateAndReplace(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 2})
	acct := srv.Credentials().AWSAccountID
	key1 := "arn:aws:kms:us-east-1:" + acct + ":key/1234abcd-12ab-34cd-56ef-1234567890ab"
	key2 := "arn:aws:kms:us-east-1:" + acct + ":key/0987dcba-09fe-87dc-65ba-ab0987654321"
	config := func(key, tags string) string {
		return acctest.Config(srv, `
resource "appauth_appfabric_app_bundle" "test" {
  customer_managed_key_arn = "`+key+`"
  `+tags+`
}`)
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{
				Config: config(key1, `tags = { a = "1", b = "2" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("customer_managed_key_arn"), knownvalue.StringExact(key1)),
				},
			},
			{
				// Tags change in place through the tagging API.
				Config: config(key1, `tags = { b = "3", c = "" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bundleAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"b": knownvalue.StringExact("3"), "c": knownvalue.StringExact(""),
					})),
				},
			},
			{
				// Tags changed behind Terraform's back show up as drift.
				PreConfig: func() {
					arn := bundleARNInEmulator(t, srv)
					if err := apiClient(t, srv).UpdateTags(context.Background(), arn, map[string]string{"intruder": "x"}, nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: config(key1, `tags = { b = "3", c = "" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bundleAddr, plancheck.ResourceActionUpdate)},
				},
			},
			{
				// A new key replaces the bundle.
				Config: config(key2, ``),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bundleAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("customer_managed_key_arn"), knownvalue.StringExact(key2)),
					statecheck.ExpectKnownValue(bundleAddr, tfjsonpath.New("tags"), knownvalue.Null()),
				},
			},
		},
	})
}

func bundleARNInEmulator(t *testing.T, srv *core.Server) string {
	t.Helper()
	arns, err := apiClient(t, srv).ListAppBundles(context.Background())
	if err != nil || len(arns) != 1 {
		t.Fatalf("ListAppBundles = %v, %v; want one bundle", arns, err)
	}
	return arns[0]
}

func TestAccAppFabricAppBundle_disappears(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 3})
	config := acctest.Config(srv, bundleHCL)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkAllDestroyed(srv),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if err := apiClient(t, srv).DeleteAppBundle(context.Background(), bundleARNInEmulator(t, srv)); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bundleAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccAppFabricAppBundle_invalid(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 4})
	manyTags := make([]string, 51)
	for i := range manyTags {
		manyTags[i] = `"k` + strings.Repeat("x", i) + `" = "v"`
	}
	testCases := map[string]struct {
		hcl  string
		want string
	}{
		"key is not a KMS key ARN": {`customer_managed_key_arn = "arn:aws:s3:::bucket"`, `customer_managed_key_arn must be a KMS key ARN`},
		"too many tags":            {`tags = {` + strings.Join(manyTags, "\n") + `}`, `tags map must contain at most 50 elements`},
		"tag key too long":         {`tags = { "` + strings.Repeat("k", 129) + `" = "v" }`, `tags\["k+"\]\s+string length must be between 1 and 128`},
		"tag value too long":       {`tags = { k = "` + strings.Repeat("v", 257) + `" }`, `tags\["k"\] string length must be at most 256`},
	}
	var steps []resource.TestStep
	for _, tc := range testCases {
		steps = append(steps, resource.TestStep{
			Config:      acctest.Config(srv, `resource "appauth_appfabric_app_bundle" "test" {`+"\n"+tc.hcl+"\n}"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
	})
	acctest.ExpectNoRequests(t, srv)
}
