//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/scaffold/scaffoldtest"
)

// updateCombos are the combinations the ladder climbs on a project that an
// older jsforge generated, its user changed and `jsforge update` brought to
// this jsforge's templates (issue 12): the rest of the ladder (install, lint,
// tests, migrations, the contract) then runs on the updated project. One
// combination is enough, on a quick preset and without an image, so CI
// installs nothing more than before; the user's edits need auth jwt.
var updateCombos = map[string]string{
	"express": "auth=jwt,db=sqlite,orm=knex,pm=yarn",
}

// updatedInLadder reports whether the ladder climbs c of p on an updated project.
func updatedInLadder(p *presets.Preset, c combo) bool {
	return updateCombos[p.Name] == c.String()
}

// generator is the engine that makes the ladder's project for c: an older
// jsforge's for the update combination, else this one's.
func generator(t *testing.T, engine *scaffold.Engine, p *presets.Preset, c combo) *scaffold.Engine {
	if updatedInLadder(p, c) {
		return scaffoldtest.OlderEngine(t)
	}
	return engine
}

// updateFromOlder changes the project in dir (made by the older jsforge) as
// its user would, runs this jsforge's `jsforge update` binary on it, and
// checks that the update merged without conflicts, brought the template
// changes and kept every change of the user's.
func updateFromOlder(t *testing.T, dir string, env []string) {
	t.Helper()
	scaffoldtest.EditAsUser(t, dir, env)
	todos, err := os.ReadFile(filepath.Join(dir, "src", "routes", "todos.js"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(jsforgeBinary(t), "update", "--json")
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, env...), scaffoldtest.GitEnv()...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("jsforge update: %v\n%s", err, out)
	}
	var res scaffold.UpdateResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("jsforge update --json: %v\n%s", err, out)
	}
	if res.From != scaffoldtest.OlderVersion || res.Merge == "" || len(res.Conflicts) != 0 || !res.PackageChanged {
		t.Fatalf("jsforge update: %s", out)
	}
	var changed []string
	for _, f := range res.Files {
		changed = append(changed, f.Path+" "+f.Merge)
	}
	t.Logf("jsforge update from %s to %s: %d files merged (%s), no conflicts", res.From, res.To, len(res.Files), strings.Join(changed, ", "))
	if want := []string{".jsforge.yaml applied", "package.json merged", scaffoldtest.OlderRemovedFile + " applied", "src/routes/health.js applied"}; !slices.Equal(changed, want) {
		t.Errorf("jsforge update changed %q, want %q", changed, want)
	}
	check := func(path string, ok bool, what string) {
		if !ok {
			t.Errorf("after jsforge update, %s: %s", path, what)
		}
	}
	read := func(path string) string {
		data, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
		return string(data)
	}
	check("src/routes/todos.js", read("src/routes/todos.js") == string(todos), "the user's route is gone")
	check("package.json", strings.Contains(read("package.json"), `"oxlint": "`+scaffoldtest.UserOxlint+`"`), "the user's oxlint version is gone")
	check("package.json", !strings.Contains(read("package.json"), `"helmet": "`+scaffoldtest.OlderHelmet+`"`), "still the older helmet")
	check("src/routes/health.js", read("src/routes/health.js") != scaffoldtest.OlderHealthRoute, "still the older route")
	check(scaffoldtest.UserRunbook, read(scaffoldtest.UserRunbook) == scaffoldtest.UserRunbookText, "the user's file is gone")
	check(scaffoldtest.UserDeleted, !exists(filepath.Join(dir, scaffoldtest.UserDeleted)), "the file the user deleted is back")
	check(scaffoldtest.OlderRemovedFile, !exists(filepath.Join(dir, scaffoldtest.OlderRemovedFile)), "the file the templates dropped is still there")
	if s := run(t, dir, env, time.Minute, "git", "status", "--porcelain"); strings.TrimSpace(s) != "" {
		t.Errorf("git status after jsforge update:\n%s", s)
	}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// jsforgeBinary builds this checkout's jsforge once per test run.
func jsforgeBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jsforge-e2e-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "jsforge")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/jsforge/jsforge")
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}
