package appfabric

import (
	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/conns"
)

const configHint = "Set region and credentials in provider \"appauth\" { aws { ... } } (region, access_key/secret_key or profile, " +
	"endpoints { appfabric }) or the AWS environment (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE, AWS_ENDPOINT_URL_APPFABRIC)."

// family builds the shared AppFabric client and checks the aws settings at plan.
var family = conns.Family[*Client]{
	Name:  "appfabric",
	Title: "AppFabric",
	Hint:  configHint,
	Check: awsclient.CheckSettings,
	Build: NewClient,
}
