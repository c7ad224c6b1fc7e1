//go:build e2e

package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// TestCrossProduct renders every combination of every preset's options and
// checks it statically: JSON and YAML parse, package.json declares
// engines.node (its scripts are checked by go test ./scaffold), every
// JavaScript file passes `node --check`, the lint script passes,
// and TypeScript projects type-check against one install of the union of
// their dependencies (installing each combination would take hours).
func TestCrossProduct(t *testing.T) {
	tools := getToolchain(t)
	engine, err := scaffold.New("e2e")
	if err != nil {
		t.Fatal(err)
	}
	checked := &checkedFiles{seen: map[[32]byte]bool{}}
	for _, p := range engine.Registry.All() {
		t.Run(p.Name, func(t *testing.T) {
			if p.Verification != presets.VerifiedFull {
				t.Skipf("verification %s: TestPreviewPresets (meteor_test.go) checks it", p.Verification)
			}
			t.Parallel()
			var dirs []string
			var typescript []string // one per distinct code tree: pm changes no code
			for _, c := range p.Combinations() {
				dir := filepath.Join(t.TempDir(), "x-"+p.Name)
				res, err := engine.Generate(context.Background(), scaffold.Request{Dir: dir, Preset: p.Name, Options: c})
				if err != nil {
					t.Fatalf("%s: %v", c, err)
				}
				checkFiles(t, tools, checked, dir, res.Files, combo(c))
				dirs = append(dirs, dir)
				if exists(filepath.Join(dir, "tsconfig.json")) && c["pm"] == "npm" {
					typescript = append(typescript, dir)
				}
			}
			lintAll(t, tools, dirs)
			if len(typescript) > 0 {
				typecheckAll(t, tools, typescript)
			}
		})
	}
}

// checkedFiles remembers JavaScript files already checked, by content: most
// combinations share most files.
type checkedFiles struct {
	mu   sync.Mutex
	seen map[[32]byte]bool
}

func (c *checkedFiles) firstTime(data []byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	sum := sha256.Sum256(data)
	if c.seen[sum] {
		return false
	}
	c.seen[sum] = true
	return true
}

func checkFiles(t *testing.T, tools *toolchain, checked *checkedFiles, dir string, files []string, c combo) {
	t.Helper()
	var toCheck []string
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		switch ext := filepath.Ext(f); ext {
		case ".json":
			if !json.Valid(data) {
				t.Errorf("%s: %s is not valid JSON", c, f)
			}
		case ".yml", ".yaml":
			var v any
			if err := yaml.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %s is not valid YAML: %v", c, f, err)
			}
			if f == "compose.yaml" && checked.firstTime(data) {
				checkCompose(t, dir, c)
			}
		case ".js", ".mjs", ".cjs":
			if checked.firstTime(data) {
				toCheck = append(toCheck, f)
			}
		}
	}
	if readPackage(t, dir).Engines["node"] == "" {
		t.Errorf("%s: package.json has no engines.node", c)
	}
	for _, f := range toCheck {
		run(t, dir, tools.env, time.Minute, "node", "--check", f)
	}
}

// lintAll runs each combination's lint script with the linter from one install.
func lintAll(t *testing.T, tools *toolchain, dirs []string) {
	t.Helper()
	union := unionInstall(t, tools, dirs[:1])
	for _, dir := range dirs {
		link(t, union, dir)
		env := withEnv(tools.env, map[string]string{"PATH": filepath.Join(dir, "node_modules", ".bin") + string(os.PathListSeparator) + tools.bin + string(os.PathListSeparator) + os.Getenv("PATH")})
		run(t, dir, env, 2*time.Minute, "sh", "-c", readPackage(t, dir).Scripts["lint"])
	}
}

// typecheckAll type-checks every TypeScript combination against one install
// holding every dependency any of them uses.
func typecheckAll(t *testing.T, tools *toolchain, dirs []string) {
	t.Helper()
	union := unionInstall(t, tools, dirs)
	for _, dir := range dirs {
		link(t, union, dir)
		run(t, dir, tools.env, 3*time.Minute, filepath.Join(dir, "node_modules", ".bin", "tsc"), "--noEmit", "-p", "tsconfig.json")
	}
}

// unionInstall installs, once, a package.json whose dependencies are those of all dirs.
func unionInstall(t *testing.T, tools *toolchain, dirs []string) string {
	t.Helper()
	merged := map[string]map[string]string{"dependencies": {}, "devDependencies": {}}
	overrides := map[string]any{} // each project's, together: they pin different packages
	for _, dir := range dirs {
		var pkg map[string]any
		data, _ := os.ReadFile(filepath.Join(dir, "package.json"))
		if err := json.Unmarshal(data, &pkg); err != nil {
			t.Fatal(err)
		}
		for section := range merged {
			deps, _ := pkg[section].(map[string]any)
			for name, v := range deps {
				merged[section][name] = v.(string)
			}
		}
		o, _ := pkg["overrides"].(map[string]any)
		for name, v := range o {
			overrides[name] = v
		}
	}
	union := map[string]any{"name": "union", "private": true, "type": "module", "dependencies": merged["dependencies"], "devDependencies": merged["devDependencies"]}
	if len(overrides) > 0 {
		union["overrides"] = overrides
	}
	dir := t.TempDir()
	data, _ := json.MarshalIndent(union, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "package.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(merged["dependencies"]))
	for n := range merged["dependencies"] {
		names = append(names, n)
	}
	sort.Strings(names)
	t.Logf("union install: %s", strings.Join(names, " "))
	install(t, dir, tools.env, "npm", "--ignore-scripts=false")
	return dir
}

// link points dir/node_modules at the union install.
func link(t *testing.T, union, dir string) {
	t.Helper()
	target := filepath.Join(dir, "node_modules")
	os.Remove(target)
	if err := os.Symlink(filepath.Join(union, "node_modules"), target); err != nil {
		t.Fatal(err)
	}
}

// checkCompose validates compose.yaml with the engine's own docker-compose
// (`config` checks it against the Compose schema, and that every file it
// names, such as .env.production, is there).
func checkCompose(t *testing.T, dir string, c combo) {
	t.Helper()
	compose, err := exec.LookPath("docker-compose")
	if err != nil {
		t.Fatal("docker-compose is not on PATH: run ../shared/tools/container-engine.sh (scripts/test.sh does)")
	}
	if out, err := exec.Command(compose, "--project-directory", dir, "-f", filepath.Join(dir, "compose.yaml"), "config", "--quiet").CombinedOutput(); err != nil {
		t.Errorf("%s: docker-compose config: %v\n%s", c, err, out)
	}
}
