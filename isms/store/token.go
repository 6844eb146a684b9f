package store

import (
	"encoding/base64"

	"github.com/ismskit/ismskit/isms"
)

// AfterToken returns an opaque page token meaning "the records whose ID
// sorts after id". Backends that page by ID may use it and ParseAfterToken;
// callers must treat tokens as opaque.
func AfterToken(id isms.ID) string {
	return "a1." + base64.RawURLEncoding.EncodeToString([]byte(id))
}

// ParseAfterToken returns the ID encoded by AfterToken. An empty token
// returns an empty ID; a token not made by AfterToken is an error answering
// isms.ErrInvalid.
func ParseAfterToken(token string) (isms.ID, error) {
	if token == "" {
		return "", nil
	}
	if len(token) < 4 || token[:3] != "a1." {
		return "", isms.Invalidf("store: malformed page token")
	}
	b, err := base64.RawURLEncoding.DecodeString(token[3:])
	if err != nil || len(b) == 0 {
		return "", isms.Invalidf("store: malformed page token")
	}
	id := isms.ID(b)
	if id.Validate() != nil {
		return "", isms.Invalidf("store: malformed page token")
	}
	return id, nil
}
