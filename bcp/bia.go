package bcp

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/ismskit/ismskit/isms"
)

// BIA is a business impact analysis snapshot: the activities of the
// organisation, the resources they need and the dependencies between
// them. IDs are unique across activities and resources.
type BIA struct {
	// ID names the analysis.
	ID isms.ID `json:"id"`
	// Version numbers the analysis' versions from 1; 0 means unnumbered.
	Version int `json:"version,omitempty"`
	// ImpactScale is the declared impact scale of the impact-over-time
	// thresholds, from the least to the most severe level
	// (["minor", "moderate", "major", "severe"]).
	ImpactScale []string `json:"impact_scale,omitempty"`
	// IntolerableLevel is the level of ImpactScale from which the impact is
	// intolerable: an activity's derived MTPD is the first time its impact
	// reaches it. Required with impact thresholds.
	IntolerableLevel string `json:"intolerable_level,omitempty"`
	// Activities are the business processes analysed.
	Activities []Activity `json:"activities,omitempty"`
	// Resources are what the activities need.
	Resources []Resource `json:"resources,omitempty"`
}

// Activity is a business process with its recovery objectives. A zero
// objective is missing.
type Activity struct {
	// ID is required and unique in the BIA.
	ID isms.ID `json:"id"`
	// Name is required.
	Name string `json:"name"`
	// Owner is accountable for the activity; a missing one is a finding.
	Owner string `json:"owner,omitempty"`
	// Criticality is required.
	Criticality Criticality `json:"criticality"`
	// MTPD is the maximum tolerable period of disruption.
	MTPD isms.Duration `json:"mtpd,omitzero"`
	// RTO is the recovery time objective.
	RTO isms.Duration `json:"rto,omitzero"`
	// RPO is the recovery point objective.
	RPO isms.Duration `json:"rpo,omitzero"`
	// MBCO is the minimum business continuity objective: the capacity the
	// activity must deliver during a disruption.
	MBCO *Quantity `json:"mbco,omitempty"`
	// Impacts is the impact over time: each threshold is the impact
	// reached that long after the disruption began, in ascending order of
	// time. The derived MTPD is the first that reaches the BIA's
	// IntolerableLevel (Activity.DerivedMTPD).
	Impacts []ImpactThreshold `json:"impacts,omitempty"`
	// ResumeTime is how long the activity takes to resume once every
	// resource it needs is back.
	ResumeTime isms.Duration `json:"resume_time,omitzero"`
	// Recovery says how its dependencies are recovered. Default parallel.
	Recovery RecoveryMode `json:"recovery,omitempty"`
	// DependsOn lists the IDs of the resources the activity needs.
	DependsOn []isms.ID `json:"depends_on,omitempty"`
}

// Quantity is an amount with its unit ("orders per hour", "EUR").
type Quantity struct {
	// Value is finite and not negative.
	Value float64 `json:"value"`
	// Unit is required.
	Unit string `json:"unit"`
}

// ImpactThreshold is the impact an activity's disruption has reached
// after a time: a level on the BIA's impact scale, and optionally a
// quantity (a loss of 50 000 EUR).
type ImpactThreshold struct {
	// After is the time since the disruption began.
	After isms.Duration `json:"after"`
	// Level is a level of BIA.ImpactScale.
	Level string `json:"level"`
	// Quantity is the impact as an amount, when one is estimated.
	Quantity *Quantity `json:"quantity,omitempty"`
}

// BackupSchedule is how a resource's data is backed up.
type BackupSchedule struct {
	// Interval is the time between two backups; required.
	Interval isms.Duration `json:"interval"`
	// JobDuration is how long one backup job runs.
	JobDuration isms.Duration `json:"job_duration,omitzero"`
	// TransferLag is how long the copy takes to reach its destination.
	TransferLag isms.Duration `json:"transfer_lag,omitzero"`
	// VerificationDelay is how long the copy takes to be verified.
	VerificationDelay isms.Duration `json:"verification_delay,omitzero"`
	// VerifiedOnly says that only verified copies count as restore points.
	VerifiedOnly bool `json:"verified_only,omitempty"`
	// Retention is how long copies are kept.
	Retention isms.Duration `json:"retention,omitzero"`
	// Offline says a copy is kept offline (air-gapped).
	Offline bool `json:"offline,omitempty"`
	// Immutable says a copy cannot be changed or deleted before it expires.
	Immutable bool `json:"immutable,omitempty"`
}

// Failover is a resource's failover capability.
type Failover struct {
	// Mode is required when Failover is set.
	Mode FailoverMode `json:"mode"`
	// Time is how long the failover takes.
	Time isms.Duration `json:"time,omitzero"`
}

// SLA is what a supplier or cloud service contracts to recover, and the
// shared-responsibility split.
type SLA struct {
	// RTO and RPO are the contracted objectives; zero when not contracted.
	RTO isms.Duration `json:"rto,omitzero"`
	RPO isms.Duration `json:"rpo,omitzero"` // see RTO
	// ProviderRecovers lists what the provider recovers by itself.
	ProviderRecovers []string `json:"provider_recovers,omitempty"`
	// CustomerRecovers lists what the customer must recover.
	CustomerRecovers []string `json:"customer_recovers,omitempty"`
}

// Resource is something activities need, with its recovery capabilities.
type Resource struct {
	// ID is required and unique in the BIA.
	ID isms.ID `json:"id"`
	// Name is required.
	Name string `json:"name"`
	// Kind is required.
	Kind ResourceKind `json:"kind"`
	// Asset points at the inventory asset, when there is one.
	Asset isms.Ref `json:"asset,omitzero"`
	// Owner is accountable for the resource; a missing one is a finding.
	Owner string `json:"owner,omitempty"`
	// RTO and RPO are objectives declared for the resource itself, if any.
	RTO isms.Duration `json:"rto,omitzero"`
	RPO isms.Duration `json:"rpo,omitzero"` // see RTO
	// RestoreTime is how long the resource takes to restore.
	RestoreTime isms.Duration `json:"restore_time,omitzero"`
	// RestoreMeasured says RestoreTime was measured, not estimated.
	RestoreMeasured bool `json:"restore_measured,omitempty"`
	// Backup is the backup schedule, if any.
	Backup *BackupSchedule `json:"backup,omitempty"`
	// ReplicationLag is the maximum lag of continuous replication; zero
	// when there is none.
	ReplicationLag isms.Duration `json:"replication_lag,omitzero"`
	// Failover is the failover capability, if any.
	Failover *Failover `json:"failover,omitempty"`
	// SLA is the contracted recovery of a supplier or cloud service.
	SLA *SLA `json:"sla,omitempty"`
	// ChangedAt is the resource's last substantive change (a migration, a
	// new version, a new site): a DR test before it no longer counts as
	// current (bcp.dr_test_stale).
	ChangedAt time.Time `json:"changed_at,omitzero"`
	// Recovery says how its dependencies are recovered. Default parallel.
	Recovery RecoveryMode `json:"recovery,omitempty"`
	// DependsOn lists the IDs of the resources this one needs.
	DependsOn []isms.ID `json:"depends_on,omitempty"`
}

// HoldsData reports whether the resource holds data whose loss the RPO
// bounds: a data store, or anything backed up or replicated.
func (r *Resource) HoldsData() bool {
	return r != nil && (r.Kind == ResourceDataStore || r.Backup != nil || !r.ReplicationLag.IsZero())
}

// Validate reports every problem of b: IDs required, valid and unique
// across activities and resources; names, criticalities and kinds
// required; enums known; durations and times valid; the impact scale's
// levels unique, the intolerable level on it, each activity's thresholds
// on it in strictly ascending order of time; quantities finite, not
// negative and with a unit; dependencies naming resources of the BIA, each
// once, never the node itself. Cycles are not errors: Check reports them.
// It runs in time linear in the size of b. A nil b is an error answering
// isms.ErrInvalid.
func (b *BIA) Validate() error {
	if b == nil {
		return isms.Invalidf("bcp: bia is nil")
	}
	var ps isms.Problems
	if err := b.ID.Validate(); err != nil {
		ps.Add("id", isms.CodeRequired, err.Error())
	}
	if b.Version < 0 {
		ps.Add("version", isms.CodeOutOfRange, "version is negative")
	}
	levels := make(map[string]int, len(b.ImpactScale))
	for i, l := range b.ImpactScale {
		f := "impact_scale[" + strconv.Itoa(i) + "]"
		switch _, dup := levels[l]; {
		case l == "":
			ps.Add(f, isms.CodeRequired, "a level needs a name")
		case dup:
			ps.Addf(f, isms.CodeDuplicate, "level %q is listed twice", l)
		default:
			levels[l] = i
		}
	}
	if _, ok := levels[b.IntolerableLevel]; b.IntolerableLevel != "" && !ok {
		ps.Addf("intolerable_level", isms.CodeUnknown, "%q is no level of the impact scale", b.IntolerableLevel)
	}
	seen := make(map[isms.ID]string, len(b.Activities)+len(b.Resources))
	resources := make(map[isms.ID]bool, len(b.Resources))
	for i := range b.Resources {
		resources[b.Resources[i].ID] = true
	}
	checkID := func(f string, id isms.ID) {
		if err := id.Validate(); err != nil {
			ps.Add(f+".id", isms.CodeMalformed, err.Error())
			return
		}
		if first, dup := seen[id]; dup {
			ps.Addf(f+".id", isms.CodeDuplicate, "id %q is also %s", id, first)
			return
		}
		seen[id] = f
	}
	checkDur := func(f string, d isms.Duration) {
		if err := d.Validate(); err != nil {
			ps.Add(f, isms.CodeOutOfRange, err.Error())
		}
	}
	checkDeps := func(f string, self isms.ID, deps []isms.ID) {
		once := make(map[isms.ID]bool, len(deps))
		for j, d := range deps {
			df := f + ".depends_on[" + strconv.Itoa(j) + "]"
			switch {
			case d == self:
				ps.Add(df, isms.CodeForbidden, "depends on itself")
			case once[d]:
				ps.Addf(df, isms.CodeDuplicate, "%q is listed twice", d)
			case !resources[d]:
				ps.Addf(df, isms.CodeUnknown, "%q is no resource of the BIA", d)
			}
			once[d] = true
		}
	}
	missingLevel := false
	for i := range b.Activities {
		a := &b.Activities[i]
		f := "activities[" + strconv.Itoa(i) + "]"
		checkID(f, a.ID)
		if a.Name == "" {
			ps.Add(f+".name", isms.CodeRequired, "name is required")
		}
		isms.CheckEnum(&ps, f+".criticality", a.Criticality, criticalityValues, true)
		isms.CheckEnum(&ps, f+".recovery", a.Recovery, recoveryModeValues, false)
		for _, d := range [...]struct {
			n string
			v isms.Duration
		}{{"mtpd", a.MTPD}, {"rto", a.RTO}, {"rpo", a.RPO}, {"resume_time", a.ResumeTime}} {
			checkDur(f+"."+d.n, d.v)
		}
		checkQuantity(&ps, f+".mbco", a.MBCO)
		if len(a.Impacts) > 0 && b.IntolerableLevel == "" && !missingLevel {
			missingLevel = true
			ps.Add("intolerable_level", isms.CodeRequired, "impact thresholds need an intolerable level")
		}
		var last time.Duration
		for j := range a.Impacts {
			t := &a.Impacts[j]
			tf := f + ".impacts[" + strconv.Itoa(j) + "]"
			checkDur(tf+".after", t.After)
			if _, ok := levels[t.Level]; !ok {
				ps.Addf(tf+".level", isms.CodeUnknown, "%q is no level of the impact scale", t.Level)
			}
			if n := t.After.Nominal(); j > 0 && n <= last {
				ps.Addf(tf+".after", isms.CodeOrder, "%s is not after the previous threshold's %s", t.After, a.Impacts[j-1].After)
			} else {
				last = n
			}
			checkQuantity(&ps, tf+".quantity", t.Quantity)
		}
		checkDeps(f, a.ID, a.DependsOn)
	}
	for i := range b.Resources {
		r := &b.Resources[i]
		f := "resources[" + strconv.Itoa(i) + "]"
		checkID(f, r.ID)
		if r.Name == "" {
			ps.Add(f+".name", isms.CodeRequired, "name is required")
		}
		isms.CheckEnum(&ps, f+".kind", r.Kind, resourceKindValues, true)
		isms.CheckEnum(&ps, f+".recovery", r.Recovery, recoveryModeValues, false)
		if !r.Asset.IsZero() {
			ps.Merge(f+".asset", r.Asset.Validate())
		}
		isms.CheckTime(&ps, f+".changed_at", r.ChangedAt)
		for _, d := range [...]struct {
			n string
			v isms.Duration
		}{{"rto", r.RTO}, {"rpo", r.RPO}, {"restore_time", r.RestoreTime}, {"replication_lag", r.ReplicationLag}} {
			checkDur(f+"."+d.n, d.v)
		}
		if bk := r.Backup; bk != nil {
			if bk.Interval.IsZero() {
				ps.Add(f+".backup.interval", isms.CodeRequired, "interval is required")
			}
			for _, d := range [...]struct {
				n string
				v isms.Duration
			}{{"interval", bk.Interval}, {"job_duration", bk.JobDuration}, {"transfer_lag", bk.TransferLag}, {"verification_delay", bk.VerificationDelay}, {"retention", bk.Retention}} {
				checkDur(f+".backup."+d.n, d.v)
			}
		}
		if fo := r.Failover; fo != nil {
			isms.CheckEnum(&ps, f+".failover.mode", fo.Mode, failoverModeValues, true)
			checkDur(f+".failover.time", fo.Time)
		}
		if s := r.SLA; s != nil {
			checkDur(f+".sla.rto", s.RTO)
			checkDur(f+".sla.rpo", s.RPO)
		}
		checkDeps(f, r.ID, r.DependsOn)
	}
	return ps.Err(fmt.Sprintf("bia %q", b.ID))
}

func checkQuantity(ps *isms.Problems, f string, q *Quantity) {
	if q == nil {
		return
	}
	if math.IsNaN(q.Value) || math.IsInf(q.Value, 0) || q.Value < 0 {
		ps.Add(f+".value", isms.CodeOutOfRange, "value must be finite and not negative")
	}
	if q.Unit == "" {
		ps.Add(f+".unit", isms.CodeRequired, "unit is required")
	}
}

// ParseBIA decodes a BIA document from a user strictly
// (isms.UnmarshalStrict: unknown fields, trailing data, oversized or too
// deep documents refused) and validates it. Every error answers
// isms.ErrInvalid.
func ParseBIA(data []byte) (*BIA, error) {
	var b BIA
	if err := isms.UnmarshalStrict(data, &b); err != nil {
		return nil, fmt.Errorf("bcp: parse bia: %w", err)
	}
	if err := b.Validate(); err != nil {
		return nil, fmt.Errorf("bcp: parse bia: %w", err)
	}
	return &b, nil
}
