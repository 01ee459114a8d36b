// Package sts emulates AWS STS GetCallerIdentity (AWS query protocol: a
// form-encoded POST to "/", an XML answer), so clients can discover the
// account id of each access key the emulator accepts. Other actions get
// InvalidAction. It also keeps the list of those accounts: their environment
// lines and the /_emulator/sts/accounts admin routes.
package sts

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/appauth/terraform-provider-appauth/internal/emulator/core"
)

const stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

// Name is the family's name in stats, state and route names.
const Name = "sts"

type stsFamily struct{ s *core.Server }

// New builds the STS family of s.
func New(s *core.Server) core.Family { return &stsFamily{s: s} }

func (f *stsFamily) Routes(r *core.Router) {
	// {$} matches "/" only, so other families' unmatched paths stay unmatched.
	r.Handle("POST /{$}", "GetCallerIdentity", f.handle)
	r.Admin("GET /_emulator/sts/accounts", func(w http.ResponseWriter, r *http.Request) {
		core.WriteJSON(w, http.StatusOK, map[string]any{"accounts": f.s.AWSAccounts()})
	})
	// POST {"count": N} makes the emulator accept at least N accounts and lists them all, the
	// default one first, so that a configuration can spread over several accounts.
	r.Admin("POST /_emulator/sts/accounts", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Count int `json:"count"`
		}
		if !core.DecodeAdminJSON(w, r, &in) {
			return
		}
		accts, err := f.s.EnsureAWSAccounts(in.Count)
		if err != nil {
			core.WriteJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
			return
		}
		core.WriteJSON(w, http.StatusOK, map[string]any{"accounts": accts})
	})
}

// Env lists the accounts beyond the default one (whose key is AWS_ACCESS_KEY_ID):
// APPAUTH_EMULATOR_AWS_ACCESS_KEY_ID_<n>, APPAUTH_EMULATOR_AWS_SECRET_ACCESS_KEY_<n> and
// APPAUTH_EMULATOR_AWS_ACCOUNT_ID_<n>, from n = 2.
func (f *stsFamily) Env() []string {
	var env []string
	for i, a := range f.s.AWSAccounts()[1:] {
		n := i + 2
		env = append(env,
			fmt.Sprintf("APPAUTH_EMULATOR_AWS_ACCESS_KEY_ID_%d=%s", n, a.AccessKeyID),
			fmt.Sprintf("APPAUTH_EMULATOR_AWS_SECRET_ACCESS_KEY_%d=%s", n, a.SecretAccessKey),
			fmt.Sprintf("APPAUTH_EMULATOR_AWS_ACCOUNT_ID_%d=%s", n, a.AccountID))
	}
	return env
}

func (f *stsFamily) State() any { return map[string]any{} }
func (f *stsFamily) Reset()     {}

// WriteFault gives injected faults the query protocol's XML error body.
func (f *stsFamily) WriteFault(w http.ResponseWriter, _ *http.Request, status int) {
	if status == http.StatusTooManyRequests {
		f.writeError(w, status, "Sender", "Throttling", "Rate exceeded")
		return
	}
	f.writeError(w, status, "Receiver", "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.")
}

// WriteRefusal answers a request the server refuses (a Host that is not
// loopback) with the query protocol's AccessDenied.
func (f *stsFamily) WriteRefusal(w http.ResponseWriter, _ *http.Request, message string) {
	f.writeError(w, http.StatusForbidden, "Sender", "AccessDenied", message)
}

type stsCallerIdentityResponse struct {
	XMLName xml.Name `xml:"GetCallerIdentityResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Result  struct {
		Arn     string `xml:"Arn"`
		UserID  string `xml:"UserId"`
		Account string `xml:"Account"`
	} `xml:"GetCallerIdentityResult"`
	RequestID string `xml:"ResponseMetadata>RequestId"`
}

type stsErrorResponse struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Error   struct {
		Type    string `xml:"Type"`
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
	RequestID string `xml:"RequestId"`
}

// handle answers GetCallerIdentity for any account the emulator accepts, in any Region: STS has an
// endpoint in every Region, and each key is answered with its own account.
func (f *stsFamily) handle(w http.ResponseWriter, r *http.Request) {
	caller, err := f.s.VerifySigV4Caller(r, core.Body(r), "sts")
	if err != nil {
		var se *core.SigV4Error
		if !errors.As(err, &se) {
			se = &core.SigV4Error{Failure: core.SigV4BadSignature, Message: err.Error()}
		}
		f.writeError(w, se.Status(), "Sender", se.QueryCode(), se.Message)
		return
	}
	if f.s.Throttled(w, r, f.s.AWSQuotaScope(r)) {
		return
	}
	form, err := url.ParseQuery(string(core.Body(r)))
	if err != nil {
		f.writeError(w, http.StatusBadRequest, "Sender", "MalformedQueryString", "The request body is not a valid form encoding.")
		return
	}
	switch {
	case form.Get("Action") == "":
		f.writeError(w, http.StatusBadRequest, "Sender", "MissingAction", "Missing Action")
		return
	case form.Get("Action") != "GetCallerIdentity":
		f.writeError(w, http.StatusBadRequest, "Sender", "InvalidAction", "Could not find operation "+form.Get("Action")+" for version "+form.Get("Version"))
		return
	case form.Get("Version") != "2011-06-15":
		f.writeError(w, http.StatusBadRequest, "Sender", "InvalidAction", "Could not find operation GetCallerIdentity for version "+form.Get("Version"))
		return
	}
	var out stsCallerIdentityResponse
	out.Xmlns = stsNamespace
	out.Result.Account = caller.AccountID
	out.Result.Arn = "arn:aws:iam::" + caller.AccountID + ":user/appauth"
	out.Result.UserID = "AIDA" + strings.TrimPrefix(caller.AccessKeyID, "AKIA")
	out.RequestID = f.s.UUID()
	f.writeXML(w, http.StatusOK, out.RequestID, out)
}

func (f *stsFamily) writeError(w http.ResponseWriter, status int, typ, code, message string) {
	var out stsErrorResponse
	out.Xmlns = stsNamespace
	out.Error.Type, out.Error.Code, out.Error.Message = typ, code, message
	out.RequestID = f.s.UUID()
	f.writeXML(w, status, out.RequestID, out)
}

func (f *stsFamily) writeXML(w http.ResponseWriter, status int, requestID string, v any) {
	body, err := xml.Marshal(v)
	if err != nil {
		http.Error(w, "emulator: encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-RequestId", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
