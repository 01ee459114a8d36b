package authress

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
)

// accessKey is a parsed service-client access key.
type accessKey struct {
	ClientID   string
	KeyID      string
	AccountID  string
	PrivateKey ed25519.PrivateKey
}

// parseAccessKey splits "clientId.keyId.accountId.base64(PKCS#8)" and
// decodes the Ed25519 private key.
func parseAccessKey(key string) (accessKey, error) {
	parts := strings.Split(key, ".")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return accessKey{}, fmt.Errorf("access key must have 4 dot-separated parts")
	}
	der, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil {
		return accessKey{}, fmt.Errorf("access key private part is not base64: %w", err)
	}
	pk, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return accessKey{}, fmt.Errorf("access key private part is not PKCS#8: %w", err)
	}
	ed, ok := pk.(ed25519.PrivateKey)
	if !ok {
		return accessKey{}, fmt.Errorf("access key private part is %T, not Ed25519", pk)
	}
	return accessKey{ClientID: parts[0], KeyID: parts[1], AccountID: parts[2], PrivateKey: ed}, nil
}
