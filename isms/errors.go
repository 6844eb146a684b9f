package isms

import (
	"errors"
	"fmt"
	"strings"
)

// Error categories. Every error the SDK returns for one of these conditions
// answers errors.Is with exactly one of them, so callers can branch on the
// category without parsing messages.
var (
	// ErrNotFound reports that a requested entity or record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict reports a write that lost a race: the entity already
	// exists, or the revision the caller read is no longer the stored one.
	ErrConflict = errors.New("conflict")
	// ErrInvalid reports input that breaks a rule: a malformed value, a
	// missing required field, a transition that is not allowed.
	ErrInvalid = errors.New("invalid")
	// ErrUnsupported reports an operation the component cannot perform,
	// such as reading the journal of a backend that does not keep one.
	ErrUnsupported = errors.New("unsupported")
)

// Problem is one rule broken by an input. Field is a dotted path to the
// offending value ("assessments.current.likelihood", "entries[3].owner");
// Code is a stable machine-readable identifier ("required", "out_of_range").
type Problem struct {
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// String renders the problem as "field: message (code)".
func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s (%s)", p.Message, p.Code)
	}
	return fmt.Sprintf("%s: %s (%s)", p.Field, p.Message, p.Code)
}

// Common problem codes used across the SDK's validators.
const (
	CodeRequired   = "required"
	CodeUnknown    = "unknown_value"
	CodeOutOfRange = "out_of_range"
	CodeDuplicate  = "duplicate"
	CodeMalformed  = "malformed"
	CodeOrder      = "order"
	CodeForbidden  = "forbidden"
	// CodeTooMany is the code of the last problem of a list that reached
	// MaxProblems: it says that more problems were found and not listed.
	CodeTooMany = "too_many_problems"
)

// MaxProblems is the most problems a Problems list (and so a
// ValidationError) holds. Past it, one problem with code CodeTooMany
// closes the list and further problems are counted out, so that a
// hostile document with millions of errors costs neither memory nor a
// megabyte-long message; the first MaxProblems are enough to fix the
// input and validate it again.
const MaxProblems = 1000

// ValidationError lists every problem found in an input, not just the
// first. It answers errors.Is(err, ErrInvalid).
type ValidationError struct {
	// Subject names what was validated, such as "risk" or "document 42".
	Subject  string    `json:"subject,omitempty"`
	Problems []Problem `json:"problems"`
}

// Error joins the problems into one line: "subject: invalid: field:
// message (code); ...". A nil *ValidationError reads "<nil>".
func (e *ValidationError) Error() string {
	if e == nil {
		return "<nil>"
	}
	var b strings.Builder
	if e.Subject != "" {
		b.WriteString(e.Subject)
		b.WriteString(": ")
	}
	b.WriteString("invalid: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Is reports whether target is ErrInvalid; false for a nil
// *ValidationError.
func (e *ValidationError) Is(target error) bool { return e != nil && target == ErrInvalid }

// Has reports whether the error lists a problem with the given field and
// code. An empty field matches any field. A nil *ValidationError has no
// problems.
func (e *ValidationError) Has(field, code string) bool {
	if e == nil {
		return false
	}
	for _, p := range e.Problems {
		if p.Code == code && (field == "" || p.Field == field) {
			return true
		}
	}
	return false
}

// Problems collects validation problems. The zero value is ready to use.
// Add, Addf and Merge do nothing on a nil *Problems. A list holds at most
// MaxProblems problems and then one with code CodeTooMany.
//
//	var ps isms.Problems
//	if r.Title == "" {
//		ps.Add("title", isms.CodeRequired, "title is required")
//	}
//	return ps.Err("risk")
type Problems []Problem

// Add appends a problem.
func (ps *Problems) Add(field, code, message string) {
	if !ps.room() {
		return
	}
	*ps = append(*ps, Problem{Field: field, Code: code, Message: message})
}

// Addf appends a problem with a formatted message (formatted only when
// the list has room for it).
func (ps *Problems) Addf(field, code, format string, args ...any) {
	if !ps.room() {
		return
	}
	*ps = append(*ps, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// room reports whether one more problem may be appended; at MaxProblems it
// closes the list with the CodeTooMany problem instead.
func (ps *Problems) room() bool {
	switch {
	case ps == nil:
		return false
	case len(*ps) < MaxProblems:
		return true
	case len(*ps) == MaxProblems:
		*ps = append(*ps, Problem{Code: CodeTooMany,
			Message: fmt.Sprintf("more problems were found; only the first %d are listed", MaxProblems)})
	}
	return false
}

// Merge appends the problems of err under the field prefix when err is a
// *ValidationError, or one problem with code "invalid" for any other
// non-nil error.
func (ps *Problems) Merge(prefix string, err error) {
	if ps == nil || err == nil {
		return
	}
	var ve *ValidationError
	if errors.As(err, &ve) && ve != nil {
		for _, p := range ve.Problems {
			if !ps.room() {
				return
			}
			p.Field = JoinField(prefix, p.Field)
			*ps = append(*ps, p)
		}
		return
	}
	ps.Add(prefix, "invalid", err.Error())
}

// Err returns nil when there are no problems, and otherwise a
// *ValidationError with the given subject.
func (ps Problems) Err(subject string) error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Subject: subject, Problems: append([]Problem(nil), ps...)}
}

// JoinField joins two parts of a field path with a dot, leaving out empty
// parts; an index part such as "[3]" is joined without a dot.
func JoinField(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	case strings.HasPrefix(field, "["):
		return prefix + field
	default:
		return prefix + "." + field
	}
}

// Invalidf returns an error that answers errors.Is(err, ErrInvalid) with a
// formatted message. Use it for single-cause input errors; use Problems for
// validating a whole value.
func Invalidf(format string, args ...any) error {
	return &categoryError{cat: ErrInvalid, msg: fmt.Sprintf(format, args...)}
}

// Unsupportedf returns an error that answers errors.Is(err, ErrUnsupported).
func Unsupportedf(format string, args ...any) error {
	return &categoryError{cat: ErrUnsupported, msg: fmt.Sprintf(format, args...)}
}

type categoryError struct {
	cat error
	msg string
}

func (e *categoryError) Error() string        { return e.msg }
func (e *categoryError) Is(target error) bool { return target == e.cat }

// NotFoundError reports that no entity of Kind with ID exists. It answers
// errors.Is(err, ErrNotFound).
type NotFoundError struct {
	Kind string `json:"kind"`
	ID   ID     `json:"id"`
}

// Error reads "kind \"id\" not found"; "<nil>" for a nil *NotFoundError.
func (e *NotFoundError) Error() string {
	if e == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%s %q not found", e.Kind, e.ID)
}

// Is reports whether target is ErrNotFound; false for a nil
// *NotFoundError.
func (e *NotFoundError) Is(target error) bool { return e != nil && target == ErrNotFound }

// ConflictError reports a write against a revision that is not the stored
// one. Expected is the revision the caller named (0 for a create); Actual is
// the stored revision (0 when nothing is stored). It answers
// errors.Is(err, ErrConflict).
type ConflictError struct {
	Kind     string `json:"kind"`
	ID       ID     `json:"id"`
	Expected int64  `json:"expected"`
	Actual   int64  `json:"actual"`
}

// Error says whether the record already exists or which revision is
// stale; "<nil>" for a nil *ConflictError.
func (e *ConflictError) Error() string {
	if e == nil {
		return "<nil>"
	}
	if e.Expected == 0 {
		return fmt.Sprintf("%s %q already exists (revision %d)", e.Kind, e.ID, e.Actual)
	}
	if e.Actual == 0 {
		return fmt.Sprintf("%s %q: revision %d is stale: the record no longer exists", e.Kind, e.ID, e.Expected)
	}
	return fmt.Sprintf("%s %q: revision %d is stale, stored revision is %d", e.Kind, e.ID, e.Expected, e.Actual)
}

// Is reports whether target is ErrConflict; false for a nil
// *ConflictError.
func (e *ConflictError) Is(target error) bool { return e != nil && target == ErrConflict }
