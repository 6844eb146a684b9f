package schema

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// module is the SDK's module path.
const module = "github.com/ismskit/ismskit"

// readComments reads the doc comments of the exported types and struct
// fields of the packages the kinds use, from the source under root,
// keyed as invopop/jsonschema's CommentMap wants them: "importpath.Type"
// and "importpath.Type.Field". Type comments are kept whole; test files
// are skipped.
func readComments(root string) (map[string]string, error) {
	dirs := map[string]bool{}
	for _, e := range kinds() {
		collectPkgs(dirs, e.typ.PkgPath())
	}
	for _, e := range enums() {
		collectPkgs(dirs, e.typ.PkgPath())
	}
	out := make(map[string]string)
	for _, pkg := range slices.Sorted(mapKeys(dirs)) {
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		dir := filepath.Join(root, filepath.FromSlash(rel))
		if err := readPackageComments(out, pkg, dir); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func collectPkgs(dirs map[string]bool, pkg string) {
	if strings.HasPrefix(pkg, module) {
		dirs[pkg] = true
	}
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func readPackageComments(out map[string]string, pkg, dir string) error {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return &fs.PathError{Op: "read comments", Path: dir, Err: fs.ErrNotExist}
	}
	p, err := doc.NewFromFiles(fset, files, pkg, doc.AllDecls|doc.PreserveAST)
	if err != nil {
		return err
	}
	for _, t := range p.Types {
		if !ast.IsExported(t.Name) {
			continue
		}
		if txt := clean(t.Doc); txt != "" {
			out[pkg+"."+t.Name] = txt
		}
		for _, spec := range t.Decl.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			for _, f := range st.Fields.List {
				txt := f.Doc.Text()
				if txt == "" {
					txt = f.Comment.Text()
				}
				if txt = clean(txt); txt == "" {
					continue
				}
				for _, n := range f.Names {
					if ast.IsExported(n.Name) {
						out[pkg+"."+ts.Name.Name+"."+n.Name] = txt
					}
				}
			}
		}
	}
	return nil
}

// clean joins a comment's lines into paragraphs separated by blank lines.
func clean(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}
