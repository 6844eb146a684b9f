package bcp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// failing collects, from findings, the nodes that are subjects of an error
// or warning and the edges (dependent → dependency) along their "path"
// details.
func failing(fs []isms.Finding) (nodes map[isms.ID]bool, edges map[[2]isms.ID]bool) {
	nodes, edges = map[isms.ID]bool{}, map[[2]isms.ID]bool{}
	for _, f := range fs {
		if f.Severity != isms.SeverityError && f.Severity != isms.SeverityWarning {
			continue
		}
		if f.Subject.Kind == KindActivity || f.Subject.Kind == KindResource {
			nodes[f.Subject.ID] = true
		}
		parts := strings.Split(f.Details["path"], " → ")
		for i := 1; i < len(parts); i++ {
			edges[[2]isms.ID{isms.ID(parts[i-1]), isms.ID(parts[i])}] = true
		}
	}
	return nodes, edges
}

// nodeLabel is a node's name with its objectives and capabilities, one
// item a line.
func (a *Analysis) nodeLabel(v int32) []string {
	g := a.g
	var lines []string
	if act := g.activity(v); act != nil {
		lines = append(lines, act.Name+" ("+string(act.Criticality)+")")
	} else {
		r := g.resource(v)
		lines = append(lines, r.Name+" ("+string(r.Kind)+")")
	}
	if a.downDone[v] {
		rto, rpo := a.objective(v, true), a.objective(v, false)
		if !rto.IsZero() {
			lines = append(lines, "RTO "+rto.Value.String()+via(rto, g.ids[v]))
		}
		if !rpo.IsZero() {
			lines = append(lines, "RPO "+rpo.Value.String()+via(rpo, g.ids[v]))
		}
	}
	if a.upDone[v] {
		lines = append(lines, "achievable RTO "+show(a.achRTO[v]))
		if x := a.achRPO[v]; x != none {
			if x == unbounded {
				lines = append(lines, "achievable RPO unbounded")
			} else {
				lines = append(lines, "achievable RPO "+show(x))
			}
		}
	}
	return lines
}

func via(o Objective, self isms.ID) string {
	if o.SetBy == self {
		return ""
	}
	return " from " + string(o.SetBy)
}

// Mermaid returns the dependency graph of b as a Mermaid flowchart
// (https://mermaid.js.org/syntax/flowchart.html), top-down from the
// activities: each node labelled with its name, effective objectives and
// achievable values; nodes that are subjects of an error or warning among
// findings, and the edges along their paths, highlighted in red. Node IDs
// are n0, n1, ... in BIA order. A nil b is an empty chart.
func Mermaid(b *BIA, findings []isms.Finding) string {
	a := Analyze(b)
	g := a.g
	bad, badEdges := failing(findings)
	var sb strings.Builder
	sb.WriteString("flowchart TD\n")
	sb.WriteString("    classDef activity fill:#e3f2fd,stroke:#1565c0\n")
	sb.WriteString("    classDef failing fill:#ffebee,stroke:#c62828,stroke-width:2px\n")
	for v := range int32(g.n()) {
		shape := [2]string{"[\"", "\"]"}
		if int(v) < g.acts {
			shape = [2]string{"([\"", "\"])"}
		}
		fmt.Fprintf(&sb, "    n%d%s%s%s\n", v, shape[0], mermaidText(string(g.ids[v]), a.nodeLabel(v)), shape[1])
	}
	edge := 0
	var red []string
	for v := range int32(g.n()) {
		for _, w := range g.out(v) {
			fmt.Fprintf(&sb, "    n%d --> n%d\n", v, w)
			if badEdges[[2]isms.ID{g.ids[v], g.ids[w]}] {
				red = append(red, strconv.Itoa(edge))
			}
			edge++
		}
	}
	for v := range int32(g.n()) {
		switch {
		case bad[g.ids[v]]:
			fmt.Fprintf(&sb, "    class n%d failing\n", v)
		case int(v) < g.acts:
			fmt.Fprintf(&sb, "    class n%d activity\n", v)
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&sb, "    linkStyle %s stroke:#c62828,stroke-width:2px\n", strings.Join(red, ","))
	}
	return sb.String()
}

// mermaidText is a node's text: its ID in bold, then the label lines,
// with the characters Mermaid would read as markup replaced by entities.
func mermaidText(id string, lines []string) string {
	esc := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ", "\r", " ")
	parts := make([]string, 0, len(lines)+1)
	parts = append(parts, "<b>"+esc.Replace(id)+"</b>")
	for _, l := range lines {
		parts = append(parts, esc.Replace(l))
	}
	return strings.Join(parts, "<br/>")
}

// DOT returns the dependency graph of b in Graphviz DOT, as Mermaid does:
// activities as ellipses, resources as boxes, labelled with objectives and
// capabilities, failing nodes and edges in red. A nil b is an empty graph.
func DOT(b *BIA, findings []isms.Finding) string {
	a := Analyze(b)
	g := a.g
	bad, badEdges := failing(findings)
	var sb strings.Builder
	sb.WriteString("digraph bia {\n    rankdir=TB;\n    node [shape=box, fontname=\"Helvetica\"];\n")
	for v := range int32(g.n()) {
		attrs := []string{"label=" + dotQuote(string(g.ids[v])+"\n"+strings.Join(a.nodeLabel(v), "\n"))}
		if int(v) < g.acts {
			attrs = append(attrs, "shape=ellipse")
		}
		if bad[g.ids[v]] {
			attrs = append(attrs, `color="#c62828"`, "penwidth=2")
		}
		fmt.Fprintf(&sb, "    %s [%s];\n", dotQuote(string(g.ids[v])), strings.Join(attrs, ", "))
	}
	for v := range int32(g.n()) {
		for _, w := range g.out(v) {
			attr := ""
			if badEdges[[2]isms.ID{g.ids[v], g.ids[w]}] {
				attr = ` [color="#c62828", penwidth=2]`
			}
			fmt.Fprintf(&sb, "    %s -> %s%s;\n", dotQuote(string(g.ids[v])), dotQuote(string(g.ids[w])), attr)
		}
	}
	sb.WriteString("}\n")
	return sb.String()
}

// dotQuote quotes s as a DOT string, lines separated by \n.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", "")
	return `"` + r.Replace(s) + `"`
}

// mdCell makes s safe in a Markdown table cell.
func mdCell(s string) string {
	if s == "" {
		return "—"
	}
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}

// RecoveryOrderTable returns a recovery order (Analysis.RecoveryOrder) as
// a Markdown table: position, node, kind, criticality, RTO, achievable
// RTO, and a mark on the critical path.
func RecoveryOrderTable(steps []RecoveryStep) string {
	var sb strings.Builder
	sb.WriteString("| # | Node | Kind | Criticality | RTO | Achievable RTO | Critical path |\n")
	sb.WriteString("|---|------|------|-------------|-----|----------------|---------------|\n")
	for _, s := range steps {
		kind, rto, crit := "resource", "", ""
		if s.Activity {
			kind = "activity"
		}
		if !s.RTO.IsZero() {
			rto = s.RTO.String()
		}
		if s.Critical {
			crit = "yes"
		}
		fmt.Fprintf(&sb, "| %d | %s | %s | %s | %s | %s | %s |\n", s.Position, mdCell(string(s.ID)), kind,
			mdCell(string(s.Criticality)), mdCell(rto), s.AchievableRTO, mdCell(crit))
	}
	return sb.String()
}

// Report returns a BIA report in Markdown for the snapshot at now: the
// activities with their objectives and achievable values, the resources
// with their effective objectives and capabilities, the recovery order,
// the critical path and the findings of Check. A nil snapshot or BIA is a
// report saying so.
func Report(s *Snapshot, now time.Time) string {
	var sb strings.Builder
	if s == nil || s.BIA == nil {
		sb.WriteString("# Business impact analysis\n\nNo BIA.\n")
		return sb.String()
	}
	b := s.BIA
	a := Analyze(b)
	fmt.Fprintf(&sb, "# Business impact analysis %s", mdCell(string(b.ID)))
	if b.Version > 0 {
		fmt.Fprintf(&sb, " (version %d)", b.Version)
	}
	fmt.Fprintf(&sb, "\n\nAs of %s. Durations are ISO 8601; derived values are computed from the graph.\n\n", stamp(now))
	sb.WriteString("## Activities\n\n| Activity | Owner | Criticality | MTPD | Derived MTPD | RTO | Achievable RTO | RPO | Achievable RPO |\n")
	sb.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for i := range b.Activities {
		act := &b.Activities[i]
		der := ""
		if dm, ok := b.DerivedMTPD(act); ok {
			der = dm.Value.String()
		}
		ach, achRPO := "", ""
		if n, ok := a.Node(act.ID); ok && n.RolledUp {
			ach = n.AchievableRTO.Value.String()
			achRPO = rpoText(n)
		}
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mdCell(act.Name), mdCell(act.Owner),
			mdCell(string(act.Criticality)), durCell(act.MTPD), mdCell(der), durCell(act.RTO), mdCell(ach), durCell(act.RPO), mdCell(achRPO))
	}
	sb.WriteString("\n## Resources\n\n| Resource | Kind | Effective RTO | Set by | Effective RPO | Set by | Achievable RTO | Worst-case RPO |\n")
	sb.WriteString("|---|---|---|---|---|---|---|---|\n")
	for i := range b.Resources {
		r := &b.Resources[i]
		n, _ := a.Node(r.ID)
		worst := ""
		if w, ok := r.WorstCaseRPO(); ok {
			worst = w.Value.String()
		}
		ach := ""
		if n.RolledUp {
			ach = n.AchievableRTO.Value.String()
		}
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", mdCell(r.Name), r.Kind,
			objCell(n.RTO), mdCell(string(n.RTO.SetBy)), objCell(n.RPO), mdCell(string(n.RPO.SetBy)), mdCell(ach), mdCell(worst))
	}
	sb.WriteString("\n## Recovery order\n\n")
	sb.WriteString(RecoveryOrderTable(a.RecoveryOrder()))
	if p := a.CriticalPath(); len(p) > 0 {
		fmt.Fprintf(&sb, "\nCritical path: %s.\n", mdCell(joinPath(p)))
	}
	fs := Check(s, now)
	fmt.Fprintf(&sb, "\n## Findings (%d)\n\n", len(fs))
	for _, f := range fs {
		fmt.Fprintf(&sb, "- **%s** `%s` %s: %s\n", f.Severity, f.Code, mdCell(f.Subject.String()), mdCell(f.Message))
	}
	return sb.String()
}

func durCell(d isms.Duration) string {
	if d.IsZero() {
		return "—"
	}
	return d.String()
}

func objCell(o Objective) string {
	if o.IsZero() {
		return "—"
	}
	return o.Value.String()
}

func rpoText(n NodeAnalysis) string {
	if !n.AchievableRPO.Derived {
		return ""
	}
	if n.RPOUnbounded {
		return "unbounded (" + string(n.RPOSource) + ")"
	}
	return n.AchievableRPO.Value.String() + " (" + string(n.RPOSource) + ")"
}
