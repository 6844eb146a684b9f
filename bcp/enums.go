package bcp

import (
	"slices"

	"github.com/ismskit/ismskit/isms"
)

// Criticality ranks an activity.
type Criticality string

// Criticalities, from the most to the least critical.
const (
	CriticalityCritical Criticality = "critical"
	CriticalityHigh     Criticality = "high"
	CriticalityMedium   Criticality = "medium"
	CriticalityLow      Criticality = "low"
)

var criticalityValues = []Criticality{CriticalityCritical, CriticalityHigh, CriticalityMedium, CriticalityLow}

// CriticalityValues returns every Criticality, most critical first.
func CriticalityValues() []Criticality { return slices.Clone(criticalityValues) }

// IsValid reports whether c is a known Criticality.
func (c Criticality) IsValid() bool { return slices.Contains(criticalityValues, c) }

// Rank returns 4 for critical down to 1 for low, and 0 otherwise.
func (c Criticality) Rank() int {
	if i := slices.Index(criticalityValues, c); i >= 0 {
		return len(criticalityValues) - i
	}
	return 0
}

// UnmarshalText accepts only known criticalities.
func (c *Criticality) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(c, "criticality", b, criticalityValues)
}

// ResourceKind says what a resource is.
type ResourceKind string

// Resource kinds.
const (
	ResourceSystem       ResourceKind = "system"
	ResourceApplication  ResourceKind = "application"
	ResourceDataStore    ResourceKind = "data_store"
	ResourceSite         ResourceKind = "site"
	ResourcePeople       ResourceKind = "people"
	ResourceSupplier     ResourceKind = "supplier"
	ResourceCloudService ResourceKind = "cloud_service"
)

var resourceKindValues = []ResourceKind{ResourceSystem, ResourceApplication, ResourceDataStore, ResourceSite, ResourcePeople, ResourceSupplier, ResourceCloudService}

// ResourceKindValues returns every ResourceKind.
func ResourceKindValues() []ResourceKind { return slices.Clone(resourceKindValues) }

// IsValid reports whether k is a known ResourceKind.
func (k ResourceKind) IsValid() bool { return slices.Contains(resourceKindValues, k) }

// UnmarshalText accepts only known resource kinds.
func (k *ResourceKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "resource kind", b, resourceKindValues)
}

// RecoveryMode says how the dependencies of an activity or resource are
// recovered: all at once (parallel, the default: the slowest decides) or
// one after the other (sequential: their times add up).
type RecoveryMode string

// Recovery modes.
const (
	RecoveryParallel   RecoveryMode = "parallel"
	RecoverySequential RecoveryMode = "sequential"
)

var recoveryModeValues = []RecoveryMode{RecoveryParallel, RecoverySequential}

// RecoveryModeValues returns every RecoveryMode.
func RecoveryModeValues() []RecoveryMode { return slices.Clone(recoveryModeValues) }

// IsValid reports whether m is a known RecoveryMode.
func (m RecoveryMode) IsValid() bool { return slices.Contains(recoveryModeValues, m) }

// UnmarshalText accepts only known recovery modes.
func (m *RecoveryMode) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(m, "recovery mode", b, recoveryModeValues)
}

// FailoverMode says how a resource fails over.
type FailoverMode string

// Failover modes.
const (
	FailoverNone      FailoverMode = "none"
	FailoverManual    FailoverMode = "manual"
	FailoverAutomatic FailoverMode = "automatic"
)

var failoverModeValues = []FailoverMode{FailoverNone, FailoverManual, FailoverAutomatic}

// FailoverModeValues returns every FailoverMode.
func FailoverModeValues() []FailoverMode { return slices.Clone(failoverModeValues) }

// IsValid reports whether m is a known FailoverMode.
func (m FailoverMode) IsValid() bool { return slices.Contains(failoverModeValues, m) }

// UnmarshalText accepts only known failover modes.
func (m *FailoverMode) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(m, "failover mode", b, failoverModeValues)
}

// DRTestKind says what a DR test or exercise exercises.
type DRTestKind string

// DR test kinds.
const (
	// DRTestBackupRestore restores a backup and measures it.
	DRTestBackupRestore DRTestKind = "backup_restore"
	// DRTestFailover fails a resource over and measures it.
	DRTestFailover DRTestKind = "failover"
	// DRTestTabletop walks through a plan without disrupting anything; it
	// measures no recovery time.
	DRTestTabletop DRTestKind = "tabletop"
	// DRTestFullScale disrupts and recovers the whole activity.
	DRTestFullScale DRTestKind = "full_scale"
)

var drTestKindValues = []DRTestKind{DRTestBackupRestore, DRTestFailover, DRTestTabletop, DRTestFullScale}

// DRTestKindValues returns every DRTestKind.
func DRTestKindValues() []DRTestKind { return slices.Clone(drTestKindValues) }

// IsValid reports whether k is a known DRTestKind.
func (k DRTestKind) IsValid() bool { return slices.Contains(drTestKindValues, k) }

// Measured reports whether a test of kind k measures recovery times
// (every kind but the tabletop exercise).
func (k DRTestKind) Measured() bool { return k.IsValid() && k != DRTestTabletop }

// UnmarshalText accepts only known DR test kinds.
func (k *DRTestKind) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(k, "dr test kind", b, drTestKindValues)
}

// DRTestStatus is where a DR test is in its lifecycle (DRTestLifecycle).
type DRTestStatus string

// DR test statuses.
const (
	DRTestPlanned   DRTestStatus = "planned"
	DRTestExecuted  DRTestStatus = "executed"
	DRTestEvaluated DRTestStatus = "evaluated"
	DRTestClosed    DRTestStatus = "closed"
	DRTestCancelled DRTestStatus = "cancelled"
)

var drTestStatusValues = []DRTestStatus{DRTestPlanned, DRTestExecuted, DRTestEvaluated, DRTestClosed, DRTestCancelled}

// DRTestStatusValues returns every DRTestStatus, in lifecycle order.
func DRTestStatusValues() []DRTestStatus { return slices.Clone(drTestStatusValues) }

// IsValid reports whether s is a known DRTestStatus.
func (s DRTestStatus) IsValid() bool { return slices.Contains(drTestStatusValues, s) }

// Done reports whether a test in status s has been executed and evaluated
// (evaluated or closed), so its verdict counts.
func (s DRTestStatus) Done() bool { return s == DRTestEvaluated || s == DRTestClosed }

// UnmarshalText accepts only known DR test statuses.
func (s *DRTestStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "dr test status", b, drTestStatusValues)
}

// BIAStatus is where a stored BIA version is: a draft may change; a
// signed-off version is immutable, and a change is a new version.
type BIAStatus string

// BIA statuses.
const (
	BIADraft     BIAStatus = "draft"
	BIASignedOff BIAStatus = "signed_off"
)

var biaStatusValues = []BIAStatus{BIADraft, BIASignedOff}

// BIAStatusValues returns every BIAStatus.
func BIAStatusValues() []BIAStatus { return slices.Clone(biaStatusValues) }

// IsValid reports whether s is a known BIAStatus.
func (s BIAStatus) IsValid() bool { return slices.Contains(biaStatusValues, s) }

// UnmarshalText accepts only known BIA statuses.
func (s *BIAStatus) UnmarshalText(b []byte) error {
	return isms.UnmarshalEnum(s, "bia status", b, biaStatusValues)
}
