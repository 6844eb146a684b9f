package isms

// Rule documents one check of the SDK: the stable code of the findings it
// produces, their severity, what it means, and the requirement it comes
// from. Every package that returns findings lists its checks with a
// function named Rules, so users can build suppression lists and reports
// from data rather than from the documentation.
//
// Severities follow one policy across the SDK:
//
//   - SeverityError: an auditor would raise a nonconformity on it as it
//     stands (a required record or decision is missing or wrong).
//   - SeverityWarning: it will become a nonconformity if nothing is done
//     (a due date approaches, a value is incomplete but not yet required).
//   - SeverityInfo: worth knowing, no requirement at stake.
type Rule struct {
	// Code is the stable dotted code of the rule's findings
	// ("document.review_overdue").
	Code string `json:"code"`
	// Severity is the severity of the rule's findings.
	Severity Severity `json:"severity"`
	// Summary says in one sentence what the rule finds.
	Summary string `json:"summary"`
	// Source is the ISO/IEC 27001:2022 clause ("7.5.2") or Annex A control
	// ("A.5.3") the rule comes from; empty for the SDK's own consistency
	// checks.
	Source string `json:"source,omitempty"`
}

// Finding returns a finding of the rule about subject, with the rule's code
// and severity.
func (r Rule) Finding(subject Ref, message string) Finding {
	return Finding{Code: r.Code, Severity: r.Severity, Subject: subject, Message: message}
}
