package scaffold

import (
	"strings"
	"testing"
)

func TestAddImports(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';\n",
			"import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';\n"},
		{"import {\n  integer,\n  text,\n} from \"drizzle-orm/sqlite-core\";\n",
			"import {\n  index,\n  integer,\n  real,\n  text,\n} from \"drizzle-orm/sqlite-core\";\n"},
		{"import { text, integer } from 'drizzle-orm/sqlite-core';\n", // unsorted stays unsorted
			"import { text, integer, index, real } from 'drizzle-orm/sqlite-core';\n"},
	} {
		got, err := addImports("schema.js", tc.in, ImportEdit{From: "drizzle-orm/sqlite-core", Names: []string{"integer", "index", "real", "real"}})
		if err != nil || got != tc.want {
			t.Errorf("addImports(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	_, err := addImports("schema.js", "import { x } from 'other';\n", ImportEdit{From: "drizzle-orm/sqlite-core", Names: []string{"real"}})
	if err == nil || !strings.Contains(err.Error(), "schema.js no longer has an import { … } from 'drizzle-orm/sqlite-core'") {
		t.Errorf("missing import: %v", err)
	}
}

func TestParseEditsChecksEachEdit(t *testing.T) {
	for yaml, want := range map[string]string{
		"- file: a.js\n  after: x\n":                           "nothing to insert",
		"- file: a.js\n  after: x\n  before: y\n  insert: z\n": "exactly one of",
		"- after: x\n  insert: z\n":                            "names no file",
		"- file: a.js\n  after: '('\n  insert: z\n":            "missing closing )",
		"- file: a.js\n  prepend: z\n":                         "field prepend not found",
	} {
		_, err := parseEdits(File{Path: "layer/_resource", Data: []byte(yaml)})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseEdits(%q) = %v, want an error containing %q", yaml, err, want)
		}
	}
}
