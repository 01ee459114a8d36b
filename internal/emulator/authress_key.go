package emulator

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
)

// AuthressKey is a parsed service-client access key.
type AuthressKey struct {
	ClientID   string
	KeyID      string
	AccountID  string
	PrivateKey ed25519.PrivateKey
}

// ParseAuthressKey splits "clientId.keyId.accountId.base64(PKCS#8)" and
// decodes the Ed25519 private key.
func ParseAuthressKey(key string) (AuthressKey, error) {
	parts := strings.Split(key, ".")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return AuthressKey{}, fmt.Errorf("access key must have 4 dot-separated parts")
	}
	der, err := base64.StdEncoding.DecodeString(parts[3])
	if err != nil {
		return AuthressKey{}, fmt.Errorf("access key private part is not base64: %w", err)
	}
	pk, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return AuthressKey{}, fmt.Errorf("access key private part is not PKCS#8: %w", err)
	}
	ed, ok := pk.(ed25519.PrivateKey)
	if !ok {
		return AuthressKey{}, fmt.Errorf("access key private part is %T, not Ed25519", pk)
	}
	return AuthressKey{ClientID: parts[0], KeyID: parts[1], AccountID: parts[2], PrivateKey: ed}, nil
}
