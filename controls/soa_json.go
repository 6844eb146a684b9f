package controls

import (
	"fmt"
	"io"

	"github.com/ismskit/ismskit/isms"
)

// ReadSoA reads one SoA in JSON from r, rejecting unknown fields and unknown
// enum values, normalises it (times in UTC at microsecond precision, empty
// lists as nil) and checks it with Validate. Errors answer
// errors.Is(err, isms.ErrInvalid). Use ValidateSoA afterwards to judge the
// decisions it records.
func ReadSoA(r io.Reader) (*SoA, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("controls: read soa: %w", err)
	}
	var s SoA
	if err := decodeStrict(b, &s); err != nil {
		return nil, fmt.Errorf("controls: decode soa: %w", err)
	}
	s.normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// WriteSoA writes s to w as JSON (the format ReadSoA reads), indented by two
// spaces and followed by a newline. Times are RFC 3339.
func WriteSoA(w io.Writer, s *SoA) error {
	return writeJSON(w, s)
}

// normalize stores times in UTC at microsecond precision and empty lists as
// nil, so that an SoA and its JSON round trip compare equal.
func (s *SoA) normalize() {
	s.CreatedAt = isms.NormalizeTime(s.CreatedAt)
	s.UpdatedAt = isms.NormalizeTime(s.UpdatedAt)
	s.ApprovedAt = isms.NormalizeTime(s.ApprovedAt)
	s.Entries = nilIfEmpty(s.Entries)
	for i := range s.Entries {
		e := &s.Entries[i]
		e.PlannedDate = isms.NormalizeTime(e.PlannedDate)
		e.InclusionReasons = nilIfEmpty(e.InclusionReasons)
		e.Risks = nilIfEmpty(e.Risks)
		e.Evidence = nilIfEmpty(e.Evidence)
	}
}
