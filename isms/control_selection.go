package isms

// ControlSelection records that something selected a catalog control:
// usually a risk whose treatment selects it (ISO/IEC 27001:2022 6.1.3 b),
// so that the Statement of Applicability can include the control for risk
// treatment and name the risk (6.1.3 c, d). It is the neutral type that
// bridges the packages without an import between them: package risk
// produces selections (risk.Selections, Register.Selections) and package
// controls consumes them (SoA.RecordSelections, SoACheckOptions).
type ControlSelection struct {
	// Control is the id of the selected control in its catalog.
	Control ID `json:"control"`
	// By is what selected it, such as Ref{Kind: "risk", ID: "R-12"}.
	By Ref `json:"by"`
}

// ControlRef returns the Ref of the selected control.
func (s ControlSelection) ControlRef() Ref { return ControlRef(s.Control) }

// Validate reports a malformed control id or a malformed By ref.
func (s ControlSelection) Validate() error {
	var ps Problems
	if err := s.Control.Validate(); err != nil {
		ps.Add("control", CodeMalformed, err.Error())
	}
	if !s.By.isValid() {
		ps.Merge("by", s.By.Validate())
	}
	return ps.Err("control selection")
}
