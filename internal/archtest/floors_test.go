package archtest

import (
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/ismskit/ismskit"

var (
	kernel = []string{"isms", "internal/..."}
	floor2 = append([]string{"isms/store", "isms/store/driver"}, kernel...)
	domain = []string{"risk", "risk/fair", "controls", "incident", "bcp", "audit/sampling"}
	floor4 = append(append([]string{"audit"}, domain...), floor2...)
	all    = []string{"..."}
)

// floors maps each package pattern of the module (first match wins) to the
// module packages it may depend on, directly or not.
var floors = []struct {
	pattern string
	allow   []string
}{
	{"isms", []string{"internal/..."}},
	{"isms/store/driver", kernel},
	{"isms/store", append([]string{"isms/store/driver"}, kernel...)},
	{"isms/ismstest", kernel},
	{"isms/store/storetest", floor2},
	{"isms/store/memstore", floor2},
	{"isms/store/sqlstore", floor2},
	{"isms/schema", floor4},
	{"isms/oscal", floor4},
	{"risk", floor2},
	{"risk/fair", append([]string{"risk"}, floor2...)},
	{"controls", floor2},
	{"incident", floor2},
	{"bcp", floor2},
	{"audit/sampling", kernel},
	{"audit", floor4},
	{"examples/...", all},
	{"internal/archtest", nil},
}

// thirdParty lists the modules non-test code may depend on, and which
// packages may import each directly ("..." = any).
var thirdParty = map[string][]string{
	"github.com/google/uuid":        {"..."},
	"github.com/invopop/jsonschema": {"isms/schema"},
	"golang.org/x/exp":              {"..."},
	// Database drivers: only examples open databases (sqlstore imports no
	// driver; its tests, which are not checked here, use all three).
	"modernc.org/sqlite":            {"examples/..."},
	"github.com/ncruces/go-sqlite3": {"examples/..."},
	"github.com/jackc/pgx/v5":       {"examples/..."},
}

type pkg struct {
	path    string // relative to the module, "" for the root
	name    string
	imports []string
	deps    []string
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{.Name}}|{{join .Imports \",\"}}|{{join .Deps \",\"}}", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkg
	for line := range strings.Lines(string(out)) {
		parts := strings.Split(strings.TrimSpace(line), "|")
		if len(parts) != 4 {
			t.Fatalf("unexpected go list line %q", line)
		}
		pkgs = append(pkgs, pkg{
			path:    rel(parts[0]),
			name:    parts[1],
			imports: splitNonEmpty(parts[2]),
			deps:    splitNonEmpty(parts[3]),
		})
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	return pkgs
}

func rel(importPath string) string {
	if importPath == module {
		return ""
	}
	return strings.TrimPrefix(importPath, module+"/")
}

func splitNonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func match(pattern, p string) bool {
	if pattern == "..." {
		return true
	}
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p == base || strings.HasPrefix(p, base+"/")
	}
	return p == pattern
}

func matchAny(patterns []string, p string) bool {
	return slices.ContainsFunc(patterns, func(pat string) bool { return match(pat, p) })
}

func ours(importPath string) bool {
	return importPath == module || strings.HasPrefix(importPath, module+"/")
}

func isStd(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	return !strings.Contains(first, ".")
}

func TestImportFloors(t *testing.T) {
	for _, p := range listPackages(t) {
		allow, found := floorOf(p)
		if !found {
			t.Errorf("package %q is in no floor: add it to the floors table and to ARCHITECTURE.md", p.path)
			continue
		}
		for _, d := range p.deps {
			if !ours(d) {
				continue
			}
			if dp := rel(d); !matchAny(allow, dp) {
				t.Errorf("%s depends on %s, which is not below it (allowed: %v)", p.path, dp, allow)
			}
		}
	}
}

// floorOf returns what p may depend on. A command (package main) under
// internal/ is tooling, such as a generator, and may use the library up to
// floor 4.
func floorOf(p pkg) ([]string, bool) {
	if p.name == "main" && match("internal/...", p.path) {
		return floor4, true
	}
	for _, f := range floors {
		if match(f.pattern, p.path) {
			return f.allow, true
		}
	}
	if match("internal/...", p.path) {
		return []string{"internal/..."}, true
	}
	return nil, false
}

func TestThirdPartyDependencies(t *testing.T) {
	for _, p := range listPackages(t) {
		for _, imp := range p.imports {
			if isStd(imp) || ours(imp) {
				continue
			}
			mod, who := moduleOf(imp)
			if mod == "" {
				t.Errorf("%s imports %s, a module the project has not agreed to depend on", p.path, imp)
				continue
			}
			if !matchAny(who, p.path) {
				t.Errorf("%s imports %s; only %v may", p.path, imp, who)
			}
		}
		for _, d := range p.deps {
			if strings.HasPrefix(d, "github.com/stretchr/testify") && !match("examples/...", p.path) {
				t.Errorf("%s depends on testify outside its tests", p.path)
			}
		}
	}
}

func moduleOf(importPath string) (string, []string) {
	for mod, who := range thirdParty {
		if importPath == mod || strings.HasPrefix(importPath, mod+"/") {
			return mod, who
		}
	}
	return "", nil
}

// TestFloorsTableMatchesDesign keeps the table honest: every domain package
// of ARCHITECTURE.md has its own row.
func TestFloorsTableMatchesDesign(t *testing.T) {
	for _, d := range domain {
		i := slices.IndexFunc(floors, func(f struct {
			pattern string
			allow   []string
		}) bool {
			return f.pattern == d
		})
		if i < 0 {
			t.Errorf("domain package %s has no row", d)
			continue
		}
		for _, other := range domain {
			if other == d || (d == "risk/fair" && other == "risk") {
				continue
			}
			if matchAny(floors[i].allow, other) {
				t.Errorf("domain package %s may import domain package %s; they must refer to each other by isms.Ref", d, other)
			}
		}
	}
}
