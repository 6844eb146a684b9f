package store

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store/driver"
)

// ListOptions selects one page of a listing. Limit <= 0 means DefaultLimit,
// and a Limit above MaxLimit is lowered to MaxLimit. PageToken is "" for the
// first page, and otherwise the token the previous page returned.
type ListOptions struct {
	Limit     int    `json:"limit,omitempty"`
	PageToken string `json:"page_token,omitempty"`
}

// Page sizes for List.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// EffectiveLimit returns the page size List uses for o.
func (o ListOptions) EffectiveLimit() int {
	switch {
	case o.Limit <= 0:
		return DefaultLimit
	case o.Limit > MaxLimit:
		return MaxLimit
	}
	return o.Limit
}

// list returns one page of records. It asks the backend for one record
// more than the page holds to learn whether another page follows, and
// checks what the backend returns against the contract.
func (s *Store) list(ctx context.Context, tenant, kind string, opts ListOptions) ([]driver.Record, string, error) {
	after, err := parsePageToken(opts.PageToken, tenant, kind)
	if err != nil {
		return nil, "", err
	}
	if err := ctx.Err(); err != nil {
		return nil, "", err
	}
	limit := opts.EffectiveLimit()
	recs, err := s.d.List(ctx, tenant, kind, after, limit+1)
	if err != nil {
		return nil, "", err
	}
	if len(recs) > limit+1 {
		return nil, "", brokenDriver(s.d, "List asked for %d records returned %d", limit+1, len(recs))
	}
	prev := after
	for i, rec := range recs {
		if rec.Tenant != tenant || rec.Kind != kind {
			return nil, "", brokenDriver(s.d, "List of %s/%s returned a record of %s/%s", tenant, kind, rec.Tenant, rec.Kind)
		}
		if (i > 0 || after != "") && rec.ID <= prev {
			return nil, "", brokenDriver(s.d, "List returned %q after %q: not in ascending ID order", rec.ID, prev)
		}
		prev = rec.ID
	}
	next := ""
	if len(recs) > limit {
		recs = recs[:limit]
		next = pageToken(tenant, kind, recs[limit-1].ID)
	}
	return recs, next, nil
}

// Page tokens: "p1." then the unpadded base64url encoding of 8 bytes of
// SHA-256 over (tenant, kind), which binds the token to its listing, and
// then the ID the next page starts after.
const tokenPrefix = "p1."

func scopeTag(tenant, kind string) [8]byte {
	h := sha256.New()
	var buf []byte
	buf = appendLenString(buf, tenant)
	buf = appendLenString(buf, kind)
	h.Write(buf)
	var tag [8]byte
	copy(tag[:], h.Sum(nil))
	return tag
}

func appendLenString(buf []byte, s string) []byte {
	n := len(s)
	buf = append(buf, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	return append(buf, s...)
}

func pageToken(tenant, kind string, after isms.ID) string {
	tag := scopeTag(tenant, kind)
	raw := append(tag[:], after...)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
}

var errToken = isms.Invalidf("malformed page token")

// parsePageToken returns the ID a token of this tenant and kind starts
// after. A token that is not exactly one pageToken made for the same tenant
// and kind is isms.ErrInvalid.
func parsePageToken(token, tenant, kind string) (isms.ID, error) {
	if token == "" {
		return "", nil
	}
	body, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok || len(token) > 2*isms.MaxIDLength {
		return "", errToken
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(body)
	// The decoder skips CR and LF; re-encoding catches them and any other
	// non-canonical spelling.
	if err != nil || len(raw) <= 8 || base64.RawURLEncoding.EncodeToString(raw) != body {
		return "", errToken
	}
	tag := scopeTag(tenant, kind)
	if string(raw[:8]) != string(tag[:]) {
		return "", isms.Invalidf("page token is for another listing")
	}
	id := isms.ID(raw[8:])
	if !id.IsValid() {
		return "", errToken
	}
	return id, nil
}
