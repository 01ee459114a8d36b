package core

// TokenState is what the family that issued a bearer token says of it when
// another family is handed the token.
type TokenState int

const (
	// TokenValid is an issued token that has neither expired nor been revoked.
	TokenValid TokenState = iota
	// TokenUnknown is a token that was never issued (or was dropped by Reset).
	TokenUnknown
	// TokenExpired is an issued token that expired or was revoked.
	TokenExpired
)

// TokenVerifier is a family that issues bearer tokens another family accepts,
// as APIG accepts the tokens of IAM. emulator.New hands the issuer to the
// family that accepts its tokens, so that neither imports the other.
type TokenVerifier interface {
	// VerifyToken reports the project token is scoped to and its state, and
	// counts one use of a valid token.
	VerifyToken(token string) (projectID string, state TokenState)
}
