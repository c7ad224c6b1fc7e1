package scaffold

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/jsforge/jsforge/templates"
)

// TestFileNamesParseInOnePass: every file-name segment of the real templates
// is parsed in parseNames' single pass (none falls back to a parse of its own).
func TestFileNamesParseInOnePass(t *testing.T) {
	var sources []source
	want := map[string]bool{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		layer, rest, _ := strings.Cut(p, "/")
		sources = append(sources, source{layer: layer, path: rest})
		for seg := range strings.SplitSeq(strings.TrimSuffix(rest, templateSuffix), "/") {
			if strings.Contains(seg, "{{") {
				want[seg] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(nil, false)
	r.parseNames(sources)
	if len(want) < 10 {
		t.Fatalf("found %d file-name templates; expected the real layers'", len(want))
	}
	for seg := range want {
		if r.names[seg] == nil {
			t.Errorf("file-name segment %q is not parsed in the single pass", seg)
		}
	}
}
