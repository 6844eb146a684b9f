package controls

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/ismskit/ismskit/internal/catalogs"
	"github.com/ismskit/ismskit/isms"
)

// Ids of the built-in catalogs.
const (
	// CatalogISO27001_2022 is the id of the ISO/IEC 27001:2022 Annex A
	// catalog returned by ISO27001_2022.
	CatalogISO27001_2022 isms.ID = "iso27001-2022"
	// CatalogISO27001_2013 is the id of ISO/IEC 27001:2013 Annex A, the
	// source of the transition mapping. The SDK ships no catalog for it.
	CatalogISO27001_2013 isms.ID = "iso27001-2013"
	// CatalogNISTCSF2 is the id of the NIST CSF 2.0 catalog returned by
	// NISTCSF2.
	CatalogNISTCSF2 isms.ID = "nist-csf-2.0"
)

// PropNewIn2022 is the property set to "true" on the ISO/IEC 27001:2022
// controls that have no ISO/IEC 27001:2013 predecessor (the 11 new
// controls).
const PropNewIn2022 = "new_in_2022"

// The built-in data is parsed once, on first use, and never changed: every
// accessor hands out a copy (catalogs are immutable, mappings are cloned).
var (
	builtinISO2022 = sync.OnceValue(func() *Catalog { return mustCatalog(catalogs.ISO27001_2022) })
	builtinCSF2    = sync.OnceValue(func() *Catalog { return mustCatalog(catalogs.NISTCSF2) })
	builtinTrans   = sync.OnceValue(func() *Mapping { return mustMapping(catalogs.ISO27001_2013To2022) })
	builtinCSFISO  = sync.OnceValue(func() *Mapping { return mustMapping(catalogs.NISTCSF2ToISO27001_2022) })
)

// ISO27001_2022 returns the 93 controls of ISO/IEC 27001:2022 Annex A
// (A.5.1 to A.8.34) with their short titles, in four groups (the themes
// A.5 Organizational, A.6 People, A.7 Physical, A.8 Technological). The 11
// controls new in 2022 carry PropNewIn2022 = "true".
//
// It holds ids and titles only: ISO control text and the ISO/IEC 27002
// attribute tables are licensed and not shipped. The Catalog is immutable;
// attach attribute values with WithAttributes.
func ISO27001_2022() *Catalog { return builtinISO2022().share() }

// NISTCSF2 returns the NIST Cybersecurity Framework 2.0: its 6 functions and
// 22 active categories as groups (a category's parent is its function) and
// its 106 active subcategories as controls, titled by their statement.
// Withdrawn categories and subcategories are left out. Source: NIST's
// official OSCAL catalog (public domain).
func NISTCSF2() *Catalog { return builtinCSF2().share() }

// ISO27001_2013To2022 returns the transition mapping from ISO/IEC
// 27001:2013 Annex A (ids "A.5.1.1" ... "A.18.2.3") to ISO/IEC 27001:2022
// Annex A: for each 2022 control, the 2013 controls it replaces, per the
// correspondence of ISO/IEC 27002:2022 Annex B. The 11 new controls have no
// pair. See the mapping's provenance for how relationships were typed. Each
// call returns a fresh copy.
func ISO27001_2013To2022() *Mapping { return builtinTrans().Clone() }

// NISTCSF2ToISO27001_2022 returns NIST's informative references from CSF 2.0
// subcategories to ISO/IEC 27001:2022 Annex A controls. Pairs to the
// management-system clauses 4 to 10 are left out, as the target catalog
// holds Annex A only. To derive CSF coverage from an ISO SoA, use its
// Inverse. Each call returns a fresh copy.
func NISTCSF2ToISO27001_2022() *Mapping { return builtinCSFISO().Clone() }

// share returns a new *Catalog that shares c's contents. The contents are
// never changed after NewCatalog, so sharing them is safe; the new pointer
// keeps a caller that overwrites its *Catalog (json.Unmarshal into it, or
// plain assignment) from changing the built-in catalog everyone else gets.
func (c *Catalog) share() *Catalog {
	cp := *c
	return &cp
}

// mustCatalog and mustMapping load embedded data. The data is generated,
// committed and checked by the package's tests, so a failure here means the
// binary itself is corrupt: a programming error, not bad input.
func mustCatalog(name string) *Catalog {
	b, err := catalogs.ReadFile(name)
	if err == nil {
		var c *Catalog
		if c, err = ReadCatalog(bytes.NewReader(b)); err == nil {
			return c
		}
	}
	panic(fmt.Sprintf("controls: built-in catalog %s is corrupt: %v", name, err))
}

func mustMapping(name string) *Mapping {
	b, err := catalogs.ReadFile(name)
	if err == nil {
		var m *Mapping
		if m, err = ReadMapping(bytes.NewReader(b)); err == nil {
			return m
		}
	}
	panic(fmt.Sprintf("controls: built-in mapping %s is corrupt: %v", name, err))
}
