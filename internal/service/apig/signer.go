package apig

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

// AK/SK request signing, "SDK-HMAC-SHA256", as Huawei Cloud's SDK does it
// (huaweicloud-sdk-go-v3 core/auth/signer):
//
//	CanonicalRequest = METHOD\nURI/\nsorted query\nname:value\n...\nsigned;headers\nhex(sha256(body))
//	StringToSign     = SDK-HMAC-SHA256\n<X-Sdk-Date>\nhex(sha256(CanonicalRequest))
//	Authorization    = SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<list>, Signature=hex(hmac(SK, StringToSign))

const (
	sdkAlgorithm  = "SDK-HMAC-SHA256"
	sdkDateFormat = "20060102T150405Z"
)

// signAKSK signs r in place: it sets X-Sdk-Date (and X-Project-Id when projectID is not empty) and
// the Authorization header. It signs host, x-project-id and x-sdk-date.
func signAKSK(r *http.Request, body []byte, ak, sk, projectID string, now time.Time) {
	date := now.UTC().Format(sdkDateFormat)
	r.Header.Set("X-Sdk-Date", date)
	signed := []string{"host", "x-sdk-date"}
	if projectID != "" {
		r.Header.Set("X-Project-Id", projectID)
		signed = []string{"host", "x-project-id", "x-sdk-date"}
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	var hdrs strings.Builder
	for _, name := range signed {
		v := host
		if name != "host" {
			v = r.Header.Get(name)
		}
		hdrs.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
	}
	bodySum := sha256.Sum256(body)
	canonical := strings.Join([]string{
		r.Method,
		canonicalURI(r.URL.Path),
		canonicalQuery(r.URL.Query()),
		hdrs.String(),
		strings.Join(signed, ";"),
		hex.EncodeToString(bodySum[:]),
	}, "\n")
	crSum := sha256.Sum256([]byte(canonical))
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sdkAlgorithm + "\n" + date + "\n" + hex.EncodeToString(crSum[:])))
	r.Header.Set("Authorization", fmt.Sprintf("%s Access=%s, SignedHeaders=%s, Signature=%s",
		sdkAlgorithm, ak, strings.Join(signed, ";"), hex.EncodeToString(mac.Sum(nil))))
}

func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = sdkEscape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	return uri
}

func canonicalQuery(q map[string][]string) string {
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
	return strings.Join(pairs, "&")
}

// sdkEscape percent-encodes every byte but A-Z a-z 0-9 _ - ~ . with upper-case hex.
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
