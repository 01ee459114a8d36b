package awsclient

import (
	"encoding/json"
	"net/http"
	"strings"
)

// throttleCodes are the AWS codes that mean "too many requests", whatever status carries them.
var throttleCodes = []string{"ThrottlingException", "TooManyRequestsException", "Throttling"}

// DecodeError reads an AWS REST-JSON error as the AWS SDKs do: the code from X-Amzn-ErrorType, else
// the body's __type, code or Code, sanitised ("ns#Code:uri" becomes "Code"); the message from
// message or Message, with the field errors of a validation failure (they say which value was
// refused, the summary often does not); the request id from X-Amzn-RequestId, else the body's
// RequestId.
func DecodeError(_ int, header http.Header, body []byte) (code, message, requestID string) {
	var e struct {
		Type       string `json:"__type"`
		Code       string `json:"code"`
		CodeUpper  string `json:"Code"`
		Message    string `json:"message"`
		MessageCap string `json:"Message"`
		RequestID  string `json:"RequestId"`
		FieldList  []struct {
			Name    string `json:"name"`
			Message string `json:"message"`
		} `json:"fieldList"`
	}
	_ = json.Unmarshal(body, &e)
	for _, c := range []string{header.Get("X-Amzn-ErrorType"), e.Type, e.Code, e.CodeUpper} {
		if c != "" {
			code = sanitizeErrorCode(c)
			break
		}
	}
	message = e.Message
	if message == "" {
		message = e.MessageCap
	}
	if len(e.FieldList) > 0 && !strings.Contains(message, e.FieldList[0].Message) {
		parts := make([]string, len(e.FieldList))
		for i, f := range e.FieldList {
			parts[i] = f.Name + ": " + f.Message
		}
		message += " (" + strings.Join(parts, "; ") + ")"
	}
	requestID = header.Get("X-Amzn-RequestId")
	if requestID == "" {
		requestID = e.RequestID
	}
	return code, message, requestID
}

// sanitizeErrorCode drops a ":"-suffix and a "namespace#" prefix ("aws.protocols#Foo:http://…" → "Foo").
func sanitizeErrorCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return code
}
