package catalogs

//go:generate go run ../gencatalogs -ref ../../../shared/reference

import (
	"embed"
	"fmt"
)

// Names of the embedded files.
const (
	// ISO27001_2022 is the ISO/IEC 27001:2022 Annex A catalog (ids, short
	// titles, themes; no control text).
	ISO27001_2022 = "iso27001-2022.json"
	// NISTCSF2 is the NIST CSF 2.0 catalog (functions, categories and active
	// subcategories).
	NISTCSF2 = "nist-csf-2.0.json"
	// ISO27001_2013To2022 is the transition mapping from ISO/IEC 27001:2013
	// Annex A to ISO/IEC 27001:2022 Annex A.
	ISO27001_2013To2022 = "map-iso27001-2013-to-iso27001-2022.json"
	// NISTCSF2ToISO27001_2022 is the NIST informative-reference mapping from
	// CSF 2.0 subcategories to ISO/IEC 27001:2022 Annex A.
	NISTCSF2ToISO27001_2022 = "map-nist-csf-2.0-to-iso27001-2022.json"
)

// Names returns the name of every embedded file, in a fixed order.
func Names() []string {
	return []string{ISO27001_2022, NISTCSF2, ISO27001_2013To2022, NISTCSF2ToISO27001_2022}
}

//go:embed *.json
var files embed.FS

// ReadFile returns a copy of the embedded file name.
func ReadFile(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("catalogs: %w", err)
	}
	return b, nil
}
