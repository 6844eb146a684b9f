package isms_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
)

func validAsset() *isms.Asset {
	return &isms.Asset{
		Meta:           isms.Meta{ID: "a-crm"},
		Name:           "CRM database",
		Kind:           isms.AssetInformation,
		Status:         isms.AssetActive,
		Owner:          "head of sales",
		Custodian:      "dba team",
		Location:       "eu-central-1",
		Classification: isms.ClassificationConfidential,
		CIA:            isms.CIA{Confidentiality: isms.CIAHigh, Integrity: isms.CIAMedium, Availability: isms.CIALow},
		Supports:       []isms.Ref{isms.NewRef("process", "sales")},
		DependsOn:      []isms.Ref{isms.NewRef(isms.KindAsset, "a-db-server")},
	}
}

func TestAssetValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *isms.Asset)
		want   [][2]string
	}{
		{"valid", func(*isms.Asset) {}, nil},
		{"minimal", func(a *isms.Asset) { *a = isms.Asset{Name: "n", Kind: isms.AssetPeople, Status: isms.AssetPlanned} }, nil},
		{"name missing", func(a *isms.Asset) { a.Name = "" }, [][2]string{{"name", isms.CodeRequired}}},
		{"kind missing", func(a *isms.Asset) { a.Kind = "" }, [][2]string{{"kind", isms.CodeRequired}}},
		{"kind unknown", func(a *isms.Asset) { a.Kind = "idea" }, [][2]string{{"kind", isms.CodeUnknown}}},
		{"status missing", func(a *isms.Asset) { a.Status = "" }, [][2]string{{"status", isms.CodeRequired}}},
		{"status unknown", func(a *isms.Asset) { a.Status = "lost" }, [][2]string{{"status", isms.CodeUnknown}}},
		{"classification optional", func(a *isms.Asset) { a.Classification = "" }, nil},
		{"classification unknown", func(a *isms.Asset) { a.Classification = "secret" },
			[][2]string{{"classification", isms.CodeUnknown}}},
		{"cia unknown", func(a *isms.Asset) {
			a.CIA = isms.CIA{Confidentiality: "1", Integrity: "HIGH", Availability: "extreme"}
		},
			[][2]string{{"cia.confidentiality", isms.CodeUnknown}, {"cia.integrity", isms.CodeUnknown}, {"cia.availability", isms.CodeUnknown}}},
		{"supports malformed", func(a *isms.Asset) { a.Supports[0] = isms.Ref{Kind: "process"} },
			[][2]string{{"supports[0].id", isms.CodeMalformed}}},
		{"depends_on twice", func(a *isms.Asset) { a.DependsOn = append(a.DependsOn, a.DependsOn[0]) },
			[][2]string{{"depends_on[1]", isms.CodeDuplicate}}},
		{"depends on itself", func(a *isms.Asset) { a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, "a-crm")) },
			[][2]string{{"depends_on[1]", isms.CodeForbidden}}},
		{"supports itself", func(a *isms.Asset) { a.Supports = []isms.Ref{isms.NewRef(isms.KindAsset, "a-crm")} },
			[][2]string{{"supports[0]", isms.CodeForbidden}}},
		{"every problem", func(a *isms.Asset) {
			a.Name, a.Kind, a.Status = "", "", ""
			a.Revision = -2
		}, [][2]string{{"name", isms.CodeRequired}, {"kind", isms.CodeRequired}, {"status", isms.CodeRequired}, {"revision", isms.CodeOutOfRange}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := validAsset()
			tt.mutate(a)
			entProblems(t, a.Validate(), tt.want...)
		})
	}
}

func TestAssetJSON(t *testing.T) {
	a := validAsset()
	assert.Equal(t, a, entRoundTrip(t, a))

	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"id": "a-crm", "name": "CRM database", "kind": "information", "status": "active",
		"owner": "head of sales", "custodian": "dba team", "location": "eu-central-1",
		"classification": "confidential",
		"cia": {"confidentiality": "high", "integrity": "medium", "availability": "low"},
		"supports": [{"kind": "process", "id": "sales"}],
		"depends_on": [{"kind": "asset", "id": "a-db-server"}]
	}`, string(b))

	b, err = json.Marshal(isms.Asset{Name: "n", Kind: isms.AssetSite, Status: isms.AssetRetired})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"","name":"n","kind":"site","status":"retired"}`, string(b))

	for _, bad := range []string{
		`{"name":"n","kind":"idea","status":"active"}`,
		`{"name":"n","kind":"site","status":"gone"}`,
		`{"name":"n","kind":"site","status":"active","classification":"top_secret"}`,
		`{"name":"n","kind":"site","status":"active","cia":{"integrity":"3"}}`,
	} {
		var a isms.Asset
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &a), isms.ErrInvalid, bad)
	}
}

func TestAssetEnums(t *testing.T) {
	entStrictEnum(t, isms.AssetKindValues())
	entStrictEnum(t, isms.AssetStatusValues())
	entStrictEnum(t, isms.InformationClassificationValues())
	entStrictEnum(t, isms.CIALevelValues())
	assert.Equal(t, []isms.AssetKind{"information", "software", "hardware", "service", "people", "site", "supplier"},
		isms.AssetKindValues())
	assert.Equal(t, []isms.AssetStatus{"planned", "active", "retired", "disposed"}, isms.AssetStatusValues())
	assert.True(t, isms.AssetSupplier.IsValid())
	assert.False(t, isms.AssetKind("Software").IsValid())
	assert.True(t, isms.AssetDisposed.IsValid())
	assert.False(t, isms.AssetStatus("").IsValid())
	assert.True(t, isms.ClassificationRestricted.IsValid())
	assert.False(t, isms.InformationClassification("secret").IsValid())
	assert.True(t, isms.CIAMedium.IsValid())
	assert.False(t, isms.CIALevel("2").IsValid())
}

func TestClassificationAndCIARank(t *testing.T) {
	assert.Equal(t, 0, isms.InformationClassification("").Rank())
	assert.Equal(t, 0, isms.InformationClassification("secret").Rank())
	assert.Equal(t, 1, isms.ClassificationPublic.Rank())
	assert.Equal(t, 2, isms.ClassificationInternal.Rank())
	assert.Equal(t, 3, isms.ClassificationConfidential.Rank())
	assert.Equal(t, 4, isms.ClassificationRestricted.Rank())

	assert.Equal(t, 0, isms.CIALevel("").Rank())
	assert.Equal(t, 1, isms.CIALow.Rank())
	assert.Equal(t, 2, isms.CIAMedium.Rank())
	assert.Equal(t, 3, isms.CIAHigh.Rank())

	assert.Equal(t, isms.CIALevel(""), isms.CIA{}.Max())
	assert.Equal(t, isms.CIALow, isms.CIA{Availability: isms.CIALow}.Max())
	assert.Equal(t, isms.CIAHigh, isms.CIA{Confidentiality: isms.CIALow, Integrity: isms.CIAHigh, Availability: isms.CIAMedium}.Max())
	assert.Equal(t, isms.CIAMedium, isms.CIA{Confidentiality: isms.CIAMedium, Integrity: "bogus"}.Max())
}

// entAsset returns a complete active asset (owner and classification set)
// with the given dependencies.
func entAsset(id isms.ID, dependsOn ...isms.ID) *isms.Asset {
	a := &isms.Asset{
		Meta: isms.Meta{ID: id}, Name: "asset " + string(id), Kind: isms.AssetSoftware, Status: isms.AssetActive,
		Owner: "owner", Classification: isms.ClassificationInternal,
	}
	for _, d := range dependsOn {
		a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, d))
	}
	return a
}

func TestCheckAssetsOwnerAndClassification(t *testing.T) {
	complete := entAsset("ok")
	noOwner := entAsset("no-owner")
	noOwner.Owner = " "
	noClass := entAsset("no-class")
	noClass.Classification = ""
	disposed := entAsset("disposed")
	disposed.Status, disposed.Owner, disposed.Classification = isms.AssetDisposed, "", ""
	retired := entAsset("retired")
	retired.Status, retired.Owner = isms.AssetRetired, ""

	fs := isms.CheckAssets([]*isms.Asset{complete, noOwner, noClass, disposed, retired, nil})
	owners := isms.WithCode(fs, isms.CodeAssetOwnerMissing)
	require.Len(t, owners, 2)
	assert.Equal(t, isms.NewRef(isms.KindAsset, "no-owner"), owners[0].Subject)
	assert.Equal(t, isms.NewRef(isms.KindAsset, "retired"), owners[1].Subject)
	assert.Equal(t, isms.SeverityError, owners[0].Severity, "a missing owner is always an error")
	assert.Equal(t, "owner", owners[0].Field)
	assert.Equal(t, map[string]string{"status": "active"}, owners[0].Details)

	f := entFinding(t, fs, isms.CodeAssetClassificationMissing)
	assert.Equal(t, isms.NewRef(isms.KindAsset, "no-class"), f.Subject)
	assert.Equal(t, "classification", f.Field)
	assert.Len(t, fs, 3)

	assert.Empty(t, isms.CheckAssets([]*isms.Asset{complete}))
	assert.Empty(t, isms.CheckAssets(nil))
}

func TestCheckAssetsDangling(t *testing.T) {
	app := entAsset("app", "db", "ghost")
	app.Supports = []isms.Ref{isms.NewRef("process", "billing"), isms.NewRef(isms.KindAsset, "phantom")}
	db := entAsset("db")
	fs := isms.CheckAssets([]*isms.Asset{app, db})
	got := isms.WithCode(fs, isms.CodeAssetDanglingDependency)
	require.Len(t, got, 2, "%v", fs)
	assert.Equal(t, "depends_on[1]", got[0].Field)
	assert.Equal(t, map[string]string{"ref": "asset/ghost"}, got[0].Details)
	assert.Equal(t, []isms.Ref{isms.NewRef(isms.KindAsset, "ghost")}, got[0].Related)
	assert.Equal(t, isms.SeverityError, got[0].Severity)
	assert.Equal(t, `asset "asset app" depends on asset/ghost, which is not in the inventory`, got[0].Message)
	assert.Equal(t, "supports[1]", got[1].Field)
	assert.Equal(t, map[string]string{"ref": "asset/phantom"}, got[1].Details)
	assert.Len(t, fs, 2)

	// Refs of other kinds and refs to assets in the set are not dangling.
	app.DependsOn = app.DependsOn[:1]
	app.Supports = app.Supports[:1]
	assert.Empty(t, isms.CheckAssets([]*isms.Asset{app, db}))
}

func TestCheckAssetsCycles(t *testing.T) {
	tests := []struct {
		name    string
		assets  []*isms.Asset
		want    []map[string]string // details of each cycle finding, in order
		subject []isms.ID
	}{
		{"no cycle: diamond", []*isms.Asset{
			entAsset("a", "b", "c"), entAsset("b", "d"), entAsset("c", "d"), entAsset("d"),
		}, nil, nil},
		{"three-cycle", []*isms.Asset{
			entAsset("c", "a"), entAsset("b", "c"), entAsset("a", "b"), entAsset("d", "a"),
		}, []map[string]string{{"cycle": "a -> b -> c -> a", "members": "a, b, c"}}, []isms.ID{"a"}},
		{"shortest cycle through the smallest id", []*isms.Asset{
			entAsset("a", "b"), entAsset("b", "c"), entAsset("c", "d", "a"), entAsset("d", "a"),
		}, []map[string]string{{"cycle": "a -> b -> c -> a", "members": "a, b, c, d"}}, []isms.ID{"a"}},
		{"self loop", []*isms.Asset{entAsset("s", "s")},
			[]map[string]string{{"cycle": "s -> s", "members": "s"}}, []isms.ID{"s"}},
		{"two components", []*isms.Asset{
			entAsset("x", "y"), entAsset("y", "x"), entAsset("p", "q"), entAsset("q", "p"), entAsset("m", "x", "p"),
		}, []map[string]string{
			{"cycle": "p -> q -> p", "members": "p, q"},
			{"cycle": "x -> y -> x", "members": "x, y"},
		}, []isms.ID{"p", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := isms.CheckAssets(tt.assets)
			got := isms.WithCode(fs, isms.CodeAssetDependencyCycle)
			require.Len(t, got, len(tt.want), "%v", fs)
			for i, f := range got {
				assert.Equal(t, tt.want[i], f.Details)
				assert.Equal(t, isms.NewRef(isms.KindAsset, tt.subject[i]), f.Subject)
				assert.Equal(t, isms.SeverityWarning, f.Severity)
				assert.Equal(t, "assets depend on each other in a cycle: "+tt.want[i]["cycle"], f.Message)
			}
			assert.Len(t, fs, len(tt.want), "no other findings")
		})
	}
}

func TestCheckAssetsCycleThroughSupports(t *testing.T) {
	// x depends on y; x supports y, so y depends on x.
	x := entAsset("x", "y")
	x.Supports = []isms.Ref{isms.NewRef(isms.KindAsset, "y")}
	y := entAsset("y")
	f := entFinding(t, isms.CheckAssets([]*isms.Asset{y, x}), isms.CodeAssetDependencyCycle)
	assert.Equal(t, "x -> y -> x", f.Details["cycle"])
	assert.Equal(t, []isms.Ref{isms.NewRef(isms.KindAsset, "y")}, f.Related)

	// Supports alone, consistent with DependsOn, is no cycle.
	y.DependsOn = nil
	x.DependsOn = nil
	y.Supports = []isms.Ref{isms.NewRef(isms.KindAsset, "x")}
	x.DependsOn = []isms.Ref{isms.NewRef(isms.KindAsset, "y")}
	x.Supports = nil
	assert.Empty(t, isms.CheckAssets([]*isms.Asset{x, y}))
}

func TestCheckAssetsDuplicateID(t *testing.T) {
	fs := isms.CheckAssets([]*isms.Asset{entAsset("a"), entAsset("b"), entAsset("a"), entAsset("a")})
	f := entFinding(t, fs, isms.CodeAssetDuplicateID)
	assert.Equal(t, isms.NewRef(isms.KindAsset, "a"), f.Subject)
	assert.Equal(t, map[string]string{"count": "3"}, f.Details)
	assert.Equal(t, isms.SeverityError, f.Severity)
	assert.Len(t, fs, 1)
	assert.Empty(t, isms.CheckAssets([]*isms.Asset{entAsset("a"), entAsset("b")}))
}

func TestCheckAssetsSortedAndDeterministic(t *testing.T) {
	build := func() []*isms.Asset {
		a := entAsset("a", "b", "missing")
		a.Owner = ""
		b := entAsset("b", "a")
		b.Classification = ""
		return []*isms.Asset{b, a, entAsset("a")}
	}
	fs := isms.CheckAssets(build())
	assert.Equal(t, []string{
		isms.CodeAssetDanglingDependency, isms.CodeAssetDuplicateID, isms.CodeAssetOwnerMissing,
		isms.CodeAssetClassificationMissing, isms.CodeAssetDependencyCycle,
	}, entCodes(fs))
	for range 20 {
		assert.Equal(t, fs, isms.CheckAssets(build()))
	}
}

func BenchmarkCheckAssets(b *testing.B) {
	// 1,000 assets in a chain, each also depending on the one ten places
	// further, with a back edge closing each block of a hundred into a cycle.
	const n = 1000
	assets := make([]*isms.Asset, n)
	for i := range assets {
		a := entAsset(isms.ID(fmt.Sprintf("a%04d", i)))
		if i+1 < n {
			a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, isms.ID(fmt.Sprintf("a%04d", i+1))))
		}
		if i+10 < n {
			a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, isms.ID(fmt.Sprintf("a%04d", i+10))))
		}
		if i%100 == 99 {
			a.DependsOn = append(a.DependsOn, isms.NewRef(isms.KindAsset, isms.ID(fmt.Sprintf("a%04d", i-99))))
		}
		assets[i] = a
	}
	b.ReportAllocs()
	for b.Loop() {
		if fs := isms.CheckAssets(assets); len(fs) != n/100 {
			b.Fatalf("got %d findings, want one cycle per block of 100", len(fs))
		}
	}
}
