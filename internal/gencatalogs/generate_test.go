package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/internal/catalogs"
)

// referenceDir returns the reference directory the drift test uses:
// $ISMS_REFERENCE_DIR, else ../shared/reference beside the module root.
// When it is absent the test fails under CI=true (CI always checks out
// shared/ beside the clone) and is skipped otherwise.
func referenceDir(t *testing.T) string {
	t.Helper()
	root, err := moduleRoot()
	require.NoError(t, err)
	dir := defaultReferenceDir(root)
	if _, err := os.Stat(filepath.Join(dir, refAnnexA)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("reference data not found at %s (set ISMS_REFERENCE_DIR): %v", dir, err)
		}
		t.Skipf("reference data not found at %s (set ISMS_REFERENCE_DIR, or check out shared/ beside the repository); the committed catalogs are not checked for drift", dir)
	}
	return dir
}

// TestGeneratedFilesUpToDate fails when the committed files of
// internal/catalogs differ from what the generator makes from the
// reference data. Fix it with: go run ./internal/gencatalogs -ref ../shared/reference
func TestGeneratedFilesUpToDate(t *testing.T) {
	ref := referenceDir(t)
	got, err := generate(ref)
	require.NoError(t, err)

	want := catalogs.Names()
	slices.Sort(want)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	assert.Equal(t, want, names, "the generator makes exactly the embedded files")

	root, err := moduleRoot()
	require.NoError(t, err)
	onDisk, err := filepath.Glob(filepath.Join(root, "internal", "catalogs", "*.json"))
	require.NoError(t, err)
	var disk []string
	for _, p := range onDisk {
		disk = append(disk, filepath.Base(p))
	}
	slices.Sort(disk)
	assert.Equal(t, want, disk, "no stale JSON files in internal/catalogs")

	for _, name := range names {
		committed, err := catalogs.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(got[name]), string(committed),
			"%s drifted from %s: regenerate with go run ./internal/gencatalogs -ref ../shared/reference", name, ref)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	ref := referenceDir(t)
	a, err := generate(ref)
	require.NoError(t, err)
	b, err := generate(ref)
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// writeRef writes a synthetic reference directory.
func writeRef(t *testing.T, annexA, csfOSCAL, csfMap string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "nist"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, refAnnexA), []byte(annexA), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, refCSF), []byte(csfOSCAL), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, refCSFToISO), []byte(csfMap), 0o644))
	return dir
}

const annexHeader = "# comment\nid\ttitle\ttheme\tnew_in_2022\tiso27001_2013\n"

// A tiny Annex A: A.5.1 merges 1.1 and 1.2 (subset_of each); A.5.2
// replaces 2.1 alone (equal); 3.1 splits into A.5.3 and A.6.1 (superset_of
// each); 4.1 goes to A.8.1 with 4.2, and 4.2 also to A.8.2 which replaces
// only it... (see the expectations).
const tinyAnnexA = annexHeader +
	"A.5.1\tPolicies\tOrganizational\tno\t1.1,1.2\n" +
	"A.5.2\tRoles\tOrganizational\tno\t2.1\n" +
	"A.5.3\tSplit one\tOrganizational\tno\t3.1\n" +
	"A.6.1\tSplit two\tPeople\tno\t3.1\n" +
	"A.7.1\tNew\tPhysical\tyes\t\n" +
	"A.8.1\tMerged and shared\tTechnological\tno\t4.1,4.2\n" +
	"A.8.2\tShared\tTechnological\tno\t4.2\n"

const tinyCSF = `{"catalog":{"metadata":{"title":"T","last-modified":"2024-01-01T00:00:00Z","version":"1","oscal-version":"1.1.2"},
"groups":[{"id":"GV","class":"function","title":"GOVERN","controls":[
  {"id":"GV.OC","class":"category","title":"Context","controls":[
    {"id":"GV.OC-01","class":"subcategory","title":"GV.OC-01","parts":[{"name":"statement","prose":"Mission  is\n understood"}]},
    {"id":"GV.OC-02","class":"subcategory","title":"GV.OC-02","props":[{"name":"status","value":"withdrawn"}],"parts":[{"name":"statement","prose":"old"}]}]},
  {"id":"GV.XX","class":"category","title":"Gone","props":[{"name":"status","value":"withdrawn"}],"controls":[
    {"id":"GV.XX-01","class":"subcategory","title":"GV.XX-01","props":[{"name":"status","value":"withdrawn"}]}]}]}]}}`

const tinyMap = "# c\nsource_id\ttarget_id\trelationship\n" +
	"GV.OC-01\t4.1\tintersect\n" +
	"GV.OC-01\tA.5.1\tintersect\n" +
	"GV.OC-01\tA.8.2\tsubset\n"

func TestGenerateSynthetic(t *testing.T) {
	out, err := generate(writeRef(t, tinyAnnexA, tinyCSF, tinyMap))
	require.NoError(t, err)

	var iso catalogFile
	require.NoError(t, json.Unmarshal(out[catalogs.ISO27001_2022], &iso))
	assert.Len(t, iso.Controls, 7)
	assert.Equal(t, "A.5", iso.Controls[0].Group)
	assert.Equal(t, "A.6", iso.Controls[3].Group)
	assert.Equal(t, map[string]string{"new_in_2022": "true"}, iso.Controls[4].Props)
	assert.Contains(t, iso.Source, "marks the 1 controls")

	var trans mappingFile
	require.NoError(t, json.Unmarshal(out[catalogs.ISO27001_2013To2022], &trans))
	assert.Equal(t, []pair{
		{"A.1.1", "A.5.1", "subset_of"},
		{"A.1.2", "A.5.1", "subset_of"},
		{"A.2.1", "A.5.2", "equal"},
		{"A.3.1", "A.5.3", "superset_of"},
		{"A.3.1", "A.6.1", "superset_of"},
		{"A.4.1", "A.8.1", "subset_of"},
		{"A.4.2", "A.8.1", "intersects_with"}, // 4.2 goes to two; A.8.1 has two sources
		{"A.4.2", "A.8.2", "superset_of"},     // 4.2 goes to two; A.8.2 has only it
	}, trans.Pairs)

	var csf catalogFile
	require.NoError(t, json.Unmarshal(out[catalogs.NISTCSF2], &csf))
	assert.Equal(t, []group{{ID: "GV", Title: "GOVERN"}, {ID: "GV.OC", Title: "Context", Parent: "GV"}}, csf.Groups)
	assert.Equal(t, []control{{ID: "GV.OC-01", Title: "Mission is understood", Group: "GV.OC"}}, csf.Controls)

	var m mappingFile
	require.NoError(t, json.Unmarshal(out[catalogs.NISTCSF2ToISO27001_2022], &m))
	assert.Equal(t, []pair{{"GV.OC-01", "A.5.1", "intersects_with"}, {"GV.OC-01", "A.8.2", "subset_of"}}, m.Pairs)
	assert.Contains(t, m.Provenance.Method, "The 1 pairs to the management-system clauses")
}

func TestGenerateRejects(t *testing.T) {
	for _, tc := range []struct {
		name, annex, csf, m, want string
	}{
		{"bad header", "id\ttitle\n", tinyCSF, tinyMap, "header"},
		{"unknown theme", annexHeader + "A.5.1\tX\tCosmic\tno\t1.1\n", tinyCSF, tinyMap, "unknown theme"},
		{"wrong theme", annexHeader + "A.6.1\tX\tOrganizational\tno\t1.1\n", tinyCSF, tinyMap, "not in theme"},
		{"new with sources", annexHeader + "A.5.1\tX\tOrganizational\tyes\t1.1\n", tinyCSF, tinyMap, "new in 2022 but"},
		{"old without sources", annexHeader + "A.5.1\tX\tOrganizational\tno\t\n", tinyCSF, tinyMap, "replaces nothing"},
		{"twice", tinyAnnexA + "A.5.1\tX\tOrganizational\tno\t9.9\n", tinyCSF, tinyMap, "listed twice"},
		{"bad 2013 id", annexHeader + "A.5.1\tX\tOrganizational\tno\tA.1\n", tinyCSF, tinyMap, "malformed"},
		{"short row", annexHeader + "A.5.1\tX\n", tinyCSF, tinyMap, "cells"},
		{"bad relationship", tinyAnnexA, tinyCSF, "source_id\ttarget_id\trelationship\nGV.OC-01\tA.5.1\tsimilar\n", "unknown relationship"},
		{"withdrawn source", tinyAnnexA, tinyCSF, "source_id\ttarget_id\trelationship\nGV.OC-02\tA.5.1\tintersect\n", "not an active"},
		{"unknown target", tinyAnnexA, tinyCSF, "source_id\ttarget_id\trelationship\nGV.OC-01\tA.9.9\tintersect\n", "not an ISO"},
		{"bad target", tinyAnnexA, tinyCSF, "source_id\ttarget_id\trelationship\nGV.OC-01\tclause\tintersect\n", "neither"},
		{"repeated pair", tinyAnnexA, tinyCSF, tinyMap + "GV.OC-01\tA.5.1\tintersect\n", "listed twice"},
		{"active in withdrawn", tinyAnnexA, strings.Replace(tinyCSF, `"GV.XX-01","class":"subcategory","title":"GV.XX-01","props":[{"name":"status","value":"withdrawn"}]`, `"GV.XX-01","class":"subcategory","title":"GV.XX-01"`, 1), tinyMap, "withdrawn category"},
		{"no statement", tinyAnnexA, strings.Replace(tinyCSF, `"parts":[{"name":"statement","prose":"Mission  is\n understood"}]`, `"parts":[]`, 1), tinyMap, "no statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := generate(writeRef(t, tc.annex, tc.csf, tc.m))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestRunWritesAndChecks(t *testing.T) {
	ref := writeRef(t, tinyAnnexA, tinyCSF, tinyMap)
	out := t.TempDir()
	require.NoError(t, run([]string{"-ref", ref, "-out", out}))
	require.NoError(t, run([]string{"-ref", ref, "-out", out, "-check"}), "freshly generated files are up to date")
	path := filepath.Join(out, catalogs.NISTCSF2)
	require.NoError(t, os.WriteFile(path, []byte("{}\n"), 0o644))
	err := run([]string{"-ref", ref, "-out", out, "-check"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), catalogs.NISTCSF2)
	require.Error(t, run([]string{"-ref", filepath.Join(ref, "missing"), "-out", out}))
	require.Error(t, run([]string{"-nope"}))
}
