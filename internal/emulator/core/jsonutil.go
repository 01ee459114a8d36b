package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// DecodeError says why a request body was rejected. Field is the JSON field
// at fault (dotted for nested fields when known), empty for a syntax error.
type DecodeError struct {
	Field  string
	Reason string
}

func (e *DecodeError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return e.Field + ": " + e.Reason
}

// DecodeJSON strictly decodes body into v: unknown fields, wrong types,
// trailing data and an empty body are errors, reported as *DecodeError.
func DecodeJSON(body []byte, v any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return &DecodeError{Reason: "request body is empty; a JSON object is required"}
	}
	// json.Decoder takes the literal null as "no change", which would pass for an empty object.
	if bytes.Equal(trimmed, []byte("null")) {
		return &DecodeError{Reason: "request body must be an object, not null"}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &DecodeError{Reason: "unexpected data after the JSON object"}
	}
	return nil
}

// quotedChar is how encoding/json names the character a syntax error is at.
var quotedChar = regexp.MustCompile(`^invalid character '(?:[^'\\]|\\.)*' `)

func decodeError(err error) *DecodeError {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return &DecodeError{Reason: fmt.Sprintf("request body must be %s, not %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)}
		}
		return &DecodeError{Field: field, Reason: fmt.Sprintf("must be %s, not %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)}
	case errors.As(err, &syntaxErr):
		// encoding/json quotes the offending character, which may be one of
		// a secret's: say where, and what was expected, but not what.
		what := quotedChar.ReplaceAllString(syntaxErr.Error(), "unexpected character ")
		return &DecodeError{Reason: fmt.Sprintf("malformed JSON at offset %d: %s", syntaxErr.Offset, what)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &DecodeError{Field: name, Reason: "unknown field"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &DecodeError{Reason: "malformed JSON: unexpected end of input"}
	default:
		return &DecodeError{Reason: "malformed JSON: " + err.Error()}
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "an array"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
		return "a number"
	default:
		return goKind
	}
}

// WriteJSON writes v as JSON with status and Content-Type application/json
// unless the handler already set a Content-Type.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	WriteJSONAs(w, status, "application/json", v)
}

// WriteJSONAs is WriteJSON with another Content-Type (application/links+json, application/x-amz-json-1.1).
func WriteJSONAs(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "emulator: encode response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
