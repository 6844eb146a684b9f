package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// moduleRoot returns the repository root (two levels above this package).
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

// libraryDirs returns every directory with non-test Go files, except the
// examples and commands, whose identifiers are not API.
func libraryDirs(t *testing.T) []string {
	t.Helper()
	root := moduleRoot(t)
	seen := map[string]bool{}
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "examples") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") && !seen[filepath.Dir(path)] {
			seen[filepath.Dir(path)] = true
			dirs = append(dirs, filepath.Dir(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

func parseDir(t *testing.T, fset *token.FileSet, dir string) (pkgName string, files []*ast.File, hasDocGo bool) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		pkgName = f.Name.Name
		files = append(files, f)
		if n == "doc.go" {
			hasDocGo = f.Doc != nil
		}
	}
	return pkgName, files, hasDocGo
}

// TestEveryPackageHasDocGo checks that every library package has a doc.go
// carrying its package comment.
func TestEveryPackageHasDocGo(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range libraryDirs(t) {
		name, _, hasDoc := parseDir(t, fset, dir)
		if name == "main" {
			continue
		}
		if !hasDoc {
			t.Errorf("%s: no doc.go with a package comment", dir)
		}
	}
}

// TestExportedIdentifiersAreDocumented checks that every exported type,
// function, method, constant and variable of the library has a doc comment
// (a constant or variable may share its group's comment).
func TestExportedIdentifiersAreDocumented(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range libraryDirs(t) {
		name, files, _ := parseDir(t, fset, dir)
		if name == "main" {
			continue
		}
		for _, f := range files {
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if !d.Name.IsExported() || d.Doc != nil {
						continue
					}
					if d.Recv != nil && !exportedReceiver(d.Recv) {
						continue
					}
					t.Errorf("%s: %s has no doc comment", fset.Position(d.Pos()), funcName(d))
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() && s.Doc == nil && d.Doc == nil {
								t.Errorf("%s: type %s has no doc comment", fset.Position(s.Pos()), s.Name.Name)
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() && s.Doc == nil && d.Doc == nil && s.Comment == nil {
									t.Errorf("%s: %s has no doc comment", fset.Position(n.Pos()), n.Name)
								}
							}
						}
					}
				}
			}
		}
	}
}

func exportedReceiver(recv *ast.FieldList) bool {
	if len(recv.List) == 0 {
		return false
	}
	typ := recv.List[0].Type
	for {
		switch x := typ.(type) {
		case *ast.StarExpr:
			typ = x.X
		case *ast.IndexExpr:
			typ = x.X
		case *ast.IndexListExpr:
			typ = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return false
		}
	}
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil {
		return "func " + d.Name.Name
	}
	return "method " + d.Name.Name
}

// TestEveryPackageHasARunnableExample checks that every library package has
// at least one Example function with an "// Output:" comment, so that its
// documentation shows a checked use.
func TestEveryPackageHasARunnableExample(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range libraryDirs(t) {
		name, _, _ := parseDir(t, fset, dir)
		if name == "main" || strings.HasSuffix(dir, filepath.Join("internal", "archtest")) {
			continue
		}
		if !hasRunnableExample(t, fset, dir) {
			t.Errorf("%s: no Example function with an // Output: comment", dir)
		}
	}
}

func hasRunnableExample(t *testing.T, fset *token.FileSet, dir string) bool {
	t.Helper()
	tests, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range tests {
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Example") || fn.Body == nil {
				continue
			}
			for _, cg := range f.Comments {
				if cg.Pos() > fn.Body.Lbrace && cg.End() <= fn.Body.Rbrace && strings.Contains(cg.Text(), "Output:") {
					return true
				}
			}
		}
	}
	return false
}
