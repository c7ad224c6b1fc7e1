//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/e2e/contract"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// TestPresets climbs the verification ladder for every preset in the
// combinations covering returns (every database with every data layer, and
// every value of the other options): render and commit, a real
// install from the npm registry with Node 24, a resource added with
// `jsforge add resource`, the project's own lint, build and tests, then the Go
// contract check of the todos and of the new resource against its running server.
//
// Run one preset with -run 'TestPresets/express'.
func TestPresets(t *testing.T) {
	tools := getToolchain(t)
	engine, err := scaffold.New("e2e")
	if err != nil {
		t.Fatal(err)
	}
	shift := 0 // counts the fully verified presets only, so a preview preset changes no other's combinations
	for _, p := range engine.Registry.All() {
		if p.Verification != presets.VerifiedFull {
			t.Run(p.Name, func(t *testing.T) {
				t.Skipf("verification %s: TestPreviewPresets (meteor_test.go) checks it", p.Verification)
			})
			continue
		}
		n := shift
		shift++
		t.Run(p.Name, func(t *testing.T) {
			for _, c := range covering(p, n) {
				t.Run(c.String(), func(t *testing.T) {
					t.Parallel()
					climb(t, tools, engine, p, c, wantImage(p, c))
				})
			}
		})
	}
}

// TestCombination climbs the ladder for one combination, which need not be
// one TestPresets climbs: a user's report, or a pairing of options the
// covering set leaves out. JSFORGE_E2E_COMBO names it as the preset and its
// answers ("nest auth=jwt,db=mysql,orm=typeorm"); options left out take the
// preset's defaults, as with jsforge new. JSFORGE_E2E_IMAGE=1 builds and runs
// its image too. Without JSFORGE_E2E_COMBO it is skipped.
//
//	JSFORGE_E2E_COMBO='nest auth=jwt,db=mysql' go test -tags e2e -run TestCombination ./e2e
func TestCombination(t *testing.T) {
	spec := os.Getenv("JSFORGE_E2E_COMBO")
	if spec == "" {
		t.Skip("JSFORGE_E2E_COMBO names no combination")
	}
	engine, err := scaffold.New("e2e")
	if err != nil {
		t.Fatal(err)
	}
	name, answers, _ := strings.Cut(strings.TrimSpace(spec), " ")
	p, ok := engine.Registry.Get(name)
	if !ok {
		t.Fatalf("JSFORGE_E2E_COMBO: no preset %q; presets: %s", name, strings.Join(engine.Registry.Names(), ", "))
	}
	if p.Verification != presets.VerifiedFull {
		t.Skipf("%s is verified as %s, not installed and run here: TestPreviewPresets (meteor_test.go) checks it", p.Name, p.Verification)
	}
	c := defaults(p)
	for _, answer := range strings.FieldsFunc(answers, func(r rune) bool { return r == ',' || r == ' ' }) {
		key, value, _ := strings.Cut(answer, "=")
		o, ok := p.Option(key)
		if !ok {
			t.Fatalf("JSFORGE_E2E_COMBO: %s has no option %q; its options: %s", p.Name, key, strings.Join(slices.Sorted(maps.Keys(c)), ", "))
		}
		if !slices.Contains(o.Values(), value) {
			t.Fatalf("JSFORGE_E2E_COMBO: %s=%q is not a value of %s's %s; its values: %s", key, value, p.Name, key, strings.Join(o.Values(), ", "))
		}
		c[key] = value
	}
	tools := getToolchain(t)
	t.Run(p.Name+"/"+c.String(), func(t *testing.T) {
		climb(t, tools, engine, p, c, wantImage(p, c) || os.Getenv("JSFORGE_E2E_IMAGE") == "1")
	})
}

func climb(t *testing.T, tools *toolchain, engine *scaffold.Engine, p *presets.Preset, c combo, image bool) {
	dir := filepath.Join(t.TempDir(), "e2e-"+p.Name)
	res, err := generator(t, engine, p, c).Generate(context.Background(), scaffold.Request{Dir: dir, Preset: p.Name, Options: c, Git: true})
	if err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	if head, err := repo.Head(); err != nil || head.Hash().String() != res.Commit {
		t.Fatalf("HEAD %v (%v), want the initial commit %s", head, err, res.Commit)
	}

	env := tools.env
	if updatedInLadder(p, c) {
		updateFromOlder(t, dir, env) // the rest of the ladder climbs the updated project
	}
	var dropDatabase func()
	if db := c["db"]; db != "sqlite" {
		var url string
		url, dropDatabase = createDatabase(t, db)
		env = withEnv(env, map[string]string{"DATABASE_URL": url})
	}

	pm := c["pm"]
	install(t, dir, env, pm)
	added := addResource(t, engine, p, dir, env, pm)
	if pm == "npm" && c.String() == defaults(p).String() {
		checkFootprint(t, dir, env, p.Project)
	}
	if c.String() == defaults(p).String() {
		// The defaults are also pushed as the user would push them, and the
		// rest of the ladder climbs that clone.
		dir = pushedAsIs(t, dir, env, pm)
	} else {
		run(t, dir, env, 3*time.Minute, pm, "run", "lint")
		if p.Project.Build {
			run(t, dir, env, 5*time.Minute, pm, "run", "build")
		}
		run(t, dir, env, 5*time.Minute, pm, "run", "test")
	}
	run(t, dir, env, 2*time.Minute, pm, "run", "db:migrate")
	checkMigrationsMatchSchema(t, dir, env, pm)

	// Start as production would: the values from .env, overridden by the
	// environment, and no NODE_ENV at all, which must mean production.
	dotenv := readDotEnv(t, filepath.Join(dir, ".env"))
	serverEnv := withEnv(env, without(dotenv, "DATABASE_URL", "NODE_ENV", "HOST", "PORT"))
	if c["db"] == "sqlite" {
		serverEnv = withEnv(serverEnv, map[string]string{"DATABASE_URL": dotenv["DATABASE_URL"]})
	}
	if c["cache"] == "redis" {
		// The machine's Redis, under keys of this run's own (deleted after).
		serverEnv = withEnv(serverEnv, map[string]string{"REDIS_URL": "redis://" + redisAddr, "REDIS_PREFIX": redisPrefix(t)})
	}
	srv := startServer(t, dir, serverEnv, p.Project.Entry)
	contract.Check(t, contract.Server{
		BaseURL:   srv.url,
		Auth:      c["auth"] == "jwt",
		JWTSecret: dotenv["JWT_SECRET"],
		BodyLimit: 200 * 1024,
	})
	if added != nil {
		t.Run("resource", func(t *testing.T) {
			contract.CheckResource(t, contract.Server{BaseURL: srv.url, Auth: c["auth"] == "jwt"}, added)
		})
	}
	if !hasJSONLogLine(srv.output.String()) {
		t.Errorf("no structured (JSON) request log line in the server output:\n%s", tail(srv.output.String(), 2000))
	}
	srv.stop(t)
	if wantScaleOut(p, c) {
		// Day two: two instances on one database and one Redis (scaleout_test.go).
		t.Run("scaleout", func(t *testing.T) { checkScaleOut(t, dir, serverEnv, p.Project.Entry) })
	}
	checkUnchanged(t, dir, env, "building, testing, migrating and running the project")

	if image {
		t.Run("image", func(t *testing.T) { checkImage(t, dir, p, c, added) })
	}

	if c["db"] == "postgres" {
		// With the database gone, /health must say so. (PostgreSQL only: MySQL
		// keeps answering `SELECT 1` on open connections after a DROP DATABASE.)
		srv = startServer(t, dir, serverEnv, p.Project.Entry)
		dropDatabase()
		contract.Unhealthy(t, srv.url)
	}
}

// checkMigrationsMatchSchema runs the project's db:check script (the ORM's
// own check, which fails when the schema needs a migration) or else its
// db:generate script, where it has one, against the migrated database, and
// expects it to find nothing to generate: the migrations shipped in the
// template must be exactly what the schema calls for. (TypeORM's
// migration:generate fails when there is nothing to generate.)
func checkMigrationsMatchSchema(t *testing.T, dir string, env []string, pm string) {
	t.Helper()
	script := "db:check"
	if readPackage(t, dir).Scripts[script] == "" {
		script = "db:generate"
	}
	if readPackage(t, dir).Scripts[script] == "" {
		return
	}
	run(t, dir, env, 2*time.Minute, pm, "run", script)
	checkUnchanged(t, dir, env, script+" (the shipped migrations do not match the schema)")
}

// checkUnchanged fails the test when git sees a change in the project other
// than the lockfile an install writes: what the project's own scripts and
// server write must be git-ignored.
func checkUnchanged(t *testing.T, dir string, env []string, by string) {
	t.Helper()
	for _, line := range strings.Split(run(t, dir, env, time.Minute, "git", "status", "--porcelain", "--untracked-files=all"), "\n") {
		switch strings.TrimSpace(strings.TrimPrefix(line, "??")) {
		case "", "package-lock.json", "pnpm-lock.yaml", "yarn.lock":
		default:
			t.Errorf("%s changed the project: %s", by, strings.TrimSpace(line))
		}
	}
}

func without(vars map[string]string, keys ...string) map[string]string {
	out := map[string]string{}
	for k, v := range vars {
		out[k] = v
	}
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

func hasJSONLogLine(output string) bool {
	for _, line := range strings.Split(output, "\n") {
		var v map[string]any
		if json.Unmarshal([]byte(line), &v) == nil && strings.Contains(line, "/api/todos") {
			return true
		}
	}
	return false
}

// pushedAsIs does what the next steps tell a user who did not pass --install:
// commit the lockfile the first install wrote. Then it clones the repository,
// as CI checks it out (no node_modules, no .env), and runs the `run:` steps of
// the project's own .github/workflows/ci.yml there: the frozen install, lint,
// build and tests. It returns the clone, with the local .env files copied in,
// for the rest of the ladder.
func pushedAsIs(t *testing.T, dir string, env []string, pm string) string {
	t.Helper()
	lockfile := map[string]string{"npm": "package-lock.json", "pnpm": "pnpm-lock.yaml", "yarn": "yarn.lock"}[pm]
	gitEnv := withEnv(env, map[string]string{
		"GIT_AUTHOR_NAME": "e2e", "GIT_AUTHOR_EMAIL": "e2e@localhost",
		"GIT_COMMITTER_NAME": "e2e", "GIT_COMMITTER_EMAIL": "e2e@localhost",
	})
	run(t, dir, gitEnv, time.Minute, "git", "add", lockfile)
	run(t, dir, gitEnv, time.Minute, "git", "commit", "-q", "-m", "Add the lockfile")
	clone := filepath.Join(t.TempDir(), filepath.Base(dir))
	run(t, dir, gitEnv, time.Minute, "git", "clone", "-q", dir, clone)

	for _, step := range workflowRunSteps(t, filepath.Join(clone, ".github", "workflows", "ci.yml")) {
		if step == "corepack enable" {
			continue // the toolchain's yarn is on PATH already
		}
		timeout := 5 * time.Minute
		if strings.Contains(step, " install") || strings.HasSuffix(step, " ci") {
			out, err := retryOnNetwork(func() (string, error) { return runOnce(t, clone, env, 10*time.Minute, "sh", "-c", step) }, nil)
			if err != nil {
				t.Fatalf("CI step %q in a clone of the project: %v\n%s", step, err, tail(out, 6000))
			}
			continue
		}
		if out, err := runOnce(t, clone, env, timeout, "sh", "-c", step); err != nil {
			t.Fatalf("CI step %q in a clone of the project: %v\n%s", step, err, tail(out, 6000))
		}
	}
	for _, local := range []string{".env", ".env.production"} {
		if data, err := os.ReadFile(filepath.Join(dir, local)); err == nil {
			if err := os.WriteFile(filepath.Join(clone, local), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	return clone
}

// workflowRunSteps lists the `run:` commands of every job of a workflow, in order.
func workflowRunSteps(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var steps []string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if s.Run != "" {
				steps = append(steps, strings.TrimSpace(s.Run))
			}
		}
	}
	if len(steps) < 3 {
		t.Fatalf("%s has %d run steps, want install, lint and test at least", path, len(steps))
	}
	return steps
}
