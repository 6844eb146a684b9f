// Command gencatalogs generates the built-in catalogs and crosswalks of
// package controls (the JSON files of internal/catalogs) from the reference
// data beside the repository. Run it from the module root:
//
//	go run ./internal/gencatalogs -ref ../shared/reference
//
// Flags:
//
//	-ref    the reference directory (default: $ISMS_REFERENCE_DIR, else
//	        ../shared/reference relative to the module root)
//	-out    the output directory (default: internal/catalogs in the module)
//	-check  compare instead of writing; exit with status 1 on any difference
//
// The output is deterministic: the same reference data gives byte-identical
// files, so regenerating is safe and the drift test can compare bytes.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogs:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gencatalogs", flag.ContinueOnError)
	ref := fs.String("ref", "", "reference directory (default $ISMS_REFERENCE_DIR or ../shared/reference from the module root)")
	out := fs.String("out", "", "output directory (default internal/catalogs in the module)")
	check := fs.Bool("check", false, "report differences instead of writing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *ref == "" || *out == "" {
		root, err := moduleRoot()
		if err != nil {
			return err
		}
		if *ref == "" {
			*ref = defaultReferenceDir(root)
		}
		if *out == "" {
			*out = filepath.Join(root, "internal", "catalogs")
		}
	}
	files, err := generate(*ref)
	if err != nil {
		return err
	}
	var stale []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(*out, name)
		old, err := os.ReadFile(path)
		if err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if *check {
			stale = append(stale, name)
			continue
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", path)
	}
	if len(stale) > 0 {
		return fmt.Errorf("out of date: %v (regenerate with: go run ./internal/gencatalogs -ref %s)", stale, *ref)
	}
	return nil
}

// moduleRoot returns the nearest directory at or above the working
// directory that holds a go.mod file.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory")
		}
		dir = parent
	}
}

// defaultReferenceDir returns $ISMS_REFERENCE_DIR when set, and otherwise
// ../shared/reference relative to the module root.
func defaultReferenceDir(root string) string {
	if d := os.Getenv("ISMS_REFERENCE_DIR"); d != "" {
		return d
	}
	return filepath.Join(root, "..", "shared", "reference")
}
