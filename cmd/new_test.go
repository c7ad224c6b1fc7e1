package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
		In:        strings.NewReader(""),
		Out:       &io.out,
		Err:       &io.err,
		CanPrompt: func() bool { return tty },
		Prompter:  func() prompt.Prompter { return p },
		Engine:    func() (*scaffold.Engine, error) { return engine, nil },
	}
}

func run(f *Factory, args ...string) error {
	root := NewRootCmd(f)
	root.SetArgs(args)
	return root.ExecuteContext(context.Background())
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

func TestNewBadInputWritesNothing(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		config string // content of answers.yaml in the work dir, if any
		want   string
		code   int
	}{
		{"unknown preset", []string{"app", "--preset", "tinny"}, "", `unknown preset "tinny"; did you mean "tiny"? available: tiny`, ExitUsage},
		{"bad option value", []string{"app", "--preset", "tiny", "--db", "mongo"}, "", `"mongo"`, ExitUsage},
		{"option the preset lacks", []string{"app", "--preset", "tiny", "--auth", "jwt"}, "", `preset "tiny" has no option "auth"`, ExitUsage},
		{"missing preset", []string{"app"}, "", "missing --preset", ExitUsage},
		{"missing dir", []string{"--preset", "tiny"}, "", "missing the target directory", ExitUsage},
		{"invalid name", []string{"Bad Name", "--preset", "tiny"}, "", `invalid project name "Bad Name"`, ExitUsage},
		{"unknown flag", []string{"app", "--presett", "tiny"}, "", "unknown flag: --presett", ExitUsage},
		{"contradiction", []string{"app", "--preset", "tiny", "--install", "--no-install"}, "", "contradict", ExitUsage},
		{"config missing", []string{"app", "--config", "nope.yaml"}, "", "config file nope.yaml does not exist", ExitUsage},
		{"config malformed", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndb: sqlite\n\tpm: npm\n", "answers.yaml is not valid YAML: line 2: found a tab", ExitUsage},
		{"config unknown key", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ndbb: sqlite\n", `answers.yaml:2: unknown key "dbb"; did you mean "db"?`, ExitUsage},
		{"config bad bool", []string{"app", "--config", "answers.yaml"}, "preset: tiny\ninstall: maybe\n", `answers.yaml:2: "install" must be true or false`, ExitUsage},
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
	if b, err := os.ReadFile(filepath.Join("svc", ".jsforge.yaml")); err != nil || !strings.Contains(string(b), "db: sqlite") {
		t.Errorf(".jsforge.yaml: %s %v", b, err)
	}
}

func TestNewDryRunWritesNothing(t *testing.T) {
	var io testIO
	f := testFactory(t, &io, false, nil)
	work := t.TempDir()
	t.Chdir(work)
	if err := run(f, "new", "app", "--preset", "tiny", "--dry-run"); err != nil {
		t.Fatal(err)
	}
	out := io.out.String()
	for _, want := range []string{"Would create", "app/", "└── src/", "    └── server.js", ".jsforge.yaml"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("dry run wrote %v", entries)
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

func TestNewInteractiveCancelWritesNothing(t *testing.T) {
	var io testIO
	fake := &prompt.Fake{Answers: map[string]any{"Project name": "x", "Preset": "tiny", "Database": prompt.ErrCancelled}}
	f := testFactory(t, &io, true, fake)
	work := t.TempDir()
	t.Chdir(work)
	err := run(f, "new")
	if ExitCode(err) != ExitUsage {
		t.Fatalf("err %v, exit %d; want a quiet cancel with 2", err, ExitCode(err))
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
	if err := run(f, "presets", "show", "tinyy"); ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), `did you mean "tiny"`) {
		t.Errorf("err %v", err)
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
}
