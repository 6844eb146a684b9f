package schema

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryPersistedTypeHasAKind scans the library's source (not tests,
// examples, commands or the storage layer itself) for the two ways a type
// becomes a persisted document, and checks that each such type has a kind:
//
//   - a service stores it: store.NewRepository[T](...);
//   - users exchange it: an exported Parse… or Read… function returning
//     (*T, error).
//
// A new package's types fail this test until registry.go lists them.
func TestEveryPersistedTypeHasAKind(t *testing.T) {
	have := map[string]bool{}
	for _, e := range kinds() {
		have[e.typ.PkgPath()+"."+e.typ.Name()] = true
		if e.doc != nil {
			have[e.doc.PkgPath()+"."+e.doc.Name()] = true
		}
	}
	root := filepath.Join("..", "..")
	found := map[string]string{} // type -> where
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || rel == "examples" ||
				rel == "internal" || rel == "isms/store" || rel == "isms/schema" || rel == "isms/oscal") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		pkg := module + "/" + filepath.ToSlash(filepath.Dir(rel))
		qualify := func(x ast.Expr) string {
			switch x := x.(type) {
			case *ast.Ident:
				return pkg + "." + x.Name
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok {
					for _, imp := range f.Imports {
						p := strings.Trim(imp.Path.Value, `"`)
						name := filepath.Base(p)
						if imp.Name != nil {
							name = imp.Name.Name
						}
						if name == id.Name {
							return p + "." + x.Sel.Name
						}
					}
				}
			}
			return ""
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.IndexExpr:
				if sel, ok := n.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewRepository" {
					if q := qualify(n.Index); q != "" {
						found[q] = rel + ": store.NewRepository"
					}
				}
			case *ast.FuncDecl:
				name := n.Name.Name
				if n.Recv != nil || !ast.IsExported(name) || n.Type.TypeParams != nil ||
					!(strings.HasPrefix(name, "Parse") || strings.HasPrefix(name, "Read")) {
					return true
				}
				res := n.Type.Results
				if res == nil || len(res.List) != 2 {
					return true
				}
				if star, ok := res.List[0].Type.(*ast.StarExpr); ok {
					if q := qualify(star.X); q != "" {
						found[q] = rel + ": " + name
					}
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, found)
	for typ, where := range found {
		assert.True(t, have[typ], "%s is persisted (%s) but has no kind in registry.go", typ, where)
	}
	for typ, where := range found {
		t.Logf("%s (%s)", strings.TrimPrefix(typ, module+"/"), where)
	}
}
