package scaffold_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsforge/jsforge/internal/resource"
	"github.com/jsforge/jsforge/scaffold"
)

// TestEveryCombinationAddsAResource adds a resource with every field type to
// every combination of every preset that has resource templates, as a dry
// run on the project `new` writes: the resource templates render, and every
// edit finds the lines it anchors on in the files `new` makes. (The
// end-to-end suite installs and runs a resource for real.)
func TestEveryCombinationAddsAResource(t *testing.T) {
	engine, err := scaffold.New("test")
	if err != nil {
		t.Fatal(err)
	}
	r, err := resource.Parse("blog-posts", "title:string,body:text?,published:boolean,views:integer,rating:number?,dueOn:date?,publishedAt:datetime?,slug:string!unique,ref:uuid?!unique")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range engine.Registry.All() {
		t.Run(p.Name, func(t *testing.T) {
			for _, combo := range p.Combinations() {
				dir := filepath.Join(t.TempDir(), "app")
				if _, err := engine.Generate(context.Background(), scaffold.Request{Dir: dir, Preset: p.Name, Options: combo}); err != nil {
					t.Fatalf("%v: %v", combo, err)
				}
				// What commands need (a migration generator) comes with the install.
				for _, tool := range []string{"drizzle-kit", "mikro-orm", "typeorm", "prettier"} {
					touch(t, filepath.Join(dir, "node_modules", ".bin", tool))
				}
				res, err := engine.AddResource(context.Background(), scaffold.AddRequest{Dir: dir, Resource: r, DryRun: true})
				if err != nil && strings.Contains(err.Error(), "cannot add resources yet") && p.Verification != "full" {
					t.Skipf("preset %s (%s) has no resource templates yet", p.Name, p.Verification)
				}
				if err != nil {
					t.Errorf("%v: %v", combo, err)
					continue
				}
				if len(res.Created) < 3 || len(res.Changed)+len(res.Commands) == 0 {
					t.Errorf("%v: add resource would create %v and change %v: too little for a wired resource with tests", combo, res.Created, res.Changed)
				}
			}
		})
	}
}

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o755); err != nil {
		t.Fatal(err)
	}
}
