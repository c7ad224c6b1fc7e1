package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/scaffold/scaffoldtest"
)

type testIO struct{ out, err bytes.Buffer }

func testFactory(t *testing.T, io *testIO, tty bool, p prompt.Prompter) *Factory {
	t.Helper()
	t.Setenv("HOME", t.TempDir()) // no global git config
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	engine := scaffoldtest.Engine(t, scaffoldtest.Templates)
	return &Factory{
		In:          strings.NewReader(""),
		Out:         &io.out,
		Err:         &io.err,
		CanPrompt:   func() bool { return tty },
		Prompter:    func(context.Context) prompt.Prompter { return p },
		Engine:      func() (*scaffold.Engine, error) { return engine, nil },
		NodeVersion: func() (string, error) { return "v24.1.0", nil },
		Version:     "v0.0.0-test",
	}
}

func run(f *Factory, args ...string) error {
	return runContext(context.Background(), f, args...)
}

func runContext(ctx context.Context, f *Factory, args ...string) error {
	root := NewRootCmd(f)
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}

func TestNewFlagsAreParsed(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	var got *NewOptions
	cmd := NewCmdNew(f, func(_ context.Context, o *NewOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"api", "-p", "tiny", "--db", "postgres", "--name", "svc", "--no-git", "--install", "--force", "--json", "-y"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Dir != "api" || got.Preset != "tiny" || got.Name != "svc" || got.Options["db"] != "postgres" ||
		!got.NoGit || got.Install == nil || !*got.Install || !got.Force || !got.JSON || !got.Yes {
		t.Errorf("parsed %+v", got)
	}
	if _, set := got.Options["pm"]; set {
		t.Error("an option flag that was not given must stay unanswered")
	}
}

func TestNewHelpNamesFlagValues(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	if err := run(f, "new", "--help"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-p, --preset NAME ", "--name NAME ", "--config FILE ", "--db DB ", "sqlite, postgres"} {
		if !strings.Contains(io.out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, io.out.String())
		}
	}
	if strings.Contains(io.out.String(), "--preset jsforge") {
		t.Errorf("help shows a usage word as the value name:\n%s", io.out.String())
	}
}

func TestNewBadInputWritesNothing(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		config string // content of answers.yaml in the work dir, if any
		want   string
		code   int
	}{
		{"unknown preset", []string{"app", "--preset", "tinny"}, "", `unknown preset "tinny" (did you mean "tiny"?); available: mini, tiny`, ExitUsage},
		{"bad option value", []string{"app", "--preset", "tiny", "--db", "mongo"}, "", `--db "mongo" is not offered by preset tiny; available: sqlite, postgres`, ExitUsage},
		{"close option value", []string{"app", "--preset", "tiny", "--db", "sqlit"}, "", `--db "sqlit" is not offered by preset tiny (did you mean "sqlite"?); available: sqlite, postgres`, ExitUsage},
		{"option the preset lacks", []string{"app", "--preset", "tiny", "--auth", "jwt"}, "", `preset tiny has no option --auth (its options: db, pm)`, ExitUsage},
		{"missing preset", []string{"app"}, "", "missing --preset (jsforge asks only when stdin and stdout are a terminal); available: mini, tiny", ExitUsage},
		{"missing preset with yes", []string{"app", "--yes"}, "", "missing --preset (--yes never asks)", ExitUsage},
		{"missing dir", []string{"--preset", "tiny"}, "", "missing the target directory: jsforge new DIR --preset NAME (jsforge asks only when", ExitUsage},
		{"invalid name", []string{"Bad Name", "--preset", "tiny"}, "", `invalid project name "Bad Name": npm package names are lower case; try --name bad-name`, ExitUsage},
		{"long name", []string{strings.Repeat("a", 215), "--preset", "tiny"}, "", "it has 215 characters; npm package names have at most 214", ExitUsage},
		{"scoped dir", []string{"@acme/orders", "--preset", "tiny"}, "", "jsforge new orders --name @acme/orders", ExitUsage},
		{"unknown flag", []string{"app", "--presett", "tiny"}, "", "unknown flag: --presett", ExitUsage},
		{"too many args", []string{"a", "b", "--preset", "tiny"}, "", "accepts at most 1 arg(s)", ExitUsage},
		{"contradiction", []string{"app", "--preset", "tiny", "--install", "--no-install"}, "", "contradict", ExitUsage},
		{"config missing", []string{"app", "--config", "nope.yaml"}, "", "answers file nope.yaml does not exist", ExitUsage},
		{"config malformed", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndb: sqlite\n\tpm: npm\n", "answers.yaml:3: not valid YAML: found a tab character", ExitUsage},
		{"config malformed list", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndb: sqlite\n- pm\n", "answers.yaml:3: not valid YAML", ExitUsage},
		{"config unknown key", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndbb: sqlite\n", `answers.yaml:2: unknown key "dbb" (did you mean "db"?); known keys: preset, name, install, git, db, auth, pm`, ExitUsage},
		{"config duplicate key", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndb: sqlite\ndb: postgres\n", `answers.yaml:3: "db" is given twice (first at answers.yaml:2)`, ExitUsage},
		{"config bad bool", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ninstall: maybe\n", `answers.yaml:2: "install" must be true or false`, ExitUsage},
		{"config bad value", []string{"app", "--config", "answers.yaml"}, "preset: tiny\n\ndb: mongo\n", `answers.yaml:3: db "mongo" is not offered by preset tiny; available: sqlite, postgres`, ExitUsage},
		{"config bad preset", []string{"app", "--config", "answers.yaml"}, "preset: tinny\n", `answers.yaml:1: unknown preset "tinny"`, ExitUsage},
		{"config bad name", []string{"app", "--config", "answers.yaml"}, "preset: tiny\nname: Bad\n", `answers.yaml:2: invalid project name "Bad"`, ExitUsage},
		{"config option the preset lacks", []string{"app", "--config", "answers.yaml"}, "preset: tiny\nauth: jwt\n", `answers.yaml:2: preset tiny has no option auth`, ExitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var io testIO
			f := testFactory(t, &io, false, nil)
			work := t.TempDir()
			t.Chdir(work)
			if tc.config != "" {
				os.WriteFile("answers.yaml", []byte(tc.config), 0o644)
			}
			err := run(f, append([]string{"new"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
			if code := ExitCode(err); code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			entries, _ := os.ReadDir(work)
			for _, e := range entries {
				if e.Name() != "answers.yaml" {
					t.Errorf("%s was written", e.Name())
				}
			}
		})
	}
}

func TestNewFromConfigFileAndJSON(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	work := t.TempDir()
	t.Chdir(work)
	os.WriteFile("answers.yaml", []byte("preset: tiny\nname: from-config\ndb: postgres\ngit: true\n"), 0o644)

	// The flag wins over the file for db; the file answers the rest.
	if err := run(f, "new", "svc", "--config", "answers.yaml", "--db", "sqlite", "--json"); err != nil {
		t.Fatal(err)
	}
	var res scaffold.Result
	if err := json.Unmarshal(io.out.Bytes(), &res); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, io.out.String())
	}
	if res.Name != "from-config" || res.Preset != "tiny" || res.Options["db"] != "sqlite" || res.Options["pm"] != "npm" {
		t.Errorf("result %+v", res)
	}
	if len(res.Commit) != 40 || res.Path != filepath.Join(work, "svc") || len(res.Files) == 0 {
		t.Errorf("result %+v", res)
	}
	if res.Command != "jsforge new svc --preset tiny --name from-config --db sqlite --pm npm --yes" {
		t.Errorf("command %q", res.Command)
	}
	if b, err := os.ReadFile(filepath.Join("svc", ".jsforge.yaml")); err != nil || !strings.Contains(string(b), "db: sqlite") {
		t.Errorf(".jsforge.yaml: %s %v", b, err)
	}
}

func TestNewIntoExistingDirectories(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) (arg string) // run in the work dir
		args  []string
		proj  string // where the project must be, relative to the work dir
	}{
		{"dot in an empty dir", func(t *testing.T) string {
			os.Mkdir("x", 0o755)
			t.Chdir("x")
			return "."
		}, nil, "x"},
		{"an empty dir", func(t *testing.T) string { os.Mkdir("app", 0o755); return "app" }, nil, "app"},
		{"an empty dir with --force", func(t *testing.T) string { os.Mkdir("app", 0o755); return "app" }, []string{"--force"}, "app"},
		{"a symlink to an empty dir", func(t *testing.T) string {
			os.Mkdir("real", 0o755)
			os.Symlink("real", "link")
			return "link"
		}, nil, "real"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var io testIO
			f := testFactory(t, &io, false, nil)
			work := t.TempDir()
			t.Chdir(work)
			arg := tc.setup(t)

			if err := run(f, append([]string{"new", arg, "--preset", "tiny", "--dry-run"}, tc.args...)...); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(io.out.String(), "Would add") {
				t.Errorf("dry run on an existing directory:\n%s", io.out.String())
			}
			if err := run(f, append([]string{"new", arg, "--preset", "tiny"}, tc.args...)...); err != nil {
				t.Fatalf("%v (exit %d)", err, ExitCode(err))
			}
			proj := filepath.Join(work, tc.proj)
			for _, p := range []string{"package.json", "src/server.js", ".git/HEAD"} {
				if _, err := os.Stat(filepath.Join(proj, p)); err != nil {
					t.Error(err)
				}
			}
			entries, _ := os.ReadDir(proj)
			for _, e := range entries {
				if strings.Contains(e.Name(), "jsforge-") {
					t.Errorf("staging directory %s left behind", e.Name())
				}
			}
			if fi, err := os.Lstat(filepath.Join(work, "link")); err == nil && fi.Mode()&os.ModeSymlink == 0 {
				t.Error("the symlink was replaced")
			}
		})
	}
}

func TestNewDryRunWritesNothing(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	work := t.TempDir()
	t.Chdir(work)
	if err := run(f, "new", "app", "--preset", "tiny", "--dry-run", "--install"); err != nil {
		t.Fatal(err)
	}
	out := io.out.String()
	for _, want := range []string{"Would create", "app/", "└── src/", "    └── server.js", ".jsforge.yaml",
		"Then it would install the dependencies (npm install)", "jsforge new app --preset tiny --db sqlite --pm npm --install --yes"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("dry run wrote %v", entries)
	}
}

func TestNextStepsAndReproduceCommand(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	t.Chdir(t.TempDir())
	if err := run(f, "new", "--preset", "tiny", "--", "-dash"); err != nil {
		t.Fatal(err)
	}
	out := io.out.String()
	if !strings.Contains(out, "  cd ./-dash\n  npm install\n  git add package-lock.json") || strings.Contains(out, "cd -dash") {
		t.Errorf("next steps:\n%s", out)
	}
	io.out.Reset()
	os.Mkdir("here", 0o755)
	t.Chdir("here")
	if err := run(f, "new", ".", "--preset", "tiny", "--no-git"); err != nil {
		t.Fatal(err)
	}
	if out := io.out.String(); strings.Contains(out, "cd ") || !strings.Contains(out, "Next steps:\n  npm install\n  npm run dev\n") {
		t.Errorf("next steps in the current directory:\n%s", out)
	}
}

func TestNewInteractiveAsksOnlyWhatIsMissing(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{Answers: map[string]any{
		"Project name":              "asked-api",
		"Database":                  "postgres",
		"Install dependencies now?": false,
	}}
	f := testFactory(t, &io, true, fake)
	t.Chdir(t.TempDir())
	// --preset and --pm are given, so only the name, the database and install are asked.
	if err := run(f, "new", "-p", "tiny", "--pm", "npm", "--no-git"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(fake.Asked, "|"); got != "Project name|Database|Install dependencies now?" {
		t.Errorf("asked %s", got)
	}
	if !strings.Contains(io.out.String(), "jsforge new asked-api --preset tiny --db postgres --pm npm --no-git --yes") {
		t.Errorf("no reproduce command in:\n%s", io.out.String())
	}
	if _, err := os.Stat(filepath.Join("asked-api", "src", "pg.js")); err != nil {
		t.Error("the answers were not applied:", err)
	}
}

func TestNewInteractiveOffersTheDefaultPreset(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{Answers: map[string]any{
		"Project name": "x", "Preset": "", "Database": "", "Package manager": "", "Install dependencies now?": false,
	}}
	f := testFactory(t, &io, true, fake)
	t.Chdir(t.TempDir())
	if err := run(f, "new", "--no-git"); err != nil {
		t.Fatal(err)
	}
	// mini comes first by name; tiny is the manifest marked default.
	if fake.Defaults["Preset"] != "tiny" || fake.Defaults["Database"] != "sqlite" {
		t.Errorf("defaults offered: %v", fake.Defaults)
	}
}

func TestNewInteractiveChecksTheNameAtOnce(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{Answers: map[string]any{
		// taken (not empty), then invalid, then a scoped name
		"Project name":              []string{"taken", "Bad Name", "@acme/orders"},
		"Preset":                    "tiny",
		"Database":                  "sqlite",
		"Package manager":           "npm",
		"Install dependencies now?": false,
	}}
	f := testFactory(t, &io, true, fake)
	work := t.TempDir()
	t.Chdir(work)
	os.Mkdir("taken", 0o755)
	os.WriteFile(filepath.Join("taken", "notes.txt"), []byte("mine"), 0o644)
	os.Mkdir("my-api", 0o755)
	os.WriteFile(filepath.Join("my-api", "notes.txt"), []byte("mine"), 0o644)

	if err := run(f, "new", "--no-git"); err != nil {
		t.Fatal(err)
	}
	if fake.Defaults["Project name"] != "my-api-2" {
		t.Errorf("default name %v; want my-api-2, since my-api is taken", fake.Defaults["Project name"])
	}
	if len(fake.Rejected) != 2 || !strings.Contains(fake.Rejected[0], "is not empty") || !strings.Contains(fake.Rejected[1], "lower case") {
		t.Errorf("rejected %q", fake.Rejected)
	}
	if got := strings.Join(fake.Asked, "|"); got != "Project name|Preset|Database|Package manager|Install dependencies now?" {
		t.Errorf("asked %s", got)
	}
	b, err := os.ReadFile(filepath.Join(work, "orders", "package.json"))
	if err != nil || !strings.Contains(string(b), `"name": "@acme/orders"`) {
		t.Errorf("a scoped name goes into ./orders: %s %v", b, err)
	}
	if !strings.Contains(io.out.String(), "jsforge new orders --preset tiny --name @acme/orders --db sqlite --pm npm --no-git --yes") {
		t.Errorf("reproduce command:\n%s", io.out.String())
	}
}

func TestNewInteractiveChecksFlagsBeforeAsking(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{} // fails on any question
	f := testFactory(t, &io, true, fake)
	t.Chdir(t.TempDir())
	err := run(f, "new", "--preset", "tiny", "--db", "mongo")
	if ExitCode(err) != ExitUsage || len(fake.Asked) != 0 {
		t.Errorf("err %v, asked %v; want the bad flag reported before any question", err, fake.Asked)
	}
}

func TestNewInteractiveCancelWritesNothing(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{Answers: map[string]any{"Project name": "x", "Preset": "tiny", "Database": prompt.ErrCancelled}}
	f := testFactory(t, &io, true, fake)
	work := t.TempDir()
	t.Chdir(work)
	err := run(f, "new")
	if ExitCode(err) != ExitInterrupt || message(err) != "cancelled; nothing was written" {
		t.Fatalf("err %v, exit %d; want a cancel with 130", err, ExitCode(err))
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("cancel wrote %v", entries)
	}
}

func TestNonInteractiveNeverPrompts(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{} // fails on any question
	f := testFactory(t, &io, false, fake)
	t.Chdir(t.TempDir())
	if err := run(f, "new", "app", "-p", "tiny"); err != nil {
		t.Fatal(err)
	}
	if len(fake.Asked) != 0 {
		t.Errorf("asked %v without a terminal", fake.Asked)
	}
}

// fakeNpm puts an npm on PATH that runs script.
func fakeNpm(t *testing.T, script string) {
	t.Helper()
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "npm"), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+"/usr/bin:/bin")
}

func TestNewInstallAnnouncesItselfAndWarnsOfOldNode(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	f.NodeVersion = func() (string, error) { return "v20.20.2", nil }
	fakeNpm(t, "echo '{}' > package-lock.json; echo npm says hi\n")
	t.Chdir(t.TempDir())
	if err := run(f, "new", "app", "--preset", "tiny", "--install"); err != nil {
		t.Fatal(err)
	}
	stderr := io.err.String()
	warn := strings.Index(stderr, "warning: the node on PATH is v20.20.2, but the project needs Node.js 24 or later")
	head := strings.Index(stderr, "Installing dependencies: npm install (in app) …\n")
	out := strings.Index(stderr, "npm says hi")
	if warn < 0 || head < 0 || out < 0 || !(warn < head && head < out) {
		t.Errorf("want the Node.js warning, then the heading, then npm's output, on stderr:\n%s", stderr)
	}
	if !strings.Contains(stderr, "Installed the dependencies in") {
		t.Errorf("no closing line:\n%s", stderr)
	}

	io.err.Reset()
	f.NodeVersion = func() (string, error) { return "v24.11.0", nil }
	if err := run(f, "new", "app2", "--preset", "tiny"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(io.err.String(), "warning") {
		t.Errorf("warned about a recent enough Node.js: %s", io.err.String())
	}
	f.NodeVersion = func() (string, error) { return "", errors.New("node is not on PATH") }
	if err := run(f, "new", "app3", "--preset", "tiny"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.err.String(), "warning: node is not on PATH; the project needs Node.js 24 or later") {
		t.Errorf("no warning without node: %s", io.err.String())
	}
}

func TestNodeVersionIsCached(t *testing.T) {
	bin := t.TempDir()
	count := filepath.Join(t.TempDir(), "count")
	os.WriteFile(filepath.Join(bin, "node"), []byte("#!/bin/sh\necho run >> "+count+"\necho v22.3.0\n"), 0o755)
	t.Setenv("PATH", bin)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	for range 3 {
		v, err := cachedNodeVersion()
		if err != nil || v != "v22.3.0" {
			t.Fatalf("%q %v", v, err)
		}
	}
	if b, _ := os.ReadFile(count); strings.Count(string(b), "run") != 1 {
		t.Errorf("node ran %d times, want once", strings.Count(string(b), "run"))
	}
	// A different node binary is asked again.
	time.Sleep(10 * time.Millisecond) // a later modification time
	os.WriteFile(filepath.Join(bin, "node"), []byte("#!/bin/sh\necho run >> "+count+"\necho v24.0.0 \n"), 0o755)
	if v, _ := cachedNodeVersion(); v != "v24.0.0" {
		t.Errorf("after node changed: %q", v)
	}
}

func TestNewFailedInstallStillReports(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	fakeNpm(t, "echo 'registry down' >&2; exit 1\n")
	t.Chdir(t.TempDir())
	err := run(f, "new", "app", "--preset", "tiny", "--install", "--json")
	if err == nil || ExitCode(err) != ExitFailure || !strings.Contains(err.Error(), "`npm install` failed") {
		t.Fatalf("err %v (exit %d)", err, ExitCode(err))
	}
	var res scaffold.Result
	if err := json.Unmarshal(io.out.Bytes(), &res); err != nil || len(res.Commit) != 40 || res.Installed {
		t.Errorf("--json after a failed install: %v\n%s", err, io.out.String())
	}
}

func TestNewCancelledInstall(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	started := filepath.Join(t.TempDir(), "started")
	fakeNpm(t, "echo started > "+started+"\nexec sleep 30\n")
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for {
			if _, err := os.Stat(started); err == nil {
				cancel()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	begin := time.Now()
	err := runContext(ctx, f, "new", "app", "--preset", "tiny", "--install", "--json")
	if err == nil || !strings.HasPrefix(message(err), "cancelled while installing dependencies; the project is in ") || ExitCode(err) != ExitInterrupt {
		t.Fatalf("err %v (exit %d)", err, ExitCode(err))
	}
	if strings.Contains(err.Error(), "killed") || strings.Contains(err.Error(), "fix the problem") {
		t.Errorf("a cancel reads as a failure: %v", err)
	}
	if d := time.Since(begin); d > 20*time.Second {
		t.Errorf("took %s: the install was not interrupted", d)
	}
	var res scaffold.Result
	if err := json.Unmarshal(io.out.Bytes(), &res); err != nil || len(res.Commit) != 40 {
		t.Errorf("--json after a cancelled install: %v\n%s", err, io.out.String())
	}
}

func TestVersionIsRecorded(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	if err := run(f, "version"); err != nil || io.out.String() != "jsforge v0.0.0-test\n" {
		t.Errorf("version: %q %v", io.out.String(), err)
	}
	for _, tc := range []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, Release + "-dev+0123456789ab.dirty"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}}, Release + "-dev+0123456789ab"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, Release + "-dev"},
	} {
		if got := versionFrom(&tc.info); got != tc.want {
			t.Errorf("versionFrom(%+v) = %q, want %q", tc.info, got, tc.want)
		}
	}
}

func TestPresetsCommands(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	if err := run(f, "presets"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.out.String(), "tiny") || !strings.Contains(io.out.String(), "a fixture") {
		t.Errorf("presets: %s", io.out.String())
	}
	io.out.Reset()
	if err := run(f, "presets", "show", "tiny"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--db", "* sqlite", "left-pad", "1.3.0", "pg", "when db=postgres"} {
		if !strings.Contains(io.out.String(), want) {
			t.Errorf("presets show lacks %q:\n%s", want, io.out.String())
		}
	}
	if err := run(f, "presets", "show", "tinyy"); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), `(did you mean "tiny"?)`) {
		t.Errorf("err %v", err)
	}
}

// failingWriter fails every write, like a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		out  func(*Factory)
		code int
	}{
		{"help", []string{"--help"}, nil, ExitOK},
		{"no args", nil, nil, ExitOK},
		{"completion bash", []string{"completion", "bash"}, nil, ExitOK},
		{"help topic", []string{"help", "new"}, nil, ExitOK},
		{"unknown command", []string{"nwe"}, nil, ExitUsage},
		{"unknown help topic", []string{"help", "nonexistent"}, nil, ExitUsage},
		{"unknown shell", []string{"completion", "tcsh"}, nil, ExitUsage},
		{"no shell", []string{"completion"}, nil, ExitUsage},
		{"bad flag", []string{"presets", "--nope"}, nil, ExitUsage},
		{"extra argument", []string{"version", "x"}, nil, ExitUsage},
		{"presets to a full disk", []string{"presets"}, func(f *Factory) { f.Out = failingWriter{} }, ExitFailure},
		{"presets show to a full disk", []string{"presets", "show", "tiny"}, func(f *Factory) { f.Out = failingWriter{} }, ExitFailure},
		{"version to a full disk", []string{"version"}, func(f *Factory) { f.Out = failingWriter{} }, ExitFailure},
		{"new into a read-only parent", []string{"new", "ro/app", "--preset", "tiny"}, nil, ExitFailure},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var io testIO
			f := testFactory(t, &io, false, nil)
			if tc.out != nil {
				tc.out(f)
			}
			work := t.TempDir()
			t.Chdir(work)
			os.Mkdir("ro", 0o555)
			if os.Geteuid() == 0 && tc.name == "new into a read-only parent" {
				t.Skip("root writes into read-only directories")
			}
			err := run(f, tc.args...)
			if code := ExitCode(err); code != tc.code {
				t.Errorf("exit %d, want %d (err %v)", code, tc.code, err)
			}
		})
	}
}

func TestCompletionOfPresetsAndOptions(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	if err := run(f, "__complete", "new", "app", "--preset", ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.out.String(), "tiny\ta fixture") {
		t.Errorf("preset completion: %q", io.out.String())
	}
	io.out.Reset()
	if err := run(f, "__complete", "new", "app", "--preset", "tiny", "--db", ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.out.String(), "sqlite\tfile") || !strings.Contains(io.out.String(), "postgres\tserver") {
		t.Errorf("option completion: %q", io.out.String())
	}
	io.out.Reset()
	if err := run(f, "__complete", "completion", ""); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.out.String(), "bash") || !strings.Contains(io.out.String(), "zsh") {
		t.Errorf("shell completion: %q", io.out.String())
	}
}

// TestEngineLoadsOnlyWhenNeeded: printing the version, the top-level help or a
// completion script never loads the presets (the slowest part of start-up);
// everything that parses, shows or completes `new`'s flags does.
func TestEngineLoadsOnlyWhenNeeded(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"--version"}, false},
		{[]string{"-v"}, false},
		{[]string{"version"}, false},
		{[]string{"--help"}, false},
		{nil, false},
		{[]string{"completion", "zsh"}, false},
		{[]string{"new", "app", "--db", "postgres"}, true},
		{[]string{"new", "--help"}, true},
		{[]string{"help", "new"}, true},
		{[]string{"presets"}, true},
		{[]string{"__complete", "new", "--db", ""}, true},
		{[]string{"nwe"}, true},
	} {
		var io testIO
		f := testFactory(t, &io, false, nil)
		loaded := false
		engine := f.Engine
		f.Engine = func() (*scaffold.Engine, error) { loaded = true; return engine() }
		f.lazy = new(deferred)
		root := NewRootCmd(f)
		if loaded {
			t.Errorf("%q: building the command tree loaded the engine", tc.args)
		}
		addDeferred(f, root, tc.args)
		root.SetArgs(tc.args)
		_ = root.Execute()
		if loaded != tc.want {
			t.Errorf("%q: engine loaded %v, want %v", tc.args, loaded, tc.want)
		}
	}
}

// TestCompletionOnlyWhenListed: the completion command, costly to build, is
// in the tree whenever the command line could list, run or complete it, and
// only then.
func TestCompletionOnlyWhenListed(t *testing.T) {
	t.Chdir(t.TempDir()) // the runs may write a project
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, true},
		{[]string{"--help"}, true},
		{[]string{"help"}, true},
		{[]string{"help", "completion"}, true},
		{[]string{"completion", "bash"}, true},
		{[]string{"__complete", "comp"}, true},
		{[]string{"complet"}, true}, // unknown: the error suggests commands
		{[]string{"new", "app", "--yes"}, false},
		{[]string{"--version"}, false},
		{[]string{"-v"}, false},
		{[]string{"--version", "--help"}, true},
		{[]string{"version"}, false},
		{[]string{"presets"}, false},
		{[]string{"add", "resource", "widgets"}, false},
	} {
		var io testIO
		f := testFactory(t, &io, false, nil)
		f.lazy = new(deferred)
		root := NewRootCmd(f)
		addDeferred(f, root, tc.args)
		root.SetArgs(tc.args)
		_ = root.Execute() // cobra would add its own completion command here
		got := false
		for _, c := range root.Commands() {
			got = got || c.Name() == "completion"
		}
		if got != tc.want {
			t.Errorf("%q: completion command in the tree after the run: %v, want %v", tc.args, got, tc.want)
		}
	}
	var io testIO
	f := testFactory(t, &io, false, nil)
	f.lazy = new(deferred)
	root := NewRootCmd(f)
	addDeferred(f, root, []string{"--help"})
	root.SetArgs([]string{"--help"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.out.String(), "completion") {
		t.Errorf("jsforge --help does not list the completion command:\n%s", io.out.String())
	}
}
