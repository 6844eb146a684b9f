package oscal

import (
	"slices"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// Version is an OSCAL model version the package writes.
type Version string

// OSCAL versions. OSCAL 1.2.0 is never written: it was superseded within
// weeks by 1.2.1, which fixed its schemas.
const (
	// Version1_1_3 is OSCAL 1.1.3, the default: the version most tools
	// read today.
	Version1_1_3 Version = "1.1.3"
	// Version1_2_1 is OSCAL 1.2.1, the first version with the
	// mapping-collection model.
	Version1_2_1 Version = "1.2.1"
)

var versionValues = []Version{Version1_1_3, Version1_2_1}

// VersionValues returns every Version the package writes.
func VersionValues() []Version { return slices.Clone(versionValues) }

// IsValid reports whether v is a Version the package writes.
func (v Version) IsValid() bool { return slices.Contains(versionValues, v) }

// UnmarshalText accepts only the versions the package writes.
func (v *Version) UnmarshalText(b []byte) error {
	if v == nil {
		return isms.Invalidf("oscal version: UnmarshalText into a nil pointer")
	}
	return isms.UnmarshalEnum(v, "oscal version", b, versionValues)
}

// Namespace is the OSCAL property namespace (the "ns" of a prop) the SDK
// owns: every property the SDK writes outside OSCAL's own vocabulary is in
// it. It is stable; changing it would orphan every exported document.
const Namespace = "https://ismskit.github.io/ns/oscal"

// Options adjust an export. A nil *Options means the defaults.
type Options struct {
	// Version is the OSCAL version to write; empty means Version1_1_3.
	// Mapping collections exist only in OSCAL 1.2.1, which ExportMapping
	// always writes.
	Version Version
	// LastModified is written as the document's metadata last-modified.
	// When zero, the document's own time is used (an SoA's UpdatedAt,
	// ApprovedAt or CreatedAt; a mapping's provenance date); a catalog has
	// none, so exporting one needs it. OSCAL accepts years 1900 to 2999.
	LastModified time.Time
	// Indent, when true, indents the JSON by two spaces.
	Indent bool
}

// version returns the version to write, checked.
func (o *Options) version() (Version, error) {
	if o == nil || o.Version == "" {
		return Version1_1_3, nil
	}
	if !o.Version.IsValid() {
		return "", isms.Invalidf("unsupported OSCAL version %q (want 1.1.3 or 1.2.1)", string(o.Version))
	}
	return o.Version, nil
}

func (o *Options) lastModified(fallback ...time.Time) time.Time {
	if o != nil && !o.LastModified.IsZero() {
		return o.LastModified
	}
	for _, t := range fallback {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

func (o *Options) indent() bool { return o != nil && o.Indent }

// ImportOptions adjust an import. A nil *ImportOptions means the defaults.
type ImportOptions struct {
	// IncludeWithdrawn keeps withdrawn controls (those with the OSCAL prop
	// status = withdrawn), flagged by their "status" property. By default
	// they are left out, with the controls nested in them.
	IncludeWithdrawn bool
	// ID is the id the imported catalog gets; empty means one derived from
	// the catalog's metadata (see ImportCatalog).
	ID isms.ID
}
