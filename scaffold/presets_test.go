package scaffold_test

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/template"

	"github.com/rhysd/actionlint"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestEveryTemplateParses parses every embedded .tmpl file, so a typo fails
// `go test` instead of a user's run.
func TestEveryTemplateParses(t *testing.T) {
	n := 0
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".tmpl") {
			data, err := fs.ReadFile(templates.FS, p)
			if err != nil {
				return err
			}
			if _, err := template.New(p).Funcs(scaffold.Funcs()).Parse(string(data)); err != nil {
				t.Errorf("templates/%v", err)
			}
			n++
		}
		if strings.Contains(p, "{{") {
			if _, err := template.New(p).Funcs(scaffold.Funcs()).Parse(p); err != nil {
				t.Errorf("path templates/%s: %v", p, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no templates found")
	}
}

// TestEveryCombinationRenders renders every preset in every combination of its
// options in memory: every template variable resolves, no two layers write the
// same file, every path stays inside the project.
func TestEveryCombinationRenders(t *testing.T) {
	engine, err := scaffold.New("test")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "app")
	workflows := map[string]bool{} // linted already, by content
	for _, p := range engine.Registry.All() {
		for _, combo := range p.Combinations() {
			plan, err := engine.Plan(scaffold.Request{Dir: dir, Preset: p.Name, Options: combo})
			if err != nil {
				t.Fatalf("%s %v: %v", p.Name, combo, err)
			}
			files, err := engine.Render(plan)
			if err != nil {
				t.Errorf("%s %v: %v", p.Name, combo, err)
				continue
			}
			if len(files) < 10 {
				t.Errorf("%s %v: only %d files", p.Name, combo, len(files))
			}
			checkScripts(t, p, combo, files)
			checkWorkflows(t, p, combo, files, workflows)
		}
	}
}

// checkWorkflows runs actionlint (pinned in go.mod) on every GitHub Actions
// workflow a combination renders: a workflow that does not parse, names an
// unknown input or misuses an expression fails here, not on a user's first push.
func checkWorkflows(t *testing.T, p *presets.Preset, combo map[string]string, files []scaffold.File, seen map[string]bool) {
	t.Helper()
	for _, f := range files {
		if !strings.HasPrefix(f.Path, ".github/workflows/") || seen[string(f.Data)] {
			continue
		}
		seen[string(f.Data)] = true
		linter, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		problems, err := linter.Lint(f.Path, f.Data, nil)
		if err != nil {
			t.Errorf("%s %v: actionlint %s: %v", p.Name, combo, f.Path, err)
		}
		for _, e := range problems {
			t.Errorf("%s %v: %s:%d:%d: %s [%s]", p.Name, combo, f.Path, e.Line, e.Column, e.Message, e.Kind)
		}
	}
}

// checkScripts checks that package.json parses and has the scripts the
// README, the next steps and the end-to-end test run.
func checkScripts(t *testing.T, p *presets.Preset, combo map[string]string, files []scaffold.File) {
	t.Helper()
	want := []string{p.Project.Dev, "start", "test", "lint", "db:migrate"}
	if p.Project.Build {
		want = append(want, "build")
	}
	for _, f := range files {
		if f.Path != "package.json" {
			continue
		}
		var pkg struct {
			Scripts map[string]string `json:"scripts"`
		}
		if err := json.Unmarshal(f.Data, &pkg); err != nil {
			t.Errorf("%s %v: package.json: %v", p.Name, combo, err)
			return
		}
		for _, s := range want {
			if pkg.Scripts[s] == "" {
				t.Errorf("%s %v: package.json has no %q script", p.Name, combo, s)
			}
		}
		return
	}
	t.Errorf("%s %v: no package.json", p.Name, combo)
}

// TestManifestsAreConsistent checks the preset data against the templates:
// every layer exists and every pinned version is used by some preset.
func TestManifestsAreConsistent(t *testing.T) {
	reg, err := presets.Load()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{"node": true, "pnpm": true, "yarn": true}
	for _, p := range reg.All() {
		for _, l := range p.Layers {
			if _, err := fs.Stat(templates.FS, l.Name); err != nil {
				t.Errorf("preset %s: layer %q has no folder in templates/", p.Name, l.Name)
			}
		}
		for _, d := range slices.Concat(p.Dependencies, p.DevDependencies, p.Overrides) {
			used[d.Name] = true
		}
		if p.Project.Entry == "" {
			t.Errorf("preset %s: project.entry is empty", p.Name)
		}
	}
	for name := range reg.Versions {
		if !used[name] {
			t.Errorf("versions.yaml pins %q, which no preset uses", name)
		}
	}
}

// TestExpressGolden compares the default Express project with testdata/express.golden:
// one line per file with a digest of its content. Refresh with -update after
// a deliberate template change, and review the diff.
func TestExpressGolden(t *testing.T) {
	engine, err := scaffold.New("golden")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := engine.Plan(scaffold.Request{Dir: filepath.Join(t.TempDir(), "golden-api"), Preset: "express"})
	if err != nil {
		t.Fatal(err)
	}
	files, err := engine.Render(plan)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		if scaffold.IsLocalEnvFile(f.Path) {
			fmt.Fprintf(&b, "%s (secrets, differs each run)\n", f.Path)
			continue
		}
		fmt.Fprintf(&b, "%s %x\n", f.Path, sha256.Sum256(f.Data))
	}
	golden := filepath.Join("testdata", "express.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./scaffold -run Golden -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("the Express tree differs from %s; if intended, rerun with -update and review the diff:\n%s", golden, lineDiff(string(want), got))
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var out []string
	for l := range w {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range g {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][2:] < out[j][2:] })
	return strings.Join(out, "\n")
}
