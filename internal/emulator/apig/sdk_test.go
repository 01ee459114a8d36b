package apig_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	apigsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2/model"

	"github.com/appauth/terraform-provider-appauth/internal/emulator"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/apig"
	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

func newSDKClient(t *testing.T, srv *core.Server, sk string) *apigsdk.ApigClient {
	t.Helper()
	return newSDKClientAs(t, srv, srv.Credentials().APIGAccessKey, sk)
}

// newSDKClientAs signs with the given access and secret key.
func newSDKClientAs(t *testing.T, srv *core.Server, ak, sk string) *apigsdk.ApigClient {
	t.Helper()
	c := srv.Credentials()
	cred, err := basic.NewCredentialsBuilder().WithAk(ak).WithSk(sk).WithProjectId(c.APIGProjectID).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := apigsdk.ApigClientBuilder().WithEndpoints([]string{srv.URL()}).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return apigsdk.NewApigClient(hc)
}

// TestAPIGOfficialSDKRoundTrip drives the emulator with Huawei Cloud's own
// APIG v2 client, which signs every request with AK/SK (SDK-HMAC-SHA256):
// authorize, list bound, list unbound, cancel, and a 404 parsed by the SDK.
func TestAPIGOfficialSDKRoundTrip(t *testing.T) {
	srv := emulator.New(emulator.Options{Seed: 7, APIGFixtures: true})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := newSDKClient(t, srv, srv.Credentials().APIGSecretKey)
	inst := apig.FixtureInstanceID
	listOrders, getOrder, draft := apig.FixtureAPIs["list_orders"], apig.FixtureAPIs["get_order"], apig.FixtureAPIs["draft_refunds"]

	created, err := client.CreateAuthorizingAppsV2(&model.CreateAuthorizingAppsV2Request{
		InstanceId: inst,
		Body: &model.ApiAuthCreate{
			EnvId:  apig.DefaultEnvID,
			AppIds: []string{apig.FixtureAppID},
			ApiIds: []string{listOrders, getOrder, draft},
		},
	})
	if err != nil {
		t.Fatalf("CreateAuthorizingAppsV2: %v", err)
	}
	if created.HttpStatusCode != 201 || created.Auths == nil || len(*created.Auths) != 3 {
		t.Fatalf("create: status %d, auths %v", created.HttpStatusCode, created.Auths)
	}
	status := map[string]string{}
	var recordID string
	for _, a := range *created.Auths {
		status[*a.ApiId] = a.AuthResult.Status.Value()
		if *a.ApiId == listOrders {
			recordID = *a.Id
			if a.AuthTime == nil || a.AuthRole.Value() != "PROVIDER" || a.AuthTunnel.Value() != "NORMAL" {
				t.Errorf("record fields: %+v", a)
			}
		}
		if *a.ApiId == draft && (a.AuthResult.ErrorCode == nil || *a.AuthResult.ErrorCode == "") {
			t.Errorf("the unpublished API failed without an error code: %+v", a.AuthResult)
		}
	}
	if status[listOrders] != "SUCCESS" || status[getOrder] != "SUCCESS" || status[draft] != "FAILED" {
		t.Errorf("per-pair results = %v", status)
	}

	appID := apig.FixtureAppID
	envID := apig.DefaultEnvID
	limit := int32(1)
	bound, err := client.ListApisBindedToAppV2(&model.ListApisBindedToAppV2Request{InstanceId: inst, AppId: appID, EnvId: &envID, Limit: &limit})
	if err != nil {
		t.Fatalf("ListApisBindedToAppV2: %v", err)
	}
	if bound.Total != 2 || bound.Size != 1 || bound.Auths == nil || len(*bound.Auths) != 1 {
		t.Fatalf("bound page: total %v size %v", bound.Total, bound.Size)
	}
	first := (*bound.Auths)[0]
	if *first.Id != recordID || *first.ApiName != "list_orders" || *first.EnvName != "RELEASE" || *first.GroupName != "orders" || *first.AppName != "demo_app" {
		t.Errorf("bound record = %s", first)
	}

	unbound, err := client.ListApisUnbindedToAppV2(&model.ListApisUnbindedToAppV2Request{InstanceId: inst, AppId: appID, EnvId: envID})
	if err != nil {
		t.Fatalf("ListApisUnbindedToAppV2: %v", err)
	}
	var names []string
	for _, a := range *unbound.Apis {
		names = append(names, *a.Name)
	}
	slices.Sort(names)
	if want := []string{"cancel_order", "create_order", "draft_refunds"}; !slices.Equal(names, want) || unbound.Total != 3 {
		t.Errorf("unbound = %v (total %d), want %v", names, unbound.Total, want)
	}

	cancelled, err := client.CancelingAuthorizationV2(&model.CancelingAuthorizationV2Request{InstanceId: inst, AppAuthId: recordID})
	if err != nil {
		t.Fatalf("CancelingAuthorizationV2: %v", err)
	}
	if cancelled.HttpStatusCode != 204 {
		t.Errorf("cancel status = %d", cancelled.HttpStatusCode)
	}

	_, err = client.CancelingAuthorizationV2(&model.CancelingAuthorizationV2Request{InstanceId: inst, AppAuthId: recordID})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("cancelling twice: %T %v, want *sdkerr.ServiceResponseError", err, err)
	}
	if se.StatusCode != 404 || se.ErrorCode != "APIG.3009" || se.ErrorMessage != "The app authorization record does not exist,id:"+recordID || len(se.RequestId) != 32 {
		t.Errorf("404 parsed as %+v", se)
	}

	if got := apig.Of(srv).Auths(inst); len(got) != 1 || got[0].APIID != getOrder {
		t.Errorf("records left = %+v", got)
	}
}

// TestAPIGOfficialSDKWrongSecret: a request signed with another secret is
// rejected with the 401 body of the gateway in front of the management API
// (APIGW.0301), which the SDK parses.
func TestAPIGOfficialSDKWrongSecret(t *testing.T) {
	srv := emulator.New(emulator.Options{Seed: 7, APIGFixtures: true})
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := newSDKClient(t, srv, "not-the-secret-key-0123456789abcdefghijk")
	_, err := client.ListApisBindedToAppV2(&model.ListApisBindedToAppV2Request{InstanceId: apig.FixtureInstanceID, AppId: apig.FixtureAppID})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) {
		t.Fatalf("got %T %v", err, err)
	}
	if se.StatusCode != 401 || se.ErrorCode != "APIGW.0301" || se.ErrorMessage != "Incorrect IAM authentication information: verify aksk signature fail" {
		t.Errorf("401 parsed as %+v", se)
	}
}
