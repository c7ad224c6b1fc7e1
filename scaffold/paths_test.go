package scaffold_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/templates"
)

// TestPathsStayApart: embedded template paths and the paths of rendered files
// are slash-separated on every platform (io/fs and package path); only the
// code that touches the disk turns them into the platform's (filepath), and
// no file of the engine uses both kinds, so one cannot leak into the other on
// Windows.
func TestPathsStayApart(t *testing.T) {
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !fs.ValidPath(p) || strings.Contains(p, `\`) {
			t.Errorf("embedded path %q is not a slash-separated io/fs path", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	engine, err := scaffold.New("test")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range engine.Presets() {
		plan, err := engine.Plan(scaffold.Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: p.Name})
		if err != nil {
			t.Fatal(err)
		}
		files, err := engine.Render(plan)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !fs.ValidPath(f.Path) || strings.Contains(f.Path, `\`) {
				t.Errorf("%s: rendered path %q is not slash-separated", p.Name, f.Path)
			}
		}
	}

	// The sources: the embedded side (render.go) never imports path/filepath;
	// no file imports both path and path/filepath.
	sources, _ := filepath.Glob("*.go")
	for _, src := range sources {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), src, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		imports := map[string]bool{}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			imports[p] = true
		}
		if imports["path"] && imports["path/filepath"] {
			t.Errorf("%s imports both path and path/filepath", src)
		}
		if src == "render.go" && imports["path/filepath"] {
			t.Errorf("render.go works on the embedded tree and must use package path, not path/filepath")
		}
	}
}
