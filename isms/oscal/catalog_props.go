package oscal

import (
	"maps"
	"slices"
	"strings"

	"github.com/ismskit/ismskit/controls"
)

// Property keys of controls.Group and controls.Control that the catalog
// mapping gives a meaning of their own.
const (
	// PropClass holds the OSCAL class of a group or control ("family",
	// "SP800-53-enhancement"); it is written as the class field, not as a
	// prop.
	PropClass = "class"
	// PropParent holds, on a control nested in another (an SP 800-53
	// enhancement, a CSF subcategory), the id of the control it is nested
	// in. Export nests a control in its parent when the parent is listed
	// before it in the same group; the prop is then not written.
	PropParent = "parent"
	// PropStatus is the OSCAL status prop; "withdrawn" marks a withdrawn
	// control.
	PropStatus = "status"
)

// StatusWithdrawn is the value of PropStatus on a withdrawn control.
const StatusWithdrawn = "withdrawn"

// oscalNS is the namespace OSCAL's own props are in, written or not.
const oscalNS = "http://csrc.nist.gov/ns/oscal"

// attributeClass is the class of the props that carry ISO/IEC 27002
// attribute values (in the SDK's namespace).
const attributeClass = "iso27002-attribute"

// coreProps are the catalog prop names of OSCAL's own vocabulary, written
// without a namespace.
var coreProps = map[string]bool{"label": true, "sort-id": true, "status": true, "alt-identifier": true}

// exportProps turns an SDK property map into OSCAL props, in sorted key
// order: OSCAL's own names without a namespace, keys in Clark notation
// ("{ns}name") in their namespace, and every other key in the SDK's
// namespace. PropClass and PropParent are left to the caller. A key that
// is not an OSCAL token, or an empty or space-padded value, is an error.
func exportProps(field string, props map[string]string) ([]property, string, error) {
	var out []property
	class := ""
	for _, k := range slices.Sorted(maps.Keys(props)) {
		v := props[k]
		switch k {
		case PropClass:
			if !isToken(v) {
				return nil, "", problem("%s: class %q is not an OSCAL token", field, v)
			}
			class = v
			continue
		case PropParent:
			continue
		}
		if !isOSCALString(v) {
			return nil, "", problem("%s: property %q has a value OSCAL cannot hold (empty or padded with spaces)", field, k)
		}
		p := property{Name: k, Value: v}
		if ns, name, ok := clark(k); ok {
			p.NS, p.Name = ns, name
			if ns == oscalNS {
				p.NS = ""
			}
		} else if !coreProps[k] {
			p.NS = Namespace
		}
		if !isToken(p.Name) {
			return nil, "", problem("%s: property name %q is not an OSCAL token", field, k)
		}
		out = append(out, p)
	}
	return out, class, nil
}

// clark splits a key "{ns}name".
func clark(k string) (ns, name string, ok bool) {
	if !strings.HasPrefix(k, "{") {
		return "", "", false
	}
	end := strings.IndexByte(k, '}')
	if end < 2 {
		return "", "", false
	}
	return k[1:end], k[end+1:], true
}

// importProps turns OSCAL props into an SDK property map and attributes:
// props of OSCAL's namespace and of the SDK's are keyed by name, others in
// Clark notation; the first of repeated names wins.
func importProps(ps []property, class string) (map[string]string, controls.Attributes) {
	var out map[string]string
	var attrs controls.Attributes
	set := func(k, v string) {
		if out == nil {
			out = make(map[string]string, len(ps)+1)
		}
		if _, dup := out[k]; !dup {
			out[k] = v
		}
	}
	if class != "" {
		set(PropClass, class)
	}
	for _, p := range ps {
		switch p.NS {
		case "", oscalNS:
			set(p.Name, p.Value)
		case Namespace:
			if p.Class == attributeClass && addAttribute(&attrs, p.Name, p.Value) {
				continue
			}
			set(p.Name, p.Value)
		default:
			set("{"+p.NS+"}"+p.Name, p.Value)
		}
	}
	return out, attrs
}

// attributeProps writes attribute values as SDK-namespace props.
func attributeProps(a controls.Attributes) []property {
	var out []property
	add := func(name string, v string) {
		out = append(out, property{Name: name, NS: Namespace, Class: attributeClass, Value: v})
	}
	for _, v := range a.ControlTypes {
		add("control_types", string(v))
	}
	for _, v := range a.SecurityProperties {
		add("security_properties", string(v))
	}
	for _, v := range a.CybersecurityConcepts {
		add("cybersecurity_concepts", string(v))
	}
	for _, v := range a.OperationalCapabilities {
		add("operational_capabilities", string(v))
	}
	for _, v := range a.SecurityDomains {
		add("security_domains", string(v))
	}
	return out
}

// addAttribute adds an attribute value by its prop name; false for a name
// that is not an attribute type.
func addAttribute(a *controls.Attributes, name, v string) bool {
	switch name {
	case "control_types":
		a.ControlTypes = append(a.ControlTypes, controls.ControlType(v))
	case "security_properties":
		a.SecurityProperties = append(a.SecurityProperties, controls.SecurityProperty(v))
	case "cybersecurity_concepts":
		a.CybersecurityConcepts = append(a.CybersecurityConcepts, controls.CybersecurityConcept(v))
	case "operational_capabilities":
		a.OperationalCapabilities = append(a.OperationalCapabilities, controls.OperationalCapability(v))
	case "security_domains":
		a.SecurityDomains = append(a.SecurityDomains, controls.SecurityDomain(v))
	default:
		return false
	}
	return true
}
