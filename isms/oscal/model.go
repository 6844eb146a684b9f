package oscal

// The OSCAL structures below are the subset of the OSCAL 1.1.3 and 1.2.1
// JSON models that the package reads and writes, field for field with the
// official JSON schemas (kebab-case names). Every optional field is
// omitempty, so an export never holds an empty array or object. They are
// unexported: the API speaks in SDK types.

type property struct {
	Name    string `json:"name"`
	UUID    string `json:"uuid,omitempty"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Class   string `json:"class,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

type party struct {
	UUID string `json:"uuid"`
	Type string `json:"type"`
	Name string `json:"name,omitempty"`
}

type role struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type responsibleParty struct {
	RoleID     string   `json:"role-id"`
	PartyUUIDs []string `json:"party-uuids"`
}

type metadata struct {
	Title              string             `json:"title"`
	Published          string             `json:"published,omitempty"`
	LastModified       string             `json:"last-modified"`
	Version            string             `json:"version"`
	OSCALVersion       string             `json:"oscal-version"`
	Props              []property         `json:"props,omitempty"`
	Links              []link             `json:"links,omitempty"`
	Roles              []role             `json:"roles,omitempty"`
	Parties            []party            `json:"parties,omitempty"`
	ResponsibleParties []responsibleParty `json:"responsible-parties,omitempty"`
	Remarks            string             `json:"remarks,omitempty"`
}

type resource struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Props       []property `json:"props,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

type backMatter struct {
	Resources []resource `json:"resources,omitempty"`
}

// Catalog model.

type catalogDoc struct {
	Catalog *catalog `json:"catalog"`
}

type catalog struct {
	UUID       string      `json:"uuid"`
	Metadata   metadata    `json:"metadata"`
	Groups     []group     `json:"groups,omitempty"`
	Controls   []control   `json:"controls,omitempty"`
	BackMatter *backMatter `json:"back-matter,omitempty"`
}

type group struct {
	ID       string     `json:"id,omitempty"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []property `json:"props,omitempty"`
	Groups   []group    `json:"groups,omitempty"`
	Controls []control  `json:"controls,omitempty"`
}

type control struct {
	ID       string     `json:"id"`
	Class    string     `json:"class,omitempty"`
	Title    string     `json:"title"`
	Props    []property `json:"props,omitempty"`
	Controls []control  `json:"controls,omitempty"`
}

// System security plan model.

type sspDoc struct {
	SSP *ssp `json:"system-security-plan"`
}

type ssp struct {
	UUID                  string                `json:"uuid"`
	Metadata              metadata              `json:"metadata"`
	ImportProfile         importProfile         `json:"import-profile"`
	SystemCharacteristics systemCharacteristics `json:"system-characteristics"`
	SystemImplementation  systemImplementation  `json:"system-implementation"`
	ControlImplementation controlImplementation `json:"control-implementation"`
	BackMatter            *backMatter           `json:"back-matter,omitempty"`
}

type importProfile struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

type systemID struct {
	IdentifierType string `json:"identifier-type,omitempty"`
	ID             string `json:"id"`
}

type informationType struct {
	UUID        string `json:"uuid,omitempty"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

type systemInformation struct {
	InformationTypes []informationType `json:"information-types"`
}

type state struct {
	State   string `json:"state"`
	Remarks string `json:"remarks,omitempty"`
}

type description struct {
	Description string `json:"description"`
}

type systemCharacteristics struct {
	SystemIDs             []systemID        `json:"system-ids"`
	SystemName            string            `json:"system-name"`
	Description           string            `json:"description"`
	Props                 []property        `json:"props,omitempty"`
	SystemInformation     systemInformation `json:"system-information"`
	Status                state             `json:"status"`
	AuthorizationBoundary description       `json:"authorization-boundary"`
}

type user struct {
	UUID    string   `json:"uuid"`
	Title   string   `json:"title,omitempty"`
	RoleIDs []string `json:"role-ids,omitempty"`
}

type component struct {
	UUID        string     `json:"uuid"`
	Type        string     `json:"type"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
	Status      state      `json:"status"`
}

type systemImplementation struct {
	Users      []user      `json:"users"`
	Components []component `json:"components"`
}

type controlImplementation struct {
	Description             string                   `json:"description"`
	ImplementedRequirements []implementedRequirement `json:"implemented-requirements"`
}

type implementedRequirement struct {
	UUID         string        `json:"uuid"`
	ControlID    string        `json:"control-id"`
	Props        []property    `json:"props,omitempty"`
	ByComponents []byComponent `json:"by-components,omitempty"`
	Remarks      string        `json:"remarks,omitempty"`
}

type byComponent struct {
	ComponentUUID        string     `json:"component-uuid"`
	UUID                 string     `json:"uuid"`
	Description          string     `json:"description"`
	Props                []property `json:"props,omitempty"`
	ImplementationStatus *state     `json:"implementation-status,omitempty"`
	Remarks              string     `json:"remarks,omitempty"`
}

// Mapping model (OSCAL 1.2.1 only).

type mappingDoc struct {
	MappingCollection *mappingCollection `json:"mapping-collection"`
}

type mappingCollection struct {
	UUID       string            `json:"uuid"`
	Metadata   metadata          `json:"metadata"`
	Provenance mappingProvenance `json:"provenance"`
	Mappings   []mapping         `json:"mappings"`
	BackMatter *backMatter       `json:"back-matter,omitempty"`
}

type mappingProvenance struct {
	Method             string             `json:"method"`
	MatchingRationale  string             `json:"matching-rationale"`
	Status             string             `json:"status"`
	MappingDescription string             `json:"mapping-description"`
	ResponsibleParties []responsibleParty `json:"responsible-parties,omitempty"`
	Props              []property         `json:"props,omitempty"`
	Remarks            string             `json:"remarks,omitempty"`
}

type resourceRef struct {
	Type string `json:"type"`
	Href string `json:"href"`
}

type mapping struct {
	UUID           string      `json:"uuid"`
	SourceResource resourceRef `json:"source-resource"`
	TargetResource resourceRef `json:"target-resource"`
	Maps           []mapEntry  `json:"maps"`
}

type mappingItem struct {
	Type  string `json:"type"`
	IDRef string `json:"id-ref"`
}

type mapEntry struct {
	UUID         string        `json:"uuid"`
	Relationship string        `json:"relationship"`
	Sources      []mappingItem `json:"sources"`
	Targets      []mappingItem `json:"targets"`
	Remarks      string        `json:"remarks,omitempty"`
}

// Plan of action and milestones model.

type poamDoc struct {
	POAM *poam `json:"plan-of-action-and-milestones"`
}

type poam struct {
	UUID       string         `json:"uuid"`
	Metadata   metadata       `json:"metadata"`
	ImportSSP  *importProfile `json:"import-ssp,omitempty"`
	SystemID   *systemID      `json:"system-id,omitempty"`
	Risks      []poamRisk     `json:"risks,omitempty"`
	Findings   []finding      `json:"findings,omitempty"`
	POAMItems  []poamItem     `json:"poam-items"`
	BackMatter *backMatter    `json:"back-matter,omitempty"`
}

type poamRisk struct {
	UUID              string             `json:"uuid"`
	Title             string             `json:"title"`
	Description       string             `json:"description"`
	Statement         string             `json:"statement"`
	Props             []property         `json:"props,omitempty"`
	Status            string             `json:"status"`
	Characterizations []characterization `json:"characterizations,omitempty"`
	Deadline          string             `json:"deadline,omitempty"`
	Remediations      []response         `json:"remediations,omitempty"`
}

type characterization struct {
	Props  []property `json:"props,omitempty"`
	Origin origin     `json:"origin"`
	Facets []facet    `json:"facets"`
}

type facet struct {
	Name    string `json:"name"`
	System  string `json:"system"`
	Value   string `json:"value"`
	Remarks string `json:"remarks,omitempty"`
}

type origin struct {
	Actors       []originActor `json:"actors"`
	RelatedTasks []relatedTask `json:"related-tasks,omitempty"`
}

type originActor struct {
	Type      string `json:"type"`
	ActorUUID string `json:"actor-uuid"`
	RoleID    string `json:"role-id,omitempty"`
}

type relatedTask struct {
	TaskUUID string `json:"task-uuid"`
}

type response struct {
	UUID        string     `json:"uuid"`
	Lifecycle   string     `json:"lifecycle"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
	Tasks       []task     `json:"tasks,omitempty"`
}

type task struct {
	UUID        string     `json:"uuid"`
	Type        string     `json:"type"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Props       []property `json:"props,omitempty"`
	Timing      *timing    `json:"timing,omitempty"`
	Remarks     string     `json:"remarks,omitempty"`
}

type timing struct {
	OnDate          *onDate    `json:"on-date,omitempty"`
	WithinDateRange *dateRange `json:"within-date-range,omitempty"`
}

type onDate struct {
	Date string `json:"date"`
}

type dateRange struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

type poamItem struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
	Origins     []origin   `json:"origins,omitempty"`
	// RelatedFindings point at the findings the item corrects.
	RelatedFindings []relatedFinding `json:"related-findings,omitempty"`
	RelatedRisks    []relatedRisk    `json:"related-risks,omitempty"`
}

type relatedFinding struct {
	FindingUUID string `json:"finding-uuid"`
}

type relatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}

// Assessment results model.

type resultsDoc struct {
	AR *assessmentResults `json:"assessment-results"`
}

type assessmentResults struct {
	UUID       string        `json:"uuid"`
	Metadata   metadata      `json:"metadata"`
	ImportAP   importProfile `json:"import-ap"`
	Results    []result      `json:"results"`
	BackMatter *backMatter   `json:"back-matter,omitempty"`
}

type result struct {
	UUID             string           `json:"uuid"`
	Title            string           `json:"title"`
	Description      string           `json:"description"`
	Start            string           `json:"start"`
	End              string           `json:"end,omitempty"`
	Props            []property       `json:"props,omitempty"`
	ReviewedControls reviewedControls `json:"reviewed-controls"`
	Observations     []observation    `json:"observations,omitempty"`
	Risks            []poamRisk       `json:"risks,omitempty"`
	Findings         []finding        `json:"findings,omitempty"`
	Remarks          string           `json:"remarks,omitempty"`
}

type reviewedControls struct {
	ControlSelections []controlSelection `json:"control-selections"`
}

type controlSelection struct {
	IncludeAll      *struct{}       `json:"include-all,omitempty"`
	IncludeControls []selectControl `json:"include-controls,omitempty"`
}

type selectControl struct {
	ControlID string `json:"control-id"`
}

type observation struct {
	UUID        string     `json:"uuid"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
	Methods     []string   `json:"methods"`
	Origins     []origin   `json:"origins,omitempty"`
	// RelevantEvidence lists the evidence examined.
	RelevantEvidence []relevantEvidence `json:"relevant-evidence,omitempty"`
	Collected        string             `json:"collected"`
	Remarks          string             `json:"remarks,omitempty"`
}

type relevantEvidence struct {
	Href        string     `json:"href,omitempty"`
	Description string     `json:"description"`
	Props       []property `json:"props,omitempty"`
}

// finding is an OSCAL finding (assessment-results and POA&M).
type finding struct {
	UUID                string               `json:"uuid"`
	Title               string               `json:"title"`
	Description         string               `json:"description"`
	Props               []property           `json:"props,omitempty"`
	Origins             []origin             `json:"origins,omitempty"`
	Target              findingTarget        `json:"target"`
	RelatedObservations []relatedObservation `json:"related-observations,omitempty"`
	RelatedRisks        []relatedRisk        `json:"related-risks,omitempty"`
	Remarks             string               `json:"remarks,omitempty"`
}

type findingTarget struct {
	Type     string          `json:"type"`
	TargetID string          `json:"target-id"`
	Title    string          `json:"title,omitempty"`
	Status   objectiveStatus `json:"status"`
}

type objectiveStatus struct {
	State  string `json:"state"`
	Reason string `json:"reason,omitempty"`
}

type relatedObservation struct {
	ObservationUUID string `json:"observation-uuid"`
}
