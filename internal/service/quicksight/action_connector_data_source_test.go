package quicksight_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsqs "github.com/aws/aws-sdk-go-v2/service/quicksight"
	awsqstypes "github.com/aws/aws-sdk-go-v2/service/quicksight/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/emulator"
)

func TestAccActionConnectorDataSource(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 21, QuickSightPolls: 1})
	acct := srv.Credentials().AWSAccountID
	cfg := acctest.Config(srv, fmt.Sprintf(`
resource "appauth_quicksight_action_connector" "test" {
  action_connector_id = "ds-1"
  name                = "Data source connector"
  type                = "SALESFORCE_CRM"
  authentication_config = {
    authentication_type = "OAUTH2_CLIENT_CREDENTIALS"
    client_credentials_grant = {
      base_endpoint    = "https://example.my.salesforce.com"
      client_id        = "client-1"
      client_secret_wo = "never-shown"
      token_endpoint   = "https://login.salesforce.com/services/oauth2/token"
    }
  }
  authentication_config_wo_version = 1
  permissions = [{ principal = "arn:aws:quicksight:us-east-1:%s:group/default/sales", actions = ["quicksight:DescribeActionConnector"] }]
  tags        = { team = "sales" }
}

data "appauth_quicksight_action_connector" "test" {
  action_connector_id = appauth_quicksight_action_connector.test.action_connector_id
}
`, acct))
	ds := "data.appauth_quicksight_action_connector.test"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("aws_account_id"), knownvalue.StringExact(acct)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("type"), knownvalue.StringExact("SALESFORCE_CRM")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("status"), knownvalue.StringExact("CREATION_SUCCESSFUL")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("authentication_config").AtMapKey("client_credentials_grant").AtMapKey("client_id"), knownvalue.StringExact("client-1")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("authentication_config").AtMapKey("basic"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(1)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("sales")})),
				statecheck.CompareValuePairs(ds, tfjsonpath.New("arn"), connectorRes, tfjsonpath.New("arn"), compareEqual{}),
			},
		}},
	})
}

type compareEqual struct{}

func (compareEqual) CompareValues(values ...any) error {
	if len(values) == 2 && values[0] == values[1] {
		return nil
	}
	return fmt.Errorf("values differ: %v", values)
}

// TestAccActionConnectorsDataSource reads more than one page, with and without a search filter. The
// provider block has no account_id, so the account is discovered with STS.
func TestAccActionConnectorsDataSource(t *testing.T) {
	t.Parallel()
	srv := acctest.StartEmulator(t, emulator.Options{Seed: 22, QuickSightPolls: -1})
	acct := srv.Credentials().AWSAccountID
	withoutAccount := func(hcl string) string {
		return regexp.MustCompile(`(?m)^\s*account_id\s*=.*$`).ReplaceAllString(acctest.Config(srv, hcl), "")
	}
	qs := sdkClient(srv)
	for i := range 7 {
		typ := awsqstypes.ActionConnectorTypeGenericHttp
		if i%2 == 0 {
			typ = awsqstypes.ActionConnectorTypeSlack
		}
		if _, err := qs.CreateActionConnector(context.Background(), &awsqs.CreateActionConnectorInput{
			AwsAccountId: aws.String(acct), ActionConnectorId: aws.String(fmt.Sprintf("list-%d", i)), Name: aws.String(fmt.Sprintf("Listed %d", i)), Type: typ,
			AuthenticationConfig: &awsqstypes.AuthConfig{AuthenticationType: awsqstypes.ConnectionAuthTypeNone,
				AuthenticationMetadata: &awsqstypes.AuthenticationMetadataMemberNoneConnectionMetadata{Value: awsqstypes.NoneConnectionMetadata{BaseEndpoint: aws.String("https://api.example.com")}}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	all, slack := "data.appauth_quicksight_action_connectors.all", "data.appauth_quicksight_action_connectors.slack"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.Config(srv, `
data "appauth_quicksight_action_connectors" "bad" {
  filter = {
    name     = "ACTION_CONNECTOR_COLOUR"
    operator = "StringEquals"
    value    = "x"
  }
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Attribute filter.name value must be one of`),
			},
			{
				Config: withoutAccount(`
data "appauth_quicksight_action_connectors" "all" {
  page_size = 3
}

data "appauth_quicksight_action_connectors" "slack" {
  page_size = 2
  filter = {
    name     = "ACTION_CONNECTOR_TYPE"
    operator = "StringEquals"
    value    = "SLACK"
  }
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(all, tfjsonpath.New("action_connectors"), knownvalue.ListSizeExact(7)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("action_connectors").AtSliceIndex(6).AtMapKey("action_connector_id"), knownvalue.StringExact("list-6")),
					// Summaries carry the connector type, in List and in Search answers alike.
					statecheck.ExpectKnownValue(all, tfjsonpath.New("action_connectors").AtSliceIndex(6).AtMapKey("type"), knownvalue.StringExact("SLACK")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("action_connectors").AtSliceIndex(5).AtMapKey("type"), knownvalue.StringExact("GENERIC_HTTP")),
					statecheck.ExpectKnownValue(slack, tfjsonpath.New("action_connectors").AtSliceIndex(3).AtMapKey("type"), knownvalue.StringExact("SLACK")),
					statecheck.ExpectKnownValue(slack, tfjsonpath.New("action_connectors"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue(slack, tfjsonpath.New("action_connectors").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Listed 0")),
				},
				Check: func(*terraform.State) error {
					// Each plan/apply/refresh reads both: 3 list pages and 2 search pages per read.
					l, s := srv.Stats().Route("quicksight.ListActionConnectors"), srv.Stats().Route("quicksight.SearchActionConnectors")
					if l == 0 || l%3 != 0 || s == 0 || s%2 != 0 {
						return fmt.Errorf("%d list and %d search calls; want whole multiples of 3 and 2 pages", l, s)
					}
					if n := srv.Stats().Route("sts.GetCallerIdentity"); n == 0 {
						return fmt.Errorf("the account id was not discovered with STS")
					}
					return nil
				},
			},
		},
	})
}
