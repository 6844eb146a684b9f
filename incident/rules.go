package incident

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Finding codes of Check. They are stable; Rules lists each with its
// severity, meaning and source.
const (
	CodeOwnerMissing         = "incident.owner_missing"
	CodeObligationOverdue    = "incident.obligation_overdue"
	CodeObligationDueSoon    = "incident.obligation_due_soon"
	CodeLateWithoutReasons   = "incident.late_submission_without_reasons"
	CodeClosedWithoutReview  = "incident.closed_without_review"
	CodeActionOverdue        = "incident.action_overdue"
	CodeCustodyGap           = "incident.custody_gap"
	CodeCustodyOverlap       = "incident.custody_overlap"
	CodeCustodyOutOfOrder    = "incident.custody_out_of_order"
	CodeEvidenceHashMismatch = "incident.evidence_hash_mismatch"
	CodeAffectedAssetUnknown = "incident.affected_asset_unknown"
)

// ruleTable is the one list of Check's rules; the reason for each
// severity is in the comment beside it.
var ruleTable = [...]isms.Rule{
	// Error: a declared incident nobody owns is not managed (A.5.24); a
	// missing owner is an error SDK-wide.
	{Code: CodeOwnerMissing, Severity: isms.SeverityError, Source: "A.5.24",
		Summary: "A declared incident has no owner."},
	// Error: a legal reporting duty (A.5.31) is already broken.
	{Code: CodeObligationOverdue, Severity: isms.SeverityError, Source: "A.5.31",
		Summary: "A notification obligation is past its due instant and not submitted."},
	// Warning: it becomes overdue if nothing is done.
	{Code: CodeObligationDueSoon, Severity: isms.SeverityWarning, Source: "A.5.31",
		Summary: "A notification obligation is due within the lead time and not submitted."},
	// Error: GDPR Art. 33(1) requires the reasons for a late notification.
	{Code: CodeLateWithoutReasons, Severity: isms.SeverityError, Source: "A.5.31",
		Summary: "A notification was submitted late without reasons for the delay."},
	// Error: learning from incidents (A.5.27) is required; the policy's
	// severity needs a completed review.
	{Code: CodeClosedWithoutReview, Severity: isms.SeverityError, Source: "A.5.27",
		Summary: "A closed incident at or above the review level has no completed post-incident review."},
	// Error: a response action past its due date (A.5.26).
	{Code: CodeActionOverdue, Severity: isms.SeverityError, Source: "A.5.26",
		Summary: "An open action is past its due date."},
	// Error: evidence without an unbroken custody is not reliable (A.5.28).
	{Code: CodeCustodyGap, Severity: isms.SeverityError, Source: "A.5.28",
		Summary: "A hand-over is from someone who did not hold the evidence."},
	// Error: two holders at once breaks the chain (A.5.28).
	{Code: CodeCustodyOverlap, Severity: isms.SeverityError, Source: "A.5.28",
		Summary: "Two hand-overs of an evidence item are at the same instant."},
	// Error: the chain cannot be followed (A.5.28).
	{Code: CodeCustodyOutOfOrder, Severity: isms.SeverityError, Source: "A.5.28",
		Summary: "A hand-over is before the previous one or before collection."},
	// Error: the evidence is no longer what was collected (A.5.28).
	{Code: CodeEvidenceHashMismatch, Severity: isms.SeverityError, Source: "A.5.28",
		Summary: "An evidence item's content does not match its recorded SHA-256 and size."},
	// Warning: the blast radius and containment scope are incomplete.
	{Code: CodeAffectedAssetUnknown, Severity: isms.SeverityWarning, Source: "A.5.9",
		Summary: "An affected asset is not in the asset inventory."},
}

// Rules returns every rule of Check, in a stable order.
func Rules() []isms.Rule { return slices.Clone(ruleTable[:]) }

func rule(code string) isms.Rule {
	for _, r := range ruleTable {
		if r.Code == code {
			return r
		}
	}
	return isms.Rule{Code: code, Severity: isms.SeverityError}
}

// CheckOptions configures Check. Nil means: no clocks, no inventory,
// DefaultPolicy.
type CheckOptions struct {
	// Clocks evaluates the notification obligations; nil skips them.
	Clocks *Clocks
	// Assets is the inventory affected assets are looked up in; nil skips
	// the lookup.
	Assets []*isms.Asset
	// Policy sets the review level; nil means DefaultPolicy.
	Policy *Policy
	// Contents, keyed by evidence ID, are re-hashed against the record.
	Contents map[isms.ID][]byte
}

// Check returns the findings of inc at now, sorted with
// isms.SortFindings. A nil incident has none.
func Check(inc *Incident, now time.Time, opts *CheckOptions) []isms.Finding {
	if inc == nil {
		return nil
	}
	if opts == nil {
		opts = &CheckOptions{}
	}
	p := DefaultPolicy()
	if opts.Policy != nil {
		p = *opts.Policy
	}
	subj := inc.Ref()
	var fs []isms.Finding
	add := func(code, field, msg string, details map[string]string) {
		f := rule(code).Finding(subj, msg)
		f.Field, f.Details = field, details
		fs = append(fs, f)
	}
	declared := inc.Status != StatusReported && inc.Status != StatusTriaging && inc.Status != StatusDismissed && inc.Status != StatusMerged
	if declared && inc.Owner == "" {
		add(CodeOwnerMissing, "owner", "the declared incident has no owner", nil)
	}
	if opts.Clocks != nil {
		facts := inc.Facts()
		for _, o := range opts.Clocks.Obligations(&facts, now) {
			d := map[string]string{"obligation": o.Obligation, "now": now.UTC().Format(time.RFC3339)}
			if !o.Due.IsZero() {
				d["due"] = o.Due.Format(time.RFC3339)
			}
			switch o.Status {
			case ObligationOverdue:
				add(CodeObligationOverdue, "obligations."+o.Obligation, o.Name+" is overdue: "+o.Rule, d)
			case ObligationDueSoon:
				add(CodeObligationDueSoon, "obligations."+o.Obligation, o.Name+" is due soon: "+o.Rule, d)
			case ObligationSubmittedLate:
				if o.Reasons == "" {
					d["submitted_at"] = o.SubmittedAt.UTC().Format(time.RFC3339)
					add(CodeLateWithoutReasons, "obligations."+o.Obligation, o.Name+" was submitted late without reasons", d)
				}
			}
		}
	}
	if inc.Status == StatusClosed && (p.ReviewFrom == "" || p.Scale.Rank(inc.Severity) >= p.Scale.Rank(p.ReviewFrom)) &&
		(inc.Review == nil || inc.Review.CompletedAt.IsZero()) {
		add(CodeClosedWithoutReview, "review", "the incident is closed without a completed post-incident review", map[string]string{"severity": inc.Severity})
	}
	for i, a := range inc.Actions {
		if !a.Status.done() && !a.Due.IsZero() && now.After(a.Due) {
			add(CodeActionOverdue, indexField("actions", i), "action "+string(a.ID)+" is past its due date",
				map[string]string{"due": a.Due.UTC().Format(time.RFC3339), "now": now.UTC().Format(time.RFC3339)})
		}
	}
	for i := range inc.Evidence {
		e := &inc.Evidence[i]
		for _, cf := range e.CheckCustody() {
			cf.Subject, cf.Field = subj, indexField("evidence", i)+"."+cf.Field
			cf.Related = []isms.Ref{{Kind: EvidenceKind, ID: e.ID}}
			fs = append(fs, cf)
		}
		if data, ok := opts.Contents[e.ID]; ok {
			if sum, n, _ := HashContent(bytesReader(data)); sum != e.SHA256 || n != e.Size {
				add(CodeEvidenceHashMismatch, indexField("evidence", i), "evidence "+string(e.ID)+" does not match its recorded hash",
					map[string]string{"recorded": e.SHA256, "actual": sum})
			}
		}
	}
	if opts.Assets != nil {
		known := make(map[isms.ID]bool, len(opts.Assets))
		for _, a := range opts.Assets {
			if a != nil {
				known[a.ID] = true
			}
		}
		for i, r := range inc.AffectedAssets {
			if r.Kind == isms.KindAsset && !known[r.ID] {
				add(CodeAffectedAssetUnknown, indexField("affected_assets", i), "affected asset "+string(r.ID)+" is not in the inventory", nil)
			}
		}
	}
	isms.SortFindings(fs)
	return fs
}
