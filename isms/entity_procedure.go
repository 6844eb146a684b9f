package isms

import "time"

// ProcedureStep is one step of a procedure as data (A.5.37): what is done,
// by which role, with which inputs and tools, producing which records, in
// how long.
type ProcedureStep struct {
	// Name is required.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Role is the ID of the Role responsible for the step. A step without
	// a role is valid but a finding (procedure.step_role_missing).
	Role   ID       `json:"role,omitempty"`
	Inputs []string `json:"inputs,omitzero"`
	Tools  []string `json:"tools,omitzero"`
	// Records are the records the step produces (7.5.3), by name.
	Records []string `json:"records,omitzero"`
	// ExpectedDuration is how long the step usually takes; zero when
	// unknown.
	ExpectedDuration Duration `json:"expected_duration,omitzero"`
}

func (s *ProcedureStep) validate(ps *Problems, f string) {
	checkRequired(ps, f+".name", s.Name)
	if s.Role != "" && !s.Role.IsValid() {
		addIDProblem(ps, f+".role", s.Role)
	}
	if err := s.ExpectedDuration.Validate(); err != nil {
		ps.Add(f+".expected_duration", CodeOutOfRange, err.Error())
	} else if s.ExpectedDuration.Compare(Duration{}) < 0 {
		ps.Add(f+".expected_duration", CodeOutOfRange, "expected_duration is negative")
	}
}

// MaxPolicyReviewInterval is the longest review interval of a policy: 12
// months (A.5.1, common practice for "at planned intervals").
func MaxPolicyReviewInterval() Duration { return Years(1) }

// DocumentSetOptions configures CheckDocumentSet. A nil
// *DocumentSetOptions, and each zero field, means the default.
type DocumentSetOptions struct {
	// ManagementApprovesProcedures, when true, requires procedures to be
	// approved by someone holding a management role, as policies are.
	// Default false: procedures are approved by their process owners.
	ManagementApprovesProcedures bool `json:"management_approves_procedures,omitempty"`
}

// CheckDocumentSet returns what needs attention about a set of documents
// as a management system, sorted with SortFindings: how policies,
// standards, procedures and guidelines relate, who approved them, and
// whether procedure steps are staffed at now. Retired documents and nil
// entries are left out (a retired policy implements nothing and needs no
// procedure). The checks:
//
//   - policy.no_procedure: a policy that no procedure implements.
//   - policy.approver_not_management: an approved or published policy
//     whose Approver held no management role (Role.Management) at
//     ApprovedAt.
//   - policy.review_interval_too_long: a policy's effective review
//     interval is longer than MaxPolicyReviewInterval (P1Y), compared by
//     nominal length.
//   - procedure.policy_missing: a standard or procedure names no policy it
//     implements (a guideline may name none).
//   - procedure.policy_unknown: a standard, procedure or guideline names a
//     policy that is not a policy of the set.
//   - procedure.policy_changed: its policy was published after the
//     standard's, procedure's or guideline's last review or approval (the
//     later of LastReviewedAt and ApprovedAt), so it is due for review.
//   - procedure.approver_not_management: with
//     opts.ManagementApprovesProcedures, as policy.approver_not_management
//     for an approved or published procedure.
//   - procedure.step_role_missing: a procedure step names no role.
//   - procedure.step_role_vacant: a step names a role that is not in s or
//     that nobody holds at now.
//
// A nil s has no roles. It runs in time linear in the size of docs and s.
func CheckDocumentSet(docs []*Document, s *Staffing, now time.Time, opts *DocumentSetOptions) []Finding {
	ix := s.index(now)
	policies := make(map[ID]*Document, len(docs))
	implemented := make(map[ID]bool, len(docs))
	for _, d := range docs {
		if d == nil || d.Status == DocumentRetired {
			continue
		}
		if d.Type == DocumentPolicy {
			if _, dup := policies[d.ID]; !dup {
				policies[d.ID] = d
			}
		}
		if d.Type == DocumentProcedure && d.Implements != "" {
			implemented[d.Implements] = true
		}
	}
	var fs []Finding
	for _, d := range docs {
		if d == nil || d.Status == DocumentRetired {
			continue
		}
		subject := d.Meta.Ref(KindDocument)
		switch d.Type {
		case DocumentPolicy:
			if !implemented[d.ID] {
				fs = append(fs, newFinding(CodePolicyNoProcedure, subject, "", map[string]string{"topic": d.Topic},
					"policy %q has no procedure implementing it", d.Title))
			}
			fs = appendApproval(fs, ix, d, CodePolicyApproverNotManagement)
			if iv := d.EffectiveReviewInterval(); iv.Compare(MaxPolicyReviewInterval()) > 0 {
				fs = append(fs, newFinding(CodePolicyReviewIntervalTooLong, subject, "review_interval",
					map[string]string{"review_interval": iv.String(), "max": MaxPolicyReviewInterval().String()},
					"policy %q is reviewed every %s, less often than every %s", d.Title, iv, MaxPolicyReviewInterval()))
			}
		case DocumentStandard, DocumentProcedure, DocumentGuideline:
			fs = appendImplements(fs, policies, d)
			if d.Type == DocumentProcedure {
				if opts != nil && opts.ManagementApprovesProcedures {
					fs = appendApproval(fs, ix, d, CodeProcedureApproverNotManagement)
				}
				fs = appendSteps(fs, ix, d, now)
			}
		}
	}
	SortFindings(fs)
	return fs
}

func appendApproval(fs []Finding, ix *staffIndex, d *Document, code string) []Finding {
	if (d.Status != DocumentApproved && d.Status != DocumentPublished) || blank(d.Approver) || d.ApprovedAt.IsZero() {
		return fs
	}
	if _, ok := ix.managementAt(d.Approver, d.ApprovedAt); ok {
		return fs
	}
	return append(fs, newFinding(code, d.Meta.Ref(KindDocument), "approver",
		map[string]string{"approver": d.Approver, "approved_at": formatTime(d.ApprovedAt)},
		"%s %q was approved by %s, who held no management role at the time", d.Type, d.Title, d.Approver))
}

func appendImplements(fs []Finding, policies map[ID]*Document, d *Document) []Finding {
	subject := d.Meta.Ref(KindDocument)
	if d.Implements == "" {
		if d.Type == DocumentGuideline {
			return fs
		}
		return append(fs, newFinding(CodeProcedurePolicyMissing, subject, "implements",
			map[string]string{"type": string(d.Type)}, "%s %q names no policy it implements", d.Type, d.Title))
	}
	p, ok := policies[d.Implements]
	if !ok {
		return append(fs, newFinding(CodeProcedurePolicyUnknown, subject, "implements",
			map[string]string{"type": string(d.Type), "implements": string(d.Implements)},
			"%s %q implements %s, which is not a policy in force", d.Type, d.Title, d.Implements))
	}
	reviewed := d.LastReviewedAt
	if d.ApprovedAt.After(reviewed) {
		reviewed = d.ApprovedAt
	}
	if !p.PublishedAt.IsZero() && p.PublishedAt.After(reviewed) {
		f := newFinding(CodeProcedurePolicyChanged, subject, "last_reviewed_at",
			map[string]string{"policy": string(p.ID), "policy_published_at": formatTime(p.PublishedAt),
				"reviewed_at": formatTime(reviewed), "policy_version": p.Version},
			"policy %q was published on %s, after %s %q was last reviewed", p.Title,
			p.PublishedAt.UTC().Format(time.DateOnly), d.Type, d.Title)
		f.Related = []Ref{p.Meta.Ref(KindDocument)}
		fs = append(fs, f)
	}
	return fs
}

func appendSteps(fs []Finding, ix *staffIndex, d *Document, now time.Time) []Finding {
	subject := d.Meta.Ref(KindDocument)
	for i, st := range d.Steps {
		field := indexField("steps", i) + ".role"
		if st.Role == "" {
			fs = append(fs, newFinding(CodeProcedureStepRoleMissing, subject, field,
				map[string]string{"step": st.Name}, "step %d %q of procedure %q names no role", i+1, st.Name, d.Title))
			continue
		}
		_, known := ix.roles[st.Role]
		if known && ix.activeByRole[st.Role] > 0 {
			continue
		}
		reason := "nobody holds it"
		if !known {
			reason = "it is not defined"
		}
		fs = append(fs, newFinding(CodeProcedureStepRoleVacant, subject, field,
			map[string]string{"step": st.Name, "role": string(st.Role), "reason": reason, "now": formatTime(now)},
			"step %d %q of procedure %q is for role %s, but %s", i+1, st.Name, d.Title, st.Role, reason))
	}
	return fs
}
