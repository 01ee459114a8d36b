package core

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Credentials are the only credentials the emulator accepts.
type Credentials struct {
	AWSAccessKeyID     string
	AWSSecretAccessKey string
	AWSRegion          string
	AWSAccountID       string

	// AuthressAccessKey is a service-client key
	// "clientId.keyId.accountId.base64(PKCS#8 DER Ed25519 private key)".
	AuthressAccessKey string

	APIGUser      string
	APIGPassword  string
	APIGDomain    string
	APIGProject   string
	APIGProjectID string
	APIGAccessKey string
	APIGSecretKey string
}

const (
	upperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"
	alnum      = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	lowerHex   = "0123456789abcdef"
	digits     = "0123456789"
	base64Std  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)

// DefaultCredentials derives a full credential set from seed: an AKIA… key id
// (20 chars) with a 40-char secret, a 12-digit account id in us-east-1, an
// Authress service-client key with a real Ed25519 key pair, and IAM/APIG
// user, password, project (32 lowercase hex id) and AK/SK.
func DefaultCredentials(seed int64) Credentials {
	r := rand.New(rand.NewPCG(uint64(seed), 0x617070617574680a))
	pick := func(n int, alphabet string) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	var edSeed [ed25519.SeedSize]byte
	for i := range edSeed {
		edSeed[i] = byte(r.Uint32())
	}
	der, err := x509.MarshalPKCS8PrivateKey(ed25519.NewKeyFromSeed(edSeed[:]))
	if err != nil {
		panic(fmt.Sprintf("emulator: marshal ed25519 key: %v", err))
	}
	clientID := "sc_" + pick(22, lowerAlnum)
	keyID := pick(8, alnum)
	accountID := "acc" + pick(12, lowerAlnum)
	return Credentials{
		AWSAccessKeyID:     "AKIA" + pick(16, upperAlnum),
		AWSSecretAccessKey: pick(40, base64Std),
		AWSRegion:          "us-east-1",
		AWSAccountID:       pick(1, "123456789") + pick(11, digits),
		AuthressAccessKey:  strings.Join([]string{clientID, keyID, accountID, base64.StdEncoding.EncodeToString(der)}, "."),
		APIGUser:           "appauth-user",
		APIGPassword:       pick(24, alnum),
		APIGDomain:         "appauth-domain",
		APIGProject:        "eu-de_appauth",
		APIGProjectID:      pick(32, lowerHex),
		APIGAccessKey:      pick(20, upperAlnum),
		APIGSecretKey:      pick(40, alnum),
	}
}
