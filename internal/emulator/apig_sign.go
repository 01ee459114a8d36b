package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// SDK-HMAC-SHA256 verification, the AK/SK scheme of Huawei Cloud and Open
// Telekom Cloud (huaweicloud-sdk-go-v3 core/auth/signer/signer.go):
//
//	CanonicalRequest = METHOD \n URI (segments escaped, trailing '/') \n sorted query \n
//	                   lower-name:trimmed-value\n per signed header \n signed;headers \n hex(sha256(body))
//	StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//	Signature        = hex(hmac-sha256(SK, StringToSign))
//	Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex

const (
	sdkHMACAlgorithm = "SDK-HMAC-SHA256"
	sdkDateFormat    = "20060102T150405Z"
	sdkMaxSkew       = 15 * time.Minute
)

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
	if !ok || alg != sdkHMACAlgorithm {
		return a, fmt.Errorf("the Authorization header does not use %s", sdkHMACAlgorithm)
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
		return fmt.Errorf("ak %s not exist", a.access)
	}
	date := r.Header.Get("X-Sdk-Date")
	t, err := time.Parse(sdkDateFormat, date)
	if err != nil {
		return fmt.Errorf("x-sdk-date %q is not in the format YYYYMMDDTHHMMSSZ", date)
	}
	if d := now.Sub(t); d > sdkMaxSkew || d < -sdkMaxSkew {
		return fmt.Errorf("the request has expired: x-sdk-date %s differs from the server time by more than 15 minutes", date)
	}
	cr := sdkCanonicalRequest(r, body, a.signedHeaders)
	sum := sha256.Sum256([]byte(cr))
	sts := sdkHMACAlgorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sts))
	want := hex.EncodeToString(mac.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.signature)) != 1 {
		return errSDKSignature
	}
	return nil
}

func sdkCanonicalRequest(r *http.Request, body []byte, signed []string) string {
	segs := strings.Split(r.URL.Path, "/")
	for i, s := range segs {
		segs[i] = sdkEscape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}

	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		vs := append([]string(nil), q[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			pairs = append(pairs, sdkEscape(k)+"="+sdkEscape(v))
		}
	}

	var hdrs []string
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			vals = append(vals, r.Header.Values(name)...)
		}
		sort.Strings(vals)
		for _, v := range vals {
			hdrs = append(hdrs, name+":"+strings.TrimSpace(v))
		}
	}

	payload := r.Header.Get("X-Sdk-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	return strings.Join([]string{
		r.Method, uri, strings.Join(pairs, "&"), strings.Join(hdrs, "\n") + "\n", strings.Join(signed, ";"), payload,
	}, "\n")
}

// sdkEscape percent-encodes everything but unreserved characters, as the SDK does.
func sdkEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
