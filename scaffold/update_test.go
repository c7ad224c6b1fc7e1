package scaffold_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
	. "github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/scaffold/scaffoldtest"
)

// The fixture preset tiny in two releases of a jsforge. The newer one adds
// a route to src/routes.js, a file (src/health.js) and drops none; it
// requires a newer Node.js (package.json's engines).
const routesV1 = `// Routes of {{ .Name }}.
export const routes = [
  ['GET', '/health'],
  ['GET', '/todos'],
  ['POST', '/todos'],
];
`

const routesV2 = `// Routes of {{ .Name }}.
export const routes = [
  ['GET', '/health'],
  ['GET', '/version'],
  ['GET', '/todos'],
  ['POST', '/todos'],
];
`

func tinyRelease(t *testing.T, version string) *Engine {
	t.Helper()
	tmpl := fstest.MapFS{}
	for k, v := range scaffoldtest.Templates {
		tmpl[k] = v
	}
	manifests := fstest.MapFS{}
	for k, v := range scaffoldtest.Manifests {
		manifests[k] = v
	}
	switch version {
	case "v0.1.0":
		tmpl["tiny/src/routes.js.tmpl"] = &fstest.MapFile{Data: []byte(routesV1)}
	case "v0.2.0":
		tmpl["tiny/src/routes.js.tmpl"] = &fstest.MapFile{Data: []byte(routesV2)}
		tmpl["tiny/src/health.js"] = &fstest.MapFile{Data: []byte("export const health = () => ({ status: 'ok' });\n")}
		manifests["versions.yaml"] = &fstest.MapFile{Data: []byte("node: 26.1.0\nleft-pad: 1.3.0\npg: 8.0.0\n")}
	default:
		t.Fatalf("no release %s", version)
	}
	reg, err := presets.LoadFS(manifests)
	if err != nil {
		t.Fatal(err)
	}
	return &Engine{Registry: reg, Templates: tmpl, Version: version}
}

// gitEnv makes git (run by the tests and by jsforge) independent of the machine.
func gitEnv(t *testing.T) {
	t.Helper()
	for _, kv := range scaffoldtest.GitEnv() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("HOME", t.TempDir())
}

func gitRun(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return scaffoldtest.Git(t, dir, nil, args...)
}

func generate(t *testing.T, e *Engine, preset string, opts map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my-app")
	if _, err := e.Generate(context.Background(), Request{Dir: dir, Preset: preset, Options: opts, Git: true}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func read(t *testing.T, dir, path string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func write(t *testing.T, dir, path, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(dir, path string) bool {
	_, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(path)))
	return err == nil
}

func rev(t *testing.T, dir, name string) string {
	t.Helper()
	return strings.TrimSpace(gitRun(t, dir, "rev-parse", name))
}

// editTiny changes a tiny project as a user would and commits: a route
// added at the end of src/routes.js, left-pad bumped, src/raw.js deleted,
// src/notes.js added.
func editTiny(t *testing.T, dir string) {
	t.Helper()
	write(t, dir, "src/routes.js", strings.Replace(read(t, dir, "src/routes.js"), "  ['POST', '/todos'],\n", "  ['POST', '/todos'],\n  ['DELETE', '/todos'],\n", 1))
	write(t, dir, "package.json", strings.Replace(read(t, dir, "package.json"), `"left-pad": "1.3.0"`, `"left-pad": "1.3.1"`, 1))
	if err := os.Remove(filepath.Join(dir, "src", "raw.js")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "src/notes.js", "// my notes\n")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "user changes")
}

func TestNewStartsTheTemplateBranch(t *testing.T) {
	gitEnv(t)
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
	if head, tmpl := rev(t, dir, "HEAD"), rev(t, dir, TemplateBranch); head != tmpl {
		t.Errorf("%s at %s, want the initial commit %s", TemplateBranch, tmpl, head)
	}
	if got := gitRun(t, dir, "branch", "--show-current"); got != "main\n" {
		t.Errorf("current branch %q", got)
	}
	if !strings.Contains(read(t, dir, ManifestFile), "jsforge: v0.1.0\n") {
		t.Errorf(".jsforge.yaml:\n%s", read(t, dir, ManifestFile))
	}
}

func TestUpdateMergesANewerReleaseAndKeepsUserChanges(t *testing.T) {
	gitEnv(t)
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
	initial := rev(t, dir, "HEAD")
	env := read(t, dir, ".env")
	editTiny(t, dir)
	userCommit := rev(t, dir, "HEAD")
	v2 := tinyRelease(t, "v0.2.0")

	// status before: the user's changes, and what v0.2.0 renders differently.
	st, err := v2.Status(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statusLines(st, false), []string{
		".jsforge.yaml generated modified",
		"package.json changed modified",
		"src/health.js absent added",
		"src/notes.js added ",
		"src/raw.js deleted same",
		"src/routes.js changed modified",
	}; !slices.Equal(got, want) {
		t.Errorf("status:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Base != initial || !st.Differs || st.NoTemplateBranch || st.Unmerged || st.Recorded != "v0.1.0" {
		t.Errorf("status %+v", st)
	}

	// --dry-run predicts the merge and touches nothing.
	before := gitRun(t, dir, "for-each-ref")
	dry, err := v2.Update(context.Background(), UpdateRequest{Dir: filepath.Join(dir, "src"), DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []FileChange{
		{".jsforge.yaml", "modified", "applied"},
		{"package.json", "modified", "merged"},
		{"src/health.js", "added", "applied"},
		{"src/routes.js", "modified", "merged"},
	}
	if !slices.Equal(dry.Files, wantFiles) || len(dry.Conflicts) != 0 || !dry.PackageChanged || dry.UpToDate {
		t.Errorf("dry run: %+v", dry)
	}
	if after := gitRun(t, dir, "for-each-ref"); after != before || rev(t, dir, "HEAD") != userCommit {
		t.Errorf("--dry-run moved refs:\n%s\nbefore:\n%s", after, before)
	}
	if s := gitRun(t, dir, "status", "--porcelain"); s != "" {
		t.Errorf("--dry-run changed the work tree:\n%s", s)
	}

	res, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Files, wantFiles) || res.From != "v0.1.0" || res.To != "v0.2.0" || res.Created || res.Merge == "" || res.Template == "" {
		t.Errorf("update: %+v", res)
	}
	if !res.PackageChanged || !slices.Equal(res.NextSteps, []string{"npm install", "git add package-lock.json && git commit -m 'Update the lockfile'"}) {
		t.Errorf("package.json changed, next steps %q", res.NextSteps)
	}

	// The merged files, exactly.
	for path, want := range map[string]string{
		"src/routes.js": "// Routes of my-app.\nexport const routes = [\n  ['GET', '/health'],\n  ['GET', '/version'],\n  ['GET', '/todos'],\n  ['POST', '/todos'],\n  ['DELETE', '/todos'],\n];\n",
		"package.json":  "{\n  \"name\": \"my-app\",\n  \"engines\": {\"node\": \">=26\"},\n  \"dependencies\": {\n    \"left-pad\": \"1.3.1\"\n  }\n}\n",
		"src/health.js": "export const health = () => ({ status: 'ok' });\n",
		"src/notes.js":  "// my notes\n",
		ManifestFile:    "# Written by jsforge: how this project was generated.\njsforge: v0.2.0\npreset: tiny\nname: \"my-app\"\noptions:\n  db: sqlite\n  pm: npm\n",
		".env":          env, // never rewritten: it holds the project's secrets
	} {
		if got := read(t, dir, path); got != want {
			t.Errorf("%s after the update:\n%s\nwant:\n%s", path, got, want)
		}
	}
	if exists(dir, "src/raw.js") {
		t.Error("src/raw.js, deleted by the user, is back")
	}
	if s := gitRun(t, dir, "status", "--porcelain", "--untracked-files=all"); s != "" {
		t.Errorf("work tree after the update:\n%s", s)
	}

	// The history: a render commit on the template branch whose tree is
	// exactly the new render, and a merge of it into main.
	if got := gitRun(t, dir, "rev-list", "--parents", "-n1", TemplateBranch); got != res.Template+" "+initial+"\n" {
		t.Errorf("template commit and parent: %q, want %s %s", got, res.Template, initial)
	}
	if got := gitRun(t, dir, "rev-list", "--parents", "-n1", "HEAD"); got != res.Merge+" "+userCommit+" "+res.Template+"\n" {
		t.Errorf("merge commit and parents: %q", got)
	}
	if got := gitRun(t, dir, "ls-tree", "-r", "--name-only", TemplateBranch); got != ".env.example\n.gitignore\n.jsforge.yaml\ndata/.keep\npackage.json\nsrc/health.js\nsrc/raw.js\nsrc/routes.js\nsrc/server.js\n" {
		t.Errorf("template tree:\n%s", got)
	}

	// status afterwards: only the user's own changes; an update has nothing to bring.
	st, err = v2.Status(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statusLines(st, false), []string{
		"package.json changed same",
		"src/notes.js added ",
		"src/raw.js deleted same",
		"src/routes.js changed same",
	}; !slices.Equal(got, want) {
		t.Errorf("status after:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Differs || st.Base != res.Template {
		t.Errorf("status after: %+v", st)
	}

	again, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
	if err != nil || !again.UpToDate || rev(t, dir, "HEAD") != res.Merge {
		t.Errorf("second update: %+v %v", again, err)
	}
}

// statusLines are "path state template" for every file not as generated
// and rendered the same (all: every file).
func statusLines(st *StatusResult, all bool) []string {
	var out []string
	for _, f := range st.Files {
		if !all && f.State == StateGenerated && f.Template == TemplateSame {
			continue
		}
		out = append(out, f.Path+" "+f.State+" "+f.Template)
	}
	return out
}

func TestUpdateConflictLeavesMarkersAndLosesNothing(t *testing.T) {
	gitEnv(t)
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
	// The user adds a route where the newer release adds one too.
	write(t, dir, "src/routes.js", strings.Replace(read(t, dir, "src/routes.js"), "  ['GET', '/health'],\n", "  ['GET', '/health'],\n  ['GET', '/metrics'],\n", 1))
	write(t, dir, "src/notes.js", "// my notes\n")
	gitRun(t, dir, "add", "-A")
	gitRun(t, dir, "commit", "-q", "-m", "metrics")
	userCommit := rev(t, dir, "HEAD")
	v2 := tinyRelease(t, "v0.2.0")

	dry, err := v2.Update(context.Background(), UpdateRequest{Dir: dir, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(dry.Conflicts, []string{"src/routes.js"}) {
		t.Errorf("dry run predicts conflicts %q", dry.Conflicts)
	}

	res, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !slices.Equal(conflict.Files, []string{"src/routes.js"}) {
		t.Fatalf("err = %v, want a conflict in src/routes.js", err)
	}
	if !slices.Equal(res.Conflicts, dry.Conflicts) || !slices.Equal(res.Files, dry.Files) {
		t.Errorf("the dry run said %+v, the update did %+v", dry, res)
	}
	want := "// Routes of my-app.\nexport const routes = [\n  ['GET', '/health'],\n<<<<<<< HEAD\n  ['GET', '/metrics'],\n=======\n  ['GET', '/version'],\n>>>>>>> jsforge/template\n  ['GET', '/todos'],\n  ['POST', '/todos'],\n];\n"
	if got := read(t, dir, "src/routes.js"); got != want {
		t.Errorf("conflicted src/routes.js:\n%s\nwant:\n%s", got, want)
	}
	if rev(t, dir, "MERGE_HEAD") != res.Template || rev(t, dir, "HEAD") != userCommit {
		t.Error("the repository is not mid-merge of the new render")
	}
	// Everything else is merged and staged; the user's own file is untouched.
	if got := gitRun(t, dir, "status", "--porcelain"); got != "M  .jsforge.yaml\nM  package.json\nA  src/health.js\nUU src/routes.js\n" {
		t.Errorf("git status:\n%s", got)
	}
	if read(t, dir, "src/notes.js") != "// my notes\n" {
		t.Error("src/notes.js changed")
	}
	if want := []string{"edit src/routes.js   # keep what you want between the <<<<<<< ======= >>>>>>> markers", "git add src/routes.js", "git commit --no-edit   # concludes the merge", "npm install"}; !slices.Equal(res.NextSteps, want) {
		t.Errorf("next steps %q", res.NextSteps)
	}

	// A second update is refused until the merge is finished or undone.
	if _, err := v2.Update(context.Background(), UpdateRequest{Dir: dir}); !usererr.Is(err) || !strings.Contains(err.Error(), "merge is in progress") {
		t.Errorf("update mid-merge: %v", err)
	}
	// Undone, the next update offers the same render again.
	gitRun(t, dir, "merge", "--abort")
	if rev(t, dir, "HEAD") != userCommit || read(t, dir, "src/notes.js") != "// my notes\n" || strings.Contains(read(t, dir, "src/routes.js"), "version") {
		t.Error("git merge --abort did not restore the user's branch")
	}
	st, err := v2.Status(dir)
	if err != nil || !st.Unmerged || st.Base == res.Template {
		t.Errorf("status after an undone update: %+v %v", st, err)
	}
	again, err := v2.Update(context.Background(), UpdateRequest{Dir: dir, DryRun: true})
	if err != nil || !again.Reused || again.Template != res.Template || !slices.Equal(again.Conflicts, []string{"src/routes.js"}) {
		t.Errorf("dry run after an undone update: %+v %v", again, err)
	}
}

func TestUpdateRefuses(t *testing.T) {
	gitEnv(t)
	v2 := tinyRelease(t, "v0.2.0")
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"a dirty tree", func(t *testing.T, dir string) {
			write(t, dir, "src/server.js", "// edited\n")
		}, "uncommitted changes (M src/server.js); commit them"},
		{"staged changes", func(t *testing.T, dir string) {
			write(t, dir, "src/new.js", "x\n")
			gitRun(t, dir, "add", "src/new.js")
		}, "uncommitted changes (A src/new.js)"},
		{"the template branch checked out", func(t *testing.T, dir string) {
			gitRun(t, dir, "switch", "-q", TemplateBranch)
		}, "switch to your own branch"},
		{"an untracked file where the template adds one", func(t *testing.T, dir string) {
			write(t, dir, "src/health.js", "// mine, not committed\n")
		}, "this jsforge writes src/health.js, which exists"},
		{"an ignored file where the template adds one", func(t *testing.T, dir string) {
			write(t, dir, ".gitignore", read(t, dir, ".gitignore")+"src/health.js\n")
			gitRun(t, dir, "commit", "-q", "-am", "ignore")
			write(t, dir, "src/health.js", "// ignored, still mine\n")
		}, "this jsforge writes src/health.js, which exists"},
		{"an untracked file where the user deleted one the template changes", func(t *testing.T, dir string) {
			gitRun(t, dir, "rm", "-q", "package.json")
			gitRun(t, dir, "commit", "-q", "-m", "no package.json")
			write(t, dir, "package.json", "{}\n")
		}, "this jsforge writes package.json, which exists"},
		{"a project from a newer jsforge", func(t *testing.T, dir string) {
			write(t, dir, ManifestFile, strings.Replace(read(t, dir, ManifestFile), "jsforge: v0.1.0", "jsforge: v0.3.0", 1))
			gitRun(t, dir, "commit", "-q", "-am", "newer")
		}, "made by jsforge v0.3.0, newer than this jsforge (v0.2.0)"},
		{"a bad --set", nil, `--set db=oracle: db "oracle" is not offered by preset tiny; available: sqlite, postgres`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
			set := map[string]string(nil)
			if tc.setup != nil {
				tc.setup(t, dir)
			} else {
				set = map[string]string{"db": "oracle"}
			}
			head, refs := rev(t, dir, "HEAD"), gitRun(t, dir, "for-each-ref")
			_, err := v2.Update(context.Background(), UpdateRequest{Dir: dir, Set: set})
			if !usererr.Is(err) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want a usage error with %q", err, tc.want)
			}
			if rev(t, dir, "HEAD") != head || gitRun(t, dir, "for-each-ref") != refs {
				t.Error("a refused update changed the repository")
			}
			// A dry run says the same, as a refusal to come or as its error.
			dry, err := v2.Update(context.Background(), UpdateRequest{Dir: dir, Set: set, DryRun: true})
			if err == nil && !strings.Contains(dry.Refusal, tc.want) || err != nil && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("dry run: %+v, %v; want %q", dry, err, tc.want)
			}
		})
	}

	t.Run("outside a git repository", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "my-app")
		if _, err := tinyRelease(t, "v0.1.0").Generate(context.Background(), Request{Dir: dir, Preset: "tiny"}); err != nil {
			t.Fatal(err)
		}
		_, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
		if !usererr.Is(err) || !strings.Contains(err.Error(), "is not in a git repository") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestUpdateStartsTheTemplateBranchOfAnOlderProject(t *testing.T) {
	gitEnv(t)
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
	gitRun(t, dir, "branch", "-q", "-D", TemplateBranch) // as made before jsforge kept the branch
	// As with jsforge new --install, the first commit holds the lockfile,
	// which no template renders: the update must not delete it.
	const lock = "{\n  \"lockfileVersion\": 3\n}\n"
	write(t, dir, "package-lock.json", lock)
	gitRun(t, dir, "add", "package-lock.json")
	gitRun(t, dir, "commit", "-q", "--amend", "--no-edit")
	initial := rev(t, dir, "HEAD")
	editTiny(t, dir)
	v2 := tinyRelease(t, "v0.2.0")

	st, err := v2.Status(dir)
	if err != nil || !st.NoTemplateBranch || st.Base != initial {
		t.Fatalf("status: %+v %v", st, err)
	}
	dry, err := v2.Update(context.Background(), UpdateRequest{Dir: dir, DryRun: true})
	if err != nil || !dry.Created || dry.Base != initial {
		t.Fatalf("dry run: %+v %v", dry, err)
	}
	if out := gitRun(t, dir, "branch", "--list", TemplateBranch); out != "" {
		t.Errorf("--dry-run made the branch: %q", out)
	}
	res, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
	if err != nil || !res.Created || res.Base != initial {
		t.Fatalf("update: %+v %v", res, err)
	}
	if got := gitRun(t, dir, "rev-list", "--parents", "-n1", TemplateBranch); got != res.Template+" "+initial+"\n" {
		t.Errorf("template branch %q", got)
	}
	if read(t, dir, "package-lock.json") != lock || !strings.Contains(gitRun(t, dir, "ls-tree", "--name-only", TemplateBranch), "package-lock.json") {
		t.Error("the lockfile of the first commit did not survive the update")
	}
	if !strings.Contains(read(t, dir, "src/routes.js"), "'/version'") || !strings.Contains(read(t, dir, "src/routes.js"), "'DELETE'") {
		t.Errorf("src/routes.js:\n%s", read(t, dir, "src/routes.js"))
	}
}

func TestUpdateSetChangesAnAnswer(t *testing.T) {
	gitEnv(t)
	v1 := tinyRelease(t, "v0.1.0")
	dir := generate(t, v1, "tiny", nil)
	res, err := v1.Update(context.Background(), UpdateRequest{Dir: dir, Set: map[string]string{"db": "postgres"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed["db"] != "sqlite -> postgres" || res.Options["db"] != "postgres" {
		t.Errorf("update: %+v", res)
	}
	if !strings.Contains(read(t, dir, ManifestFile), "  db: postgres\n") || !exists(dir, "src/pg.js") || exists(dir, "data/.keep") {
		t.Errorf("--set db=postgres: .jsforge.yaml\n%s", read(t, dir, ManifestFile))
	}
	if got := read(t, dir, "src/server.js"); got != "// hello my-app on PostgreSQL\n" {
		t.Errorf("src/server.js = %q", got)
	}
	if !strings.Contains(read(t, dir, "package.json"), `"pg": "8.0.0"`) {
		t.Errorf("package.json:\n%s", read(t, dir, "package.json"))
	}
	if !strings.Contains(gitRun(t, dir, "log", "-1", "--format=%s"), "db: sqlite -> postgres") {
		t.Errorf("merge message: %s", gitRun(t, dir, "log", "-1", "--format=%s"))
	}
}

// TestUpdateRealPresetFromAnOlderJsforge: an Express project generated by
// an older jsforge (older helmet, an older health route, a file since
// removed), changed by its user, takes today's templates.
func TestUpdateRealPresetFromAnOlderJsforge(t *testing.T) {
	gitEnv(t)
	older := scaffoldtest.OlderEngine(t)
	dir := generate(t, older, "express", nil)
	if !strings.Contains(read(t, dir, "package.json"), `"helmet": "`+scaffoldtest.OlderHelmet+`"`) || read(t, dir, "src/routes/health.js") != scaffoldtest.OlderHealthRoute || !exists(dir, scaffoldtest.OlderRemovedFile) {
		t.Fatal("the older fixture does not render its differences")
	}
	scaffoldtest.EditAsUser(t, dir, nil)
	todos := read(t, dir, "src/routes/todos.js")

	current, err := New("v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	res, err := current.Update(context.Background(), UpdateRequest{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	fresh := renderExpress(t, current, dir)
	wantFiles := []FileChange{
		{".jsforge.yaml", "modified", "applied"},
		{"package.json", "modified", "merged"},
		{scaffoldtest.OlderRemovedFile, "deleted", "applied"},
		{"src/routes/health.js", "modified", "applied"},
	}
	if !slices.Equal(res.Files, wantFiles) || !res.PackageChanged || res.Merge == "" {
		t.Errorf("update: %+v", res)
	}
	for path, want := range map[string]string{
		"src/routes/health.js":   fresh["src/routes/health.js"],                  // the template's change
		"package.json":           scaffoldtest.BumpOxlint(fresh["package.json"]), // today's versions, and the user's oxlint
		"src/routes/todos.js":    todos,                                          // the user's route
		scaffoldtest.UserRunbook: scaffoldtest.UserRunbookText,
		ManifestFile:             fresh[ManifestFile],
	} {
		if got := read(t, dir, path); got != want {
			t.Errorf("%s after the update:\n%s\nwant:\n%s", path, got, want)
		}
	}
	if !strings.Contains(todos, scaffoldtest.UserCountRoute) {
		t.Errorf("the user's route is not in src/routes/todos.js:\n%s", todos)
	}
	for _, gone := range []string{scaffoldtest.UserDeleted, scaffoldtest.OlderRemovedFile} {
		if exists(dir, gone) {
			t.Errorf("%s exists after the update", gone)
		}
	}
	// Every other file is exactly today's render.
	for path, want := range fresh {
		switch path {
		case "package.json", "src/routes/todos.js", scaffoldtest.UserDeleted, ".env", ".env.production":
			continue
		}
		if got := read(t, dir, path); got != want {
			t.Errorf("%s differs from today's render", path)
		}
	}
	st, err := current.Status(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := statusLines(st, false), []string{
		".github/dependabot.yml deleted same",
		scaffoldtest.UserRunbook + " added ",
		"package.json changed same",
		"src/routes/todos.js changed same",
	}; !slices.Equal(got, want) {
		t.Errorf("status:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestUpdateRealPresetConflict: the user and the newer templates both
// changed the health route's error branch.
func TestUpdateRealPresetConflict(t *testing.T) {
	gitEnv(t)
	dir := generate(t, scaffoldtest.OlderEngine(t), "express", nil)
	write(t, dir, "src/routes/health.js", strings.Replace(scaffoldtest.OlderHealthRoute, "      return res.status(503).json({ status: 'unavailable' });", "      return res.status(503).json({ status: 'unavailable', retryAfter: 2 });", 1))
	gitRun(t, dir, "commit", "-q", "-am", "retryAfter")
	current, err := New("v0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	res, err := current.Update(context.Background(), UpdateRequest{Dir: dir})
	var conflict *ConflictError
	if !errors.As(err, &conflict) || !slices.Equal(res.Conflicts, []string{"src/routes/health.js"}) {
		t.Fatalf("err = %v, conflicts %v", err, res)
	}
	want := `import { Router } from 'express';
import { checkDatabase } from '../db/health.js';

/** GET /health: 200 while the database answers, 503 when it does not (within 2 s). */
export function createHealthRouter({ database }) {
  const router = Router();

  router.get('/', async (req, res) => {
    try {
      await checkDatabase(database);
<<<<<<< HEAD
    } catch {
      return res.status(503).json({ status: 'unavailable', retryAfter: 2 });
=======
    } catch (error) {
      req.log.error({ err: error }, 'database unreachable');
      return res.status(503).json({ status: 'unavailable' });
>>>>>>> jsforge/template
    }
    res.json({ status: 'ok' });
  });

  return router;
}
`
	if got := read(t, dir, "src/routes/health.js"); got != want {
		t.Errorf("conflicted health.js:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(read(t, dir, "package.json"), `"helmet": "`+current.Registry.Versions["helmet"]+`"`) {
		t.Error("the rest of the update (package.json) is not merged")
	}
}

// renderExpress renders today's Express project for dir's recorded answers.
func renderExpress(t *testing.T, e *Engine, dir string) map[string]string {
	t.Helper()
	p, err := ReadProject(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Resolve(p)
	if err != nil {
		t.Fatal(err)
	}
	files, err := e.Render(&Plan{Dir: dir, Name: p.Name, Resolution: res})
	if err != nil {
		t.Fatal(err)
	}
	return fileMap(files)
}

// TestUpdateInstallCommitsTheLockfile: with --install, a changed
// package.json is installed (here by a stand-in npm) and the lockfile the
// install rewrote is committed after the merge.
func TestUpdateInstallCommitsTheLockfile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in npm is a shell script")
	}
	gitEnv(t)
	bin := t.TempDir()
	write(t, bin, "npm", "#!/bin/sh\nprintf '{\\n  \"lockfileVersion\": 3,\\n  \"args\": \"%s\"\\n}\\n' \"$*\" > package-lock.json\n")
	if err := os.Chmod(filepath.Join(bin, "npm"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil)
	var steps []Step
	res, err := tinyRelease(t, "v0.2.0").Update(context.Background(), UpdateRequest{Dir: dir, Install: true, Progress: func(s Step) { steps = append(steps, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Installed || res.Lockfile == "" || len(res.NextSteps) != 0 || len(steps) != 1 || steps[0].Command != "npm install" {
		t.Errorf("update --install: %+v, steps %+v", res, steps)
	}
	if got := read(t, dir, "package-lock.json"); got != "{\n  \"lockfileVersion\": 3,\n  \"args\": \"install\"\n}\n" {
		t.Errorf("lockfile %q", got)
	}
	if got := gitRun(t, dir, "log", "-2", "--format=%s"); got != "Update package-lock.json after jsforge update\nUpdate from jsforge v0.2.0 (tiny templates)\n" {
		t.Errorf("history:\n%s", got)
	}
	if s := gitRun(t, dir, "status", "--porcelain"); s != "" {
		t.Errorf("work tree:\n%s", s)
	}
}

func TestUpdateAndStatusSayWhenGitIsMissing(t *testing.T) {
	gitEnv(t)
	dir := generate(t, tinyRelease(t, "v0.1.0"), "tiny", nil) // go-git plumbing: no git needed
	t.Setenv("PATH", t.TempDir())
	v2 := tinyRelease(t, "v0.2.0")
	_, err := v2.Update(context.Background(), UpdateRequest{Dir: dir})
	if !errors.Is(err, ErrNoGit) || !strings.Contains(err.Error(), "jsforge update works through git") || !strings.Contains(err.Error(), "install git") {
		t.Errorf("update without git: %v", err)
	}
	if _, err := v2.Status(dir); !errors.Is(err, ErrNoGit) || !strings.Contains(err.Error(), "jsforge status works through git") {
		t.Errorf("status without git: %v", err)
	}
}
