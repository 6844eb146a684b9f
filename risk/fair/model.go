package fair

// vulnMode is how a threat event becomes a loss event.
type vulnMode uint8

const (
	vulnNone     vulnMode = iota // every event is a loss event (LEF given)
	vulnDirect                   // with the probability Vulnerability, drawn per year
	vulnCapacity                 // when a capability draw exceeds a resistance draw
)

// model is a validated scenario compiled for sampling.
type model struct {
	product   bool
	top       Frequency // LEF, TEF or contact frequency
	contact   bool      // top is a contact frequency thinned by poa
	poa       Distribution
	vuln      vulnMode
	vul       Distribution
	tcap, rs  Distribution
	primary   Distribution
	secondary bool
	slef, sl  Distribution
}

func compile(s *Scenario) model {
	m := model{product: s.Mode == ModeProduct, primary: s.PrimaryLoss.withTable(),
		poa: s.ProbabilityOfAction.withTable(), vul: s.Vulnerability.withTable(),
		tcap: s.ThreatCapability.withTable(), rs: s.ResistanceStrength.withTable(),
		slef: s.SecondaryLossEventFrequency.withTable(), sl: s.SecondaryLoss.withTable(),
		secondary: !s.SecondaryLoss.IsZero()}
	switch {
	case !s.LossEventFrequency.IsZero():
		m.top = s.LossEventFrequency
	case !s.ThreatEventFrequency.IsZero():
		m.top = s.ThreatEventFrequency
	default:
		m.top, m.contact = s.ContactFrequency, true
	}
	m.top.rate = m.top.rate.withTable()
	switch {
	case !s.Vulnerability.IsZero():
		m.vuln = vulnDirect
	case !s.ThreatCapability.IsZero():
		m.vuln = vulnCapacity
	}
	return m
}

// simulate fills out (zeroed, one element per simulated year) with the
// annual losses of consecutive years drawn from g.
func (m *model) simulate(g *rng, out []float64) {
	if m.product {
		for i := range out {
			out[i] = m.productYear(g)
		}
		return
	}
	f := &m.top
	if !f.gap {
		for i := range out {
			if n := f.count(g); n > 0 {
				out[i] = m.yearLoss(g, n)
			}
		}
		return
	}
	if f.p0 == 0 {
		return
	}
	// Skip the years without events: the number of event-free years
	// before the next event year is geometric, ⌊E/−ln(1−p₀)⌋ with E
	// standard exponential.
	n := len(out)
	for i := 0; ; i++ {
		gap := g.exp() * f.gapScale
		if gap >= float64(n-i) {
			return
		}
		i += int(gap)
		out[i] = m.yearLoss(g, f.countGiven(g))
	}
}

// yearLoss is the loss of a year with n top-level events (compound mode).
// Per-year probabilities are drawn when first needed.
func (m *model) yearLoss(g *rng, n int) float64 {
	if m.vuln == vulnNone && !m.contact && !m.secondary {
		loss := 0.0
		for range n {
			loss += m.primary.sample(g)
		}
		return loss
	}
	loss, poa, vul, slef := 0.0, -1.0, -1.0, -1.0
	for range n {
		if m.contact {
			if poa < 0 {
				poa = m.poa.sample(g)
			}
			if g.float64() >= poa {
				continue
			}
		}
		switch m.vuln {
		case vulnDirect:
			if vul < 0 {
				vul = m.vul.sample(g)
			}
			if g.float64() >= vul {
				continue
			}
		case vulnCapacity:
			if m.tcap.sample(g) <= m.rs.sample(g) {
				continue
			}
		}
		loss += m.primary.sample(g)
		if m.secondary {
			if slef < 0 {
				slef = m.slef.sample(g)
			}
			if g.float64() < slef {
				loss += m.sl.sample(g)
			}
		}
	}
	return loss
}

// productYear is the loss of a year in product mode: LEF × LM.
func (m *model) productYear(g *rng) float64 {
	lef := m.top.value(g)
	if m.contact {
		lef *= m.poa.sample(g)
	}
	switch m.vuln {
	case vulnDirect:
		lef *= m.vul.sample(g)
	case vulnCapacity:
		if m.tcap.sample(g) <= m.rs.sample(g) {
			lef = 0
		}
	}
	lm := m.primary.sample(g)
	if m.secondary {
		lm += m.slef.sample(g) * m.sl.sample(g)
	}
	return lef * lm
}
