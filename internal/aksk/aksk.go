// Package aksk implements "SDK-HMAC-SHA256", the AK/SK request signature of Huawei Cloud and Open
// Telekom Cloud (as huaweicloud-sdk-go-v3 core/auth/signer computes it), for the APIG client that
// signs and the emulator that verifies:
//
//	CanonicalRequest = METHOD \n URI (segments escaped, trailing '/') \n sorted query \n
//	                   lower-name:trimmed-value\n per signed header \n signed;headers \n hex(sha256(body))
//	StringToSign     = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//	Signature        = hex(hmac-sha256(SK, StringToSign))
//	Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex
package aksk

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

const (
	// Algorithm names the scheme in the Authorization header.
	Algorithm = "SDK-HMAC-SHA256"
	// DateFormat is the layout of X-Sdk-Date.
	DateFormat = "20060102T150405Z"
)

// Sign sets X-Sdk-Date, X-Project-Id (when projectID is not empty) and Authorization on r, signing
// host, x-project-id and x-sdk-date.
func Sign(r *http.Request, body []byte, ak, sk, projectID string, now time.Time) {
	date := now.UTC().Format(DateFormat)
	r.Header.Set("X-Sdk-Date", date)
	signed := []string{"host", "x-sdk-date"}
	if projectID != "" {
		r.Header.Set("X-Project-Id", projectID)
		signed = []string{"host", "x-project-id", "x-sdk-date"}
	}
	r.Header.Set("Authorization", fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s",
		Algorithm, ak, strings.Join(signed, ";"), Signature(r, body, signed, date, sk)))
}

// Signature is the hex signature of r over the signed headers (lower-case names) at date.
func Signature(r *http.Request, body []byte, signed []string, date, sk string) string {
	sum := sha256.Sum256([]byte(CanonicalRequest(r, body, signed)))
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(Algorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])))
	return hex.EncodeToString(mac.Sum(nil))
}

// CanonicalRequest is the text the signature covers.
func CanonicalRequest(r *http.Request, body []byte, signed []string) string {
	segs := strings.Split(r.URL.Path, "/")
	for i, s := range segs {
		segs[i] = escape(s)
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
			pairs = append(pairs, escape(k)+"="+escape(v))
		}
	}

	var hdrs []string
	for _, name := range signed {
		var vals []string
		if name == "host" {
			host := r.Host
			if host == "" {
				host = r.URL.Host
			}
			vals = []string{host}
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

// escape percent-encodes every byte but A-Z a-z 0-9 _ - ~ . with upper-case hex, as the SDK does.
func escape(s string) string {
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
