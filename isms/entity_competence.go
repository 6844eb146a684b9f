package isms

import (
	"cmp"
	"slices"
	"time"
)

// TrainingResult is the outcome of a training or awareness session.
type TrainingResult string

// Training results. Passed and attended count as valid training; failed
// does not.
const (
	TrainingPassed   TrainingResult = "passed"
	TrainingAttended TrainingResult = "attended"
	TrainingFailed   TrainingResult = "failed"
)

var trainingResultValues = []TrainingResult{TrainingPassed, TrainingAttended, TrainingFailed}

// TrainingResultValues returns every TrainingResult.
func TrainingResultValues() []TrainingResult { return slices.Clone(trainingResultValues) }

// IsValid reports whether r is a known TrainingResult.
func (r TrainingResult) IsValid() bool { return slices.Contains(trainingResultValues, r) }

// UnmarshalText accepts only known results.
func (r *TrainingResult) UnmarshalText(b []byte) error {
	return UnmarshalEnum(r, "training result", b, trainingResultValues)
}

// TrainingRecord is documented evidence of competence or awareness
// (ISO/IEC 27001:2022 7.2 d, 7.3, A.6.3): a person completed a course on a
// date with a result, conferring competences until an expiry.
type TrainingRecord struct {
	Meta
	// Person is the ID of the Person record; required.
	Person ID `json:"person"`
	// Course is required.
	Course string `json:"course"`
	// Competences are the competences the course confers (Role.Competences),
	// each once.
	Competences []string `json:"competences,omitzero"`
	// Awareness reports whether the course is security awareness training
	// (7.3, A.6.3).
	Awareness bool `json:"awareness,omitempty"`
	// CompletedAt is required.
	CompletedAt time.Time `json:"completed_at"`
	// Result is required.
	Result TrainingResult `json:"result"`
	// ExpiresAt is when what the course confers expires; zero means never
	// (an awareness record still counts only within the awareness period).
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Validate reports every problem of r: a valid person ID, a course, a
// completion time and a known result are required; competences must not
// be blank nor listed twice; ExpiresAt must be after CompletedAt. A nil r
// is an error.
func (r *TrainingRecord) Validate() error {
	if r == nil {
		return Invalidf("training record is nil")
	}
	var ps Problems
	checkMeta(&ps, r.Meta)
	checkRequiredID(&ps, "person", r.Person)
	checkRequired(&ps, "course", r.Course)
	checkNameList(&ps, "competences", r.Competences)
	if r.CompletedAt.IsZero() {
		ps.Add("completed_at", CodeRequired, "completed_at is required")
	}
	CheckTime(&ps, "completed_at", r.CompletedAt)
	CheckEnum(&ps, "result", r.Result, trainingResultValues, true)
	CheckTime(&ps, "expires_at", r.ExpiresAt)
	if !r.ExpiresAt.IsZero() && !r.ExpiresAt.After(r.CompletedAt) {
		ps.Add("expires_at", CodeOrder, "expires_at is not after completed_at")
	}
	return ps.Err(subjectName(KindTrainingRecord, r.ID))
}

// ParseTrainingRecord decodes a JSON training record from a user strictly
// (UnmarshalStrict) and validates it. Every error answers
// errors.Is(err, ErrInvalid).
func ParseTrainingRecord(data []byte) (*TrainingRecord, error) {
	return parseEntity[TrainingRecord](KindTrainingRecord, data)
}

// DefaultAwarenessPeriod is how recent awareness training must be: one
// year (A.6.3 asks for regular updates; yearly is common practice).
func DefaultAwarenessPeriod() Duration { return Years(1) }

// CompetenceCheckOptions configures CheckCompetence and
// AwarenessCoverage. A nil *CompetenceCheckOptions, and each zero field,
// means the default.
type CompetenceCheckOptions struct {
	// AwarenessPeriod is how recent a person's awareness training must be:
	// completed at or after now minus the period. Default:
	// DefaultAwarenessPeriod (P1Y). It must validate and be positive.
	AwarenessPeriod Duration `json:"awareness_period,omitzero"`
}

// Validate reports an error answering ErrInvalid when AwarenessPeriod
// does not validate or is negative. A nil o is valid.
func (o *CompetenceCheckOptions) Validate() error {
	if o == nil {
		return nil
	}
	if err := o.AwarenessPeriod.Validate(); err != nil {
		return Invalidf("competence check options: awareness_period: %v", err)
	}
	if o.AwarenessPeriod.Compare(Duration{}) < 0 {
		return Invalidf("competence check options: awareness_period %s is negative", o.AwarenessPeriod)
	}
	return nil
}

func (o *CompetenceCheckOptions) period() Duration {
	if o == nil || o.AwarenessPeriod.IsZero() {
		return DefaultAwarenessPeriod()
	}
	return o.AwarenessPeriod
}

// training is what the records say, indexed once. People and the
// competences that matter are numbered: the competences a person holds at
// now are a bit set of words words per person, and an expired one is
// keyed by person << 32 | competence.
type training struct {
	people      map[ID]uint32
	competences map[string]uint32 // only those some role requires
	words       int
	valid       []uint64             // len(people) × words bits
	expired     map[uint64]time.Time // competences once held, latest expiry
	aware       map[ID]bool          // awareness within the period at now
	// lastAware is each person's latest completion of a passed or
	// attended awareness record, whether or not it is still current.
	lastAware map[ID]time.Time
}

// holds reports whether person p holds competence c at now.
func (tr *training) holds(p, c uint32) bool {
	return tr.valid[int(p)*tr.words+int(c/64)]&(1<<(c%64)) != 0
}

// indexTraining indexes records at now; required lists the competences
// that matter (nil for none).
func indexTraining(records []*TrainingRecord, now time.Time, period Duration, required map[string]uint32) *training {
	since := period.SubFrom(now)
	tr := &training{people: make(map[ID]uint32, len(records)/2), competences: required, words: (len(required) + 63) / 64,
		expired: map[uint64]time.Time{}, aware: make(map[ID]bool, len(records)/2), lastAware: make(map[ID]time.Time, len(records)/2)}
	for _, r := range records {
		if r == nil || (r.Result != TrainingPassed && r.Result != TrainingAttended) || r.CompletedAt.After(now) {
			continue
		}
		current := r.ExpiresAt.IsZero() || r.ExpiresAt.After(now)
		if r.Awareness {
			if r.CompletedAt.After(tr.lastAware[r.Person]) {
				tr.lastAware[r.Person] = r.CompletedAt
			}
			if current && !r.CompletedAt.Before(since) {
				tr.aware[r.Person] = true
			}
		}
		if len(required) == 0 || len(r.Competences) == 0 {
			continue
		}
		p, ok := tr.people[r.Person]
		if !ok {
			p = uint32(len(tr.people))
			tr.people[r.Person] = p
			for range tr.words {
				tr.valid = append(tr.valid, 0)
			}
		}
		for _, name := range r.Competences {
			c, ok := required[name]
			if !ok {
				continue
			}
			if current {
				tr.valid[int(p)*tr.words+int(c/64)] |= 1 << (c % 64)
			} else if k := uint64(p)<<32 | uint64(c); r.ExpiresAt.After(tr.expired[k]) {
				tr.expired[k] = r.ExpiresAt
			}
		}
	}
	return tr
}

// CheckCompetence returns who lacks required competence or awareness at
// now, sorted with SortFindings. The checks:
//
//   - competence.missing: a person holds a role at now that requires a
//     competence (Role.Competences), and no record gives it to them:
//     no record with that competence, passed or attended, completed not
//     after now.
//   - competence.expired: as above, but such a record exists and has
//     expired (ExpiresAt not after now).
//   - awareness.missing: a person active at now (Person.ActiveAt) has no
//     awareness record, passed or attended, completed not after now.
//   - awareness.expired: they have one, but none completed within the
//     awareness period before now and unexpired.
//
// A person is checked for competence through their assignments in force
// at now, unless their Person record says they are not active. The
// error, answering ErrInvalid, reports options that do not validate;
// there are then no findings. It runs in time linear in the size of s and
// records (for a bounded number of competences per role), plus sorting
// the assignments in force.
func CheckCompetence(s *Staffing, records []*TrainingRecord, now time.Time, opts *CompetenceCheckOptions) ([]Finding, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, nil
	}
	period := opts.period()
	roles := make(map[ID]*Role, len(s.Roles))
	required := map[string]uint32{}
	for _, r := range s.Roles {
		if r == nil || len(r.Competences) == 0 {
			continue
		}
		if _, dup := roles[r.ID]; dup {
			continue
		}
		roles[r.ID] = r
		for _, c := range r.Competences {
			if _, ok := required[c]; !ok {
				required[c] = uint32(len(required))
			}
		}
	}
	tr := indexTraining(records, now, period, required)
	var fs []Finding
	var left map[ID]bool // people not active at now
	seen := make(map[ID]bool, len(s.People))
	for _, p := range s.People {
		if p == nil || seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if !p.ActiveAt(now) {
			if left == nil {
				left = map[ID]bool{}
			}
			left[p.ID] = true
			continue
		}
		subject := p.Meta.Ref(KindPerson)
		last, ever := tr.lastAware[p.ID]
		switch {
		case !ever:
			fs = append(fs, newFinding(CodeAwarenessMissing, subject, "",
				map[string]string{"now": formatTime(now), "period": period.String()},
				"%s has no security awareness training", p.ID))
		case !tr.aware[p.ID]:
			fs = append(fs, newFinding(CodeAwarenessExpired, subject, "",
				map[string]string{"last_completed_at": formatTime(last), "now": formatTime(now), "period": period.String()},
				"%s's security awareness training of %s is no longer current", p.ID, last.UTC().Format(time.DateOnly)))
		}
	}
	var active []*RoleAssignment
	for _, a := range s.Assignments {
		if a == nil || !a.ActiveAt(now) || left[a.Person] {
			continue
		}
		if _, ok := roles[a.Role]; ok {
			active = append(active, a)
		}
	}
	slices.SortStableFunc(active, func(a, b *RoleAssignment) int { return cmp.Compare(a.Person, b.Person) })
	var (
		reported []string
		p        uint32
		trained  bool // the person is in some record with a competence
	)
	for i, a := range active {
		if i == 0 || a.Person != active[i-1].Person {
			reported = reported[:0]
			p, trained = tr.people[a.Person]
		}
		r := roles[a.Role]
		for _, c := range r.Competences {
			ci := required[c]
			if (trained && tr.holds(p, ci)) || slices.Contains(reported, c) {
				continue
			}
			reported = append(reported, c)
			details := map[string]string{"competence": c, "role": string(r.ID), "assignment": string(a.ID)}
			subject := Ref{Kind: KindPerson, ID: a.Person}
			var f Finding
			if exp, ok := tr.expired[uint64(p)<<32|uint64(ci)]; trained && ok {
				details["expired_at"] = formatTime(exp)
				details["now"] = formatTime(now)
				f = newFinding(CodeCompetenceExpired, subject, "", details,
					"%s's competence %q, required by role %s, expired on %s", a.Person, c, r.ID, exp.UTC().Format(time.DateOnly))
			} else {
				f = newFinding(CodeCompetenceMissing, subject, "", details,
					"%s lacks competence %q, required by role %s", a.Person, c, r.ID)
			}
			f.Related = []Ref{{Kind: KindRole, ID: r.ID}, a.Meta.Ref(KindRoleAssignment)}
			fs = append(fs, f)
		}
	}
	SortFindings(fs)
	return fs, nil
}

// Coverage is the awareness coverage figure: the share of staff trained
// within the period.
type Coverage struct {
	// Staff is the number of people active at the time.
	Staff int `json:"staff"`
	// Trained is how many of them have current awareness training.
	Trained int `json:"trained"`
	// Share is Trained / Staff, or 0 when Staff is 0.
	Share float64 `json:"share"`
	// Period is the awareness period used.
	Period Duration `json:"period"`
}

// AwarenessCoverage returns the share of the people of s active at now
// whose awareness training is current as CheckCompetence defines it
// (passed or attended, completed within the period before now, not
// expired). A nil s has no staff. The error, answering ErrInvalid,
// reports options that do not validate.
func AwarenessCoverage(s *Staffing, records []*TrainingRecord, now time.Time, opts *CompetenceCheckOptions) (Coverage, error) {
	if err := opts.Validate(); err != nil {
		return Coverage{}, err
	}
	c := Coverage{Period: opts.period()}
	if s == nil {
		return c, nil
	}
	tr := indexTraining(records, now, c.Period, nil)
	seen := make(map[ID]bool, len(s.People))
	for _, p := range s.People {
		if p == nil || !p.ActiveAt(now) || seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		c.Staff++
		if tr.aware[p.ID] {
			c.Trained++
		}
	}
	if c.Staff > 0 {
		c.Share = float64(c.Trained) / float64(c.Staff)
	}
	return c, nil
}
