// Package catalogs holds the built-in catalogs and crosswalks of package
// controls, as JSON in the SDK's own formats, embedded in the binary.
//
// The files are generated from the reference data beside the repository
// (../shared/reference) and committed, so the SDK builds without it.
// Regenerate them from the module root with
//
//	go run ./internal/gencatalogs -ref ../shared/reference
//
// or with go generate in this directory. A test in internal/gencatalogs
// fails when the committed files differ from what the generator makes.
package catalogs
