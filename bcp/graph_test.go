package bcp_test

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/bcp"
	"github.com/ismskit/ismskit/isms"
)

// diamond is a hand-worked graph with a diamond (A → X → DB, A → Y → DB),
// parallel and sequential recovery, and two activities setting
// objectives:
//
//	A: RTO PT10H, RPO PT2H, resume PT1H, parallel over X and Y.
//	B: RTO PT4H, RPO PT30M, high, over Y.
//	X: restore PT2H, over DB.           achievable 2h + 3h = PT5H
//	Y: restore PT1H, sequential over DB and IDP:
//	                                     achievable 1h + (3h + 30m) = PT4H30M
//	DB: restore PT3H; backup PT1H + PT15M + PT15M = PT1H30M worst case.
//	IDP: restore PT30M, no data.
//	A achievable: 1h + max(5h, 4h30m) = PT6H, critical path A → X → DB.
//	B achievable: 0 + max(4h30m) = PT4H30M.
//	Inherited: X from A (PT10H); Y min(A 10h, B 4h) = PT4H from B; DB
//	min(X 10h, Y 4h) = PT4H from B along B → Y → DB; RPO of DB min(2h, 30m)
//	= PT30M from B.
func diamond() *bcp.BIA {
	return &bcp.BIA{ID: "diamond", Activities: []bcp.Activity{
		{ID: "A", Name: "A", Owner: "o", Criticality: bcp.CriticalityMedium, RTO: d("PT10H"), RPO: d("PT2H"),
			ResumeTime: d("PT1H"), DependsOn: []isms.ID{"X", "Y"}},
		{ID: "B", Name: "B", Owner: "o", Criticality: bcp.CriticalityHigh, RTO: d("PT4H"), RPO: d("PT30M"),
			DependsOn: []isms.ID{"Y"}},
	}, Resources: []bcp.Resource{
		{ID: "X", Name: "X", Kind: bcp.ResourceApplication, RestoreTime: d("PT2H"), DependsOn: []isms.ID{"DB"}},
		{ID: "Y", Name: "Y", Kind: bcp.ResourceApplication, RestoreTime: d("PT1H"), Recovery: bcp.RecoverySequential,
			DependsOn: []isms.ID{"DB", "IDP"}},
		{ID: "DB", Name: "DB", Kind: bcp.ResourceDataStore, RestoreTime: d("PT3H"),
			Backup: &bcp.BackupSchedule{Interval: d("PT1H"), JobDuration: d("PT15M"), TransferLag: d("PT15M")}},
		{ID: "IDP", Name: "IDP", Kind: bcp.ResourceCloudService, RestoreTime: d("PT30M")},
	}}
}

func node(t *testing.T, a *bcp.Analysis, id isms.ID) bcp.NodeAnalysis {
	t.Helper()
	n, ok := a.Node(id)
	require.True(t, ok, id)
	return n
}

func TestAnalyzeRollUpDiamond(t *testing.T) {
	b := diamond()
	require.NoError(t, b.Validate())
	a := bcp.Analyze(b)
	assert.Empty(t, a.Cycles())
	for id, want := range map[isms.ID]string{"DB": "PT3H", "IDP": "PT30M", "X": "PT5H", "Y": "PT4H30M", "A": "PT6H", "B": "PT4H30M"} {
		n := node(t, a, id)
		assert.True(t, n.RolledUp && n.Inherited, id)
		assert.True(t, n.AchievableRTO.Derived, id)
		assert.Equal(t, want, n.AchievableRTO.Value.String(), id)
	}
	assert.Equal(t, "PT1H resume + max(X PT5H, Y PT4H30M) = PT6H", node(t, a, "A").AchievableRTO.Trace)
	assert.Equal(t, "PT1H estimated restore + sum(DB PT3H, IDP PT30M) = PT4H30M", node(t, a, "Y").AchievableRTO.Trace)
	assert.Equal(t, []isms.ID{"A", "X", "DB"}, node(t, a, "A").CriticalPath)
	// The recovery's critical path is the most critical activity's: B
	// (high) over Y (4h30m) and DB (3h, against IDP's 30m).
	assert.Equal(t, []isms.ID{"B", "Y", "DB"}, a.CriticalPath())

	// RPO: the worst data dependency, DB's PT1H30M, for both activities.
	for _, id := range []isms.ID{"A", "B", "X", "Y", "DB"} {
		n := node(t, a, id)
		assert.Equal(t, "PT1H30M", n.AchievableRPO.Value.String(), id)
		assert.Equal(t, isms.ID("DB"), n.RPOSource, id)
	}
	assert.Equal(t, bcp.Derived{}, node(t, a, "IDP").AchievableRPO)
}

func TestAnalyzeInheritanceDiamond(t *testing.T) {
	a := bcp.Analyze(diamond())
	x := node(t, a, "X")
	assert.Equal(t, bcp.Objective{Value: d("PT10H"), SetBy: "A", Path: []isms.ID{"A", "X"}}, x.RTO)
	y := node(t, a, "Y")
	assert.Equal(t, bcp.Objective{Value: d("PT4H"), SetBy: "B", Path: []isms.ID{"B", "Y"}}, y.RTO)
	db := node(t, a, "DB")
	assert.Equal(t, bcp.Objective{Value: d("PT4H"), SetBy: "B", Path: []isms.ID{"B", "Y", "DB"}}, db.RTO)
	assert.Equal(t, bcp.Objective{Value: d("PT30M"), SetBy: "B", Path: []isms.ID{"B", "Y", "DB"}}, db.RPO)
	assert.Equal(t, bcp.CriticalityHigh, db.Criticality)
	assert.Equal(t, bcp.CriticalityMedium, x.Criticality)
	// An activity's own objective.
	assert.Equal(t, bcp.Objective{Value: d("PT10H"), SetBy: "A", Path: []isms.ID{"A"}}, node(t, a, "A").RTO)

	// A resource's own stricter objective wins over the inherited one.
	b := diamond()
	b.Resources[2].RTO = d("PT2H")
	db = node(t, bcp.Analyze(b), "DB")
	assert.Equal(t, bcp.Objective{Value: d("PT2H"), SetBy: "DB", Path: []isms.ID{"DB"}}, db.RTO)
}

func TestRecoveryOrder(t *testing.T) {
	a := bcp.Analyze(diamond())
	order := a.RecoveryOrder()
	var ids []isms.ID
	for i, s := range order {
		assert.Equal(t, i+1, s.Position)
		ids = append(ids, s.ID)
	}
	// Ready first: DB (high, via B; RTO 4h) and IDP (high via B → Y; no
	// own, inherited 4h): equal criticality and RTO, BIA order: DB, IDP.
	// Then X (medium) and Y (high): Y. Then B (high, ready after Y) before
	// X (medium), then A.
	assert.Equal(t, []isms.ID{"DB", "IDP", "Y", "B", "X", "A"}, ids)
	crit := map[isms.ID]bool{}
	for _, s := range order {
		crit[s.ID] = s.Critical
	}
	assert.Equal(t, map[isms.ID]bool{"DB": true, "IDP": false, "Y": true, "B": true, "X": false, "A": false}, crit)
	assert.Equal(t, d("PT4H"), order[0].RTO)
	assert.Equal(t, bcp.CriticalityHigh, order[0].Criticality)
}

func TestAnalyzeCycles(t *testing.T) {
	// Two cyclic components: P → Q → R → P and S ⇄ T; U hangs below S.
	b := &bcp.BIA{ID: "c", Activities: []bcp.Activity{
		{ID: "act", Name: "act", Criticality: bcp.CriticalityLow, RTO: d("PT1H"), DependsOn: []isms.ID{"P", "S"}},
	}, Resources: []bcp.Resource{
		{ID: "P", Name: "P", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"Q"}},
		{ID: "Q", Name: "Q", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"R"}},
		{ID: "R", Name: "R", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"P"}},
		{ID: "S", Name: "S", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"T", "U"}},
		{ID: "T", Name: "T", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"S"}},
		{ID: "U", Name: "U", Kind: bcp.ResourceSystem, RestoreTime: d("PT1H")},
	}}
	require.NoError(t, b.Validate(), "cycles are not validation errors")
	a := bcp.Analyze(b)
	assert.ElementsMatch(t, [][]isms.ID{{"P", "Q", "R", "P"}, {"S", "T", "S"}}, a.Cycles())
	u := node(t, a, "U")
	assert.False(t, u.InCycle)
	assert.False(t, u.Inherited, "below a cycle")
	assert.True(t, u.RolledUp)
	assert.True(t, node(t, a, "S").InCycle)
	assert.False(t, node(t, a, "act").RolledUp, "above a cycle")
	// Only U is outside every cycle and ready.
	order := a.RecoveryOrder()
	require.Len(t, order, 1)
	assert.Equal(t, isms.ID("U"), order[0].ID)

	fs := isms.WithCode(bcp.Check(&bcp.Snapshot{BIA: b}, checkNow), bcp.CodeDependencyCycle)
	require.Len(t, fs, 2)
	assert.Equal(t, "P → Q → R → P", fs[0].Details["path"])
	assert.Equal(t, "S → T → S", fs[1].Details["path"])
}

func TestAnalyzeSelfLoopAndUnknownEdges(t *testing.T) {
	// Validate refuses both; Analyze still copes.
	b := &bcp.BIA{ID: "s", Resources: []bcp.Resource{
		{ID: "r", Name: "r", Kind: bcp.ResourceSystem, DependsOn: []isms.ID{"r", "ghost", "r"}},
	}}
	assert.Error(t, b.Validate())
	assert.Equal(t, [][]isms.ID{{"r", "r"}}, bcp.Analyze(b).Cycles())
}

func TestWorstCaseRPO(t *testing.T) {
	s := &bcp.BackupSchedule{Interval: d("PT24H"), JobDuration: d("PT1H"), TransferLag: d("PT30M"), VerificationDelay: d("PT2H")}
	// 24h + 1h + 30m = 25h30m; the verification counts only when only
	// verified copies count: + 2h = 27h30m.
	w := s.WorstCaseRPO()
	assert.Equal(t, bcp.Derived{Value: d("PT25H30M"), Derived: true,
		Trace: "PT24H interval + PT1H job + PT30M transfer = PT25H30M"}, w)
	s.VerifiedOnly = true
	assert.Equal(t, "PT27H30M", s.WorstCaseRPO().Value.String())

	r := &bcp.Resource{Backup: s, ReplicationLag: d("PT5M")}
	got, ok := r.WorstCaseRPO()
	require.True(t, ok)
	assert.Equal(t, bcp.Derived{Value: d("PT5M"), Derived: true, Trace: "replication: max lag PT5M"}, got)
	// Days count 24 hours.
	got, ok = (&bcp.Resource{Backup: &bcp.BackupSchedule{Interval: d("P1D")}}).WorstCaseRPO()
	require.True(t, ok)
	assert.Equal(t, "PT24H", got.Value.String())
	_, ok = (&bcp.Resource{}).WorstCaseRPO()
	assert.False(t, ok)
}

func TestDerivedMTPD(t *testing.T) {
	b := baseline().BIA
	got, ok := b.DerivedMTPD(&b.Activities[0])
	require.True(t, ok)
	assert.Equal(t, bcp.Derived{Value: d("PT12H"), Derived: true,
		Trace: `first threshold at or above "major": "major" after PT12H`}, got)
	// A level above the intolerable one counts too.
	b.Activities[0].Impacts[2].Level = "severe"
	got, ok = b.DerivedMTPD(&b.Activities[0])
	require.True(t, ok)
	assert.Equal(t, d("PT12H"), got.Value)
	b.Activities[0].Impacts = b.Activities[0].Impacts[:2]
	_, ok = b.DerivedMTPD(&b.Activities[0])
	assert.False(t, ok)
}

func TestLongPathsKeepTheirEnds(t *testing.T) {
	// A chain a → r0 → r1 → ... → r39: paths list 32 entries at most.
	b := &bcp.BIA{ID: "chain", Activities: []bcp.Activity{
		{ID: "a", Name: "a", Criticality: bcp.CriticalityLow, RTO: isms.Hours(1), DependsOn: []isms.ID{"r0"}}}}
	for i := range 40 {
		r := bcp.Resource{ID: isms.ID("r" + strconv.Itoa(i)), Name: "r", Kind: bcp.ResourceSystem, RestoreTime: isms.Hours(1)}
		if i < 39 {
			r.DependsOn = []isms.ID{isms.ID("r" + strconv.Itoa(i+1))}
		}
		b.Resources = append(b.Resources, r)
	}
	a := bcp.Analyze(b)
	// Critical path: a, r0 ... r28 (30 entries), Elided, r39.
	cp := node(t, a, "a").CriticalPath
	require.Len(t, cp, 32)
	assert.Equal(t, []isms.ID{"a", "r0", "r28", bcp.Elided, "r39"}, []isms.ID{cp[0], cp[1], cp[29], cp[30], cp[31]})
	// r39's RTO from a: a, Elided, r10 ... r39 (30 entries).
	p := node(t, a, "r39").RTO.Path
	require.Len(t, p, 32)
	assert.Equal(t, []isms.ID{"a", bcp.Elided, "r10", "r39"}, []isms.ID{p[0], p[1], p[2], p[31]})
	// 40 hours of restores: 40h > 1h.
	assert.Equal(t, "PT40H", node(t, a, "a").AchievableRTO.Value.String())
}

func TestWorstCaseRPOValueMatchesTrace(t *testing.T) {
	// The analysis uses the value without the trace; both agree.
	for _, r := range []bcp.Resource{
		{ID: "b", Name: "b", Kind: bcp.ResourceDataStore, Backup: &bcp.BackupSchedule{Interval: d("PT1H"), JobDuration: d("PT10M"), VerifiedOnly: true, VerificationDelay: d("PT5M")}},
		{ID: "b", Name: "b", Kind: bcp.ResourceDataStore, ReplicationLag: d("PT2M")},
		{ID: "b", Name: "b", Kind: bcp.ResourceDataStore, ReplicationLag: d("PT2H"), Backup: &bcp.BackupSchedule{Interval: d("PT1H")}},
	} {
		w, ok := r.WorstCaseRPO()
		require.True(t, ok)
		n := node(t, bcp.Analyze(&bcp.BIA{ID: "x", Resources: []bcp.Resource{r}}), "b")
		assert.Equal(t, w.Value, n.AchievableRPO.Value)
	}
}
