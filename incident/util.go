package incident

import (
	"bytes"
	"fmt"
	"strconv"
)

// indexField returns "field[i]".
func indexField(field string, i int) string {
	return field + "[" + strconv.Itoa(i) + "]"
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// wrap adds the one "incident: op: " prefix of the public boundary.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("incident: %s: %w", op, err)
}
