package twin_test

import (
	"context"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/appauth/terraform-provider-appauth/internal/acctest"
	"github.com/appauth/terraform-provider-appauth/internal/provider"
	"github.com/appauth/terraform-provider-appauth/internal/twin"
)

// Every resource of the provider has a twin named appauthtwin_<suffix> with a schema equal to the
// real one's.
func TestTwinSchemasAreTheProvidersOwn(t *testing.T) {
	t.Parallel()
	realSchemas := schemas(t, providerserver.NewProtocol6(provider.New("test")())())
	twinSchemas := schemas(t, providerserver.NewProtocol6(twin.New(provider.New("test")())())())
	if len(realSchemas) == 0 || len(realSchemas) != len(twinSchemas) {
		t.Fatalf("%d resources, %d twins", len(realSchemas), len(twinSchemas))
	}
	for name, s := range realSchemas {
		twinName := twin.TypeName + strings.TrimPrefix(name, "appauth")
		got, ok := twinSchemas[twinName]
		if !ok {
			t.Errorf("no twin %s for %s", twinName, name)
			continue
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%s: the twin's schema differs from the resource's", twinName)
		}
	}
}

func schemas(t *testing.T, s tfprotov6.ProviderServer) map[string]*tfprotov6.Schema {
	t.Helper()
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("%s: %s", d.Summary, d.Detail)
	}
	return resp.ResourceSchemas
}

func TestKnownFillsOnlyUnknowns(t *testing.T) {
	t.Parallel()
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "name": tftypes.String, "active": tftypes.Bool, "count": tftypes.Number,
		"tags": tftypes.Map{ElementType: tftypes.String},
	}}
	planned := func(name string) tftypes.Value {
		return tftypes.NewValue(typ, map[string]tftypes.Value{
			"id":     tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
			"name":   tftypes.NewValue(tftypes.String, name),
			"active": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue),
			"count":  tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
			"tags":   tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, tftypes.UnknownValue),
		})
	}
	a, err := twin.Known(planned("a"))
	if err != nil {
		t.Fatal(err)
	}
	if !a.IsFullyKnown() {
		t.Fatalf("still unknown: %s", a)
	}
	var attrs map[string]tftypes.Value
	if err := a.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var id, name string
	_ = attrs["id"].As(&id)
	_ = attrs["name"].As(&name)
	if len(id) != 16 || name != "a" || !attrs["tags"].IsNull() {
		t.Fatalf("id %q name %q tags %s", id, name, attrs["tags"])
	}
	again, _ := twin.Known(planned("a"))
	other, _ := twin.Known(planned("b"))
	if !again.Equal(a) || other.Equal(a) {
		t.Fatalf("not a function of the plan alone: %s, %s, %s", a, again, other)
	}
}

// A twin Authress connection, configured as the real one is in the benchmark, applies, plans no
// change and is destroyed without a request anywhere.
func TestAccTwinAuthressConnection(t *testing.T) {
	t.Parallel()
	tfresource.UnitTest(t, tfresource.TestCase{
		PreCheck: func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			twin.TypeName: providerserver.NewProtocol6WithError(twin.New(provider.New("test")())()),
		},
		Steps: []tfresource.TestStep{{
			Config: `
resource "appauthtwin_authress_connection" "c" {
  authentication_url       = "https://idp.example.com/oauth2/authorize"
  token_url                = "https://idp.example.com/oauth2/token"
  client_id                = "client"
  client_secret_wo         = "secret"
  client_secret_wo_version = 1
  tags                     = { scenario = "c" }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("appauthtwin_authress_connection.c", tfjsonpath.New("connection_id"), knownvalue.StringRegexp(hex16)),
				statecheck.ExpectKnownValue("appauthtwin_authress_connection.c", tfjsonpath.New("type"), knownvalue.StringExact("OAUTH2")),
				statecheck.ExpectKnownValue("appauthtwin_authress_connection.c", tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
			},
			ConfigPlanChecks: tfresource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}},
	})
}

var hex16 = regexp.MustCompile(`^[0-9a-f]{16}$`)
