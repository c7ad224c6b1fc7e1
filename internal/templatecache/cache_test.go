package templatecache

import (
	"bytes"
	"io/fs"
	"os"
	"reflect"
	"testing"

	"github.com/jsforge/jsforge/templates"
)

// TestStoredIsCurrent holds trees.bin, what a run of jsforge reads, to the
// templates it is made from.
func TestStoredIsCurrent(t *testing.T) {
	want, err := Build(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile("trees.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatal("internal/templatecache/trees.bin differs from the templates it is made from: run go generate ./internal/templatecache")
	}
}

// TestTreesAreTheParsersTrees: for every template and file-name segment,
// the stored trees are the parser's, field by field (positions and line
// numbers aside, which are not stored).
func TestTreesAreTheParsersTrees(t *testing.T) {
	sources, err := templateSources(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	segments := 0
	for name, src := range sources {
		want, err := parseTemplate(name, src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, tree := range want {
			tree.Mode = 0 // as parse.Parse leaves it
		}
		have, ok := Trees(name, src)
		if !ok {
			t.Errorf("%s: no stored trees", name)
			continue
		}
		if name == src {
			segments++
		}
		if len(have) != len(want) {
			t.Errorf("%s: %d trees stored, the parser makes %d", name, len(have), len(want))
		}
		for tname, w := range want {
			if diff := compare(reflect.ValueOf(have[tname]), reflect.ValueOf(w), name+": "+tname); diff != "" {
				t.Error(diff)
			}
		}
	}
	if segments < 10 || len(sources)-segments < 100 {
		t.Fatalf("compared %d templates and %d file-name segments; expected the real layers'", len(sources)-segments, segments)
	}
}

func TestTreesOnlyForTheStoredText(t *testing.T) {
	const name = "_base/README.md.tmpl"
	src, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Trees(name, string(src)); !ok {
		t.Fatalf("no stored trees for %s", name)
	}
	changed := bytes.Replace(src, []byte("{{"), []byte("{{/* */}}{{"), 1)
	if _, ok := Trees(name, string(changed)); ok {
		t.Error("trees returned for a changed text")
	}
	if _, ok := Trees("elsewhere/"+name, string(src)); ok {
		t.Error("trees returned for a name that was never stored")
	}
}

// compare reports the first difference between two parse values, in
// exported fields other than positions and line numbers.
func compare(have, want reflect.Value, at string) string {
	if have.Kind() != want.Kind() {
		return at + ": " + have.Kind().String() + " stored, " + want.Kind().String() + " parsed"
	}
	switch want.Kind() {
	case reflect.Pointer, reflect.Interface:
		if have.IsNil() || want.IsNil() {
			if have.IsNil() != want.IsNil() {
				return at + ": nil in one tree only"
			}
			return ""
		}
		if have.Elem().Type() != want.Elem().Type() {
			return at + ": " + have.Elem().Type().String() + " stored, " + want.Elem().Type().String() + " parsed"
		}
		return compare(have.Elem(), want.Elem(), at)
	case reflect.Struct:
		for i := range want.NumField() {
			f := want.Type().Field(i)
			if !f.IsExported() || f.Name == "Pos" || f.Name == "Line" {
				continue
			}
			if diff := compare(have.Field(i), want.Field(i), at+"."+f.Name); diff != "" {
				return diff
			}
		}
	case reflect.Slice:
		if have.Len() != want.Len() {
			return at + ": lengths differ"
		}
		for i := range want.Len() {
			if diff := compare(have.Index(i), want.Index(i), at); diff != "" {
				return diff
			}
		}
	default:
		if !reflect.DeepEqual(have.Interface(), want.Interface()) {
			return at + ": values differ"
		}
	}
	return ""
}
