package appfabric

import (
	"context"
	"fmt"
	"strings"
	"time"

	actiontimeouts "github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/appauth/terraform-provider-appauth/internal/conns"
	"github.com/appauth/terraform-provider-appauth/internal/httpclient"
	"github.com/appauth/terraform-provider-appauth/internal/timeout"
)

var (
	_ action.ActionWithConfigure  = &connectAction{}
	_ action.ActionWithModifyPlan = &connectAction{}
)

// NewConnectAction connects (or reconnects) an AppFabric app authorization, as an operation: nothing
// is kept in state.
func NewConnectAction() action.Action {
	return &connectAction{}
}

type connectAction struct {
	conns.ActionBase
}

type connectActionModel struct {
	AppAuthorizationARN types.String               `tfsdk:"app_authorization_arn"`
	AuthRequest         *connectActionRequestModel `tfsdk:"auth_request"`
	Timeouts            actiontimeouts.Value       `tfsdk:"timeouts"`
}

type connectActionRequestModel struct {
	RedirectURI types.String `tfsdk:"redirect_uri"`
	Code        types.String `tfsdk:"code"`
}

// progressEvery is how often the wait says that the status has not changed.
const progressEvery = 30 * time.Second

func (a *connectAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_appfabric_connect"
}

func (a *connectAction) Schema(ctx context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Connects an AWS AppFabric app authorization to its application (ConnectAppAuthorization), or connects it " +
			"again, and waits until it is `Connected`, reporting the status while it waits. An action keeps nothing in state: run it " +
			"with `terraform apply -invoke`, or from an `action_trigger` of the authorization, e.g. after each change of its credential. " +
			"Needs Terraform 1.14 or later; with earlier versions and OpenTofu use `appauth_appfabric_app_authorization_connection`.",
		Attributes: map[string]schema.Attribute{
			"app_authorization_arn": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ARN of the app authorization to connect.",
				Validators:          []validator.String{authorizationARNValidator()},
			},
			"auth_request": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "The end of the OAuth2 flow, required for `oauth2` authorizations and not allowed for `apiKey` ones: the code " +
					"the application returned after an administrator visited the authorization's `auth_url`, and the redirect URI used.",
				Attributes: map[string]schema.Attribute{
					"redirect_uri": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: redirectURIDescription,
						Validators:          redirectURIValidators(),
					},
					"code": schema.StringAttribute{
						Required:  true,
						WriteOnly: true,
						MarkdownDescription: code.Description + " Write-only: it may come from an ephemeral variable, and is never in a plan " +
							"or state; the provider never logs it nor puts it in an error. A code works once: the action sends it with one " +
							"connect request and never again by itself.",
						Validators: code.Validators,
					},
				},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeout.ActionBlock(ctx, *timeouts.Create)},
	}
}

// ModifyPlan fails the plan when the provider's aws settings cannot work.
func (a *connectAction) ModifyPlan(ctx context.Context, _ action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	family.PlanCheck(ctx, a.Meta, &resp.Diagnostics)
}

func (a *connectAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var config connectActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	client := family.Client(ctx, a.Meta, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	limit, diags := config.Timeouts.Invoke(ctx, timeouts.Create.Default)
	resp.Diagnostics.Append(diags...)
	arn := config.AppAuthorizationARN.ValueString()
	bundle, err := BundleARNOf(arn)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("app_authorization_arn"), "Invalid app authorization ARN", err.Error())
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	var auth *AuthRequest
	if ar := config.AuthRequest; ar != nil {
		auth = &AuthRequest{RedirectURI: ar.RedirectURI.ValueString(), Code: ar.Code.ValueString()}
	}
	report := waitReporter{send: resp.SendProgress, start: time.Now()}
	outcome, err := client.ConnectAndWait(ctx, bundle, arn, auth, report.seen)
	if outcome.Connected(err) {
		return
	}
	if !outcome.Sent {
		// No code was spent (there was none, or AppFabric refused the request): the error says why, and
		// invoking the action again tries again.
		resp.Diagnostics.Append(httpclient.Diagnostic("Connecting the AppFabric app authorization failed", err))
		return
	}
	seen := "its status could not be read after the connect request"
	status := ""
	if last := outcome.Authorization; last != nil {
		status = last.Status
		seen = "AppFabric reports " + status
	}
	if err != nil {
		seen = "waiting for it to leave " + StatusPendingConnect + " did not finish (" + err.Error() + "); " + seen
	}
	next := "Invoke the action again to connect again (with a longer timeouts.invoke if the wait ran out). " + statusAdvice(status)
	if auth != nil {
		next = "The OAuth2 code was sent, and a code works once: the action does not send it again, and invoking it again with the same " +
			"code fails. If AppFabric later reports Connected (the appauth_appfabric_app_authorization data source shows the status), " +
			"nothing needs doing. Otherwise have an administrator visit the authorization's auth_url for a new code, and invoke the action " +
			"with it."
	}
	resp.Diagnostics.AddError("The AppFabric app authorization did not connect",
		strings.TrimSpace(fmt.Sprintf("The connect request for %s was sent, but %s. %s", arn, seen, next)))
}

// waitReporter tells Terraform what the wait sees: each new status, and while a status stays, how
// long the wait has lasted, every progressEvery.
type waitReporter struct {
	send   func(action.InvokeProgressEvent)
	start  time.Time
	last   time.Time
	status string
}

func (w *waitReporter) seen(status string) {
	now := time.Now()
	if status == w.status && now.Sub(w.last) < progressEvery {
		return
	}
	message := "AppFabric reports " + status
	switch {
	case status == StatusPendingConnect:
		message += ", waiting for " + StatusConnected
	case status != StatusConnected:
		message += ", which ends the wait"
	}
	w.send(action.InvokeProgressEvent{Message: fmt.Sprintf("%s (%s after the connect request)", message, now.Sub(w.start).Round(time.Second))})
	w.status, w.last = status, now
}

// redirectURIDescription and redirectURIValidators are AppFabric's rules for a redirect URI.
const redirectURIDescription = "The redirect URI of the OAuth2 flow: `https://` followed by URL characters, up to 1024 characters."

func redirectURIValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtMost(1024),
		stringvalidator.RegexMatches(redirectURIPattern, "must be an https:// URL (https:// followed by letters, digits and -._~:/?#@!$&'()*+,;=)"),
	}
}
