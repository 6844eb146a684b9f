package controls

import (
	"io"

	"github.com/ismskit/ismskit/isms"
)

// ReadSoA reads one SoA in JSON from r, normalises it (times in UTC at
// microsecond precision, empty lists as nil) and checks it with Validate.
// Use CheckSoA afterwards to judge the decisions it records.
//
// ReadSoA is strict, for documents from users (isms.ReadStrict): unknown
// fields, unknown enum values, an explicit empty enum value (leave the
// field out instead, as WriteSoA does), trailing data, a document of more
// than isms.MaxDocumentSize bytes and nesting deeper than
// isms.MaxDocumentDepth are refused. Its time is linear in the size of the
// document. Errors answer errors.Is(err, isms.ErrInvalid), except a failure
// of r itself.
func ReadSoA(r io.Reader) (*SoA, error) {
	var s SoA
	if err := isms.ReadStrict(r, &s); err != nil {
		return nil, wrap("read soa", err)
	}
	s.normalize()
	if err := s.Validate(); err != nil {
		return nil, wrap("read soa", err)
	}
	return &s, nil
}

// WriteSoA writes s to w as JSON (the format ReadSoA reads), indented by two
// spaces and followed by a newline. Times are RFC 3339 in UTC at
// microsecond precision and empty fields are left out, so that
// ReadSoA(WriteSoA(s)) equals s once s is normalised the same way (which is
// what storage does too). An SoA that Validate refuses is not written: the
// error answers errors.Is(err, isms.ErrInvalid), as does a nil w or s.
func WriteSoA(w io.Writer, s *SoA) error {
	if err := s.Validate(); err != nil {
		return wrap("write soa", err)
	}
	n := s.Clone()
	n.normalize()
	if err := writeJSON(w, n); err != nil {
		return wrap("write soa", err)
	}
	return nil
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
