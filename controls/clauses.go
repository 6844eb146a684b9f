package controls

import (
	"strings"
	"sync"

	"github.com/ismskit/ismskit/isms"
)

// CatalogISO27001_2022Clauses is the id of the catalog of management-system
// clauses returned by ISO27001_2022Clauses.
const CatalogISO27001_2022Clauses isms.ID = "iso27001-2022-clauses"

// KindClause is the Ref kind of a management-system clause of ISO/IEC
// 27001:2022, as in isms.Ref{Kind: "clause", ID: "9.2.2"}; Annex A
// controls keep the kind KindControl.
const KindClause = "clause"

// PropParent is the property of a sub-clause (6.1.1, 7.5.2, 9.3.3) of
// ISO27001_2022Clauses that names the clause it belongs to (6.1, 7.5, 9.3).
const PropParent = "parent"

// ClauseRef returns isms.Ref{Kind: KindClause, ID: id}.
func ClauseRef(id isms.ID) isms.Ref { return isms.Ref{Kind: KindClause, ID: id} }

// clauseGroups are the seven top-level clauses that state requirements.
var clauseGroups = [...][2]string{
	{"4", "Context of the organization"},
	{"5", "Leadership"},
	{"6", "Planning"},
	{"7", "Support"},
	{"8", "Operation"},
	{"9", "Performance evaluation"},
	{"10", "Improvement"},
}

// clauseTable lists the clauses 4.1 to 10.2 with their headings, in the
// order of the standard. Numbers and headings only: the text is ISO's.
var clauseTable = [...][2]string{
	{"4.1", "Understanding the organization and its context"},
	{"4.2", "Understanding the needs and expectations of interested parties"},
	{"4.3", "Determining the scope of the information security management system"},
	{"4.4", "Information security management system"},
	{"5.1", "Leadership and commitment"},
	{"5.2", "Policy"},
	{"5.3", "Organizational roles, responsibilities and authorities"},
	{"6.1", "Actions to address risks and opportunities"},
	{"6.1.1", "General"},
	{"6.1.2", "Information security risk assessment"},
	{"6.1.3", "Information security risk treatment"},
	{"6.2", "Information security objectives and planning to achieve them"},
	{"6.3", "Planning of changes"},
	{"7.1", "Resources"},
	{"7.2", "Competence"},
	{"7.3", "Awareness"},
	{"7.4", "Communication"},
	{"7.5", "Documented information"},
	{"7.5.1", "General"},
	{"7.5.2", "Creating and updating"},
	{"7.5.3", "Control of documented information"},
	{"8.1", "Operational planning and control"},
	{"8.2", "Information security risk assessment"},
	{"8.3", "Information security risk treatment"},
	{"9.1", "Monitoring, measurement, analysis and evaluation"},
	{"9.2", "Internal audit"},
	{"9.2.1", "General"},
	{"9.2.2", "Internal audit programme"},
	{"9.3", "Management review"},
	{"9.3.1", "General"},
	{"9.3.2", "Management review inputs"},
	{"9.3.3", "Management review results"},
	{"10.1", "Continual improvement"},
	{"10.2", "Nonconformity and corrective action"},
}

var builtinClauses = sync.OnceValue(func() *Catalog {
	groups := make([]Group, len(clauseGroups))
	for i, g := range clauseGroups {
		groups[i] = Group{ID: isms.ID(g[0]), Title: g[1]}
	}
	ctls := make([]Control, len(clauseTable))
	for i, c := range clauseTable {
		id := c[0]
		top, _, _ := strings.Cut(id, ".")
		ctl := Control{ID: isms.ID(id), Title: c[1], Group: isms.ID(top)}
		if strings.Count(id, ".") == 2 {
			ctl.Props = map[string]string{PropParent: id[:strings.LastIndexByte(id, '.')]}
		}
		ctls[i] = ctl
	}
	cat, err := NewCatalog(CatalogInfo{
		ID: CatalogISO27001_2022Clauses, Title: "ISO/IEC 27001:2022 clauses 4 to 10", Version: "2022", Publisher: "ISO/IEC",
		Licence: "Clause numbers and headings only; the text of ISO/IEC 27001:2022 is copyrighted by ISO and IEC and is not included.",
	}, groups, ctls)
	if err != nil {
		panic("controls: built-in clause catalog is corrupt: " + err.Error())
	}
	return cat
})

// ISO27001_2022Clauses returns the management-system requirements of
// ISO/IEC 27001:2022 as a catalog beside Annex A (ISO27001_2022): the
// clauses 4.1 to 10.2, numbers and headings only, in seven groups (4
// Context of the organization ... 10 Improvement), in the order of the
// standard. The sub-clauses 6.1.1 to 6.1.3, 7.5.1 to 7.5.3, 9.2.1, 9.2.2
// and 9.3.1 to 9.3.3 follow their clause and carry PropParent. Refer to
// a clause with ClauseRef. The Catalog is immutable.
func ISO27001_2022Clauses() *Catalog { return builtinClauses().share() }
