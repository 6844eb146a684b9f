package incident

import (
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Exemptions of GDPR Art. 34(3) from communicating a breach to the data
// subjects, as recorded in an Assessment.
const (
	// ExemptionUnintelligible: Art. 34(3)(a), the data were rendered
	// unintelligible to anyone not authorised (encryption).
	ExemptionUnintelligible = "art34_3_a_unintelligible"
	// ExemptionRiskNoLongerLikely: Art. 34(3)(b), subsequent measures
	// ensure the high risk is no longer likely to materialise.
	ExemptionRiskNoLongerLikely = "art34_3_b_subsequent_measures"
	// ExemptionDisproportionateEffort: Art. 34(3)(c), it would involve
	// disproportionate effort; a public communication is made instead.
	ExemptionDisproportionateEffort = "art34_3_c_public_communication"
)

// Tags of the built-in regimes' triggers, set on Incident.Tags.
const (
	// TagTrustService: the entity is a trust service provider (NIS2 Art.
	// 23(4)(b): notification within 24 hours).
	TagTrustService = "nis2.trust_service"
	// TagCRAVulnerability: an actively exploited vulnerability in a
	// product with digital elements (CRA Art. 14(1)).
	TagCRAVulnerability = "cra.actively_exploited_vulnerability"
	// TagCRASevereIncident: a severe incident having an impact on the
	// security of a product with digital elements (CRA Art. 14(3)).
	TagCRASevereIncident = "cra.severe_incident"
	// TagSOCICritical: a cyber security incident with a significant impact
	// on a critical infrastructure asset (SOCI Act 2018 s 30BC).
	TagSOCICritical = "soci.critical"
	// TagSOCIRelevant: a cyber security incident with a relevant impact
	// (SOCI Act 2018 s 30BD).
	TagSOCIRelevant = "soci.relevant"
	// TagHIPAA: a breach of unsecured protected health information.
	TagHIPAA = "hipaa.phi"
	// TagNYDFS: a cybersecurity incident at a NYDFS-regulated entity.
	TagNYDFS = "nydfs.covered_entity"
	// TagSOCIRansomware: a reporting business entity under the Cyber
	// Security Act 2024 (Cth) Part 3.
	TagSOCIRansomware = "au.ransomware_reporting_entity"
)

// BuiltinRegimes returns a fresh copy of every built-in regime: GDPR,
// UK GDPR, NIS2, DORA, SEC Form 8-K, HIPAA, NYDFS Part 500, the Cyber
// Resilience Act and Australia's SOCI and ransomware payment reporting.
func BuiltinRegimes() []*Regime {
	return []*Regime{GDPR(), UKGDPR(), NIS2(), DORA(), SEC8K(), HIPAA(), NYDFS(), CRA(), SOCI()}
}

// GDPR is Regulation (EU) 2016/679. Art. 33(1): the controller notifies
// the supervisory authority of a personal data breach without undue delay
// and, where feasible, not later than 72 hours after having become aware
// of it, unless the breach is unlikely to result in a risk to the rights
// and freedoms of natural persons (record that assessment as an
// Assessment of "gdpr.art33"); a notification after 72 hours is
// accompanied by reasons for the delay (Submission.Reasons). Art. 34(1):
// when the breach is likely to result in a high risk, the data subjects
// are told without undue delay (no numeric deadline), unless one of the
// three exemptions of Art. 34(3) applies. Zone: Europe/Brussels (set the
// lead authority's zone on a copy if it differs).
func GDPR() *Regime {
	return gdprLike("gdpr", "GDPR (Regulation (EU) 2016/679)", "Europe/Brussels", "GDPR")
}

// UKGDPR is the UK GDPR (retained Regulation (EU) 2016/679 as amended by
// the Data Protection Act 2018): Art. 33 and 34 as in GDPR, to the
// Information Commissioner, in Europe/London.
func UKGDPR() *Regime {
	return gdprLike("uk_gdpr", "UK GDPR", "Europe/London", "UK GDPR")
}

func gdprLike(id, name, zone, cite string) *Regime {
	return &Regime{ID: id, Name: name, Zone: zone, Obligations: []Obligation{
		{ID: id + ".art33", Name: "Notification to the supervisory authority", Recipient: "supervisory authority",
			Rule:    cite + " Art. 33(1): notify the supervisory authority not later than 72 hours after becoming aware of the personal data breach, unless it is unlikely to result in a risk; late notifications give reasons.",
			Trigger: Trigger{PersonalData: true}, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(72)}},
		{ID: id + ".art34", Name: "Communication to the data subjects", Recipient: "data subjects",
			Rule:         cite + " Art. 34(1): communicate the breach to the data subjects without undue delay when it is likely to result in a high risk, unless an exemption of Art. 34(3) applies.",
			Trigger:      Trigger{PersonalData: true, HighRisk: true},
			NoNumericDue: true,
			Exemptions:   []string{ExemptionUnintelligible, ExemptionRiskNoLongerLikely, ExemptionDisproportionateEffort}},
	}}
}

// NIS2 is Directive (EU) 2022/2555, Art. 23(4), for significant
// incidents: an early warning within 24 hours of becoming aware (a); an
// incident notification within 72 hours of becoming aware, 24 hours for
// trust service providers (b, TagTrustService); an intermediate report on
// request of the CSIRT or authority (c, no numeric deadline); a final
// report not later than one month after the submission of the incident
// notification (d) — and, when the incident is ongoing at that time, a
// progress report then (e) and the final report within one month of the
// end of handling. Zone: Europe/Brussels. The final and progress reports
// count from the submission of "nis2.notification": a trust service
// provider records its notification under both
// "nis2.notification_trust_service" and "nis2.notification".
func NIS2() *Regime {
	const cite = "NIS2 (Directive (EU) 2022/2555) Art. 23(4)"
	sig := Trigger{Significant: true}
	notif := Deadline{Anchor: AnchorSubmitted, Obligation: "nis2.notification", Period: isms.Months(1)}
	return &Regime{ID: "nis2", Name: "NIS2 (Directive (EU) 2022/2555)", Zone: "Europe/Brussels", Obligations: []Obligation{
		{ID: "nis2.early_warning", Name: "Early warning", Recipient: "CSIRT or competent authority",
			Rule:    cite + "(a): an early warning without undue delay and within 24 hours of becoming aware of the significant incident.",
			Trigger: sig, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(24)}},
		{ID: "nis2.notification", Name: "Incident notification", Recipient: "CSIRT or competent authority",
			Rule:    cite + "(b): an incident notification within 72 hours of becoming aware of the significant incident.",
			Trigger: Trigger{Significant: true, NotTags: []string{TagTrustService}}, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(72)}},
		{ID: "nis2.notification_trust_service", Name: "Incident notification (trust service provider)", Recipient: "CSIRT or competent authority",
			Rule:    cite + " second subparagraph: for trust service providers, the incident notification within 24 hours of becoming aware.",
			Trigger: Trigger{Significant: true, Tags: []string{TagTrustService}}, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(24)}},
		{ID: "nis2.intermediate", Name: "Intermediate report", Recipient: "CSIRT or competent authority",
			Rule:    cite + "(c): an intermediate report on relevant status updates upon the request of the CSIRT or the competent authority.",
			Trigger: Trigger{Significant: true, Requested: true}, NoNumericDue: true},
		{ID: "nis2.progress", Name: "Progress report", Recipient: "CSIRT or competent authority",
			Rule:    cite + "(e): where the incident is ongoing at the time of the final report, a progress report at that time.",
			Trigger: Trigger{Significant: true, Ongoing: true}, Due: notif},
		{ID: "nis2.final", Name: "Final report", Recipient: "CSIRT or competent authority",
			Rule:    cite + "(d),(e): a final report not later than one month after the submission of the incident notification; if the incident is then ongoing, within one month of its handling ending.",
			Trigger: sig, Due: notif,
			IfOngoing: &Deadline{Anchor: AnchorResolved, Period: isms.Months(1)}},
	}}
}

// DORA is Regulation (EU) 2022/2554 Art. 19 with Delegated Regulation
// (EU) 2025/301 Art. 5, for major ICT-related incidents: the initial
// notification within 4 hours of classification as major and no later
// than 24 hours after becoming aware (5(1)(a)); the intermediate report
// within 72 hours of the submission of the initial notification (5(1)(b));
// the final report within one month of the submission of the latest
// intermediate report (5(1)(c)). Art. 5(2): for the entities it applies
// to, a deadline for the intermediate or final report falling on a
// weekend or bank holiday moves to 12:00 of the next working day: set
// WeekendRelief on a copy (off by default) and the holidays of the
// competent authority's Member State in WorkingDays. Zone:
// Europe/Brussels.
func DORA() *Regime {
	const cite = "DORA (Regulation (EU) 2022/2554) Art. 19(4); Delegated Regulation (EU) 2025/301 Art. 5"
	major := Trigger{Major: true}
	return &Regime{ID: "dora", Name: "DORA (Regulation (EU) 2022/2554)", Zone: "Europe/Brussels", Obligations: []Obligation{
		{ID: "dora.initial", Name: "Initial notification", Recipient: "competent authority",
			Rule:    cite + "(1)(a): the initial notification within 4 hours of classification as major, and no later than 24 hours after becoming aware of the incident.",
			Trigger: major, Due: Deadline{Anchor: AnchorClassified, Period: isms.Hours(4)},
			NoLaterThan: &Deadline{Anchor: AnchorAware, Period: isms.Hours(24)}},
		{ID: "dora.intermediate", Name: "Intermediate report", Recipient: "competent authority",
			Rule:    cite + "(1)(b): the intermediate report within 72 hours of the submission of the initial notification.",
			Trigger: major, Due: Deadline{Anchor: AnchorSubmitted, Obligation: "dora.initial", Period: isms.Hours(72)}, WeekendRelief: true},
		{ID: "dora.final", Name: "Final report", Recipient: "competent authority",
			Rule:    cite + "(1)(c): the final report within one month of the submission of the latest intermediate report.",
			Trigger: major, Due: Deadline{Anchor: AnchorSubmitted, Obligation: "dora.intermediate", Period: isms.Months(1)}, WeekendRelief: true},
	}}
}

// SEC8K is Form 8-K Item 1.05 (17 CFR 249.308; General Instruction B.1):
// a material cybersecurity incident is disclosed within four business
// days after the registrant determines it is material. Business days are
// counted on the US federal calendar (weekends and federal holidays,
// observed), in America/New_York; the due instant is the end of the
// fourth business day.
func SEC8K() *Regime {
	return &Regime{ID: "sec", Name: "SEC Form 8-K Item 1.05", Zone: "America/New_York",
		Calendar: CalendarBusinessDays, WorkingDays: Calendar{USFederal: true}, Obligations: []Obligation{
			{ID: "sec.8k_1_05", Name: "Form 8-K Item 1.05", Recipient: "SEC (EDGAR)",
				Rule:    "SEC Form 8-K Item 1.05, General Instruction B.1: file within four business days after determining that the cybersecurity incident is material.",
				Trigger: Trigger{Material: true}, Due: Deadline{Anchor: AnchorMateriality, Period: isms.Days(4)}},
		}}
}

// HIPAA is the Breach Notification Rule, 45 CFR 164.404–164.408, for
// breaches of unsecured protected health information (TagHIPAA):
// individuals without unreasonable delay and no later than 60 calendar
// days after discovery (164.404(b)); the media when more than 500
// residents of a State or jurisdiction are affected, within the same 60
// days (164.406); the Secretary (HHS) within 60 days of discovery when
// 500 or more individuals are affected, otherwise within 60 days after
// the end of the calendar year of discovery (164.408). Discovery is
// Facts.AwareAt. Zone: America/New_York.
func HIPAA() *Regime {
	const cite = "HIPAA Breach Notification Rule, 45 CFR "
	phi := []string{TagHIPAA}
	sixty := isms.Days(60)
	return &Regime{ID: "hipaa", Name: "HIPAA Breach Notification Rule", Zone: "America/New_York", Obligations: []Obligation{
		{ID: "hipaa.individuals", Name: "Notice to individuals", Recipient: "individuals",
			Rule:    cite + "164.404(b): notify each individual no later than 60 calendar days after discovery of the breach.",
			Trigger: Trigger{Tags: phi}, Due: Deadline{Anchor: AnchorAware, Period: sixty}},
		{ID: "hipaa.media", Name: "Notice to the media", Recipient: "prominent media outlets",
			Rule:    cite + "164.406: when more than 500 residents of a State or jurisdiction are affected, notify the media no later than 60 calendar days after discovery.",
			Trigger: Trigger{Tags: phi, MinResidentsOneState: 501}, Due: Deadline{Anchor: AnchorAware, Period: sixty}},
		{ID: "hipaa.hhs", Name: "Notice to the Secretary (500 or more)", Recipient: "HHS",
			Rule:    cite + "164.408(b): for a breach affecting 500 or more individuals, notify the Secretary within 60 calendar days after discovery.",
			Trigger: Trigger{Tags: phi, MinPeople: 500}, Due: Deadline{Anchor: AnchorAware, Period: sixty}},
		{ID: "hipaa.hhs_annual", Name: "Notice to the Secretary (fewer than 500)", Recipient: "HHS",
			Rule:    cite + "164.408(c): for a breach affecting fewer than 500 individuals, notify the Secretary within 60 days after the end of the calendar year of discovery.",
			Trigger: Trigger{Tags: phi, MaxPeople: 499}, Due: Deadline{Anchor: AnchorAwareYearEnd, Period: sixty}},
	}}
}

// NYDFS is 23 NYCRR 500.17 (as amended November 2023), for covered
// entities (TagNYDFS): notice to the superintendent within 72 hours of
// determining that a cybersecurity incident has occurred (500.17(a),
// counted from Facts.DeclaredAt); notice of an extortion payment within 24
// hours of the payment (500.17(c)(1)), and the written justification
// within 30 days of it (500.17(c)(2)). Zone: America/New_York.
func NYDFS() *Regime {
	const cite = "NYDFS 23 NYCRR "
	cov := []string{TagNYDFS}
	return &Regime{ID: "nydfs", Name: "NYDFS Cybersecurity Regulation (23 NYCRR 500)", Zone: "America/New_York", Obligations: []Obligation{
		{ID: "nydfs.incident", Name: "Cybersecurity incident notice", Recipient: "superintendent",
			Rule:    cite + "500.17(a)(1): notify the superintendent within 72 hours of determining that a cybersecurity incident has occurred.",
			Trigger: Trigger{Tags: cov}, Due: Deadline{Anchor: AnchorDeclared, Period: isms.Hours(72)}},
		{ID: "nydfs.extortion", Name: "Extortion payment notice", Recipient: "superintendent",
			Rule:    cite + "500.17(c)(1): notify the superintendent within 24 hours of an extortion payment.",
			Trigger: Trigger{Tags: cov, RansomPaid: true}, Due: Deadline{Anchor: AnchorRansomPaid, Period: isms.Hours(24)}},
		{ID: "nydfs.extortion_justification", Name: "Extortion payment justification", Recipient: "superintendent",
			Rule:    cite + "500.17(c)(2): within 30 days of an extortion payment, a written description of the reasons it was necessary.",
			Trigger: Trigger{Tags: cov, RansomPaid: true}, Due: Deadline{Anchor: AnchorRansomPaid, Period: isms.Days(30)}},
	}}
}

// CRAStart is the date the reporting obligations of the Cyber Resilience
// Act apply from (Regulation (EU) 2024/2847 Art. 71(2)): 11 September 2026.
func CRAStart() time.Time { return time.Date(2026, time.September, 11, 0, 0, 0, 0, time.UTC) }

// CRA is the Cyber Resilience Act, Regulation (EU) 2024/2847, Art. 14,
// from 11 September 2026 (CRAStart). For an actively exploited
// vulnerability (TagCRAVulnerability, Art. 14(2)): an early warning within
// 24 hours of becoming aware, a notification within 72 hours, and a final
// report within 14 days after a corrective or mitigating measure is
// available. For a severe incident (TagCRASevereIncident, Art. 14(4)):
// an early warning within 24 hours, a notification within 72 hours, and a
// final report within one month after the submission of the
// notification. Zone: Europe/Brussels.
func CRA() *Regime {
	const cite = "Cyber Resilience Act (Regulation (EU) 2024/2847) Art. 14"
	v, i := []string{TagCRAVulnerability}, []string{TagCRASevereIncident}
	from := CRAStart()
	aware := func(h int) Deadline { return Deadline{Anchor: AnchorAware, Period: isms.Hours(h)} }
	return &Regime{ID: "cra", Name: "Cyber Resilience Act (Regulation (EU) 2024/2847)", Zone: "Europe/Brussels", Obligations: []Obligation{
		{ID: "cra.vulnerability.early_warning", Name: "Early warning (vulnerability)", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(2)(a): an early warning of an actively exploited vulnerability within 24 hours of becoming aware.",
			Trigger: Trigger{Tags: v}, Due: aware(24), From: from},
		{ID: "cra.vulnerability.notification", Name: "Vulnerability notification", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(2)(b): a vulnerability notification within 72 hours of becoming aware.",
			Trigger: Trigger{Tags: v}, Due: aware(72), From: from},
		{ID: "cra.vulnerability.final", Name: "Final report (vulnerability)", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(2)(c): a final report no later than 14 days after a corrective or mitigating measure is available.",
			Trigger: Trigger{Tags: v}, Due: Deadline{Anchor: AnchorCorrectiveMeasure, Period: isms.Days(14)}, From: from},
		{ID: "cra.incident.early_warning", Name: "Early warning (severe incident)", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(4)(a): an early warning of a severe incident within 24 hours of becoming aware.",
			Trigger: Trigger{Tags: i}, Due: aware(24), From: from},
		{ID: "cra.incident.notification", Name: "Incident notification", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(4)(b): an incident notification within 72 hours of becoming aware.",
			Trigger: Trigger{Tags: i}, Due: aware(72), From: from},
		{ID: "cra.incident.final", Name: "Final report (severe incident)", Recipient: "CSIRT coordinator and ENISA",
			Rule:    cite + "(4)(c): a final report within one month after the submission of the incident notification.",
			Trigger: Trigger{Tags: i}, Due: Deadline{Anchor: AnchorSubmitted, Obligation: "cra.incident.notification", Period: isms.Months(1)}, From: from},
	}}
}

// SOCI is Australia's Security of Critical Infrastructure Act 2018
// mandatory cyber incident reporting, to the Australian Cyber Security
// Centre: a critical incident (significant impact, TagSOCICritical)
// within 12 hours of becoming aware (s 30BC), a relevant incident
// (TagSOCIRelevant) within 72 hours (s 30BD); and the Cyber Security Act
// 2024 (Cth) s 27 ransomware payment report within 72 hours of making the
// payment or becoming aware it was made (TagSOCIRansomware; record the
// earlier in Facts.RansomPaidAt). Zone: Australia/Sydney.
func SOCI() *Regime {
	return &Regime{ID: "au_soci", Name: "Australia SOCI Act 2018 and Cyber Security Act 2024", Zone: "Australia/Sydney", Obligations: []Obligation{
		{ID: "au_soci.critical", Name: "Critical cyber security incident report", Recipient: "ASD's ACSC",
			Rule:    "SOCI Act 2018 s 30BC: report a cyber security incident with a significant impact within 12 hours of becoming aware.",
			Trigger: Trigger{Tags: []string{TagSOCICritical}}, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(12)}},
		{ID: "au_soci.relevant", Name: "Other cyber security incident report", Recipient: "ASD's ACSC",
			Rule:    "SOCI Act 2018 s 30BD: report a cyber security incident with a relevant impact within 72 hours of becoming aware.",
			Trigger: Trigger{Tags: []string{TagSOCIRelevant}}, Due: Deadline{Anchor: AnchorAware, Period: isms.Hours(72)}},
		{ID: "au_soci.ransomware_payment", Name: "Ransomware payment report", Recipient: "ASD's ACSC",
			Rule:    "Cyber Security Act 2024 (Cth) s 27: report a ransomware payment within 72 hours of making it or becoming aware it was made.",
			Trigger: Trigger{Tags: []string{TagSOCIRansomware}, RansomPaid: true}, Due: Deadline{Anchor: AnchorRansomPaid, Period: isms.Hours(72)}},
	}}
}
