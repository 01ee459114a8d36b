package authress

import "github.com/appauth/terraform-provider-appauth/internal/conns"

// NewTestClient builds a client the way the provider does, for tests that change things behind
// Terraform's back.
func NewTestClient(apiURL, accessKey string) (*Client, error) {
	return newClient(conns.AuthressSettings{APIURL: apiURL, AccessKey: accessKey}, "test")
}
