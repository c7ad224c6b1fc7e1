package cmd

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// nodeWarning says when the node on PATH cannot run a project that needs
// Node.js `need` (a major release, "24") or later; "" when it can. A node that
// cannot be run is reported too, since the project's scripts need one.
func nodeWarning(version func() (string, error), need string) string {
	if version == nil || need == "" {
		return ""
	}
	v, err := version()
	if err != nil {
		return fmt.Sprintf("warning: %v; the project needs Node.js %s or later", err, need)
	}
	have, err1 := strconv.Atoi(strings.SplitN(strings.TrimPrefix(v, "v"), ".", 2)[0])
	want, err2 := strconv.Atoi(need)
	if err1 != nil || err2 != nil || have >= want {
		return ""
	}
	return fmt.Sprintf("warning: the node on PATH is %s, but the project needs Node.js %s or later (package.json engines): its install and scripts may fail until you use Node.js %s", v, need, need)
}

// cachedNodeVersion runs `node --version` once per node binary: the answer is
// kept in the user's cache directory, keyed by the binary's path, size and
// modification time, so that jsforge does not pay for starting Node.js (tens
// of milliseconds) on every run.
func cachedNodeVersion() (string, error) {
	path, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("node is not on PATH")
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = path
	}
	info, err := os.Stat(real)
	if err != nil {
		return "", fmt.Errorf("node on PATH: %w", err)
	}
	key := fmt.Sprintf("%s\n%d\n%d\n", real, info.Size(), info.ModTime().UnixNano())
	cache := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cache = filepath.Join(dir, "jsforge", "node-version")
		if b, err := os.ReadFile(cache); err == nil {
			if v, ok := strings.CutPrefix(string(b), key); ok && strings.HasPrefix(v, "v") {
				return strings.TrimSpace(v), nil
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, real, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("running %s --version: %v", path, err)
	}
	v := strings.TrimSpace(string(out))
	if cache != "" && strings.HasPrefix(v, "v") {
		if os.MkdirAll(filepath.Dir(cache), 0o755) == nil {
			_ = os.WriteFile(cache, []byte(key+v+"\n"), 0o644) // only a cache
		}
	}
	return v, nil
}
