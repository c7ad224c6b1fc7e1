//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/jsforge/jsforge/e2e/contract"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// TestPresets climbs the verification ladder for every preset in the
// combinations covering returns (every database with every data layer, and
// every value of the other options): render and commit, a real
// install from the npm registry with Node 24, the project's own lint, build and
// tests, then the Go contract check against its running server.
//
// Run one preset with -run 'TestPresets/express'.
func TestPresets(t *testing.T) {
	tools := getToolchain(t)
	engine, err := scaffold.New("e2e")
	if err != nil {
		t.Fatal(err)
	}
	for shift, p := range engine.Registry.All() {
		t.Run(p.Name, func(t *testing.T) {
			for _, c := range covering(p, shift) {
				t.Run(c.String(), func(t *testing.T) {
					t.Parallel()
					climb(t, tools, engine, p, c)
				})
			}
		})
	}
}

func climb(t *testing.T, tools *toolchain, engine *scaffold.Engine, p *presets.Preset, c combo) {
	dir := filepath.Join(t.TempDir(), "e2e-"+p.Name)
	res, err := engine.Generate(context.Background(), scaffold.Request{Dir: dir, Preset: p.Name, Options: c, Git: true})
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
	var dropDatabase func()
	if db := c["db"]; db != "sqlite" {
		var url string
		url, dropDatabase = createDatabase(t, db)
		env = withEnv(env, map[string]string{"DATABASE_URL": url})
	}

	pm := c["pm"]
	install(t, dir, env, pm)
	if pm == "npm" && c.String() == defaults(p).String() {
		checkFootprint(t, dir, env, p.Project)
	}
	run(t, dir, env, 3*time.Minute, pm, "run", "lint")
	if p.Project.Build {
		run(t, dir, env, 5*time.Minute, pm, "run", "build")
	}
	run(t, dir, env, 5*time.Minute, pm, "run", "test")
	run(t, dir, env, 2*time.Minute, pm, "run", "db:migrate")
	checkMigrationsMatchSchema(t, dir, env, pm)

	// Start as production would: the values from .env, overridden by the
	// environment, and no NODE_ENV at all, which must mean production.
	dotenv := readDotEnv(t, filepath.Join(dir, ".env"))
	serverEnv := withEnv(env, without(dotenv, "DATABASE_URL", "NODE_ENV", "HOST", "PORT"))
	if c["db"] == "sqlite" {
		serverEnv = withEnv(serverEnv, map[string]string{"DATABASE_URL": dotenv["DATABASE_URL"]})
	}
	srv := startServer(t, dir, serverEnv, p.Project.Entry)
	contract.Check(t, contract.Server{
		BaseURL:   srv.url,
		Auth:      c["auth"] == "jwt",
		JWTSecret: dotenv["JWT_SECRET"],
		BodyLimit: 200 * 1024,
	})
	if !hasJSONLogLine(srv.output.String()) {
		t.Errorf("no structured (JSON) request log line in the server output:\n%s", tail(srv.output.String(), 2000))
	}
	srv.stop(t)
	checkUnchanged(t, dir, env, "building, testing, migrating and running the project")

	if wantImage(p, c) {
		t.Run("image", func(t *testing.T) { checkImage(t, dir, p, c) })
	}

	if c["db"] == "postgres" {
		// With the database gone, /health must say so. (PostgreSQL only: MySQL
		// keeps answering `SELECT 1` on open connections after a DROP DATABASE.)
		srv = startServer(t, dir, serverEnv, p.Project.Entry)
		dropDatabase()
		contract.Unhealthy(t, srv.url)
	}
}

// checkMigrationsMatchSchema runs the project's db:generate script, where it
// has one, against the migrated database, and expects it to find nothing to
// generate: the migrations shipped in the template must be exactly what the
// schema calls for.
func checkMigrationsMatchSchema(t *testing.T, dir string, env []string, pm string) {
	t.Helper()
	if readPackage(t, dir).Scripts["db:generate"] == "" {
		return
	}
	run(t, dir, env, 2*time.Minute, pm, "run", "db:generate")
	checkUnchanged(t, dir, env, "db:generate (the shipped migrations do not match the schema)")
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
