//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/jsforge/jsforge/presets"
)

// toolchain is Node.js and the package managers at the versions pinned in
// presets/versions.yaml, installed from the npm registry into a cache folder
// shared by every run (the machine's own Node.js is not the one we target).
type toolchain struct {
	bin   string   // folder with node, npm, pnpm and yarn
	cache string   // root of the shared caches
	env   []string // environment for every command that touches a project
}

var (
	toolsOnce sync.Once
	tools     *toolchain
	toolsErr  error
)

func cacheDir() string {
	if d := os.Getenv("JSFORGE_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "jsforge")
	}
	return filepath.Join(os.TempDir(), "jsforge-cache")
}

func getToolchain(t *testing.T) *toolchain {
	t.Helper()
	toolsOnce.Do(func() { tools, toolsErr = installToolchain() })
	if toolsErr != nil {
		t.Fatal(toolsErr)
	}
	return tools
}

func installToolchain() (*toolchain, error) {
	reg, err := presets.Load()
	if err != nil {
		return nil, err
	}
	v := reg.Versions
	cache := cacheDir()
	dir := filepath.Join(cache, fmt.Sprintf("tools-node%s-pnpm%s-yarn%s", v["node"], v["pnpm"], v["yarn"]))
	bin := filepath.Join(dir, "node_modules", ".bin")
	if _, err := os.Stat(filepath.Join(bin, "node")); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"private":true}`+"\n"), 0o644); err != nil {
			return nil, err
		}
		out, err := retryOnNetwork(func() (string, error) {
			cmd := exec.Command("npm", "install", "--no-audit", "--no-fund", "--cache", filepath.Join(cache, "npm"),
				"node@"+v["node"], "pnpm@"+v["pnpm"], "@yarnpkg/cli-dist@"+v["yarn"])
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			return string(out), err
		}, nil)
		if err != nil {
			return nil, fmt.Errorf("installing Node.js %s, pnpm and yarn with the system npm: %v\n%s", v["node"], err, out)
		}
	}
	out, err := exec.Command(filepath.Join(bin, "node"), "--version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "v"+v["node"] {
		return nil, fmt.Errorf("node in %s reports %q (%v), want v%s", bin, out, err, v["node"])
	}
	env := withEnv(os.Environ(), map[string]string{
		// Node 24 first on PATH: the machine's npm then runs on it too.
		"PATH":             bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"npm_config_cache": filepath.Join(cache, "npm"),
		// Native modules built under Node 24 need its headers: the machine's npm may point node-gyp at another release's.
		"npm_config_nodedir":             filepath.Join(dir, "node_modules", "node", "node_modules", "node-"+runtime.GOOS+"-x64"),
		"npm_config_audit":               "false",
		"npm_config_fund":                "false",
		"npm_config_update_notifier":     "false",
		"YARN_GLOBAL_FOLDER":             filepath.Join(cache, "yarn"),
		"YARN_ENABLE_IMMUTABLE_INSTALLS": "false", // a new project has no lockfile yet
		"YARN_ENABLE_TELEMETRY":          "0",
		// yarn opens up to 50 registry connections at once, pnpm 16; CI saw one of
		// yarn's dropped before it connected.
		"YARN_NETWORK_CONCURRENCY": "16",
		"COREPACK_ENABLE_STRICT":   "0",
	})
	return &toolchain{bin: bin, cache: cache, env: env}, nil
}
