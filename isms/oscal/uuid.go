package oscal

import "github.com/google/uuid"

// uuidSpace is the name space of the version-5 UUIDs the package derives
// from the SDK's ids: uuid.NewSHA1(uuid.NameSpaceURL, Namespace).
var uuidSpace = uuid.NewSHA1(uuid.NameSpaceURL, []byte(Namespace))

// uuidFor returns the version-5 UUID of the object named by parts, joined
// with NUL bytes (which no SDK id holds), so the same SDK ids export the
// same UUIDs every time.
func uuidFor(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	b := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return uuid.NewSHA1(uuidSpace, b).String()
}
