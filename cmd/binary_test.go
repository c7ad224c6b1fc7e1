//go:build !windows

package cmd_test

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/jsforge/jsforge/cmd"
	"github.com/jsforge/jsforge/scaffold"
)

// These tests run the built binary as a user or a pipeline would, for what
// only a whole process shows: exit statuses, signals, the recorded version.

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0
}

func TestBinaryFailureExitsOne(t *testing.T) {
	bin := buildBinary(t)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	cmd := exec.Command(bin, "presets")
	cmd.Stdout = full
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if code := exitCode(t, cmd.Run()); code != 1 {
		t.Errorf("jsforge presets >/dev/full: exit %d, want 1; stderr %q", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "jsforge: ") || !strings.Contains(stderr.String(), "no space left") {
		t.Errorf("stderr %q", stderr.String())
	}
	for args, want := range map[string]int{"help nonexistent": 2, "completion tcsh": 2, "nonexistent": 2, "version": 0} {
		cmd := exec.Command(bin, strings.Fields(args)...)
		if code := exitCode(t, cmd.Run()); code != want {
			t.Errorf("jsforge %s: exit %d, want %d", args, code, want)
		}
	}
}

func TestBinaryRecordsItsVersion(t *testing.T) {
	bin := buildBinary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	version := strings.TrimPrefix(strings.TrimSpace(string(out)), "jsforge ")
	// What Go recorded: in a git checkout, a pseudo-version and the commit (a
	// git worktree, or GOFLAGS=-buildvcs=false, records neither).
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case regexp.MustCompile(`\tmod\tgithub.com/jsforge/jsforge\tv`).Match(info):
		if !strings.Contains(string(info), "\t"+version+"\t") {
			t.Errorf("jsforge version says %q; go version -m says:\n%s", version, info)
		}
	case strings.Contains(string(info), "vcs.revision="):
		if !strings.HasPrefix(version, cmd.Release+"-dev+") {
			t.Errorf("jsforge version says %q; go version -m says:\n%s", version, info)
		}
	default:
		if version != cmd.Release+"-dev" {
			t.Errorf("jsforge version says %q with no version recorded", version)
		}
	}
	checkManifestVersion(t, bin, version)
}

// checkManifestVersion makes a project with bin and checks that its
// .jsforge.yaml records version.
func checkManifestVersion(t *testing.T, bin, version string) {
	t.Helper()
	work := t.TempDir()
	cmd := exec.Command(bin, "new", "app", "--preset", "express", "--yes", "--no-git")
	cmd.Dir = work
	cmd.Env = testEnv(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	manifest, err := os.ReadFile(filepath.Join(work, "app", ".jsforge.yaml"))
	if err != nil || !strings.Contains(string(manifest), "\njsforge: "+version+"\n") {
		t.Errorf(".jsforge.yaml (want jsforge: %s):\n%s %v", version, manifest, err)
	}
}

// TestGoInstalledBinaryKnowsItsVersion publishes this checkout as version
// v1.2.3 of the module on a file-system module proxy and installs it from
// there with `go install github.com/jsforge/jsforge@v1.2.3`, as a user would
// from the real proxy: the binary and the projects it makes must say v1.2.3.
// (It also shows that the module can be packed: every file name is one a
// module zip accepts.)
func TestGoInstalledBinaryKnowsItsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds jsforge again from a module proxy")
	}
	const mod, v = "github.com/jsforge/jsforge", "v1.2.3"
	proxy := t.TempDir()
	dir := filepath.Join(proxy, mod, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	list := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	list.Dir = ".."
	files, err := list.Output()
	if err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, v+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(zf)
	for _, name := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join("..", name))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(mod + "@" + v + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	gomod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, v+".mod"), gomod, 0o644)
	os.WriteFile(filepath.Join(dir, v+".info"), []byte(`{"Version":"`+v+`","Time":"2026-01-01T00:00:00Z"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "list"), []byte(v+"\n"), 0o644)

	gobin := t.TempDir()
	install := exec.Command("go", "install", mod+"@"+v)
	install.Dir = t.TempDir()
	// jsforge comes from the proxy, its dependencies from the machine's module
	// cache (whose download folder is laid out as a proxy too), into a module
	// cache of the test's own, so the shared one never holds this fake release.
	install.Env = append(os.Environ(), "GOBIN="+gobin, "GOMODCACHE="+t.TempDir(), "GOFLAGS=-modcacherw",
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(filepath.Join(modCache(t), "cache", "download")),
		"GONOSUMDB="+mod, "GOSUMDB=off")
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	bin := filepath.Join(gobin, "jsforge")
	out, err := exec.Command(bin, "version").Output()
	if err != nil || string(out) != "jsforge "+v+"\n" {
		t.Errorf("go install'ed jsforge version: %q %v", out, err)
	}
	checkManifestVersion(t, bin, v)
}

func modCache(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestBinaryCancelledInstall interrupts jsforge while the package manager
// runs: it must say the install was cancelled (not that it failed), leave
// the project committed, print --json all the same, and exit 128+signal.
func TestBinaryCancelledInstall(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			tools := t.TempDir()
			// A package manager that says it started, then waits to be interrupted.
			os.WriteFile(filepath.Join(tools, "npm"), []byte("#!/bin/sh\necho npm-started\nexec sleep 600\n"), 0o755)
			work := t.TempDir()
			cmd := exec.Command(bin, "new", "app", "--preset", "express", "--yes", "--install", "--json")
			cmd.Dir = work
			cmd.Env = append(testEnv(t), "PATH="+tools+":/usr/bin:/bin")
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stdout strings.Builder
			cmd.Stdout = &stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var said strings.Builder
			lines := bufio.NewScanner(stderr)
			for lines.Scan() {
				said.WriteString(lines.Text() + "\n")
				if lines.Text() == "npm-started" {
					break // the install runs: interrupt jsforge alone
				}
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			rest, _ := io.ReadAll(stderr)
			said.Write(rest)
			code := exitCode(t, cmd.Wait())
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, said.String())
			}
			if !strings.Contains(said.String(), "jsforge: cancelled while installing dependencies; the project is in ") ||
				strings.Contains(said.String(), "killed") || strings.Contains(said.String(), "fix the problem") {
				t.Errorf("stderr:\n%s", said.String())
			}
			var res scaffold.Result
			if err := json.Unmarshal([]byte(stdout.String()), &res); err != nil || len(res.Commit) != 40 || res.Installed {
				t.Errorf("--json: %v\n%s", err, stdout.String())
			}
		})
	}
}
