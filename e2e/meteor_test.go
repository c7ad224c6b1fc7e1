//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/e2e/contract"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// TestPreviewPresets verifies the presets whose framework's own tool cannot
// run on these machines (verification: preview; today Meteor) as far as it
// can, cheaply: every combination renders and its JSON, YAML and JavaScript
// parse; ONE npm install of the default project serves every combination
// (linked), whose lint script (Meteor's ESLint configuration) and test:node
// script (the handlers under node:test with meteor/* stubbed) pass; then the
// project's own harness (tests/node/harness/serve.mjs) serves its HTTP
// handlers under plain Node.js with an in-memory collection, started without
// NODE_ENV, and the Go contract test drives them over loopback. Not run here:
// `meteor test`, `meteor build`, MongoDB and the image (the preset says so).
//
// TestPresets and TestCrossProduct skip these presets.
func TestPreviewPresets(t *testing.T) {
	tools := getToolchain(t)
	engine, err := scaffold.New("e2e")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range engine.Registry.All() {
		if p.Verification == presets.VerifiedFull {
			continue
		}
		t.Run(p.Name, func(t *testing.T) { previewLadder(t, tools, engine, p) })
	}
}

// harnessEntry is the project's own Node.js server for its HTTP handlers.
const harnessEntry = "tests/node/harness/serve.mjs"

func previewLadder(t *testing.T, tools *toolchain, engine *scaffold.Engine, p *presets.Preset) {
	var dirs []string
	var combos []combo
	checked := &checkedFiles{seen: map[[32]byte]bool{}}
	for _, c := range p.Combinations() {
		dir := filepath.Join(t.TempDir(), "e2e-"+p.Name)
		res, err := engine.Generate(context.Background(), scaffold.Request{Dir: dir, Preset: p.Name, Options: c, Git: true})
		if err != nil {
			t.Fatalf("%s: %v", combo(c), err)
		}
		checkParses(t, tools, checked, dir, res.Files, combo(c))
		if !exists(filepath.Join(dir, harnessEntry)) {
			t.Fatalf("%s: no %s", combo(c), harnessEntry)
		}
		// The default combination first: it is the one installed.
		if combo(c).String() == defaults(p).String() {
			dirs, combos = append([]string{dir}, dirs...), append([]combo{c}, combos...)
		} else {
			dirs, combos = append(dirs, dir), append(combos, c)
		}
	}

	install(t, dirs[0], tools.env, "npm")
	for i, dir := range dirs {
		c := combos[i]
		t.Run(c.String(), func(t *testing.T) {
			if i > 0 {
				link(t, dirs[0], dir)
			}
			run(t, dir, tools.env, 3*time.Minute, "npm", "run", "lint")
			run(t, dir, tools.env, 5*time.Minute, "npm", "run", "test:node")

			// Served as production would start it: the values from .env, no NODE_ENV.
			dotenv := readDotEnv(t, filepath.Join(dir, ".env"))
			srv := startServer(t, dir, withEnv(tools.env, without(dotenv, "NODE_ENV", "HOST", "PORT")), harnessEntry)
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
		})
	}
}

// checkParses is checkFiles without compose.yaml's check against a container
// engine: JSON and YAML parse, and every JavaScript file passes `node --check`
// (each content once).
func checkParses(t *testing.T, tools *toolchain, checked *checkedFiles, dir string, files []string, c combo) {
	t.Helper()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(f) {
		case ".json":
			if !json.Valid(data) {
				t.Errorf("%s: %s is not valid JSON", c, f)
			}
		case ".yml", ".yaml":
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %s is not valid YAML: %v", c, f, err)
			}
		case ".js", ".mjs":
			// The app's .js files are ES modules: Node.js detects their syntax.
			if checked.firstTime(data) {
				run(t, dir, tools.env, time.Minute, "node", "--check", f)
			}
		}
	}
}
