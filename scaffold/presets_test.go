package scaffold_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/rhysd/actionlint"
	"go.yaml.in/yaml/v3"

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
			checkYAML(t, p, combo, files)
			checkWorkflows(t, p, combo, files, workflows)
		}
	}
}

// checkYAML parses every YAML file a combination renders (pnpm-workspace.yaml
// with scoped package names as keys, compose.yaml, .jsforge.yaml…).
func checkYAML(t *testing.T, p *presets.Preset, combo map[string]string, files []scaffold.File) {
	t.Helper()
	for _, f := range files {
		if ext := path.Ext(f.Path); ext != ".yaml" && ext != ".yml" {
			continue
		}
		var v any
		if err := yaml.Unmarshal(f.Data, &v); err != nil {
			t.Errorf("%s %v: %s does not parse: %v", p.Name, combo, f.Path, err)
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
			used[d.VersionKey()] = true
		}
		used[p.Project.NodeKey()] = true
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

// TestGolden compares the default project of every preset with
// testdata/<preset>.txtar, which holds every file in full, so that a template
// change shows in review as a diff of what users get. Refresh with
// `go test ./scaffold -run TestGolden -update` after a deliberate change, and
// review the diff.
func TestGolden(t *testing.T) {
	engine, err := scaffold.New("golden")
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range engine.Presets() {
		t.Run(info.Name, func(t *testing.T) {
			plan, err := engine.Plan(scaffold.Request{Dir: filepath.Join(t.TempDir(), "golden-api"), Preset: info.Name})
			if err != nil {
				t.Fatal(err)
			}
			files, err := engine.Render(plan)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := engine.Registry.Get(info.Name)
			got := goldenArchive(info.Name, files, p.Secrets)
			golden := filepath.Join("testdata", info.Name+".txtar")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./scaffold -run TestGolden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("the default %s project differs from %s; if intended, rerun with -update and review the diff:\n%s", info.Name, golden, archiveDiff(string(want), got))
			}
		})
	}
	// No golden file may outlive its preset.
	stale, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, f := range stale {
		if _, ok := engine.Registry.Get(strings.TrimSuffix(filepath.Base(f), ".txtar")); !ok {
			t.Errorf("%s has no preset", f)
		}
	}
}

// goldenArchive writes files in the txtar format: a comment, then each file
// as "-- path --" and its content. The secrets jsforge generates into .env
// files differ on every run and read <secret>; a file without a final
// newline is marked so in its header.
func goldenArchive(preset string, files []scaffold.File, secrets []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The default %s project, every file in full: jsforge new golden-api --preset %s --yes\n", preset, preset)
	b.WriteString("(go test ./scaffold -run TestGolden -update rewrites this file; review the diff.)\n")
	for _, f := range files {
		data := string(f.Data)
		if scaffold.IsLocalEnvFile(f.Path) {
			var lines []string
			for _, l := range strings.SplitAfter(data, "\n") {
				if k, _, ok := strings.Cut(l, "="); ok && slices.Contains(secrets, k) {
					l = k + "=<secret>\n"
				}
				lines = append(lines, l)
			}
			data = strings.Join(lines, "")
		}
		header := "-- " + f.Path + " --\n"
		if data != "" && !strings.HasSuffix(data, "\n") {
			header = "-- " + f.Path + " (no final newline) --\n"
			data += "\n"
		}
		b.WriteString(header + data)
	}
	return b.String()
}

// archiveDiff names the files only in want (-), only in got (+), and for each
// file in both whose content differs, its first differing line.
func archiveDiff(want, got string) string {
	split := func(s string) (map[string]string, []string) {
		m := map[string]string{}
		var order []string
		name := ""
		for _, l := range strings.SplitAfter(s, "\n") {
			if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --\n") {
				name = strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --\n")
				order = append(order, name)
				continue
			}
			m[name] += l
		}
		return m, order
	}
	w, wo := split(want)
	g, gordered := split(got)
	var out []string
	for _, n := range wo {
		if _, ok := g[n]; !ok {
			out = append(out, "- "+n)
		}
	}
	for _, n := range gordered {
		wc, ok := w[n]
		if !ok {
			out = append(out, "+ "+n)
			continue
		}
		if wc == g[n] {
			continue
		}
		wl, gl := strings.Split(wc, "\n"), strings.Split(g[n], "\n")
		for i := 0; i < max(len(wl), len(gl)); i++ {
			var a, c string
			if i < len(wl) {
				a = wl[i]
			}
			if i < len(gl) {
				c = gl[i]
			}
			if a != c {
				out = append(out, fmt.Sprintf("~ %s:%d\n    - %s\n    + %s", n, i+1, a, c))
				break
			}
		}
	}
	return strings.Join(out, "\n")
}
