package cmd

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/scaffold/scaffoldtest"
)

// newerTiny is the fixture preset as a later jsforge renders it: a second
// line in src/server.js and a new file.
func newerTiny(t *testing.T) *scaffold.Engine {
	t.Helper()
	tmpl := fstest.MapFS{}
	for k, v := range scaffoldtest.Templates {
		tmpl[k] = v
	}
	tmpl["tiny/src/server.js.tmpl"] = &fstest.MapFile{Data: []byte("// {{ template \"greeting\" . }} on {{ .Choice.db.label }}\nexport const port = 3000;\n")}
	tmpl["tiny/src/health.js"] = &fstest.MapFile{Data: []byte("export const ok = true;\n")}
	reg, err := presets.LoadFS(scaffoldtest.Manifests)
	if err != nil {
		t.Fatal(err)
	}
	return &scaffold.Engine{Registry: reg, Templates: tmpl, Version: "v0.0.1-test"}
}

func gitTestEnv(t *testing.T) {
	for _, kv := range scaffoldtest.GitEnv() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

func TestUpdateFlagsAreParsed(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	var got *UpdateOptions
	cmd := NewCmdUpdate(f, func(_ context.Context, o *UpdateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"api", "--set", "db=postgres", "--set", "pm = npm", "--dry-run", "--install", "--force", "--json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Dir != "api" || got.Set["db"] != "postgres" || got.Set["pm"] != "npm" || len(got.Set) != 2 || !got.DryRun || !got.Install || !got.Force || !got.JSON {
		t.Errorf("parsed %+v", got)
	}
	for _, bad := range []string{"db", "=x", "db="} {
		var io testIO
		err := run(testFactory(t, &io, false, nil), "update", "--set", bad)
		if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "write KEY=VALUE, e.g. --set db=postgres") {
			t.Errorf("--set %q: %v (exit %d)", bad, err, ExitCode(err))
		}
	}
}

// TestUpdateAndStatusCommands runs both commands as a user would, on a
// project made by the fixture jsforge and changed by its user, with a newer
// one: output and exit statuses.
func TestUpdateAndStatusCommands(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	gitTestEnv(t)
	dir := filepath.Join(t.TempDir(), "app")
	if err := run(f, "new", dir, "-p", "tiny", "-y"); err != nil {
		t.Fatal(err)
	}
	git := func(args ...string) string { return scaffoldtest.Git(t, dir, nil, args...) }
	if err := os.WriteFile(filepath.Join(dir, "NOTES.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "src", "raw.js")); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "notes")

	newer := newerTiny(t)
	f.Engine = func() (*scaffold.Engine, error) { return newer, nil }

	io.out.Reset()
	if err := run(f, "status", dir); err != nil {
		t.Fatal(err)
	}
	out := io.out.String()
	for _, want := range []string{
		"preset tiny (db=sqlite pm=npm), made by jsforge test; this is jsforge v0.0.1-test\n",
		"FILE           YOURS         JSFORGE UPDATE\n",
		".jsforge.yaml  as generated  would change\n",
		"NOTES.txt      added         -\n",
		"src/health.js  -             would add\n",
		"src/raw.js     deleted       -\n",
		"src/server.js  as generated  would change\n",
		"\n6 as generated, 0 changed, 1 deleted, 1 added by you.\nThis jsforge renders 3 files differently: jsforge update --dry-run shows how they would merge.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status output lacks %q:\n%s", want, out)
		}
	}
	io.out.Reset()
	if err := run(f, "status", dir, "--json"); err != nil {
		t.Fatal(err)
	}
	var st scaffold.StatusResult
	if err := json.Unmarshal(io.out.Bytes(), &st); err != nil || !st.Differs || len(st.Files) != 9 {
		t.Errorf("status --json: %v\n%s", err, io.out.String())
	}

	io.out.Reset()
	head := git("rev-parse", "HEAD", scaffold.TemplateBranch)
	if err := run(f, "update", dir, "--dry-run"); err != nil {
		t.Fatal(err)
	}
	out = io.out.String()
	for _, want := range []string{
		"Would update " + dir + " (preset tiny) from jsforge test to v0.0.1-test's templates\n",
		"The templates change 3 files:\n",
		"  modified  .jsforge.yaml  applies cleanly (you never changed it)\n",
		"  added     src/health.js  applies cleanly (you never changed it)\n",
		"  modified  src/server.js  applies cleanly (you never changed it)\n",
		"Nothing was changed (not even the jsforge/template branch).",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("update --dry-run output lacks %q:\n%s", want, out)
		}
	}
	if git("rev-parse", "HEAD", scaffold.TemplateBranch) != head {
		t.Error("--dry-run moved a branch")
	}

	io.out.Reset()
	if err := run(f, "update", dir); err != nil {
		t.Fatal(err)
	}
	out = io.out.String()
	for _, want := range []string{
		"Updated " + dir + " (preset tiny) from jsforge test to v0.0.1-test's templates\n",
		"  new render committed on jsforge/template: ",
		"  modified  src/server.js  applied (you never changed it)\n",
		"\nMerged into main: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("update output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "npm install") {
		t.Errorf("package.json did not change, yet:\n%s", out)
	}

	io.out.Reset()
	if err := run(f, "update", dir, "--json"); err != nil {
		t.Fatal(err)
	}
	var res scaffold.UpdateResult
	if err := json.Unmarshal(io.out.Bytes(), &res); err != nil || !res.UpToDate {
		t.Errorf("second update --json: %v\n%s", err, io.out.String())
	}
}

func TestUpdateConflictExitsOne(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	gitTestEnv(t)
	dir := filepath.Join(t.TempDir(), "app")
	if err := run(f, "new", dir, "-p", "tiny", "-y"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "server.js"), []byte("// hello app on SQLite\nexport const port = 8080;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	scaffoldtest.Git(t, dir, nil, "commit", "-q", "-am", "port 8080")
	newer := newerTiny(t)
	f.Engine = func() (*scaffold.Engine, error) { return newer, nil }

	io.out.Reset()
	err := run(f, "update", dir)
	if ExitCode(err) != ExitFailure || !strings.Contains(err.Error(), "stopped on conflicts") {
		t.Fatalf("err %v (exit %d), want a conflict with exit 1", err, ExitCode(err))
	}
	out := io.out.String()
	for _, want := range []string{
		"  modified  src/server.js  CONFLICT: both changed the same lines\n",
		"The merge stopped on conflicts in 1 file, which now hold git's conflict markers:\n  src/server.js\n",
		"  1. edit src/server.js   # keep what you want between the <<<<<<< ======= >>>>>>> markers\n  2. git add src/server.js\n  3. git commit --no-edit   # concludes the merge\n",
		"Or undo the whole update: git merge --abort",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	// Mid-merge, another update is a usage error.
	err = run(f, "update", dir)
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "a merge is in progress") {
		t.Errorf("update mid-merge: %v (exit %d)", err, ExitCode(err))
	}
}

func TestUpdateOutsideAProjectIsAUsageError(t *testing.T) {
	for _, command := range []string{"update", "status"} {
		var io testIO
		f := testFactory(t, &io, false, nil)
		err := run(f, command, t.TempDir())
		if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "is not inside a project made by jsforge") {
			t.Errorf("%s outside a project: %v (exit %d)", command, err, ExitCode(err))
		}
	}
}

func TestUpdateSetCompletesThePresetsOptions(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	dir := filepath.Join(t.TempDir(), "app")
	if err := run(f, "new", dir, "-p", "tiny", "-y", "--no-git"); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "src"))
	io.out.Reset()
	if err := run(f, "__complete", "update", "--set", ""); err != nil {
		t.Fatal(err)
	}
	if got := io.out.String(); !strings.HasPrefix(got, "db=sqlite\tfile\ndb=postgres\tserver\npm=npm\tnpm\n:4\n") {
		t.Errorf("completions:\n%s", got)
	}
}
