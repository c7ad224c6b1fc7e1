package scaffold

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/jsforge/jsforge/internal/resource"
)

// TestStoredTreesRenderAsTheText renders every combination of every preset,
// and a resource in each, twice: from the trees stored when jsforge was built
// (internal/templatecache) and from the templates' text. The files must be
// the same, and the stored trees must have served every template.
func TestStoredTreesRenderAsTheText(t *testing.T) {
	e, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	res, err := resource.Parse("blog-posts", "title:string,body:text?,published:boolean,views:integer,rating:number?,dueOn:date?,publishedAt:datetime?,slug:string!unique,ref:uuid?!unique")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)
	dir := filepath.Join(t.TempDir(), "app")
	renders := 0
	for _, p := range e.Registry.All() {
		for _, combo := range p.Combinations() {
			plan, err := e.Plan(Request{Dir: dir, Preset: p.Name, Options: combo})
			if err != nil {
				t.Fatalf("%s %v: %v", p.Name, combo, err)
			}
			data := e.data(plan)
			compareRenders(t, p.Name, e.Templates, plan.Resolution.Layers, nil, data)
			renders++

			var layers []string
			for _, layer := range plan.Resolution.Layers {
				if info, err := fs.Stat(e.Templates, layer+"/"+resourceDir); err == nil && info.IsDir() {
					layers = append(layers, layer+"/"+resourceDir)
				}
			}
			if len(layers) > 0 {
				rd := ResourceData{Data: data, Resource: *res, Now: now, Timestamp: now.Format("20060102150405")}
				compareRenders(t, p.Name+" resource", e.Templates, layers, plan.Resolution.Layers, rd)
				renders++
			}
		}
	}
	if renders < 50 {
		t.Fatalf("only %d renders compared", renders)
	}
}

func compareRenders(t *testing.T, what string, fsys fs.FS, layers, partialLayers []string, data any) {
	t.Helper()
	stored := newRenderer(data, true)
	haveFiles, haveEdits, err := renderWith(stored, fsys, layers, partialLayers)
	if err != nil {
		t.Fatalf("%s, stored trees: %v", what, err)
	}
	if stored.parsed > 0 {
		t.Errorf("%s: %d templates parsed from their text; go generate ./internal/templatecache stores them all", what, stored.parsed)
	}
	wantFiles, wantEdits, err := renderWith(newRenderer(data, false), fsys, layers, partialLayers)
	if err != nil {
		t.Fatalf("%s, text: %v", what, err)
	}
	for _, pair := range [][2][]File{{haveFiles, wantFiles}, {haveEdits, wantEdits}} {
		have, want := pair[0], pair[1]
		if len(have) != len(want) {
			t.Fatalf("%s: %d files from the stored trees, %d from the text", what, len(have), len(want))
		}
		for i := range want {
			if have[i].Path != want[i].Path || !bytes.Equal(have[i].Data, want[i].Data) {
				t.Errorf("%s: %s from the stored trees differs from %s rendered from the text", what, have[i].Path, want[i].Path)
			}
		}
	}
}

// TestStoredTreesFailLikeTheText: an execution error with the stored trees
// (which know no line numbers) is reported as a render from the text reports
// it, file and line.
func TestStoredTreesFailLikeTheText(t *testing.T) {
	e, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "express"})
	if err != nil {
		t.Fatal(err)
	}
	layers := plan.Resolution.Layers
	data := e.data(plan)
	data.Choice = map[string]map[string]string{} // the first .Choice.… fails (missingkey=error)
	_, _, storedErr := renderWith(newRenderer(data, true), e.Templates, layers, nil)
	_, _, textErr := renderWith(newRenderer(data, false), e.Templates, layers, nil)
	_, _, err = renderLayers(e.Templates, layers, nil, data)
	if storedErr == nil || textErr == nil || err == nil {
		t.Fatalf("errors: stored trees %v, text %v, renderLayers %v; want three", storedErr, textErr, err)
	}
	if err.Error() != textErr.Error() {
		t.Errorf("renderLayers: %v\nwant the text's: %v", err, textErr)
	}
	if !regexp.MustCompile(`^templates/\S+\.tmpl:[1-9][0-9]*:`).MatchString(err.Error()) {
		t.Errorf("renderLayers: %v; want it to name the template file and line", err)
	}
	t.Logf("stored trees alone: %v\nrenderLayers: %v", storedErr, err)
}
