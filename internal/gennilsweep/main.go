// Command gennilsweep writes the nil-and-zero sweep of every library
// package of the module: a file nilsweep_gen_test.go in each package's
// directory that calls every exported function with zero arguments and
// every exported method with nil and zero receivers (see package
// internal/nilsweep). Run it from the module root after changing an
// exported API:
//
//	go run ./internal/gennilsweep
//
// With -check it writes nothing and fails when a generated file is missing
// or differs from what it would write; internal/archtest runs that check.
//
// Generic functions and methods of generic types cannot be called without
// type arguments; each generated file lists the ones it skips, and the
// package's hand-written nil test covers them. Functions named Must… panic
// by convention (as regexp.MustCompile does) and are skipped too.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

const genFile = "nilsweep_gen_test.go"

// skipDirs are library packages the sweep leaves out, with the reason.
var skipDirs = map[string]string{
	// Its functions take a *testing.T and report through it; a nil one is
	// not an input, it is a misuse of a test helper.
	"isms/store/storetest": "test helper package",
}

func main() {
	check := flag.Bool("check", false, "report stale or missing generated files instead of writing them")
	flag.Parse()
	if err := run(".", *check); err != nil {
		fmt.Fprintln(os.Stderr, "gennilsweep:", err)
		os.Exit(1)
	}
}

func run(root string, check bool) error {
	dirs, err := libraryDirs(root)
	if err != nil {
		return err
	}
	var stale []string
	for _, dir := range dirs {
		src, err := generate(root, dir)
		if err != nil {
			return err
		}
		path := filepath.Join(root, dir, genFile)
		if check {
			old, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(old, src) {
				stale = append(stale, path)
			}
			continue
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		return fmt.Errorf("stale or missing (run go run ./internal/gennilsweep):\n  %s", strings.Join(stale, "\n  "))
	}
	return nil
}

// libraryDirs returns the directories, relative to root, of the module's
// non-main packages outside internal/, examples/ and testdata.
func libraryDirs(root string) ([]string, error) {
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if rel != "." && (strings.HasPrefix(base, ".") || base == "testdata" || rel == "internal" || rel == "examples") {
			return filepath.SkipDir
		}
		if _, skip := skipDirs[rel]; skip {
			return nil
		}
		files, err := parseDir(root, rel)
		if err != nil {
			return err
		}
		if len(files) > 0 && files[0].Name.Name != "main" {
			dirs = append(dirs, rel)
		}
		return nil
	})
	return dirs, err
}

func parseDir(root, dir string) ([]*ast.File, error) {
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, dir, n), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// sweep is what one package's generated file calls.
type sweep struct {
	pkg     string
	imports map[string]string // name → path, for the parameter types used
	funcs   []string          // call expressions, keyed by their name
	names   []string
	types   []typeInfo
	skipped []string
}

type typeInfo struct {
	name     string
	pointers []string // methods declared with a pointer receiver
}

func generate(root, dir string) ([]byte, error) {
	files, err := parseDir(root, dir)
	if err != nil {
		return nil, err
	}
	s := &sweep{pkg: files[0].Name.Name, imports: map[string]string{}}
	types := map[string]*typeInfo{}
	generic := map[string]bool{}
	for _, f := range files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				name := ts.Name.Name
				switch {
				case ts.TypeParams != nil:
					generic[name] = true
					if ast.IsExported(name) {
						s.skipped = append(s.skipped, "type "+name+" (generic)")
					}
				case !ast.IsExported(name) || ts.Assign != 0:
				case isInterface(ts.Type):
				default:
					types[name] = &typeInfo{name: name}
				}
			}
		}
	}
	for _, f := range files {
		fileImports := importsOf(f)
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			if fd.Recv != nil {
				recv, ptr := receiver(fd.Recv)
				if ti := types[recv]; ti != nil && ptr {
					ti.pointers = append(ti.pointers, fd.Name.Name)
				}
				continue
			}
			name := fd.Name.Name
			switch {
			case fd.Type.TypeParams != nil:
				s.skipped = append(s.skipped, "func "+name+" (generic)")
				continue
			case strings.HasPrefix(name, "Must"):
				s.skipped = append(s.skipped, "func "+name+" (panics by convention)")
				continue
			}
			args, err := s.zeroArgs(fd.Type.Params, fileImports)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", dir, name, err)
			}
			call := name + "(" + strings.Join(args, ", ") + ")"
			if n := countFields(fd.Type.Results); n > 0 {
				// assigned, so that staticcheck does not flag a pure function's
				// ignored result (SA4017)
				call = strings.Repeat("_, ", n-1) + "_ = " + call
			}
			s.names = append(s.names, name)
			s.funcs = append(s.funcs, call)
		}
	}
	for _, name := range sortedKeys(types) {
		s.types = append(s.types, *types[name])
	}
	slices.Sort(s.skipped)
	return s.render()
}

// countFields returns the number of values a field list declares.
func countFields(fl *ast.FieldList) int {
	if fl == nil {
		return 0
	}
	n := 0
	for _, f := range fl.List {
		n += max(len(f.Names), 1)
	}
	return n
}

func isInterface(e ast.Expr) bool { _, ok := e.(*ast.InterfaceType); return ok }

// receiver returns the receiver's type name and whether it is a pointer.
func receiver(fl *ast.FieldList) (string, bool) {
	e := fl.List[0].Type
	ptr := false
	if st, ok := e.(*ast.StarExpr); ok {
		e, ptr = st.X, true
	}
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name, ptr
	case *ast.IndexExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name, ptr // generic: not in types, skipped
		}
	case *ast.IndexListExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name, ptr
		}
	}
	return "", ptr
}

// importsOf maps each import name of f to its path.
func importsOf(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if strings.HasPrefix(name, "v") && len(name) > 1 && strings.Trim(name[1:], "0123456789") == "" {
			// a major-version suffix: the package is named by the element before it
			p := path[:strings.LastIndex(path, "/")]
			name = p[strings.LastIndex(p, "/")+1:]
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = path
	}
	return m
}

// zeroArgs returns one zero-value expression per parameter (none for a
// variadic one) and records the imports the expressions need.
func (s *sweep) zeroArgs(params *ast.FieldList, fileImports map[string]string) ([]string, error) {
	var args []string
	for _, field := range params.List {
		if _, ok := field.Type.(*ast.Ellipsis); ok {
			continue
		}
		var buf bytes.Buffer
		if err := format.Node(&buf, token.NewFileSet(), field.Type); err != nil {
			return nil, err
		}
		expr := buf.String()
		var err error
		ast.Inspect(field.Type, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok {
				path, ok := fileImports[id.Name]
				if !ok {
					err = fmt.Errorf("unknown package %s in %s", id.Name, expr)
				} else if old, dup := s.imports[id.Name]; dup && old != path {
					err = fmt.Errorf("import name %s means %s and %s", id.Name, old, path)
				}
				s.imports[id.Name] = path
			}
			return false
		})
		if err != nil {
			return nil, err
		}
		zero := "*new(" + expr + ")"
		switch expr {
		case "context.Context":
			zero = "context.Background()"
		case "string":
			zero = `""` // a constant, so that vet accepts printf-like functions
		}
		n := max(len(field.Names), 1)
		for range n {
			args = append(args, zero)
		}
	}
	return args, nil
}

func (s *sweep) render() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by go run ./internal/gennilsweep; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package %s\n\n", s.pkg)
	imports := map[string]string{"testing": "testing", "nilsweep": "github.com/ismskit/ismskit/internal/nilsweep"}
	for name, path := range s.imports {
		imports[name] = path
	}
	b.WriteString("import (\n")
	for _, name := range sortedKeys(imports) {
		path := imports[name]
		if path[strings.LastIndex(path, "/")+1:] == name {
			fmt.Fprintf(&b, "\t%q\n", path)
		} else {
			fmt.Fprintf(&b, "\t%s %q\n", name, path)
		}
	}
	b.WriteString(")\n\n")
	b.WriteString("// TestNilSweep calls every exported function with zero arguments and every\n")
	b.WriteString("// exported method with nil and zero receivers: none may panic or hang.\n")
	if len(s.skipped) > 0 {
		b.WriteString("//\n// Not called (the hand-written nil test covers them):\n")
		for _, sk := range s.skipped {
			fmt.Fprintf(&b, "//   - %s\n", sk)
		}
	}
	b.WriteString("func TestNilSweep(t *testing.T) {\n")
	b.WriteString("\tnilsweep.Run(t, []nilsweep.Func{\n")
	for i, call := range s.funcs {
		fmt.Fprintf(&b, "\t\t{Name: %q, Call: func() { %s }},\n", s.names[i], call)
	}
	b.WriteString("\t}, []nilsweep.Type{\n")
	for _, ty := range s.types {
		var quoted []string
		for _, m := range ty.pointers {
			quoted = append(quoted, strconv.Quote(m))
		}
		slices.Sort(quoted)
		fmt.Fprintf(&b, "\t\t{Nil: (*%s)(nil), PointerDeclared: []string{%s}},\n", ty.name, strings.Join(quoted, ", "))
	}
	b.WriteString("\t})\n}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: formatting generated code: %w\n%s", s.pkg, err, b.Bytes())
	}
	return out, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
