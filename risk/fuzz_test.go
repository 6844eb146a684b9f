package risk_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/isms"
	"github.com/ismskit/ismskit/risk"
)

func FuzzMatrixJSON(f *testing.F) {
	for _, m := range append(risk.Presets(), validMatrix()) {
		data, err := json.Marshal(m)
		require.NoError(f, err)
		f.Add(data)
	}
	f.Add([]byte(`{"name":"x","version":"1","likelihood":[{"id":"a","name":"A"}],"impact":[{"id":"b","name":"B"}],"risk":[{"id":"r","name":"R"}],"grid":[[0]]}`))
	f.Add([]byte(`{"name":"x","version":"1","likelihood":[{"id":"a","name":"A"}],"impact":[{"id":"b","name":"B"}],"risk":[{"id":"r","name":"R"}],"grid":[[1]]}`))
	f.Add([]byte(`{"name":"x","version":"1","likelihood":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"impact":[{"id":"b","name":"B"}],"risk":[{"id":"r","name":"R"},{"id":"s","name":"S"}],"grid":[[1],[0]],"monotonic":true}`))
	f.Add([]byte(`{"grid":[[0,1],[2]],"risk":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = risk.ParseMatrix(data) // never panics
		var m risk.Matrix
		if json.Unmarshal(data, &m) != nil {
			return
		}
		err := m.Validate()
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			// Scoring an invalid matrix is an error or a result, never a panic.
			for l := -1; l <= len(m.Grid) && l < 70; l++ {
				_, _ = m.Score(l, 0)
				_, _ = m.Score(l, len(m.Impact)-1)
			}
			if len(m.Likelihood) > 0 && len(m.Impact) > 0 {
				_, _ = m.Evaluate(risk.Rating{Likelihood: m.Likelihood[0].ID, Impact: m.Impact[len(m.Impact)-1].ID})
			}
			return
		}
		// An accepted matrix scores every in-range input, by index and by ID.
		// (Plain checks in the loops keep each execution cheap.)
		for l, ll := range m.Likelihood {
			for i, il := range m.Impact {
				v, err := m.Score(l, i)
				if err != nil || v != m.Grid[l][i] || v < 0 || v >= len(m.Risk) {
					t.Fatalf("Score(%d, %d) = %d, %v on a valid matrix", l, i, v, err)
				}
				res, err := m.Evaluate(risk.Rating{Likelihood: ll.ID, Impact: il.ID})
				if err != nil || res.Level != v {
					t.Fatalf("Evaluate(%q, %q) = %+v, %v; want level %d", ll.ID, il.ID, res, err, v)
				}
				if m.Monotonic && (l > 0 && v < m.Grid[l-1][i] || i > 0 && v < m.Grid[l][i-1]) {
					t.Fatalf("cell [%d][%d] falls in a matrix accepted as monotonic", l, i)
				}
			}
		}
		// Out-of-range inputs are errors.
		_, err = m.Score(len(m.Likelihood), 0)
		require.ErrorIs(t, err, isms.ErrInvalid)
		_, err = m.Score(0, len(m.Impact))
		require.ErrorIs(t, err, isms.ErrInvalid)
		// The matrix survives a strict JSON round trip unchanged.
		out, err := json.Marshal(&m)
		require.NoError(t, err)
		back, err := risk.ParseMatrix(out)
		require.NoError(t, err)
		require.Equal(t, &m, back)
	})
}

func FuzzScore(f *testing.F) {
	f.Add(3, 3, uint8(3), uint8(1), uint8(2), false, uint8(0))
	f.Add(-1, 7, uint8(0), uint8(9), uint8(5), true, uint8(1))
	f.Add(4, 4, uint8(4), uint8(4), uint8(4), true, uint8(2))
	f.Add(0, 0, uint8(5), uint8(0), uint8(0), false, uint8(3))
	presets := risk.Presets()
	f.Fuzz(func(t *testing.T, l, i int, c, in, a uint8, mean bool, which uint8) {
		m := presets[int(which)%len(presets)]
		nl, ni := len(m.Likelihood), len(m.Impact)
		inRange := l >= 0 && l < nl && i >= 0 && i < ni
		v, err := m.Score(l, i)
		if !inRange {
			require.ErrorIs(t, err, isms.ErrInvalid)
		} else {
			require.NoError(t, err)
			require.Equal(t, m.Grid[l][i], v)
		}

		// Per-dimension ratings; an index equal to ni names an unknown level.
		idx := []int{int(c) % (ni + 1), int(in) % (ni + 1), int(a) % (ni + 1)}
		impact := func(k int) string {
			if k == ni {
				return "no-such-level"
			}
			return m.Impact[k].ID
		}
		rule := risk.RuleMax
		if mean {
			rule = risk.RuleMean
		}
		lid := "no-such-level"
		if l >= 0 && l < nl {
			lid = m.Likelihood[l].ID
		}
		rating := risk.Rating{Likelihood: lid, Impacts: cia(impact(idx[0]), impact(idx[1]), impact(idx[2])), Rule: rule}
		res, err := m.Evaluate(rating)
		unknown := lid == "no-such-level" || idx[0] == ni || idx[1] == ni || idx[2] == ni
		if unknown {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		require.NoError(t, err)
		want := max(idx[0], idx[1], idx[2])
		if mean {
			want = (idx[0] + idx[1] + idx[2] + 2) / 3
		}
		require.Equal(t, want, res.Impact)
		require.Equal(t, l, res.Likelihood)
		require.Equal(t, m.Grid[l][want], res.Level)

		// Presets are monotonic: a higher likelihood never lowers the level.
		if l+1 < nl {
			up, err := m.Evaluate(risk.Rating{Likelihood: m.Likelihood[l+1].ID, Impacts: rating.Impacts, Rule: rule})
			require.NoError(t, err)
			require.GreaterOrEqual(t, up.Level, res.Level)
		}
		// The trace agrees with the score.
		tr, err := m.Explain(rating)
		require.NoError(t, err)
		assert.Equal(t, res.Level, tr.Level.Index)
		assert.Equal(t, [2]int{l, want}, tr.Cell)
	})
}

// FuzzParseRisk: ParseRisk never panics, refuses with isms.ErrInvalid, and
// what it accepts re-encodes and re-parses to the same document and value.
func FuzzParseRisk(f *testing.F) {
	r := cleanRisk(f)
	r.Acceptances = []risk.Acceptance{acceptedSignoff("medium", checkNow.AddDate(0, 1, 0))}
	r.Delegations = []risk.Delegation{{Approver: "dave", GrantedBy: "olivia"}}
	data, err := json.Marshal(r)
	require.NoError(f, err)
	f.Add(data)
	f.Add([]byte(`{"title":"x","status":"open"}`))
	f.Add([]byte(`{"title":"x","status":"open","assets":[]}`))
	f.Add([]byte(`{"title":"x","status":"open","reviewed_at":"2025-01-31T23:30:00+05:45"}`))
	f.Add([]byte(`{"title":"x","status":"open","acceptances":[{"id":"a","status":"created","requested_by":"r","valid_for":"P1M"}]}`))
	f.Add([]byte(`{"title":"x","status":"open","treatment":{"option":"share","shared_with":[{"name":"ins"}]}}`))
	f.Add([]byte(`{"title":"x","status":"pending"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := risk.ParseRisk(data)
		if err != nil {
			require.ErrorIs(t, err, isms.ErrInvalid)
			return
		}
		require.NoError(t, r.Validate())
		enc, err := json.Marshal(r)
		require.NoError(t, err, "an accepted risk encodes")
		back, err := risk.ParseRisk(enc)
		require.NoError(t, err, "an accepted risk re-parses: %s", enc)
		again, err := json.Marshal(back)
		require.NoError(t, err)
		require.Equal(t, string(enc), string(again), "encoding is stable")
		back2, err := risk.ParseRisk(again)
		require.NoError(t, err)
		require.Equal(t, back, back2)
	})
}
