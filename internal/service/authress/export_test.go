package authress

import (
	"time"
)

// NewTestClient builds a client the way the provider does, for tests that change things behind
// Terraform's back.
func NewTestClient(apiURL, accessKey string) (*Client, error) {
	return newClient(Settings{APIURL: apiURL, AccessKey: accessKey}, "test")
}

// MintToken signs an access token from a service-client key, as the provider does.
func MintToken(accessKey, apiURL string) (string, error) {
	k, err := ParseAccessKey(accessKey)
	if err != nil {
		return "", err
	}
	tok, _, err := k.Sign(apiURL, time.Now())
	return tok, err
}
