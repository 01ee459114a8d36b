package quicksight

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/appauth/terraform-provider-appauth/internal/awsclient"
	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
)

const configHint = "Configure AWS access in provider \"appauth\" { aws { region, access_key/secret_key or profile, account_id, " +
	"endpoints { quicksight } } } or with AWS_REGION, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, " +
	"APPAUTH_AWS_ACCOUNT_ID and AWS_ENDPOINT_URL_QUICKSIGHT."

// family builds the shared QuickSight client and checks the aws settings at plan.
var family = conns.Family[*Client]{
	Name:  "quicksight",
	Title: "QuickSight",
	Hint:  configHint,
	Check: awsclient.CheckSettings,
	Build: newClient,
}

// account is the configured account id, or the provider's.
func account(ctx context.Context, c *Client, configured string, diags *diag.Diagnostics) string {
	if configured != "" {
		return configured
	}
	acct, err := c.AccountID(ctx)
	if err != nil {
		diags.AddError(httpclient.Headline(err, "QuickSight is not configured"), err.Error()+"\n\n"+configHint)
		return ""
	}
	return acct
}
