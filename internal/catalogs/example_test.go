package catalogs_test

import (
	"fmt"

	"github.com/ismskit/ismskit/internal/catalogs"
)

func ExampleNames() {
	for _, name := range catalogs.Names() {
		b, err := catalogs.ReadFile(name)
		fmt.Println(name, err == nil && len(b) > 0)
	}
	// Output:
	// iso27001-2022.json true
	// nist-csf-2.0.json true
	// map-iso27001-2013-to-iso27001-2022.json true
	// map-nist-csf-2.0-to-iso27001-2022.json true
}
