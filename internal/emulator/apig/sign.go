package apig

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/appauth/terraform-provider-appauth/internal/aksk"
)

// SDK-HMAC-SHA256 verification (the scheme is described in internal/aksk).

const sdkMaxSkew = 15 * time.Minute

// errSDKSignature is a signature that does not verify; callers answer with
// the gateway's 401 body.
var errSDKSignature = errors.New("verify aksk signature fail")

type sdkAuthorization struct {
	access, signature string
	signedHeaders     []string
}

func parseSDKAuthorization(h string) (sdkAuthorization, error) {
	var a sdkAuthorization
	alg, rest, ok := strings.Cut(h, " ")
	if !ok || alg != aksk.Algorithm {
		return a, fmt.Errorf("the Authorization header does not use %s", aksk.Algorithm)
	}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, fmt.Errorf("malformed Authorization header")
		}
		switch k {
		case "Access":
			a.access = v
		case "SignedHeaders":
			a.signedHeaders = strings.Split(v, ";")
		case "Signature":
			a.signature = v
		}
	}
	if a.access == "" || a.signature == "" || len(a.signedHeaders) == 0 {
		return a, fmt.Errorf("the Authorization header needs Access, SignedHeaders and Signature")
	}
	return a, nil
}

// verifySDKSignature checks an AK/SK-signed request against ak/sk. The
// returned error's text completes "Incorrect IAM authentication information: ".
func verifySDKSignature(r *http.Request, body []byte, ak, sk string, now time.Time) error {
	a, err := parseSDKAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return err
	}
	if a.access != ak {
		return fmt.Errorf("Get secretKey failed,ak:%s,err:ak not exist", a.access)
	}
	date := r.Header.Get("X-Sdk-Date")
	t, err := time.Parse(aksk.DateFormat, date)
	if err != nil {
		return fmt.Errorf("x-sdk-date %q is not in the format YYYYMMDDTHHMMSSZ", date)
	}
	if d := now.Sub(t); d > sdkMaxSkew || d < -sdkMaxSkew {
		return fmt.Errorf("the request has expired: x-sdk-date %s differs from the server time by more than 15 minutes", date)
	}
	if err := checkContentHash(r, body, a.signedHeaders); err != nil {
		return err
	}
	want := aksk.Signature(r, body, a.signedHeaders, date, sk)
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.signature)) != 1 {
		return errSDKSignature
	}
	return nil
}

// checkContentHash holds X-Sdk-Content-Sha256 to the body. The scheme signs
// that header's value in place of the body's hash (as the SDK signer and
// aksk.CanonicalRequest do), so a signature over it covers the body only if
// the header is signed and names this body. UNSIGNED-PAYLOAD is what the SDK
// signs for a body that is not JSON: the client chose not to cover the body.
// Whether the real gateway accepts it on its JSON API is not documented; the
// provider never sends it.
func checkContentHash(r *http.Request, body []byte, signedHeaders []string) error {
	values := r.Header.Values("X-Sdk-Content-Sha256")
	switch {
	case len(values) == 0:
		return nil
	case !slices.Contains(signedHeaders, "x-sdk-content-sha256"):
		return errors.New("x-sdk-content-sha256 is not a signed header")
	case len(values) > 1:
		return errors.New("x-sdk-content-sha256 is sent more than once")
	case values[0] == "UNSIGNED-PAYLOAD":
		return nil
	}
	sum := sha256.Sum256(body)
	if subtle.ConstantTimeCompare([]byte(values[0]), []byte(hex.EncodeToString(sum[:]))) != 1 {
		return errors.New("x-sdk-content-sha256 does not match the request body")
	}
	return nil
}
