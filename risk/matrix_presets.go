package risk

// Display colours of the presets' risk levels.
const (
	colorLow      = "#2e7d32"
	colorMedium   = "#f9a825"
	colorHigh     = "#ef6c00"
	colorVeryHigh = "#c62828"
)

// bandGrid fills an nl × ni grid with the band of each cell's score: the
// number of thresholds at or below it.
func bandGrid(nl, ni int, score func(l, i int) int, thresholds []int) [][]int {
	g := make([][]int, nl)
	for l := range g {
		g[l] = make([]int, ni)
		for i := range g[l] {
			s := score(l, i)
			for _, t := range thresholds {
				if s >= t {
					g[l][i]++
				}
			}
		}
	}
	return g
}

func product(l, i int) int { return (l + 1) * (i + 1) }
func sum(l, i int) int     { return (l + 1) + (i + 1) }

// Preset3x3 returns a 3×3 matrix: likelihood low, medium, high; impact
// low, medium, high; risk low, medium, high. The grid bands the product of
// the ordinals: 1–2 low, 3–4 medium, 6–9 high.
//
//	likelihood \ impact   low     medium  high
//	high                  medium  high    high
//	medium                low     medium  high
//	low                   low     low     medium
func Preset3x3() *Matrix {
	return &Matrix{
		Name:        "ismskit 3x3",
		Version:     "1",
		Description: "Three-level likelihood and impact; product of the ordinals banded 1-2 low, 3-4 medium, 6-9 high.",
		Likelihood: []Level{
			{ID: "low", Name: "Low", Description: "Not expected in the next three years."},
			{ID: "medium", Name: "Medium", Description: "Could happen in the next three years."},
			{ID: "high", Name: "High", Description: "Expected within a year."},
		},
		Impact: []Level{
			{ID: "low", Name: "Low", Description: "Noticeable inconvenience, absorbed by normal operations."},
			{ID: "medium", Name: "Medium", Description: "Disruption or loss that management must handle."},
			{ID: "high", Name: "High", Description: "Harm to the organisation's objectives, customers or legal standing."},
		},
		Risk: []Level{
			{ID: "low", Name: "Low", Description: "Acceptable; monitor.", Color: colorLow},
			{ID: "medium", Name: "Medium", Description: "Treat or accept explicitly.", Color: colorMedium},
			{ID: "high", Name: "High", Description: "Treat as a priority.", Color: colorVeryHigh},
		},
		Grid:      bandGrid(3, 3, product, []int{3, 6}),
		Monotonic: true,
	}
}

// Preset4x4 returns a 4×4 matrix whose explicit grid weighs impact more
// than likelihood, as many national methods do: a critical impact is high
// risk even when unlikely, while a very likely but limited impact stays
// medium. The grid is monotonic but not symmetric.
//
//	likelihood \ impact   limited  significant  serious  critical
//	very_likely           medium   medium       high     high
//	likely                low      medium       high     high
//	possible              low      medium       medium   high
//	unlikely              low      low          medium   high
func Preset4x4() *Matrix {
	const lo, me, hi = 0, 1, 2
	return &Matrix{
		Name:        "ismskit 4x4 impact-weighted",
		Version:     "1",
		Description: "Four-level likelihood and impact with an explicit, impact-weighted grid.",
		Likelihood: []Level{
			{ID: "unlikely", Name: "Unlikely", Description: "Requires rare conditions or a highly capable, motivated source."},
			{ID: "possible", Name: "Possible", Description: "Has happened in comparable organisations."},
			{ID: "likely", Name: "Likely", Description: "Expected within the next two years."},
			{ID: "very_likely", Name: "Very likely", Description: "Expected within a year, or already observed."},
		},
		Impact: []Level{
			{ID: "limited", Name: "Limited", Description: "Handled without lasting effect."},
			{ID: "significant", Name: "Significant", Description: "Degraded service or loss recovered within weeks."},
			{ID: "serious", Name: "Serious", Description: "Major loss, regulatory breach or lasting harm to customers."},
			{ID: "critical", Name: "Critical", Description: "Threatens the organisation's survival or people's safety."},
		},
		Risk: []Level{
			{ID: "low", Name: "Low", Description: "Acceptable; monitor.", Color: colorLow},
			{ID: "medium", Name: "Medium", Description: "Treat or accept explicitly.", Color: colorMedium},
			{ID: "high", Name: "High", Description: "Not acceptable without treatment.", Color: colorVeryHigh},
		},
		Grid: [][]int{
			{lo, lo, me, hi}, // unlikely
			{lo, me, me, hi}, // possible
			{lo, me, hi, hi}, // likely
			{me, me, hi, hi}, // very_likely
		},
		Monotonic: true,
	}
}

var fiveLikelihoods = []Level{
	{ID: "rare", Name: "Rare", Description: "May occur only in exceptional circumstances; less than once in ten years."},
	{ID: "unlikely", Name: "Unlikely", Description: "Could occur; about once in three to ten years."},
	{ID: "possible", Name: "Possible", Description: "Might occur; about once in one to three years."},
	{ID: "likely", Name: "Likely", Description: "Will probably occur; about once a year."},
	{ID: "almost_certain", Name: "Almost certain", Description: "Expected to occur several times a year."},
}

var fourRiskLevels = []Level{
	{ID: "low", Name: "Low", Description: "Acceptable; monitor at the normal review cadence.", Color: colorLow},
	{ID: "medium", Name: "Medium", Description: "Treat, or accept with the risk owner's sign-off.", Color: colorMedium},
	{ID: "high", Name: "High", Description: "Treat; acceptance needs top management.", Color: colorHigh},
	{ID: "very_high", Name: "Very high", Description: "Not acceptable; treat immediately.", Color: colorVeryHigh},
}

// Preset5x5 returns a 5×5 multiplicative matrix: likelihood rare, unlikely,
// possible, likely, almost_certain; impact insignificant, minor, moderate,
// major, severe; risk low, medium, high, very_high. The grid bands the
// product of the ordinals: 1–4 low, 5–9 medium, 10–16 high, 20–25
// very_high.
func Preset5x5() *Matrix {
	return &Matrix{
		Name:        "ismskit 5x5",
		Version:     "1",
		Description: "Five-level likelihood and impact; product of the ordinals banded 1-4 low, 5-9 medium, 10-16 high, 20-25 very high.",
		Likelihood:  append([]Level(nil), fiveLikelihoods...),
		Impact: []Level{
			{ID: "insignificant", Name: "Insignificant", Description: "No noticeable effect on operations or people."},
			{ID: "minor", Name: "Minor", Description: "Short disruption or small loss, handled locally."},
			{ID: "moderate", Name: "Moderate", Description: "Disruption of a key service for hours, or a reportable loss."},
			{ID: "major", Name: "Major", Description: "Loss of a key service for days, regulatory sanction, or harm to many customers."},
			{ID: "severe", Name: "Severe", Description: "Threatens the organisation's survival or people's safety."},
		},
		Risk:      append([]Level(nil), fourRiskLevels...),
		Grid:      bandGrid(5, 5, product, []int{5, 10, 20}),
		Monotonic: true,
	}
}

// Preset5x5ISO27005 returns a 5×5 matrix in the manner of the examples in
// ISO/IEC 27005: qualitative five-level likelihood and consequence scales
// combined additively, the risk value being the sum of the two ordinals
// (2–10), banded 2–4 low, 5–6 medium, 7–8 high, 9–10 very_high. The level
// names and thresholds are this SDK's own and are not taken from the
// standard; adapt them to the organisation's risk criteria.
//
//	likelihood \ impact  negligible  minor   significant  serious    critical
//	almost_certain       medium      high    high         very_high  very_high
//	likely               medium      medium  high         high       very_high
//	possible             low         medium  medium       high       high
//	unlikely             low         low     medium       medium     high
//	rare                 low         low     low          medium     medium
func Preset5x5ISO27005() *Matrix {
	return &Matrix{
		Name:        "ismskit 5x5 ISO/IEC 27005-style",
		Version:     "1",
		Description: "Five-level likelihood and consequence combined additively (sum of the ordinals, 2-10), banded 2-4 low, 5-6 medium, 7-8 high, 9-10 very high.",
		Likelihood:  append([]Level(nil), fiveLikelihoods...),
		Impact: []Level{
			{ID: "negligible", Name: "Negligible", Description: "No lasting effect; absorbed by normal operations."},
			{ID: "minor", Name: "Minor", Description: "Limited effect on one process or a few people; recovered within days."},
			{ID: "significant", Name: "Significant", Description: "Noticeable harm to operations, customers or compliance; recovered within weeks."},
			{ID: "serious", Name: "Serious", Description: "Serious harm: key services lost, regulatory breach, major financial loss."},
			{ID: "critical", Name: "Critical", Description: "Threatens the organisation's survival, people's safety or fundamental rights."},
		},
		Risk:      append([]Level(nil), fourRiskLevels...),
		Grid:      bandGrid(5, 5, sum, []int{5, 7, 9}),
		Monotonic: true,
	}
}

// Presets returns a fresh copy of every preset matrix: Preset3x3,
// Preset4x4, Preset5x5 and Preset5x5ISO27005.
func Presets() []*Matrix {
	return []*Matrix{Preset3x3(), Preset4x4(), Preset5x5(), Preset5x5ISO27005()}
}
