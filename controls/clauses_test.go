package controls_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ismskit/ismskit/controls"
	"github.com/ismskit/ismskit/isms"
)

func TestISO27001_2022Clauses(t *testing.T) {
	cat := controls.ISO27001_2022Clauses()
	assert.Equal(t, controls.CatalogISO27001_2022Clauses, cat.ID())
	assert.Equal(t, 34, cat.Len())
	var groups []string
	for _, g := range cat.Groups() {
		groups = append(groups, string(g.ID)+" "+g.Title)
	}
	assert.Equal(t, []string{"4 Context of the organization", "5 Leadership", "6 Planning", "7 Support", "8 Operation",
		"9 Performance evaluation", "10 Improvement"}, groups)
	for id, title := range map[isms.ID]string{
		"4.1": "Understanding the organization and its context", "4.3": "Determining the scope of the information security management system",
		"5.3": "Organizational roles, responsibilities and authorities", "6.1.3": "Information security risk treatment",
		"6.3": "Planning of changes", "7.5.3": "Control of documented information", "9.2.2": "Internal audit programme",
		"9.3.2": "Management review inputs", "10.1": "Continual improvement", "10.2": "Nonconformity and corrective action",
	} {
		c, ok := cat.Control(id)
		require.True(t, ok, id)
		assert.Equal(t, title, c.Title, id)
	}
	c, _ := cat.Control("7.5.2")
	assert.Equal(t, "7.5", c.Prop(controls.PropParent))
	assert.Equal(t, isms.ID("7"), c.Group)
	c, _ = cat.Control("7.5")
	assert.Equal(t, "", c.Prop(controls.PropParent))
	assert.Equal(t, isms.Ref{Kind: "clause", ID: "9.2"}, controls.ClauseRef("9.2"))

	// A caller overwriting its catalog does not change anyone else's.
	*cat = controls.Catalog{}
	assert.Equal(t, 34, controls.ISO27001_2022Clauses().Len())
}
