package incident

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Metrics are the response times of a set of incidents: mean times to
// detect (occurred → detected), acknowledge (detected → declared),
// contain (declared → eradication began), resolve (detected → resolved),
// each over the incidents that have both instants, and the share of
// notifications submitted on time among those submitted.
type Metrics struct {
	Count             int           `json:"count"`
	MeanTimeToDetect  isms.Duration `json:"mean_time_to_detect"`
	MeanTimeToAck     isms.Duration `json:"mean_time_to_acknowledge"`
	MeanTimeToContain isms.Duration `json:"mean_time_to_contain"`
	MeanTimeToResolve isms.Duration `json:"mean_time_to_resolve"`
	Submitted         int           `json:"submitted"`
	SubmittedOnTime   int           `json:"submitted_on_time"`
	OnTimeShare       float64       `json:"on_time_share"`
}

// MetricsGroup is the metrics of one severity and period (the month, in
// UTC, of detection: "2026-03").
type MetricsGroup struct {
	Severity string  `json:"severity"`
	Period   string  `json:"period"`
	Metrics  Metrics `json:"metrics"`
}

// ComputeMetrics returns the metrics of incs, overall and per severity
// and month of detection (groups sorted by period, then severity). The
// on-time share uses clocks at now (nil clocks: no notification figures).
// Nil incidents are skipped.
func ComputeMetrics(incs []*Incident, clocks *Clocks, now time.Time) (Metrics, []MetricsGroup) {
	type acc struct {
		m                      Metrics
		det, ack, con, res     time.Duration
		nDet, nAck, nCon, nRes int
	}
	total := &acc{}
	groups := map[[2]string]*acc{}
	var buf []ObligationState
	for _, inc := range incs {
		if inc == nil {
			continue
		}
		key := [2]string{inc.Severity, ""}
		if !inc.DetectedAt.IsZero() {
			key[1] = inc.DetectedAt.UTC().Format("2006-01")
		}
		g := groups[key]
		if g == nil {
			g = &acc{}
			groups[key] = g
		}
		contained := time.Time{}
		for _, e := range inc.Timeline {
			if e.Field == FieldStatus && e.To == string(StatusEradication) {
				contained = e.At
				break
			}
		}
		facts := inc.Facts()
		buf = clocks.AppendObligations(buf[:0], &facts, now)
		for _, a := range []*acc{total, g} {
			a.m.Count++
			span := func(from, to time.Time, sum *time.Duration, n *int) {
				if !from.IsZero() && !to.IsZero() && !to.Before(from) {
					*sum += to.Sub(from)
					*n++
				}
			}
			span(inc.OccurredAt, inc.DetectedAt, &a.det, &a.nDet)
			span(inc.DetectedAt, inc.DeclaredAt, &a.ack, &a.nAck)
			span(inc.DeclaredAt, contained, &a.con, &a.nCon)
			span(inc.DetectedAt, inc.ResolvedAt, &a.res, &a.nRes)
			for _, o := range buf {
				switch o.Status {
				case ObligationSubmittedOnTime:
					a.m.Submitted++
					a.m.SubmittedOnTime++
				case ObligationSubmittedLate:
					a.m.Submitted++
				}
			}
		}
	}
	finish := func(a *acc) Metrics {
		m := a.m
		mean := func(s time.Duration, n int) isms.Duration {
			if n == 0 {
				return isms.Duration{}
			}
			return isms.ClockDuration(s / time.Duration(n))
		}
		m.MeanTimeToDetect, m.MeanTimeToAck = mean(a.det, a.nDet), mean(a.ack, a.nAck)
		m.MeanTimeToContain, m.MeanTimeToResolve = mean(a.con, a.nCon), mean(a.res, a.nRes)
		if m.Submitted > 0 {
			m.OnTimeShare = float64(m.SubmittedOnTime) / float64(m.Submitted)
		}
		return m
	}
	out := make([]MetricsGroup, 0, len(groups))
	for k, a := range groups {
		out = append(out, MetricsGroup{Severity: k[0], Period: k[1], Metrics: finish(a)})
	}
	slices.SortFunc(out, func(a, b MetricsGroup) int {
		if a.Period != b.Period {
			if a.Period < b.Period {
				return -1
			}
			return 1
		}
		if a.Severity < b.Severity {
			return -1
		} else if a.Severity > b.Severity {
			return 1
		}
		return 0
	})
	return finish(total), out
}
