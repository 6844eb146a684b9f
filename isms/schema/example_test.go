package schema_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ismskit/ismskit/isms/schema"
)

// ExampleSchema reads the schema of the SoA and shows how it constrains a
// field.
func ExampleSchema() {
	b, err := schema.Schema("controls.soa")
	if err != nil {
		fmt.Println(err)
		return
	}
	var s struct {
		ID       string   `json:"$id"`
		Schema   string   `json:"$schema"`
		Required []string `json:"required"`
		Defs     map[string]struct {
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.ID)
	fmt.Println(s.Schema)
	fmt.Println("required:", s.Required)
	fmt.Println("applicability:", s.Defs["controls.Entry"].Properties["applicability"].Enum)
	// Output:
	// https://ismskit.github.io/schema/v1/controls.soa.schema.json
	// https://json-schema.org/draft/2020-12/schema
	// required: [id catalog_id]
	// applicability: [applicable not_applicable inherited]
}

// ExampleWriteAll writes every schema into a directory.
func ExampleWriteAll() {
	dir, err := os.MkdirTemp("", "schemas")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := schema.WriteAll(dir); err != nil {
		fmt.Println(err)
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	fmt.Println(len(files), "schemas, such as", filepath.Base(files[0]))
	// Output:
	// 35 schemas, such as audit.checklist.schema.json
}
