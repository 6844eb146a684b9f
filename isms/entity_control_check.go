package isms

import (
	"slices"
	"strconv"
	"time"
)

// CheckMethod says how a control check is performed.
type CheckMethod string

// Control check methods.
const (
	CheckAutomated CheckMethod = "automated"
	CheckManual    CheckMethod = "manual"
)

var checkMethodValues = []CheckMethod{CheckAutomated, CheckManual}

// CheckMethodValues returns every CheckMethod.
func CheckMethodValues() []CheckMethod { return slices.Clone(checkMethodValues) }

// IsValid reports whether m is a known CheckMethod.
func (m CheckMethod) IsValid() bool { return slices.Contains(checkMethodValues, m) }

// UnmarshalText accepts only known methods.
func (m *CheckMethod) UnmarshalText(b []byte) error {
	return UnmarshalEnum(m, "check method", b, checkMethodValues)
}

// CheckOutcome is the result of one run of a control check.
type CheckOutcome string

// Control check outcomes.
const (
	CheckPass   CheckOutcome = "pass"
	CheckFail   CheckOutcome = "fail"
	CheckNotRun CheckOutcome = "not_run"
)

var checkOutcomeValues = []CheckOutcome{CheckPass, CheckFail, CheckNotRun}

// CheckOutcomeValues returns every CheckOutcome.
func CheckOutcomeValues() []CheckOutcome { return slices.Clone(checkOutcomeValues) }

// IsValid reports whether o is a known CheckOutcome.
func (o CheckOutcome) IsValid() bool { return slices.Contains(checkOutcomeValues, o) }

// UnmarshalText accepts only known outcomes.
func (o *CheckOutcome) UnmarshalText(b []byte) error {
	return UnmarshalEnum(o, "check outcome", b, checkOutcomeValues)
}

// ControlCheck is a recurring test that a control keeps working
// (monitoring, ISO/IEC 27001:2022 9.1): an automated probe ("MFA enforced
// for every account") or a manual inspection ("clear desk walk-through"),
// linked to the Annex A controls it tests.
//
// Results are a log: Record appends a result and nothing replaces or
// removes one; ValidateControlCheckUpdate refuses a stored update that
// does not keep every earlier result as it was.
type ControlCheck struct {
	Meta
	// Name is required.
	Name string `json:"name"`
	// Controls are the natural ids of the controls the check tests
	// ("A.8.5"); at least one, each once.
	Controls []ID `json:"controls"`
	// Method is required.
	Method CheckMethod `json:"method"`
	// Owner is responsible for the check and its follow-up.
	Owner string `json:"owner,omitempty"`
	// Frequency is how often the check runs; required, positive.
	Frequency Duration `json:"frequency"`
	// EvidenceMaxAge is how old the evidence of the latest result may be;
	// zero means Frequency.
	EvidenceMaxAge Duration `json:"evidence_max_age,omitzero"`
	// Results are the results of the check, oldest first (append only).
	Results []ControlCheckResult `json:"results,omitzero"`
}

// ControlCheckResult is one run of a control check.
type ControlCheckResult struct {
	// Outcome is required.
	Outcome CheckOutcome `json:"outcome"`
	// At is when the result was obtained; required.
	At time.Time `json:"at"`
	// By is who (or which system) performed the check; required.
	By string `json:"by"`
	// Evidence refers to what supports the result (Evidence records,
	// documents), each once.
	Evidence []Ref `json:"evidence,omitzero"`
	// EvidenceAt is when the evidence was collected; zero means At.
	EvidenceAt time.Time `json:"evidence_at,omitzero"`
	Note       string    `json:"note,omitempty"`
}

func (r ControlCheckResult) evidenceAt() time.Time {
	if r.EvidenceAt.IsZero() {
		return r.At
	}
	return r.EvidenceAt
}

// Validate reports every problem of c: a name, at least one control (valid
// IDs, each once), a known method and a positive frequency are required;
// EvidenceMaxAge must validate and not be negative; every result needs a
// known outcome, a time, an actor and well-formed evidence refs, with
// times in chronological order and evidence not collected after the
// result. It runs in time linear in the size of c. A nil c is an error.
func (c *ControlCheck) Validate() error {
	if c == nil {
		return Invalidf("control check is nil")
	}
	var ps Problems
	checkMeta(&ps, c.Meta)
	checkRequired(&ps, "name", c.Name)
	if len(c.Controls) == 0 {
		ps.Add("controls", CodeRequired, "controls is required")
	}
	checkIDList(&ps, "controls", c.Controls)
	CheckEnum(&ps, "method", c.Method, checkMethodValues, true)
	switch err := c.Frequency.Validate(); {
	case err != nil:
		ps.Add("frequency", CodeOutOfRange, err.Error())
	case c.Frequency.IsZero():
		ps.Add("frequency", CodeRequired, "frequency is required")
	case c.Frequency.Compare(Duration{}) < 0:
		ps.Add("frequency", CodeOutOfRange, "frequency is negative")
	}
	if err := c.EvidenceMaxAge.Validate(); err != nil {
		ps.Add("evidence_max_age", CodeOutOfRange, err.Error())
	} else if c.EvidenceMaxAge.Compare(Duration{}) < 0 {
		ps.Add("evidence_max_age", CodeOutOfRange, "evidence_max_age is negative")
	}
	for i, r := range c.Results {
		validateCheckResult(&ps, indexField("results", i), r)
		if i > 0 && !r.At.IsZero() && r.At.Before(c.Results[i-1].At) {
			ps.Addf(indexField("results", i)+".at", CodeOrder, "%s is before the previous result", formatTime(r.At))
		}
	}
	return ps.Err(subjectName(KindControlCheck, c.ID))
}

func validateCheckResult(ps *Problems, f string, r ControlCheckResult) {
	CheckEnum(ps, f+".outcome", r.Outcome, checkOutcomeValues, true)
	if r.At.IsZero() {
		ps.Add(f+".at", CodeRequired, f+".at is required")
	}
	CheckTime(ps, f+".at", r.At)
	checkRequired(ps, f+".by", r.By)
	checkRefs(ps, f+".evidence", r.Evidence, "")
	CheckTime(ps, f+".evidence_at", r.EvidenceAt)
	if !r.EvidenceAt.IsZero() && r.EvidenceAt.After(r.At) {
		ps.Add(f+".evidence_at", CodeOrder, "evidence_at is after at")
	}
}

// ParseControlCheck decodes a JSON control check from a user strictly
// (UnmarshalStrict) and validates it. Every error answers
// errors.Is(err, ErrInvalid).
func ParseControlCheck(data []byte) (*ControlCheck, error) {
	return parseEntity[ControlCheck](KindControlCheck, data)
}

// Record appends r to c's results, with its times normalised
// (NormalizeTime). The error answers errors.Is(err, ErrInvalid) when c is
// nil or r does not validate (known outcome, time, actor, well-formed
// evidence) or is before the latest result; c is then unchanged.
func (c *ControlCheck) Record(r ControlCheckResult) error {
	if c == nil {
		return Invalidf("control check is nil")
	}
	r.At, r.EvidenceAt = NormalizeTime(r.At), NormalizeTime(r.EvidenceAt)
	r.Evidence = slices.Clone(r.Evidence)
	var ps Problems
	validateCheckResult(&ps, "result", r)
	if n := len(c.Results); n > 0 && r.At.Before(c.Results[n-1].At) {
		ps.Addf("result.at", CodeOrder, "%s is before the latest result at %s", formatTime(r.At), formatTime(c.Results[n-1].At))
	}
	if err := ps.Err(subjectName(KindControlCheck, c.ID)); err != nil {
		return err
	}
	c.Results = append(c.Results, r)
	return nil
}

// Latest returns the latest result of c; ok is false when there is none
// or c is nil.
func (c *ControlCheck) Latest() (r ControlCheckResult, ok bool) {
	if c == nil || len(c.Results) == 0 {
		return ControlCheckResult{}, false
	}
	return c.Results[len(c.Results)-1], true
}

// ValidateControlCheckUpdate reports whether updated may replace stored:
// results are append only, so updated must hold every result of stored,
// unchanged and in the same place, and may only add results after them.
// The error answers errors.Is(err, ErrInvalid) and names the first result
// changed or removed; a nil stored allows anything, a nil updated is an
// error. Call it before writing a control check back to the store.
func ValidateControlCheckUpdate(stored, updated *ControlCheck) error {
	if updated == nil {
		return Invalidf("control check is nil")
	}
	if stored == nil {
		return nil
	}
	subject := subjectName(KindControlCheck, updated.ID)
	if len(updated.Results) < len(stored.Results) {
		return Invalidf("%s: results are append only: %d stored, %d in the update", subject, len(stored.Results), len(updated.Results))
	}
	for i, r := range stored.Results {
		if !sameResult(r, updated.Results[i]) {
			return Invalidf("%s: results are append only: results[%d] was changed", subject, i)
		}
	}
	return nil
}

func sameResult(a, b ControlCheckResult) bool {
	return a.Outcome == b.Outcome && a.At.Equal(b.At) && a.By == b.By && slices.Equal(a.Evidence, b.Evidence) &&
		a.EvidenceAt.Equal(b.EvidenceAt) && a.Note == b.Note
}

// CheckControlChecks returns what needs attention about the control
// checks at now, sorted with SortFindings. Nil checks are skipped. The
// checks:
//
//   - control_check.owner_missing: Owner is blank.
//   - control_check.failed: the latest result is a fail.
//   - control_check.not_run: there is no result, or the latest is
//     not_run (and the check is not overdue).
//   - control_check.overdue: the latest pass or fail is older than the
//     frequency: latest At + Frequency is before now.
//   - control_check.evidence_missing: the latest result is a pass or a
//     fail and refers to no evidence.
//   - control_check.evidence_stale: the evidence of the latest pass or
//     fail was collected (EvidenceAt, or At) more than EvidenceMaxAge
//     (default: Frequency) before now.
//
// It runs in time linear in the size of checks.
func CheckControlChecks(checks []*ControlCheck, now time.Time) []Finding {
	var fs []Finding
	for _, c := range checks {
		if c == nil {
			continue
		}
		subject := c.Meta.Ref(KindControlCheck)
		if blank(c.Owner) {
			fs = append(fs, newFinding(CodeControlCheckOwnerMissing, subject, "owner", nil,
				"control check %q has no owner", c.Name))
		}
		last, ok := c.lastRun()
		latest, hasResult := c.Latest()
		if ok && c.Frequency.AddTo(last.At).Before(now) {
			fs = append(fs, newFinding(CodeControlCheckOverdue, subject, "results",
				map[string]string{"last_run": formatTime(last.At), "due": formatTime(c.Frequency.AddTo(last.At)),
					"now": formatTime(now), "frequency": c.Frequency.String()},
				"control check %q was due on %s", c.Name, c.Frequency.AddTo(last.At).UTC().Format(time.DateOnly)))
		} else if !hasResult || latest.Outcome == CheckNotRun {
			d := map[string]string{"results": strconv.Itoa(len(c.Results))}
			if hasResult {
				d["at"] = formatTime(latest.At)
			}
			fs = append(fs, newFinding(CodeControlCheckNotRun, subject, "results", d,
				"control check %q has no current result", c.Name))
		}
		if !hasResult || latest.Outcome == CheckNotRun {
			continue
		}
		field := indexField("results", len(c.Results)-1)
		if latest.Outcome == CheckFail {
			fs = append(fs, newFinding(CodeControlCheckFailed, subject, field+".outcome",
				map[string]string{"at": formatTime(latest.At), "controls": joinIDs(c.Controls)},
				"control check %q failed on %s", c.Name, latest.At.UTC().Format(time.DateOnly)))
		}
		if len(latest.Evidence) == 0 {
			fs = append(fs, newFinding(CodeControlCheckEvidenceMissing, subject, field+".evidence",
				map[string]string{"at": formatTime(latest.At)},
				"the latest result of control check %q refers to no evidence", c.Name))
		} else if maxAge := c.evidenceMaxAge(); maxAge.AddTo(latest.evidenceAt()).Before(now) {
			fs = append(fs, newFinding(CodeControlCheckEvidenceStale, subject, field+".evidence_at",
				map[string]string{"evidence_at": formatTime(latest.evidenceAt()), "max_age": maxAge.String(), "now": formatTime(now)},
				"the evidence of control check %q dates from %s", c.Name, latest.evidenceAt().UTC().Format(time.DateOnly)))
		}
	}
	SortFindings(fs)
	return fs
}

// lastRun returns the latest result that is a pass or a fail.
func (c *ControlCheck) lastRun() (ControlCheckResult, bool) {
	for i := len(c.Results) - 1; i >= 0; i-- {
		if c.Results[i].Outcome != CheckNotRun {
			return c.Results[i], true
		}
	}
	return ControlCheckResult{}, false
}

func (c *ControlCheck) evidenceMaxAge() Duration {
	if c.EvidenceMaxAge.IsZero() {
		return c.Frequency
	}
	return c.EvidenceMaxAge
}
