package risk

import (
	"encoding/json"

	"github.com/ismskit/ismskit/internal/jsonread"
	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/isms/store"
)

var _ store.Unmarshaler = (*Risk)(nil)

// UnmarshalStored sets *r to what json.Unmarshal(data, &Risk{}) gives, and
// returns the error it returns: the store (store.Unmarshaler) decodes
// every stored risk with it, so that a listing that misses the cache
// spends its time reading risks, not reflecting over them.
//
// The documents the store writes (json.Marshal of a Risk) are read by a
// decoder written for Risk, five to six times faster than json.Unmarshal,
// with three allocations where json.Unmarshal makes twenty-two for a
// register's risk (BenchmarkUnmarshalStored): every string without escapes
// is cut from one copy of the document, which the value keeps alive as
// long as any of its strings is. Any document that decoder does not read
// exactly as encoding/json would (an unknown key, a key in other case, a
// key twice, invalid UTF-8, any invalid JSON) is decoded by json.Unmarshal
// instead; differential tests and a fuzz target hold the two to the same
// result and the same error.
//
// A nil r is an error, as json.Unmarshal's for a nil pointer.
func (r *Risk) UnmarshalStored(data []byte) error {
	if r == nil {
		return json.Unmarshal(data, r)
	}
	*r = Risk{}
	if decodeStoredRisk(data, r) {
		return nil
	}
	*r = Risk{}
	return json.Unmarshal(data, r)
}

// decodeStoredRisk decodes data into the zero Risk v and reports whether
// it read all of it exactly as encoding/json would; on false v is
// garbage.
func decodeStoredRisk(data []byte, v *Risk) bool {
	var rd jsonread.Reader
	rd.Reset(data)
	return readRisk(&rd, v) && rd.End()
}

// The members of a risk, for jsonread.Reader.Mark.
const (
	riskID jsonread.Members = 1 << iota
	riskRevision
	riskCreatedAt
	riskUpdatedAt
	riskTitle
	riskDescription
	riskOwner
	riskStatus
	riskCategory
	riskAssets
	riskThreat
	riskVulnerability
	riskImpactRule
	riskCriteria
	riskExistingControls
	riskInherent
	riskCurrent
	riskResidual
	riskTreatment
	riskQuantitative
	riskAcceptances
	riskDelegations
	riskReviewedAt
	riskReviewedBy
)

// readRisk reads a Risk object into the zero v. The members it reads most
// (the metadata, the scenario, the assets and the three assessments) are
// read field by field; the rest (criteria, controls, treatment,
// quantitative scenario, acceptances, delegations) are handed to
// encoding/json whole, which decodes them as it would inside the risk.
func readRisk(rd *jsonread.Reader, v *Risk) bool {
	var seen jsonread.Members
	for more := rd.BeginObject(); more; more = rd.MoreMembers() {
		var bit jsonread.Members
		switch rd.Key() {
		case "id":
			bit, v.ID = riskID, isms.ID(rd.String())
		case "revision":
			bit, v.Revision = riskRevision, rd.Int64()
		case "created_at":
			bit = riskCreatedAt
			rd.Time(&v.CreatedAt)
		case "updated_at":
			bit = riskUpdatedAt
			rd.Time(&v.UpdatedAt)
		case "title":
			bit, v.Title = riskTitle, rd.String()
		case "description":
			bit, v.Description = riskDescription, rd.String()
		case "owner":
			bit, v.Owner = riskOwner, rd.String()
		case "status":
			bit = riskStatus
			rd.Text(&v.Status)
		case "category":
			bit, v.Category = riskCategory, rd.String()
		case "assets":
			bit, v.Assets = riskAssets, readRefs(rd)
		case "threat":
			bit, v.Threat = riskThreat, rd.String()
		case "vulnerability":
			bit, v.Vulnerability = riskVulnerability, rd.String()
		case "impact_rule":
			bit = riskImpactRule
			rd.Text(&v.ImpactRule)
		case "criteria":
			bit = riskCriteria
			delegate(rd, &v.Criteria)
		case "existing_controls":
			bit, v.ExistingControls = riskExistingControls, readRefs(rd)
		case "inherent":
			bit, v.Inherent = riskInherent, readAssessment(rd)
		case "current":
			bit, v.Current = riskCurrent, readAssessment(rd)
		case "residual":
			bit, v.Residual = riskResidual, readAssessment(rd)
		case "treatment":
			bit = riskTreatment
			delegate(rd, &v.Treatment)
		case "quantitative":
			bit = riskQuantitative
			delegate(rd, &v.Quantitative)
		case "acceptances":
			bit = riskAcceptances
			delegate(rd, &v.Acceptances)
		case "delegations":
			bit = riskDelegations
			delegate(rd, &v.Delegations)
		case "reviewed_at":
			bit = riskReviewedAt
			rd.Time(&v.ReviewedAt)
		case "reviewed_by":
			bit, v.ReviewedBy = riskReviewedBy, rd.String()
		}
		rd.Mark(&seen, bit)
	}
	return !rd.Failed()
}

// delegate decodes the next value into the zero *dst with encoding/json,
// which gives what it would give for the value inside the whole document.
func delegate[T any](rd *jsonread.Reader, dst *T) {
	raw := rd.Raw()
	if rd.Failed() {
		return
	}
	if json.Unmarshal(raw, dst) != nil {
		rd.Fail()
	}
}

// readRefs reads an array of Refs: nil for a null, an empty slice for
// [], as encoding/json gives.
func readRefs(rd *jsonread.Reader) []isms.Ref {
	if rd.Null() {
		return nil
	}
	refs := []isms.Ref{}
	for more := rd.BeginArray(); more; more = rd.MoreElements() {
		var ref isms.Ref
		var seen jsonread.Members
		for more := rd.BeginObject(); more; more = rd.MoreMembers() {
			var bit jsonread.Members
			switch rd.Key() {
			case "kind":
				bit, ref.Kind = 1, rd.String()
			case "id":
				bit, ref.ID = 2, isms.ID(rd.String())
			}
			rd.Mark(&seen, bit)
		}
		if rd.Failed() {
			return nil
		}
		refs = append(refs, ref)
	}
	return refs
}

// The members of an assessment, for jsonread.Reader.Mark.
const (
	assessmentMatrix jsonread.Members = 1 << iota
	assessmentLikelihood
	assessmentImpacts
	assessmentRule
	assessmentImpact
	assessmentLevel
	assessmentRationale
	assessmentAssessedBy
	assessmentAssessedAt
)

// readAssessment reads an Assessment object, or a null as nil.
func readAssessment(rd *jsonread.Reader) *Assessment {
	if rd.Null() {
		return nil
	}
	a := new(Assessment)
	var seen jsonread.Members
	for more := rd.BeginObject(); more; more = rd.MoreMembers() {
		var bit jsonread.Members
		switch rd.Key() {
		case "matrix":
			bit = assessmentMatrix
			readMatrixRef(rd, &a.Matrix)
		case "likelihood":
			bit, a.Likelihood = assessmentLikelihood, rd.String()
		case "impacts":
			bit = assessmentImpacts
			delegate(rd, &a.Impacts)
		case "rule":
			bit = assessmentRule
			rd.Text(&a.Rule)
		case "impact":
			bit, a.Impact = assessmentImpact, rd.String()
		case "level":
			bit, a.Level = assessmentLevel, rd.String()
		case "rationale":
			bit, a.Rationale = assessmentRationale, rd.String()
		case "assessed_by":
			bit, a.AssessedBy = assessmentAssessedBy, rd.String()
		case "assessed_at":
			bit = assessmentAssessedAt
			rd.Time(&a.AssessedAt)
		}
		rd.Mark(&seen, bit)
	}
	return a
}

// readMatrixRef reads a MatrixRef object; a null leaves m unchanged, as
// encoding/json does for a struct.
func readMatrixRef(rd *jsonread.Reader, m *MatrixRef) {
	if rd.Null() {
		return
	}
	var seen jsonread.Members
	for more := rd.BeginObject(); more; more = rd.MoreMembers() {
		var bit jsonread.Members
		switch rd.Key() {
		case "name":
			bit, m.Name = 1, rd.String()
		case "version":
			bit, m.Version = 2, rd.String()
		}
		rd.Mark(&seen, bit)
	}
}
