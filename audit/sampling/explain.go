package sampling

import (
	"strconv"
	"strings"

	"github.com/ismskit/ismskit/internal/stats"
)

// Explanation is the trace of how a result was reached, written so that an
// auditor can re-perform it by hand or in another tool: the rule applied,
// the inputs it was applied to, the arithmetic in order, and the outcome.
type Explanation struct {
	// Rule states the decision rule in one sentence.
	Rule string `json:"rule"`
	// Inputs lists the inputs in the order the rule uses them.
	Inputs []ExplanationInput `json:"inputs"`
	// Steps lists the arithmetic, one line per step.
	Steps []string `json:"steps"`
	// Outcome states the result.
	Outcome string `json:"outcome"`
}

// ExplanationInput is one named input of an Explanation, with its value as
// text.
type ExplanationInput struct {
	// Name is the input's name, as in the JSON of the plan.
	Name string `json:"name"`
	// Value is the input's value as text.
	Value string `json:"value"`
}

// String renders the explanation as indented plain text, one item a line.
func (e Explanation) String() string {
	var b strings.Builder
	b.WriteString("rule: ")
	b.WriteString(e.Rule)
	b.WriteString("\ninputs:\n")
	for _, f := range e.Inputs {
		b.WriteString("  ")
		b.WriteString(f.Name)
		b.WriteString(" = ")
		b.WriteString(f.Value)
		b.WriteString("\n")
	}
	b.WriteString("steps:\n")
	for _, s := range e.Steps {
		b.WriteString("  ")
		b.WriteString(s)
		b.WriteString("\n")
	}
	b.WriteString("outcome: ")
	b.WriteString(e.Outcome)
	return b.String()
}

// fmtNum renders an input exactly as the shortest decimal that round-trips.
func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// fmtProb renders a computed probability or limit to six significant
// digits.
func fmtProb(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }

func fmtInt(n int) string { return strconv.Itoa(n) }

// plural renders "1 item" or "3 items".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// fmtExactProduct renders f x n exactly as a decimal, such as "14" for
// 0.035 x 400 or "0.93" for 0.01 x 93.
func fmtExactProduct(f stats.Frac, n int) string { return f.MulString(uint64(n)) }
