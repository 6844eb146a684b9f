package audit

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/incident"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

// DefaultMinOperation is how long an ISMS must have run, by its records,
// before Stage 2: three months.
func DefaultMinOperation() isms.Duration { return isms.Months(3) }

// Snapshot is the whole ISMS as Readiness reads it. Every field is
// optional: what is missing is what the report says is missing.
type Snapshot struct {
	// Issues are the external and internal issues (4.1).
	Issues []string `json:"issues,omitempty"`
	// Parties are the interested parties (4.2).
	Parties []*isms.InterestedParty `json:"parties,omitempty"`
	// Scope is the ISMS scope (4.3).
	Scope *isms.Scope `json:"scope,omitempty"`
	// Documents are the policies, procedures and records (5.2, 7.5).
	Documents []*isms.Document `json:"documents,omitempty"`
	// Staffing, RACI and Training are the roles and competence (5.3, 7.2,
	// 7.3).
	Staffing *isms.Staffing         `json:"staffing,omitempty"`
	RACI     *isms.RACIMatrix       `json:"raci,omitempty"`
	Training []*isms.TrainingRecord `json:"training,omitempty"`
	// Matrix and Risks are the risk method and register (6.1.2, 6.1.3, 8.2,
	// 8.3).
	Matrix *risk.Matrix  `json:"matrix,omitempty"`
	Risks  []*risk.Risk  `json:"risks,omitempty"`
	SoA    *controls.SoA `json:"soa,omitempty"`
	// Catalog is the catalog of the SoA; nil means Annex A.
	Catalog    *controls.Catalog `json:"-"`
	Objectives []*isms.Objective `json:"objectives,omitempty"`
	// ControlChecks are the control monitoring (9.1).
	ControlChecks []*isms.ControlCheck `json:"control_checks,omitempty"`
	Incidents     []*incident.Incident `json:"incidents,omitempty"`
	BCP           *bcp.Snapshot        `json:"bcp,omitempty"`
	Programme     *Programme           `json:"programme,omitempty"`
	Checklists    []*Checklist         `json:"checklists,omitempty"`
	Findings      []*Finding           `json:"findings,omitempty"`
	Reviews       []*ManagementReview  `json:"reviews,omitempty"`
	Improvements  []*Improvement       `json:"improvements,omitempty"`
	// Responsibilities feed the auditor independence check.
	Responsibilities []Responsibility `json:"responsibilities,omitempty"`
}

// ReadinessOptions configures Readiness. A nil *ReadinessOptions, and
// each zero field, means the default.
type ReadinessOptions struct {
	// MinOperation is how long before now the first operating record must
	// be for Stage 2; default DefaultMinOperation (P3M), at most P3Y.
	MinOperation isms.Duration `json:"min_operation,omitzero"`
}

// Validate reports a period that does not validate, is negative or is
// longer than three years. A nil o is valid.
func (o *ReadinessOptions) Validate() error {
	if o == nil {
		return nil
	}
	if err := o.MinOperation.Validate(); err != nil {
		return isms.Invalidf("readiness options: min_operation: %v", err)
	}
	if o.MinOperation.Nominal() < 0 || o.MinOperation.Compare(isms.Years(3)) > 0 {
		return isms.Invalidf("readiness options: min_operation %s is not between zero and three years", o.MinOperation)
	}
	return nil
}

func (o *ReadinessOptions) minOperation() isms.Duration {
	if o == nil || o.MinOperation.IsZero() {
		return DefaultMinOperation()
	}
	return o.MinOperation
}

// State is the readiness of one clause or control.
type State string

// States, from the worst.
const (
	// StateMissing: a required element is absent (a readiness reason).
	StateMissing State = "missing"
	// StateNonconforming: an error finding stands against it.
	StateNonconforming State = "nonconforming"
	// StateAttention: only warnings stand against it.
	StateAttention State = "attention"
	// StateNotAssessed: the snapshot holds nothing the SDK can judge it by.
	StateNotAssessed State = "not_assessed"
	// StateConforming: nothing stands against it.
	StateConforming State = "conforming"
)

var stateValues = []State{StateMissing, StateNonconforming, StateAttention, StateNotAssessed, StateConforming}

// StateValues returns every State, worst first.
func StateValues() []State { return slices.Clone(stateValues) }

// IsValid reports whether s is a known State.
func (s State) IsValid() bool { return slices.Contains(stateValues, s) }

// UnmarshalText accepts only known states.
func (s *State) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "readiness state", b, stateValues)
}

// RequirementStatus is the state of one clause or control with the
// findings behind it.
type RequirementStatus struct {
	Requirement isms.Ref `json:"requirement"`
	Title       string   `json:"title"`
	State       State    `json:"state"`
	// Implementation and Effectiveness are a control's SoA status and
	// monitored effectiveness.
	Implementation controls.ImplementationStatus `json:"implementation,omitempty"`
	Effectiveness  isms.Effectiveness            `json:"effectiveness,omitempty"`
	Findings       []isms.Finding                `json:"findings,omitzero"`
}

// Verdict is a readiness verdict with its reasons: Ready is true exactly
// when Reasons is empty.
type Verdict struct {
	Ready   bool           `json:"ready"`
	Reasons []isms.Finding `json:"reasons,omitzero"`
}

// Report is the readiness / gap analysis of an ISMS at a time.
type Report struct {
	At time.Time `json:"at"`
	// OperatingSince is the earliest operating record (a control check
	// result, a completed audit, a held review, a reported incident, a
	// risk assessment); zero when there is none.
	OperatingSince time.Time     `json:"operating_since,omitzero"`
	MinOperation   isms.Duration `json:"min_operation"`
	Stage1         Verdict       `json:"stage1"`
	Stage2         Verdict       `json:"stage2"`
	// Clauses lists every clause 4.1 to 10.2; Controls every control the
	// SoA includes.
	Clauses  []RequirementStatus `json:"clauses"`
	Controls []RequirementStatus `json:"controls,omitzero"`
	// Findings are every finding of the assessment, sorted.
	Findings []isms.Finding `json:"findings,omitzero"`
}

// stage1Codes are the reasons that bar Stage 1: the design is not
// documented or not complete.
var stage1Codes = []string{CodeContextMissing, CodePartiesMissing, CodeScopeUndefined, CodeScopeNotApproved,
	CodePolicyMissing, CodePolicyNotApproved, CodeRolesMissing, CodeRiskAssessmentMissing, CodeTreatmentPlanMissing,
	CodeSoAMissing, CodeSoANotApproved, CodeObjectivesMissing, CodeProgrammeMissing}

// stage2Codes are the further reasons that bar Stage 2: the ISMS has not
// run, or not well enough.
var stage2Codes = []string{CodeStage1NotReady, CodeMonitoringMissing, CodeRecordsTooShort, CodeInternalAuditMissing,
	CodeManagementReviewAbsent, CodeMajorOpen}

// notAssessed are the clauses the snapshot holds no records for.
var notAssessed = []isms.ID{"6.3", "7.1", "7.4"}

// ruleSources maps every rule code of the SDK's checks to its source.
var ruleSources = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, rs := range [][]isms.Rule{isms.Rules(), risk.Rules(), controls.Rules(), incident.Rules(), bcp.Rules(), Rules()} {
		for _, r := range rs {
			m[r.Code] = r.Source
		}
	}
	return m
})

// sourceRef turns a rule source ("6.1.3 d", "A.5.30") into the Ref of
// the clause or control it names; ok is false for other sources.
func sourceRef(src string) (isms.Ref, bool) {
	id, _, _ := strings.Cut(strings.TrimSpace(src), " ")
	switch {
	case id == "":
		return isms.Ref{}, false
	case strings.HasPrefix(id, "A."):
		return isms.ControlRef(isms.ID(id)), true
	case id[0] >= '4' && id[0] <= '9' || strings.HasPrefix(id, "10"):
		return controls.ClauseRef(isms.ID(id)), true
	}
	return isms.Ref{}, false
}

// Readiness assesses s at now: every domain check the snapshot allows
// (documents, roles, competence, objectives, control monitoring, risks,
// SoA, incidents, BCP, programme, checklists, findings, reviews,
// improvements), plus the readiness rules of Rules (audit.readiness.*),
// attached to the clause their rule's source names and to the controls
// the finding is about (its subject, its related refs, the controls a
// control check tests); then each clause's and included control's State, and
// the Stage 1 and Stage 2 verdicts:
//
//   - Stage 1 is ready when no stage-1 reason stands: issues, interested
//     parties, an approved scope, an approved and published information
//     security policy, assigned roles, an assessed and treated risk, an
//     approved SoA, objectives and an audit programme.
//   - Stage 2 is ready when Stage 1 is, control checks have results, the
//     first operating record is at least MinOperation before now, an
//     internal audit is completed, a management review has been held and
//     no major nonconformity is open.
//
// The Stage 2 reason audit.readiness.stage1_not_ready is derived from
// the Stage 1 verdict; it is not attached to a clause, whose states show
// the Stage 1 reasons themselves. The error, answering isms.ErrInvalid,
// reports options or frequency rules that do not validate. A nil s is an
// ISMS with nothing in it.
func Readiness(s *Snapshot, now time.Time, opts *ReadinessOptions) (*Report, error) {
	if err := opts.Validate(); err != nil {
		return nil, wrap("readiness", err)
	}
	if s == nil {
		s = &Snapshot{}
	}
	r := &Report{At: now, MinOperation: opts.minOperation()}
	fs, err := collect(s, now)
	if err != nil {
		return nil, wrap("readiness", err)
	}
	reasons := readinessReasons(s, now, r)
	fs = append(fs, reasons...)
	isms.SortFindings(fs)
	r.Findings = fs

	var s1, s2 []isms.Finding
	for _, f := range fs {
		switch {
		case slices.Contains(stage1Codes, f.Code):
			s1 = append(s1, f)
		case slices.Contains(stage2Codes, f.Code):
			s2 = append(s2, f)
		}
	}
	if len(s1) > 0 {
		s2 = append([]isms.Finding{newFinding(CodeStage1NotReady, isms.Ref{}, "stage1", nil,
			"the design is not ready for Stage 1 (%d reasons)", len(s1))}, s2...)
	}
	r.Stage1 = Verdict{Ready: len(s1) == 0, Reasons: s1}
	r.Stage2 = Verdict{Ready: len(s2) == 0, Reasons: s2}
	r.Clauses, r.Controls = states(s, fs, now)
	return r, nil
}

// collect runs every domain check the snapshot allows.
func collect(s *Snapshot, now time.Time) ([]isms.Finding, error) {
	var fs []isms.Finding
	for _, d := range s.Documents {
		dfs, _ := isms.CheckDocument(d, now, nil)
		fs = append(fs, dfs...)
	}
	if len(s.Documents) > 0 {
		fs = append(fs, isms.CheckDocumentSet(s.Documents, s.Staffing, now, nil)...)
	}
	if s.Staffing != nil || s.RACI != nil {
		fs = append(fs, isms.CheckRoles(s.Staffing, s.RACI, now)...)
	}
	if s.Staffing != nil && s.Training != nil {
		cfs, _ := isms.CheckCompetence(s.Staffing, s.Training, now, nil)
		fs = append(fs, cfs...)
	}
	for _, o := range s.Objectives {
		fs = append(fs, isms.CheckObjective(o, now)...)
	}
	fs = append(fs, isms.CheckControlChecks(s.ControlChecks, now)...)
	if s.Matrix != nil && len(s.Risks) > 0 {
		rfs, err := risk.CheckAll(s.Risks, s.Matrix, now, nil)
		if err != nil {
			return nil, err
		}
		fs = append(fs, rfs...)
	}
	if s.SoA != nil {
		fs = append(fs, controls.CheckSoA(s.SoA, annexOr(s.Catalog), now, &controls.SoACheckOptions{Selections: risk.Selections(s.Risks)})...)
	}
	for _, inc := range s.Incidents {
		fs = append(fs, incident.Check(inc, now, nil)...)
	}
	if s.BCP != nil && s.BCP.BIA != nil {
		fs = append(fs, bcp.Check(s.BCP, now)...)
	}
	pfs, err := CheckProgramme(s.Programme, &ProgrammeContext{SoA: s.SoA, Risks: s.Risks, Matrix: s.Matrix,
		Staffing: s.Staffing, Responsibilities: s.Responsibilities}, now)
	if err != nil {
		return nil, err
	}
	fs = append(fs, pfs...)
	completed := map[isms.ID]bool{}
	if s.Programme != nil {
		for _, a := range s.Programme.Audits {
			completed[a.ID] = a.Status == AuditCompleted
		}
	}
	for _, cl := range s.Checklists {
		if cl != nil {
			fs = append(fs, CheckChecklist(cl, completed[cl.Audit])...)
		}
	}
	ffs, _ := CheckFindings(s.Findings, now, nil)
	fs = append(fs, ffs...)
	if s.Reviews != nil {
		rvs, _ := CheckReviews(s.Reviews, now, nil)
		fs = append(fs, rvs...)
	}
	ifs, _ := CheckImprovements(s.Improvements, now, nil)
	fs = append(fs, ifs...)
	return fs, nil
}

// readinessReasons applies the readiness rules and sets r.OperatingSince.
func readinessReasons(s *Snapshot, now time.Time, r *Report) []isms.Finding {
	var fs []isms.Finding
	add := func(code string, subject isms.Ref, details map[string]string, format string, args ...any) {
		fs = append(fs, newFinding(code, subject, "", details, format, args...))
	}
	if len(s.Issues) == 0 {
		add(CodeContextMissing, isms.Ref{}, nil, "no external or internal issues are recorded (4.1)")
	}
	if len(s.Parties) == 0 {
		add(CodePartiesMissing, isms.Ref{}, nil, "no interested parties are recorded (4.2)")
	}
	switch sc := s.Scope; {
	case sc == nil:
		add(CodeScopeUndefined, isms.Ref{}, nil, "the ISMS has no documented scope (4.3)")
	case blank(sc.ApprovedBy) || sc.ApprovedAt.IsZero() || sc.ApprovedAt.After(now):
		add(CodeScopeNotApproved, sc.Meta.Ref(isms.KindScope), map[string]string{"approved_by": sc.ApprovedBy, "approved_at": stamp(sc.ApprovedAt)},
			"scope %q is not approved", sc.Name)
	}
	var policy *isms.Document
	for _, d := range s.Documents {
		if d != nil && d.Type == isms.DocumentPolicy && d.Topic == "" && d.Status != isms.DocumentRetired {
			if policy == nil || d.Status == isms.DocumentPublished {
				policy = d
			}
		}
	}
	switch {
	case policy == nil:
		add(CodePolicyMissing, isms.Ref{}, nil, "there is no information security policy (5.2)")
	case policy.Status != isms.DocumentPublished || blank(policy.Approver) || policy.ApprovedAt.IsZero():
		add(CodePolicyNotApproved, policy.Meta.Ref(isms.KindDocument), map[string]string{"status": string(policy.Status), "approver": policy.Approver},
			"information security policy %q is %s and not approved and published", policy.Title, policy.Status)
	}
	active := 0
	if s.Staffing != nil {
		for _, a := range s.Staffing.Assignments {
			if a != nil && a.ActiveAt(now) {
				active++
			}
		}
	}
	if active == 0 {
		add(CodeRolesMissing, isms.Ref{}, nil, "no ISMS role is assigned to anyone (5.3)")
	}
	assessed, treated := 0, 0
	for _, rk := range s.Risks {
		if rk == nil || rk.Status == risk.StatusClosed {
			continue
		}
		if a := rk.Effective(); a != nil {
			assessed++
			r.observe(a.AssessedAt, now)
		}
		if rk.Treatment != nil {
			treated++
		}
	}
	if assessed == 0 {
		add(CodeRiskAssessmentMissing, isms.Ref{}, nil, "no risk is assessed (6.1.2)")
	} else if treated == 0 {
		add(CodeTreatmentPlanMissing, isms.Ref{}, nil, "no risk has a treatment decision (6.1.3)")
	}
	switch soa := s.SoA; {
	case soa == nil:
		add(CodeSoAMissing, isms.Ref{}, nil, "there is no Statement of Applicability (6.1.3 d)")
	case blank(soa.ApprovedBy) || soa.ApprovedAt.IsZero() || soa.ApprovedAt.After(now):
		add(CodeSoANotApproved, soa.Meta.Ref(controls.KindSoA), map[string]string{"approved_by": soa.ApprovedBy, "approved_at": stamp(soa.ApprovedAt)},
			"the Statement of Applicability %q is not approved", soa.Title)
	}
	if !slices.ContainsFunc(s.Objectives, func(o *isms.Objective) bool { return o != nil }) {
		add(CodeObjectivesMissing, isms.Ref{}, nil, "no information security objective is set (6.2)")
	}
	results := 0
	for _, c := range s.ControlChecks {
		if c == nil {
			continue
		}
		for _, res := range c.Results {
			results++
			r.observe(res.At, now)
		}
	}
	for _, inc := range s.Incidents {
		if inc != nil {
			r.observe(inc.ReportedAt, now)
		}
	}
	if results == 0 {
		add(CodeMonitoringMissing, isms.Ref{}, nil, "no control check has a result (9.1)")
	}
	completedAudits := 0
	if s.Programme == nil {
		add(CodeProgrammeMissing, isms.Ref{}, nil, "there is no internal audit programme (9.2.2)")
	} else {
		for _, a := range s.Programme.Audits {
			if a.Status == AuditCompleted && !a.CompletedAt.After(now) {
				completedAudits++
				r.observe(a.CompletedAt, now)
			}
		}
	}
	if completedAudits == 0 {
		add(CodeInternalAuditMissing, s.Programme.Ref(), nil, "no internal audit has been completed (9.2.1)")
	}
	held := 0
	for _, rv := range s.Reviews {
		if rv != nil && !rv.HeldAt.IsZero() && !rv.HeldAt.After(now) {
			held++
			r.observe(rv.HeldAt, now)
		}
	}
	if held == 0 {
		add(CodeManagementReviewAbsent, isms.Ref{}, nil, "no management review has been held (9.3.1)")
	}
	need := r.MinOperation.SubFrom(now)
	if r.OperatingSince.IsZero() || r.OperatingSince.After(need) {
		add(CodeRecordsTooShort, isms.Ref{}, map[string]string{"operating_since": stamp(r.OperatingSince), "min_operation": r.MinOperation.String(),
			"needed_by": stamp(need), "now": stamp(now)},
			"the ISMS's records start %s; Stage 2 needs records from %s (%s before now)", sinceText(r.OperatingSince), day(need), r.MinOperation)
	}
	for _, id := range notAssessed {
		fs = append(fs, newFinding(CodeNotAssessed, controls.ClauseRef(id), "", nil, "clause %s %s is not assessed from records", id, requirementTitle(controls.ClauseRef(id), nil)))
	}
	return fs
}

func sinceText(t time.Time) string {
	if t.IsZero() {
		return "nowhere"
	}
	return "on " + day(t)
}

// observe moves OperatingSince back to t when t is an earlier record at
// or before now.
func (r *Report) observe(t time.Time, now time.Time) {
	if t.IsZero() || t.After(now) {
		return
	}
	if r.OperatingSince.IsZero() || t.Before(r.OperatingSince) {
		r.OperatingSince = t
	}
}

// states attaches the findings to clauses and controls and derives their
// states.
func states(s *Snapshot, fs []isms.Finding, now time.Time) (clauses, ctls []RequirementStatus) {
	sources := ruleSources()
	checked := map[isms.ID][]isms.ID{} // control check -> the controls it tests
	for _, c := range s.ControlChecks {
		if c != nil {
			checked[c.ID] = c.Controls
		}
	}
	byReq := map[isms.Ref][]isms.Finding{}
	for _, f := range fs {
		seen := map[isms.Ref]bool{}
		attach := func(r isms.Ref) {
			if !seen[r] {
				seen[r] = true
				byReq[r] = append(byReq[r], f)
			}
		}
		if ref, ok := sourceRef(sources[f.Code]); ok {
			attach(ref)
		}
		if f.Subject.Kind == KindClause || f.Subject.Kind == isms.KindControl {
			attach(f.Subject)
		}
		for _, rel := range f.Related {
			if rel.Kind == isms.KindControl {
				attach(rel)
			}
		}
		if f.Subject.Kind == isms.KindControlCheck {
			for _, id := range checked[f.Subject.ID] {
				attach(isms.ControlRef(id))
			}
		}
	}
	for _, c := range clauseList() {
		ref := controls.ClauseRef(isms.ID(c.id))
		st := RequirementStatus{Requirement: ref, Title: c.title, Findings: byReq[ref]}
		if strings.Count(c.id, ".") == 1 {
			for _, sub := range clauseList() {
				if parentClause(sub.id) == c.id {
					st.Findings = append(st.Findings, byReq[controls.ClauseRef(isms.ID(sub.id))]...)
				}
			}
		}
		isms.SortFindings(st.Findings)
		st.State = stateOf(st.Findings)
		clauses = append(clauses, st)
	}
	if s.SoA == nil {
		return clauses, nil
	}
	eff := map[isms.ID]isms.Effectiveness{}
	for _, e := range isms.EffectivenessAt(s.ControlChecks, now) {
		eff[e.Control] = e.Status
	}
	annex := annexOr(s.Catalog)
	for _, e := range s.SoA.Entries {
		if !e.Applicability.Included() {
			continue
		}
		ref := e.Ref()
		st := RequirementStatus{Requirement: ref, Title: requirementTitle(ref, annex), Implementation: e.Status,
			Effectiveness: eff[e.ControlID], Findings: byReq[ref]}
		isms.SortFindings(st.Findings)
		st.State = stateOf(st.Findings)
		if st.State == StateConforming && (e.Status == controls.StatusPlanned || e.Status == controls.StatusPartial) {
			st.State = StateAttention
		}
		ctls = append(ctls, st)
	}
	return clauses, ctls
}

// stateOf derives a State from the findings behind it.
func stateOf(fs []isms.Finding) State {
	st := StateConforming
	for _, f := range fs {
		switch {
		case strings.HasPrefix(f.Code, "audit.readiness.") && f.Severity == isms.SeverityError:
			return StateMissing
		case f.Severity == isms.SeverityError:
			st = StateNonconforming
		case f.Severity == isms.SeverityWarning && st != StateNonconforming:
			st = StateAttention
		case f.Code == CodeNotAssessed && st == StateConforming:
			st = StateNotAssessed
		}
	}
	return st
}
