package bcp

import (
	"slices"
	"strings"
	"time"

	"github.com/ismskit/ismskit/internal/parallel"
	"github.com/ismskit/ismskit/isms"
)

// Check inspects a snapshot at the time now and returns its findings,
// sorted (isms.SortFindings); Rules lists the codes. It is a pure
// function, linear in the size of the snapshot apart from the sort, and
// safe on invalid input (Validate reports structural problems; Check
// ignores what it cannot resolve). Each finding names its subject (Refs
// of kind KindActivity, KindResource, KindPlan or DRTestKindName), the
// values compared in Details, and the path through the graph where one
// is involved ("path": "checkout → payment-api → db"). Values compared
// are the durations' nominal lengths (isms.Duration.Nominal). A nil
// snapshot or BIA has no findings.
func Check(s *Snapshot, now time.Time) []isms.Finding {
	if s == nil || s.BIA == nil {
		return nil
	}
	c := &checker{s: s, b: s.BIA, a: Analyze(s.BIA), now: now}
	c.index()
	c.cycles()
	c.nodes()
	for i := range s.Plans {
		c.plan(&s.Plans[i])
	}
	isms.SortFindings(c.out)
	return c.out
}

type checker struct {
	s   *Snapshot
	b   *BIA
	a   *Analysis
	now time.Time
	out []isms.Finding
	// planned[id]: some plan targets the node.
	planned map[isms.ID]bool
	// covered[id]: some test covers the resource; failoverOK[id]: an
	// evaluated failover or full-scale test covering it passed.
	covered, failoverOK map[isms.ID]bool
	// tests of each plan, done (evaluated or closed), with their verdicts.
	byPlan map[isms.ID][]judged
	plans  map[isms.ID]*RecoveryPlan
	ranks  map[string]int // the impact scale's levels
}

// checkRun is the number of nodes a goroutine checks at a time: checking
// a node takes about a microsecond, so a run of 4,096 is worth the
// goroutine, and a BIA of fewer nodes is checked in one.
const checkRun = 4096

// nodes checks every activity and resource, in BIA order. A large graph
// is checked on up to GOMAXPROCS goroutines (internal/parallel), each run
// of nodes into findings of its own, joined in run order, so the findings
// are the ones, in the order, that one loop would make. The checks only
// read the analysis and the indexes.
func (c *checker) nodes() {
	g := c.a.g
	runs := make([][]isms.Finding, (g.n()+checkRun-1)/checkRun)
	parallel.Runs(g.n(), checkRun, func(r, lo, hi int) {
		w := *c
		w.out = nil
		for v := lo; v < hi; v++ {
			if v < g.acts {
				w.activity(int32(v))
			} else {
				w.resource(int32(v))
			}
		}
		runs[r] = w.out
	})
	total := len(c.out)
	for _, fs := range runs {
		total += len(fs)
	}
	c.out = slices.Grow(c.out, total-len(c.out))
	for _, fs := range runs {
		c.out = append(c.out, fs...)
	}
}

type judged struct {
	t *DRTest
	v Verdict
}

func (c *checker) index() {
	c.ranks = scaleRanks(c.b.ImpactScale)
	c.planned = make(map[isms.ID]bool, len(c.s.Plans))
	c.plans = make(map[isms.ID]*RecoveryPlan, len(c.s.Plans))
	for i := range c.s.Plans {
		p := &c.s.Plans[i]
		c.planned[p.Target] = true
		if _, dup := c.plans[p.ID]; !dup {
			c.plans[p.ID] = p
		}
	}
	c.covered = make(map[isms.ID]bool)
	c.failoverOK = make(map[isms.ID]bool)
	c.byPlan = make(map[isms.ID][]judged)
	for i := range c.s.Tests {
		t := &c.s.Tests[i]
		if t.status() == DRTestCancelled {
			continue
		}
		var planRes []isms.ID
		p := c.plans[t.Plan]
		if p != nil {
			planRes = p.resources()
		}
		for _, r := range t.Resources {
			c.covered[r] = true
		}
		for _, r := range planRes {
			c.covered[r] = true
		}
		if p != nil {
			c.covered[p.Target] = true
		}
		if !t.status().Done() {
			continue
		}
		rto, rpo := c.testObjectives(t, p)
		j := judged{t: t, v: t.Verdict(rto, rpo)}
		if p != nil {
			c.byPlan[p.ID] = append(c.byPlan[p.ID], j)
		}
		if j.v.Passed && (t.Kind == DRTestFailover || t.Kind == DRTestFullScale) {
			for _, r := range t.Resources {
				c.failoverOK[r] = true
			}
			for _, r := range planRes {
				c.failoverOK[r] = true
			}
			if p != nil {
				c.failoverOK[p.Target] = true
			}
		}
	}
}

// testObjectives are the objectives a test is judged against: its plan's
// target's effective RTO and RPO, or the strictest effective objectives
// of the resources it covers.
func (c *checker) testObjectives(t *DRTest, p *RecoveryPlan) (rto, rpo isms.Duration) {
	ids := t.Resources
	if p != nil {
		ids = []isms.ID{p.Target}
	}
	for _, id := range ids {
		v, ok := c.a.g.index[id]
		if !ok || !c.a.downDone[v] {
			continue
		}
		if o := c.a.objective(v, true); !o.IsZero() && (rto.IsZero() || o.Value.Nominal() < rto.Nominal()) {
			rto = o.Value
		}
		if o := c.a.objective(v, false); !o.IsZero() && (rpo.IsZero() || o.Value.Nominal() < rpo.Nominal()) {
			rpo = o.Value
		}
	}
	return rto, rpo
}

func (c *checker) add(code string, subject isms.Ref, field, msg string, details map[string]string, related ...isms.Ref) {
	f := ruleByCode[code].Finding(subject, msg)
	f.Field = field
	f.Details = details
	f.Related = related
	c.out = append(c.out, f)
}

func (c *checker) ref(v int32) isms.Ref {
	if int(v) < c.a.g.acts {
		return isms.NewRef(KindActivity, c.a.g.ids[v])
	}
	return isms.NewRef(KindResource, c.a.g.ids[v])
}

func joinPath(p []isms.ID) string {
	parts := make([]string, len(p))
	for i, id := range p {
		parts[i] = string(id)
	}
	return strings.Join(parts, " → ")
}

func (c *checker) cycles() {
	for _, cyc := range c.a.cycles {
		path := c.a.idPath(cyc)
		related := make([]isms.Ref, 0, len(cyc)-1)
		for _, v := range cyc[1:] {
			related = append(related, c.ref(v))
		}
		p := joinPath(path)
		c.add(CodeDependencyCycle, c.ref(cyc[0]), "depends_on", "dependency cycle "+p,
			map[string]string{"path": p}, related...)
	}
}

func (c *checker) activity(v int32) {
	act := c.a.g.activity(v)
	subj := c.ref(v)
	if act.Owner == "" {
		c.add(CodeOwnerMissing, subj, "owner", "activity "+string(act.ID)+" has no owner", nil)
	}
	der, hasDer := derivedMTPD(act, c.ranks, c.b.IntolerableLevel)
	var missing []string
	if act.RTO.IsZero() {
		missing = append(missing, "rto")
	}
	if act.RPO.IsZero() {
		missing = append(missing, "rpo")
	}
	if act.MTPD.IsZero() && !hasDer {
		missing = append(missing, "mtpd")
	}
	if len(missing) > 0 {
		m := strings.Join(missing, ", ")
		c.add(CodeObjectiveMissing, subj, missing[0], "activity "+string(act.ID)+" has no "+m, map[string]string{"missing": m})
	}
	mtpd, mtpdLabel := act.MTPD, "mtpd"
	if mtpd.IsZero() && hasDer {
		mtpd, mtpdLabel = der.Value, "derived_mtpd"
	}
	if !act.RTO.IsZero() && !mtpd.IsZero() {
		d := map[string]string{"rto": act.RTO.String(), mtpdLabel: mtpd.String()}
		if mtpdLabel == "derived_mtpd" {
			d["trace"] = der.Trace
		}
		switch r, m := act.RTO.Nominal(), mtpd.Nominal(); {
		case r > m:
			c.add(CodeRTOExceedsMTPD, subj, "rto", "RTO "+act.RTO.String()+" exceeds the MTPD "+mtpd.String(), d)
		case r == m:
			c.add(CodeRTOEqualsMTPD, subj, "rto", "RTO "+act.RTO.String()+" equals the MTPD "+mtpd.String()+": no margin", d)
		}
	}
	if hasDer && !act.MTPD.IsZero() && act.MTPD.Nominal() > der.Value.Nominal() {
		c.add(CodeMTPDExceedsDerived, subj, "mtpd", "MTPD "+act.MTPD.String()+" exceeds the derived MTPD "+der.Value.String(),
			map[string]string{"mtpd": act.MTPD.String(), "derived_mtpd": der.Value.String(), "trace": der.Trace})
	}
	if !act.RTO.IsZero() {
		c.achievable(v, act.RTO)
	}
	if r := act.Criticality.Rank(); r >= CriticalityHigh.Rank() && !c.planned[act.ID] {
		c.add(CodePlanMissing, subj, "", string(act.Criticality)+" activity "+string(act.ID)+" has no recovery plan",
			map[string]string{"criticality": string(act.Criticality)})
	}
}

// achievable reports a node whose achievable RTO exceeds rto.
func (c *checker) achievable(v int32, rto isms.Duration) {
	if !c.a.upDone[v] || c.a.achRTO[v] <= rto.Nominal() {
		return
	}
	d := c.a.rtoTrace(v)
	path := joinPath(c.a.idPath(c.a.criticalPath(v)))
	ach, want := show(c.a.achRTO[v]), rto.String()
	c.add(CodeRTONotAchievable, c.ref(v), "rto", "achievable recovery "+ach+" exceeds the RTO "+want+" along "+path,
		map[string]string{"rto": want, "achievable_rto": ach, "trace": d.Trace, "path": path})
}

func (c *checker) resource(v int32) {
	r := c.a.g.resource(v)
	subj := c.ref(v)
	var related []isms.Ref
	if !r.Asset.IsZero() {
		related = []isms.Ref{r.Asset}
	}
	down := c.a.downDone[v]
	if down {
		c.dependencyObjective(v, r, true, related)
		c.dependencyObjective(v, r, false, related)
	}
	if !r.RTO.IsZero() {
		c.achievable(v, r.RTO)
	}
	// The effective objectives; their paths are built only for a finding.
	effRTO, effRPO := none, none
	if down {
		effRTO, effRPO = c.a.effRTO[v], c.a.effRPO[v]
	}
	if r.HoldsData() && effRPO != none && c.a.ownRPO(r) > effRPO {
		c.recoveryPoint(v, r, c.a.objective(v, false), related)
	}
	if r.Kind == ResourceDataStore && c.a.crit[v] == int8(CriticalityCritical.Rank()) &&
		(r.Backup == nil || !r.Backup.Offline && !r.Backup.Immutable) {
		c.add(CodeNoOfflineCopy, subj, "backup", "critical data store "+string(r.ID)+" has no offline or immutable copy",
			map[string]string{"criticality": string(CriticalityCritical)}, related...)
	}
	if r.Kind == ResourceSupplier || r.Kind == ResourceCloudService {
		if sla := r.SLA; sla != nil {
			for _, x := range [...]struct {
				field string
				name  string
				sla   isms.Duration
				eff   time.Duration
				rto   bool
			}{{"sla.rto", "RTO", sla.RTO, effRTO, true}, {"sla.rpo", "RPO", sla.RPO, effRPO, false}} {
				if x.sla.IsZero() || x.eff == none || x.sla.Nominal() <= x.eff {
					continue
				}
				x := struct {
					field, name string
					sla         isms.Duration
					obj         Objective
				}{x.field, x.name, x.sla, c.a.objective(v, x.rto)}
				path := joinPath(x.obj.Path)
				c.add(CodeSupplierSLAExceedsObjective, subj, x.field,
					"contracted "+x.name+" "+x.sla.String()+" exceeds the "+x.name+" "+x.obj.Value.String()+" set by "+string(x.obj.SetBy),
					map[string]string{"sla": x.sla.String(), "objective": x.obj.Value.String(), "set_by": string(x.obj.SetBy), "path": path}, related...)
			}
		}
		if r.CustomerShare() && !c.planned[r.ID] && !c.covered[r.ID] {
			c.add(CodeSupplierNoCustomerDR, subj, "sla", string(r.Kind)+" "+string(r.ID)+" leaves recovery to the customer and has no customer plan or test",
				map[string]string{"customer_recovers": strings.Join(r.customerRecovers(), ", ")}, related...)
		}
	}
	if fo := r.Failover; fo != nil && (fo.Mode == FailoverManual || fo.Mode == FailoverAutomatic) && !c.failoverOK[r.ID] {
		c.add(CodeFailoverUntested, subj, "failover", string(fo.Mode)+" failover of "+string(r.ID)+" has no passing failover or full-scale test",
			map[string]string{"mode": string(fo.Mode)}, related...)
	}
}

// dependencyObjective reports a resource whose declared RTO (rto) or RPO
// is longer than what it inherits from its dependents.
func (c *checker) dependencyObjective(v int32, r *Resource, rto bool, related []isms.Ref) {
	own, inh, via, code, name, field := r.RTO, c.a.inhRTO[v], c.a.inhRTOVia[v], CodeDependencyRTOExceedsDependent, "RTO", "rto"
	if !rto {
		own, inh, via, code, name, field = r.RPO, c.a.inhRPO[v], c.a.inhRPOVia[v], CodeDependencyRPOExceedsDependent, "RPO", "rpo"
	}
	if own.IsZero() || inh == none || own.Nominal() <= inh {
		return
	}
	o := c.a.objective(via, rto)
	path := joinPath(append(o.Path, r.ID))
	c.add(code, c.ref(v), field,
		name+" "+own.String()+" exceeds the "+name+" "+o.Value.String()+" of "+string(o.SetBy)+" that depends on it along "+path,
		map[string]string{field: own.String(), "dependent_" + field: o.Value.String(), "set_by": string(o.SetBy), "path": path},
		append(related, c.ref(c.a.g.index[o.SetBy]))...)
}

// recoveryPoint compares a data resource's worst-case RPO with its
// effective RPO.
func (c *checker) recoveryPoint(v int32, r *Resource, rpo Objective, related []isms.Ref) {
	want := rpo.Value.Nominal()
	worst := c.a.ownRPO(r)
	if worst <= want {
		return
	}
	path := joinPath(rpo.Path)
	d := map[string]string{"rpo": rpo.Value.String(), "set_by": string(rpo.SetBy), "path": path}
	if w, ok := r.WorstCaseRPO(); ok {
		d["worst_case_rpo"], d["trace"] = w.Value.String(), w.Trace
	} else if worst == unbounded {
		d["worst_case_rpo"] = "unbounded"
		d["trace"] = "no backup, replication or contracted RPO"
	} else {
		d["worst_case_rpo"], d["trace"] = show(worst), "contracted RPO"
	}
	if bk := r.Backup; bk != nil && bk.Interval.Nominal() > want &&
		(r.ReplicationLag.IsZero() || r.ReplicationLag.Nominal() > want) {
		d["interval"] = bk.Interval.String()
		c.add(CodeBackupIntervalExceedsRPO, c.ref(v), "backup.interval",
			"backup interval "+bk.Interval.String()+" exceeds the RPO "+rpo.Value.String()+" set by "+string(rpo.SetBy), d, related...)
		return
	}
	c.add(CodeRPONotAchievable, c.ref(v), "rpo",
		"worst-case RPO "+d["worst_case_rpo"]+" exceeds the RPO "+rpo.Value.String()+" set by "+string(rpo.SetBy), d, related...)
}

func (c *checker) plan(p *RecoveryPlan) {
	subj := isms.NewRef(KindPlan, p.ID)
	if p.Owner == "" {
		c.add(CodeOwnerMissing, subj, "owner", "recovery plan "+string(p.ID)+" has no owner", nil)
	}
	if !p.ReviewDue.IsZero() && c.now.After(p.ReviewDue) {
		c.add(CodePlanReviewOverdue, subj, "review_due", "review was due "+stamp(p.ReviewDue),
			map[string]string{"review_due": stamp(p.ReviewDue), "now": stamp(c.now)})
	}
	v, known := c.a.g.index[p.Target]
	var target []isms.Ref
	if known {
		target = []isms.Ref{c.ref(v)}
	}
	if known && c.a.downDone[v] {
		if o := c.a.objective(v, true); !o.IsZero() {
			if e := p.ExpectedDuration(); e.Value.Nominal() > o.Value.Nominal() {
				c.add(CodePlanExceedsRTO, subj, "steps", "expected duration "+e.Value.String()+" exceeds the RTO "+o.Value.String()+" of "+string(p.Target),
					map[string]string{"expected_duration": e.Value.String(), "trace": e.Trace, "rto": o.Value.String(), "set_by": string(o.SetBy)}, target...)
			}
		}
	}
	tests := c.byPlan[p.ID]
	if len(tests) == 0 {
		c.add(CodeDRTestMissing, subj, "", "recovery plan "+string(p.ID)+" has no evaluated DR test", nil, target...)
		return
	}
	var latest, pass *judged
	for i := range tests {
		j := &tests[i]
		if latest == nil || j.t.ExecutedAt.After(latest.t.ExecutedAt) {
			latest = j
		}
		if j.v.Passed && (pass == nil || j.t.ExecutedAt.After(pass.t.ExecutedAt)) {
			pass = j
		}
	}
	tref := isms.NewRef(DRTestKindName, latest.t.ID)
	if !latest.v.Passed {
		c.add(CodeDRTestFailed, subj, "", "latest DR test "+string(latest.t.ID)+" failed: "+strings.Join(latest.v.Failures, "; "),
			verdictDetails(latest), append(target, tref)...)
	}
	if pass == nil {
		return
	}
	executed := pass.t.ExecutedAt
	due := p.interval().AddTo(executed)
	d := map[string]string{"executed_at": stamp(executed), "interval": p.interval().String(), "due": stamp(due), "now": stamp(c.now)}
	pref := isms.NewRef(DRTestKindName, pass.t.ID)
	if c.now.After(due) {
		c.add(CodeDRTestStale, subj, "test_interval", "last passing DR test "+string(pass.t.ID)+" of "+stamp(executed)+" was due again "+stamp(due), d, append(target, pref)...)
		return
	}
	if changed, what := c.lastChange(p); changed.After(executed) {
		d["changed_at"], d["changed"] = stamp(changed), string(what)
		c.add(CodeDRTestStale, subj, "changed_at", "last passing DR test "+string(pass.t.ID)+" of "+stamp(executed)+" predates the change of "+string(what)+" at "+stamp(changed), d, append(target, pref)...)
	}
}

// lastChange is the latest substantive change of the plan, its target and
// the resources its steps need, with what changed.
func (c *checker) lastChange(p *RecoveryPlan) (time.Time, isms.ID) {
	at, what := p.ChangedAt, p.ID
	for _, id := range append([]isms.ID{p.Target}, p.resources()...) {
		v, ok := c.a.g.index[id]
		if !ok {
			continue
		}
		if r := c.a.g.resource(v); r != nil && r.ChangedAt.After(at) {
			at, what = r.ChangedAt, r.ID
		}
	}
	return at, what
}

func verdictDetails(j *judged) map[string]string {
	d := map[string]string{"failures": strings.Join(j.v.Failures, "; ")}
	if !j.v.RTO.IsZero() {
		d["rto"] = j.v.RTO.String()
	}
	if !j.v.RPO.IsZero() {
		d["rpo"] = j.v.RPO.String()
	}
	if j.v.MeasuredRTO.Derived {
		d["measured_rto"], d["measured_rto_trace"] = j.v.MeasuredRTO.Value.String(), j.v.MeasuredRTO.Trace
	}
	if j.v.MeasuredRPO.Derived {
		d["measured_rpo"], d["measured_rpo_trace"] = j.v.MeasuredRPO.Value.String(), j.v.MeasuredRPO.Trace
	}
	return d
}

// CustomerShare reports whether the provider of a supplier or cloud
// service leaves part of the recovery to the customer: it has no SLA, its
// SLA names nothing the provider recovers, or it names something the
// customer must recover.
func (r *Resource) CustomerShare() bool {
	if r == nil {
		return false
	}
	return r.SLA == nil || len(r.SLA.ProviderRecovers) == 0 || len(r.SLA.CustomerRecovers) > 0
}

func (r *Resource) customerRecovers() []string {
	if r.SLA == nil || len(r.SLA.CustomerRecovers) == 0 {
		return []string{"everything"}
	}
	return r.SLA.CustomerRecovers
}
