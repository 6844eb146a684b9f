package risk

import (
	"strconv"
	"strings"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// ExportOptions configures the register and treatment plan exports. A nil
// *ExportOptions means the defaults.
type ExportOptions struct {
	// KeepFormulas writes CSV cells exactly as they are. By default a cell
	// that a spreadsheet could read as a formula is prefixed with a single
	// quote ('), as controls.WriteCSV does: a cell whose first character
	// is a tab, CR or LF, or whose first character other than a space,
	// tab, CR or LF is =, +, -, @ or one of their full-width forms
	// ＝ ＋ － ＠. It does not apply to Markdown, which no spreadsheet
	// evaluates.
	KeepFormulas bool `json:"keep_formulas,omitempty"`
}

// registerColumns is the header of the register exports.
var registerColumns = []string{
	"risk_id", "title", "owner", "status", "category", "assets", "threat", "vulnerability",
	"inherent", "current", "residual", "treatment", "controls", "progress", "plan_status",
	"acceptance", "acceptance_expires",
}

// planColumns is the header of the treatment plan exports.
var planColumns = []string{
	"risk_id", "risk", "risk_owner", "option", "controls", "action_id", "action", "action_owner",
	"due", "action_status", "completed", "progress", "residual", "acceptance", "acceptance_expires",
}

// RegisterColumns returns the header row of the register exports
// (WriteRegisterCSV, WriteRegisterMarkdown).
func RegisterColumns() []string { return append([]string(nil), registerColumns...) }

// TreatmentPlanColumns returns the header row of the treatment plan
// exports (WriteTreatmentPlanCSV, WriteTreatmentPlanMarkdown).
func TreatmentPlanColumns() []string { return append([]string(nil), planColumns...) }

// registerRows is one row per risk, in the order given; nil risks are
// skipped.
func registerRows(risks []*Risk) [][]string {
	rows := make([][]string, 0, len(risks))
	for _, r := range risks {
		if r == nil {
			continue
		}
		t := r.Treatment
		option, progress := "", ""
		if t != nil {
			option = string(t.Option)
			progress = progressText(t)
		}
		rows = append(rows, []string{
			string(r.ID), r.Title, r.Owner, string(r.Status), r.Category, refsText(r.Assets),
			r.Threat, r.Vulnerability, levelText(r.Inherent), levelText(r.Current), levelText(r.Residual),
			option, treatmentControls(t), progress, planStatusText(t),
			acceptanceState(r), acceptanceExpires(r),
		})
	}
	return rows
}

// planRows is the risk treatment plan (ISO/IEC 27001:2022 6.1.3 e, 8.3):
// one row per action of every treated risk, in the order given; a treated
// risk without actions has one row with empty action cells. Risks without
// a treatment have no plan and no row.
func planRows(risks []*Risk) [][]string {
	var rows [][]string
	for _, r := range risks {
		if r == nil || r.Treatment == nil {
			continue
		}
		t := r.Treatment
		head := []string{string(r.ID), r.Title, r.Owner, string(t.Option), treatmentControls(t)}
		tail := []string{progressText(t), levelText(r.Residual), acceptanceState(r), acceptanceExpires(r)}
		if len(t.Actions) == 0 {
			row := append(append(append([]string(nil), head...), "", "", "", "", "", ""), tail...)
			rows = append(rows, row)
			continue
		}
		for _, a := range t.Actions {
			row := append([]string(nil), head...)
			row = append(row, string(a.ID), a.Title, a.Owner, dateText(a.Due), string(a.Status), dateText(a.CompletedAt))
			rows = append(rows, append(row, tail...))
		}
	}
	return rows
}

func levelText(a *Assessment) string {
	if a == nil {
		return ""
	}
	return a.Level
}

// progressText is "done/total" (cancelled actions do not count).
func progressText(t *Treatment) string {
	done, total := t.Progress()
	return strconv.Itoa(done) + "/" + strconv.Itoa(total)
}

func planStatusText(t *Treatment) string {
	if t == nil {
		return ""
	}
	return string(t.PlanStatus())
}

// treatmentControls lists the controls the treatment selects: catalog ids
// for control refs, kind/id for others, joined by "; ".
func treatmentControls(t *Treatment) string {
	if t == nil {
		return ""
	}
	parts := make([]string, len(t.Controls))
	for i, c := range t.Controls {
		if c.Kind == ControlKind {
			parts[i] = string(c.ID)
		} else {
			parts[i] = c.String()
		}
	}
	return strings.Join(parts, "; ")
}

func refsText(refs []isms.Ref) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.String()
	}
	return strings.Join(parts, "; ")
}

// acceptanceState is the status of the last acceptance, or "".
func acceptanceState(r *Risk) string {
	if a := r.LatestAcceptance(); a != nil {
		return string(a.Status)
	}
	return ""
}

// acceptanceExpires is the expiry of an accepted last acceptance.
func acceptanceExpires(r *Risk) string {
	if a := r.LatestAcceptance(); a != nil && a.Status == AcceptanceAccepted {
		return dateText(a.ExpiresAt)
	}
	return ""
}

// dateText is YYYY-MM-DD in UTC, or "" for the zero time.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
