package scaffold_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
	. "github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/scaffold/scaffoldtest"
)

var fixtureTemplates = scaffoldtest.Templates

func withShared(files fstest.MapFS) fstest.MapFS { return scaffoldtest.WithShared(files) }

func fixtureEngine(t *testing.T, templates fstest.MapFS) *Engine {
	t.Helper()
	return scaffoldtest.Engine(t, templates)
}

func renderFixture(t *testing.T, e *Engine, dir string, opts map[string]string) []File {
	t.Helper()
	p, err := e.Plan(Request{Dir: dir, Preset: "tiny", Options: opts})
	if err != nil {
		t.Fatal(err)
	}
	files, err := e.Render(p)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func fileMap(files []File) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		m[f.Path] = string(f.Data)
	}
	return m
}

func TestRenderLayersPathsAndPartials(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	dir := filepath.Join(t.TempDir(), "my-app")

	sqlite := fileMap(renderFixture(t, e, dir, nil))
	for _, want := range []string{".gitignore", "package.json", "src/server.js", "src/raw.js", "data/.keep", ".env.example", ".env", ".jsforge.yaml"} {
		if _, ok := sqlite[want]; !ok {
			t.Errorf("sqlite render lacks %s; got %v", want, keys(sqlite))
		}
	}
	if _, ok := sqlite["src/pg.js"]; ok {
		t.Error("conditional layer tiny-pg rendered for sqlite")
	}
	if got := sqlite["src/server.js"]; got != "// hello my-app on SQLite\n" {
		t.Errorf("server.js = %q", got)
	}
	if got := sqlite["src/raw.js"]; !strings.Contains(got, "{{ not a template }}") {
		t.Errorf("a file without .tmpl must be copied verbatim, got %q", got)
	}
	if got := sqlite["package.json"]; !strings.Contains(got, `"left-pad": "1.3.0"`) || strings.Contains(got, `"pg"`) || !strings.Contains(got, `">=24"`) {
		t.Errorf("package.json = %s", got)
	}
	for p := range sqlite {
		if strings.HasPrefix(filepath.Base(p), "_") {
			t.Errorf("partial %s was written", p)
		}
	}

	pg := fileMap(renderFixture(t, e, dir, map[string]string{"db": "postgres"}))
	if _, ok := pg["data/.keep"]; ok {
		t.Error("a path that renders an empty segment must be skipped")
	}
	if _, ok := pg["src/pg.js"]; !ok {
		t.Error("conditional layer tiny-pg missing for postgres")
	}
	if !strings.Contains(pg["package.json"], `"pg": "8.0.0"`) {
		t.Errorf("conditional dependency missing: %s", pg["package.json"])
	}
}

// TestPathTemplatesSpanningSegments: a file name template whose action spans
// a "/" is rendered whole (segments are otherwise rendered once each).
func TestPathTemplatesSpanningSegments(t *testing.T) {
	templates := fstest.MapFS{}
	for name, file := range fixtureTemplates {
		templates[name] = file
	}
	templates["tiny/{{if .Is.db_sqlite}}lite/only.js{{end}}"] = &fstest.MapFile{Data: []byte("x")}
	templates["tiny/{{if .Is.db_sqlite}}lite{{end}}/also.js"] = &fstest.MapFile{Data: []byte("y")}
	e := fixtureEngine(t, templates)
	dir := filepath.Join(t.TempDir(), "my-app")
	sqlite := fileMap(renderFixture(t, e, dir, nil))
	if sqlite["lite/only.js"] != "x" || sqlite["lite/also.js"] != "y" {
		t.Errorf("sqlite: %v", keys(sqlite))
	}
	pg := fileMap(renderFixture(t, e, dir, map[string]string{"db": "postgres"}))
	for p := range pg {
		if strings.HasPrefix(p, "lite") || strings.Contains(p, "only.js") {
			t.Errorf("postgres renders %s", p)
		}
	}
}

func TestIncludeRendersAPartialToAString(t *testing.T) {
	templates := fstest.MapFS{}
	for name, file := range fixtureTemplates {
		templates[name] = file
	}
	templates["tiny/width.txt.tmpl"] = &fstest.MapFile{Data: []byte(
		`{{ $g := include "greeting" . }}{{ replace "hello" "HELLO" $g }} is {{ len $g }} long`)}
	e := fixtureEngine(t, templates)

	got := fileMap(renderFixture(t, e, filepath.Join(t.TempDir(), "my-app"), nil))["width.txt"]
	if want := "HELLO my-app is 12 long"; got != want {
		t.Errorf("width.txt = %q, want %q", got, want)
	}
}

func TestRenderIsDeterministicExceptSecrets(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	dir := filepath.Join(t.TempDir(), "app")
	a, b := fileMap(renderFixture(t, e, dir, nil)), fileMap(renderFixture(t, e, dir, nil))
	if len(a) != len(b) {
		t.Fatalf("file counts differ: %d vs %d", len(a), len(b))
	}
	for p, content := range a {
		if IsLocalEnvFile(p) {
			if content == b[p] {
				t.Error(".env secrets must be fresh on every run")
			}
			if !strings.Contains(content, "PORT=3000\n") || strings.Contains(content, "SECRET=\n") {
				t.Errorf(".env = %q: want PORT kept and SECRET filled", content)
			}
			continue
		}
		if content != b[p] {
			t.Errorf("%s differs between two renders of the same answers", p)
		}
	}
}

func TestRenderRejectsEscapingPaths(t *testing.T) {
	for name, path := range map[string]string{
		"parent":    "tiny/{{ \"..\" }}/evil.js",
		"git dir":   "tiny/.git/hooks/pre-commit",
		"templated": "tiny/{{ .Opt.db | replace \"sqlite\" \"..\" }}/x.js",
	} {
		t.Run(name, func(t *testing.T) {
			tpl := withShared(fstest.MapFS{"tiny/ok.js": {Data: []byte("")}, path: {Data: []byte("x")}})
			e := fixtureEngine(t, tpl)
			p, err := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Render(p)
			if err == nil || !(strings.Contains(err.Error(), "escapes") || strings.Contains(err.Error(), "git directory")) {
				t.Fatalf("rendering %q: err = %v; want a path-safety error", path, err)
			}
		})
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	tpl := withShared(fstest.MapFS{"tiny/a.js.tmpl": {Data: []byte("ok\n{{ .Nope }}\n")}})
	e := fixtureEngine(t, tpl)
	p, err := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Render(p)
	if err == nil || !strings.Contains(err.Error(), "templates/tiny/a.js.tmpl:2") {
		t.Fatalf("error = %v; want it to name templates/tiny/a.js.tmpl:2", err)
	}
}

func TestLayerMayNotRedefineAFile(t *testing.T) {
	tpl := fstest.MapFS{"_shared/x.js": {Data: []byte("a")}, "tiny/x.js": {Data: []byte("b")}}
	e := fixtureEngine(t, tpl)
	p, _ := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
	if _, err := e.Render(p); err == nil || !strings.Contains(err.Error(), "both write x.js") {
		t.Fatalf("err = %v", err)
	}
}

func TestPlanRejectsBadInput(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	base := t.TempDir()
	file := filepath.Join(base, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	full := filepath.Join(base, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)

	cases := []struct {
		name string
		req  Request
		want string
	}{
		{"unknown preset", Request{Dir: filepath.Join(base, "x"), Preset: "tinyy"}, `unknown preset "tinyy" (did you mean "tiny"?); available: mini, tiny`},
		{"bad option value", Request{Dir: filepath.Join(base, "x"), Preset: "tiny", Options: map[string]string{"db": "mongo"}}, `"mongo"`},
		{"unknown option", Request{Dir: filepath.Join(base, "x"), Preset: "tiny", Options: map[string]string{"color": "red"}}, `unknown option --color (preset tiny has: db, pm)`},
		{"bad name", Request{Dir: filepath.Join(base, "My App"), Preset: "tiny"}, "try --name my-app"},
		{"target is a file", Request{Dir: file, Preset: "tiny"}, "is a file"},
		{"target not empty", Request{Dir: full, Preset: "tiny"}, "not empty"},
		{"no parent", Request{Dir: filepath.Join(base, "missing", "x"), Preset: "tiny"}, "does not exist"},
		{"no dir", Request{Preset: "tiny"}, "target directory is required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Plan(tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
			if !usererr.Is(err) {
				t.Errorf("%v should be a usage error (exit 2)", err)
			}
		})
	}
}

func TestGenerateWritesAtomicallyAndCommits(t *testing.T) {
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	t.Setenv("HOME", t.TempDir()) // no global git config
	e := fixtureEngine(t, fixtureTemplates)
	base := t.TempDir()
	dir := filepath.Join(base, "app")

	res, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Git: true})
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(base)
	if len(entries) != 1 || entries[0].Name() != "app" {
		t.Fatalf("parent holds %v; want only app (no staging directory left behind)", entries)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	if head.Name().Short() != "main" || head.Hash().String() != res.Commit {
		t.Errorf("HEAD = %s %s; want main at %s", head.Name().Short(), head.Hash(), res.Commit)
	}
	commit, _ := repo.CommitObject(head.Hash())
	if commit.Author.Name != "Test Author" || commit.Author.Email != "test@example.com" {
		t.Errorf("author = %s <%s>", commit.Author.Name, commit.Author.Email)
	}
	tree, _ := commit.Tree()
	if _, err := tree.File(EnvFile); err == nil {
		t.Error(".env was committed")
	}
	if _, err := tree.File("src/server.js"); err != nil {
		t.Errorf("src/server.js not committed: %v", err)
	}
	wt, _ := repo.Worktree()
	status, err := wt.Status()
	if err != nil {
		t.Fatal(err)
	}
	if !status.IsClean() {
		t.Errorf("work tree not clean after the initial commit:\n%s", status)
	}
}

func TestGenerateDoesNotNestRepositories(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	outer := t.TempDir()
	if _, err := git.PlainInit(outer, false); err != nil {
		t.Fatal(err)
	}
	res, err := e.Generate(context.Background(), Request{Dir: filepath.Join(outer, "svc"), Preset: "tiny", Git: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != "" || !strings.Contains(res.GitNote, "inside the git work tree") {
		t.Errorf("commit %q, note %q", res.Commit, res.GitNote)
	}
	if _, err := os.Stat(filepath.Join(outer, "svc", ".git")); err == nil {
		t.Error("a nested .git was created")
	}
}

func TestGenerateForceNeverOverwrites(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	dir := filepath.Join(t.TempDir(), "app")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)

	if _, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Force: true}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the user's file changed")
	}
	if _, err := os.Stat(filepath.Join(dir, "src", "server.js")); err != nil {
		t.Error(err)
	}

	// A second run would overwrite jsforge's own files, which are the user's now: refused, nothing changed.
	os.WriteFile(filepath.Join(dir, "package.json"), []byte("edited"), 0o644)
	_, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Force: true})
	if err == nil || !strings.Contains(err.Error(), "never overwrites") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "package.json")); string(b) != "edited" {
		t.Error("package.json was overwritten")
	}
}

func TestGenerateCancelledLeavesNothing(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	base := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Generate(ctx, Request{Dir: filepath.Join(base, "app"), Preset: "tiny", Git: true}); err == nil {
		t.Fatal("want an error from a cancelled context")
	}
	if entries, _ := os.ReadDir(base); len(entries) != 0 {
		t.Errorf("cancelled run left %v behind", entries)
	}
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"my-api", "api2", "@acme/api", "a.b_c~d"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("ValidateName(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"My-Api", ".hidden", "_x", "has space", "node_modules", "a/b", strings.Repeat("a", 215), ""} {
		if err := ValidateName(bad); err == nil {
			t.Errorf("ValidateName(%q) accepted", bad)
		}
	}
	if got := SuggestName("My Cool API!"); got != "my-cool-api" {
		t.Errorf("SuggestName = %q", got)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGenerateInstallRunsThePackageManager(t *testing.T) {
	// A stand-in npm on PATH records where and how it was run.
	bin := t.TempDir()
	script := "#!/bin/sh\necho \"$PWD $*\" > \"$PWD/installed.txt\"\necho installing\n"
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	e := fixtureEngine(t, fixtureTemplates)
	dir := filepath.Join(t.TempDir(), "app")
	var out strings.Builder
	res, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Install: true, InstallOutput: &out})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "installed.txt"))
	if err != nil || strings.TrimSpace(string(got)) != dir+" install" || !res.Installed || out.String() != "installing\n" {
		t.Errorf("installed.txt %q (%v), Installed %v, output %q", got, err, res.Installed, out.String())
	}

	t.Setenv("PATH", t.TempDir()) // no npm at all
	_, err = e.Generate(context.Background(), Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny", Install: true})
	if err == nil || !strings.Contains(err.Error(), "npm is not on PATH") {
		t.Errorf("err = %v", err)
	}
}

func TestGenerateInstallCommitsTheLockfile(t *testing.T) {
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	bin := t.TempDir()
	// A stand-in npm that writes a lockfile, then one that fails after writing node_modules.
	writeNpm := func(script string) {
		if err := os.WriteFile(filepath.Join(bin, "npm"), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", bin)
	e := fixtureEngine(t, fixtureTemplates)

	committed := func(dir, commit string) map[string]bool {
		t.Helper()
		repo, err := git.PlainOpen(dir)
		if err != nil {
			t.Fatal(err)
		}
		c, err := repo.CommitObject(plumbing.NewHash(commit))
		if err != nil {
			t.Fatal(err)
		}
		tree, _ := c.Tree()
		out := map[string]bool{}
		_ = tree.Files().ForEach(func(f *object.File) error { out[f.Name] = true; return nil })
		return out
	}

	writeNpm("/bin/mkdir -p node_modules && echo '{}' > package-lock.json\n")
	dir := filepath.Join(t.TempDir(), "app")
	res, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Git: true, Install: true})
	if err != nil {
		t.Fatal(err)
	}
	files := committed(dir, res.Commit)
	if !files["package-lock.json"] || !files["src/server.js"] || files[EnvFile] {
		t.Errorf("initial commit holds %v; want the lockfile and the sources, not .env", keys2(files))
	}
	if !slices.Contains(res.Files, "package-lock.json") {
		t.Errorf("Result.Files = %v, want the lockfile listed", res.Files)
	}

	writeNpm("echo 'registry down' >&2; exit 1\n")
	dir = filepath.Join(t.TempDir(), "app")
	res, err = e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Git: true, Install: true})
	if err == nil || res == nil || res.Commit == "" || res.Installed {
		t.Fatalf("failed install: err %v, result %+v; want an error and the project committed anyway", err, res)
	}
	if files := committed(dir, res.Commit); files["package-lock.json"] || !files["src/server.js"] {
		t.Errorf("after a failed install the commit holds %v", keys2(files))
	}
}

func keys2(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestGenerateIntoAnExistingEmptyDirectory(t *testing.T) {
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	e := fixtureEngine(t, fixtureTemplates)
	base := t.TempDir()
	real := filepath.Join(base, "real")
	os.Mkdir(real, 0o755)
	link := filepath.Join(base, "link")
	os.Symlink(real, link)

	// Cancelled: the directory stays empty, no staging directory is left.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Generate(ctx, Request{Dir: link, Preset: "tiny", Git: true}); err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("err = %v", err)
	}
	if entries, _ := os.ReadDir(real); len(entries) != 0 {
		t.Fatalf("a cancelled run left %v", entries)
	}

	res, err := e.Generate(context.Background(), Request{Dir: link, Preset: "tiny", Git: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Existing || res.Path != link || len(res.Commit) != 40 {
		t.Errorf("result %+v", res)
	}
	repo, err := git.PlainOpen(real)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if status, err := wt.Status(); err != nil || !status.IsClean() {
		t.Errorf("work tree not clean: %v\n%s", err, status)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced")
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{
		"café":          "cafe",
		"Zoë Straße":    "zoe-strasse",
		"@Acme/My API":  "@acme/my-api",
		"--x--":         "x",
		"Ørsted Æble":   "orsted-aeble",
		"über_cool.api": "uber_cool.api",
	} {
		if got := SuggestName(in); got != want {
			t.Errorf("SuggestName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SuggestName(strings.Repeat("a", 300)); len(got) != 214 {
		t.Errorf("SuggestName of 300 characters has %d", len(got))
	}
	for name, want := range map[string]string{
		strings.Repeat("a", 215): "it has 215 characters; npm package names have at most 214",
		"café":                   `npm package names may contain only lower-case letters, digits, '-', '.', '_' and '~', with an optional @scope/ in front; try --name cafe`,
		"Café":                   "npm package names are lower case; try --name cafe",
		".x":                     "do not start with '.' or '_'",
		"@acme/_x":               "do not start with '.' or '_'",
		"node_modules":           "npm reserves that name",
		"":                       "the project name is empty",
	} {
		err := ValidateName(name)
		if err == nil || !strings.Contains(err.Error(), want) || !usererr.Is(err) {
			t.Errorf("ValidateName(%q) = %v; want %q", name, err, want)
		}
	}
}

func TestResultCarriesNextStepsAndCommand(t *testing.T) {
	e := fixtureEngine(t, fixtureTemplates)
	t.Chdir(t.TempDir())
	res, err := e.DryRun(Request{Dir: "-svc", Preset: "tiny", Options: map[string]string{"db": "postgres"}, Git: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.NextSteps, "\n"); got != "cd ./-svc\nnpm install\nnpm run dev" {
		t.Errorf("next steps:\n%s", got)
	}
	if res.Command != "jsforge new ./-svc --preset tiny --db postgres --pm npm --yes" || res.Install != "npm install" || res.Node != "24" {
		t.Errorf("result %+v", res)
	}
}

// TestGeneratedIndexMatchesTheWorkTree: the index records each file as it
// was written, so git itself sees the work tree clean without reading any
// file again (git diff-files compares the recorded stat data only).
func TestGeneratedIndexMatchesTheWorkTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	t.Setenv("GIT_AUTHOR_NAME", "Test Author")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	e := fixtureEngine(t, fixtureTemplates)
	dir := filepath.Join(t.TempDir(), "app")
	if _, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Git: true}); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"diff-files", "--quiet"}, {"fsck", "--full", "--strict", "--no-dangling"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(t.TempDir(), "none"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestProjectReplaces: a file the manifest's project.replaces names is written
// by the preset's own layer instead of the shared one; a replaces entry that
// two layers do not both write is an error, as is any other file two layers write.
func TestProjectReplaces(t *testing.T) {
	manifests := fstest.MapFS{}
	for name, file := range scaffoldtest.Manifests {
		manifests[name] = file
	}
	manifest := func(replaces string) {
		manifests["tiny.yaml"] = &fstest.MapFile{Data: []byte("name: tiny\ntitle: Tiny\nverification: full\nlayers: [_shared, tiny]\n" +
			"options: [{name: db}, {name: pm}]\nproject: {entry: src/server.js, migrate: m, replaces: [" + replaces + "]}\n")}
	}
	templates := fstest.MapFS{}
	for name, file := range fixtureTemplates {
		templates[name] = file
	}
	templates["tiny/.gitignore"] = &fstest.MapFile{Data: []byte("own\n")}
	engine := func() *Engine {
		reg, err := presets.LoadFS(manifests)
		if err != nil {
			t.Fatal(err)
		}
		return &Engine{Registry: reg, Templates: templates, Version: "test"}
	}
	render := func() ([]File, error) {
		e := engine()
		p, err := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
		if err != nil {
			t.Fatal(err)
		}
		return e.Render(p)
	}

	manifest(".gitignore")
	files, err := render()
	if err != nil {
		t.Fatal(err)
	}
	if got := fileMap(files)[".gitignore"]; got != "own\n" {
		t.Errorf(".gitignore = %q, want the preset's own", got)
	}

	manifest("")
	if _, err := render(); err == nil || !strings.Contains(err.Error(), "a layer may not redefine another's file") {
		t.Errorf("two layers writing .gitignore without replaces: %v", err)
	}

	manifest(".gitignore, src/raw.js")
	if _, err := render(); err == nil || !strings.Contains(err.Error(), "project.replaces names src/raw.js") {
		t.Errorf("replaces naming a file one layer writes: %v", err)
	}
}
