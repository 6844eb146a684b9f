// Package audit is the "Check" and "Act" of the ISMS (ISO/IEC 27001:2022
// clauses 9.2, 9.3, 10.1 and 10.2) and the readiness assessment for
// certification. It reads every domain package (risk, controls,
// incident, bcp, audit/sampling); none of them imports it.
//
// # Requirements as data
//
// controls.ISO27001_2022Clauses holds the management-system clauses 4.1
// to 10.2 (numbers and headings only) as a catalog beside Annex A
// (controls.ISO27001_2022), so that programmes, checklists, findings and
// readiness name clauses (controls.ClauseRef, kind KindClause) and
// controls (isms.ControlRef) alike. RequirementClauses lists the clauses
// audited as requirements, and Covers says whether an audit scope
// ("9.2", "A.5") covers a requirement ("9.2.2", "A.5.15").
//
// # The audit programme (9.2)
//
// A Programme plans Audits over a certification cycle (three years by
// default), each with criteria, scope, auditors, dates and results.
// CheckProgramme reports every clause and every applicable SoA control
// no audit of the cycle covers, controls selected by high risks audited
// less often than a FrequencyRule (data) requires, and auditors who audit
// their own area or work: they hold, through the management system's
// role assignments (isms.Staffing), a role responsible for a requirement
// in scope, or own it in the SoA.
//
// # Checklists (9.2.2)
//
// BuildChecklist turns an audit's scope into items from the clauses and
// the SoA (applicable controls with their evidence refs), each with a
// test procedure (inspect, observe, enquire, re-perform). Where a
// population is tested, Item.RecordSample ties the item to an
// audit/sampling selection and its evaluation, and the evaluation
// decides the result. CheckChecklist reports open items, results the
// sample contradicts and nonconformities no finding records.
//
// # Findings and corrective action (10.2)
//
// A Finding is a major or minor nonconformity, an observation or an
// opportunity for improvement, with the requirement it fails, evidence,
// root cause, correction, corrective action, owner and due date. It moves
// through FindingLifecycle (open → in_progress → implemented →
// verified_effective → closed, or reopened), an isms.StateMachine whose
// guards require the analysis before implementation and an independent
// effectiveness check before closing. CheckFindings reports overdue
// actions and open major nonconformities. Finding.RiskInputs and
// Finding.Improvement raise risk-register inputs and improvement entries
// as data with isms.Refs. Service stores findings for one tenant; every
// write needs an actor (isms.WithActor) and names the revision it read.
//
// # Management review (9.3)
//
// AssembleReview gathers the inputs 9.3.2 lists from a ReviewSnapshot of
// the other packages (risk register, SoA, incidents and their lessons,
// BCP findings, control monitoring, objectives, audits and findings); an
// input whose source is missing is an audit.review.input_missing
// finding. CheckReviews reports a review that is missing or overdue
// (yearly by default) and decisions without owner or past due.
//
// # Continual improvement (10.1)
//
// Improvement is an entry of the improvement register, from any source
// (audit, incident lesson, review output, risk, control check), with its
// actions. PDCA groups what happened in a period into plan, do, check and
// act, with what is overdue.
//
// # Readiness
//
// Readiness assesses a Snapshot of the whole ISMS at a time: the state of
// every clause and every applicable control with the findings behind it,
// and a verdict for Stage 1 (is the design documented and complete?) and
// Stage 2 (has it run long enough, three months of records by default,
// with an internal audit, a management review and no open major
// nonconformity?), each with its reasons as findings. WriteMarkdown
// writes the report an organisation hands its consultant; the Report
// marshals to JSON.
//
// Every check returns isms.Findings with stable "audit." codes, listed
// with their severities and clauses by Rules. The checks are pure and
// take the time as an argument (the Service takes it from the store's
// clock); nil receivers and arguments give documented
// zero results or isms.ErrInvalid errors, never a panic.
package audit
