package cmd_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests drive the real binary in a pseudo-terminal, so survey draws its
// prompts and reads raw keys exactly as it does for a user.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// buildBinary builds jsforge once for all the tests of this file.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jsforge-pty-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "jsforge")
		if out, err := exec.Command("go", "build", "-o", binPath, "..").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// terminal is a process on a pty with everything it printed so far.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	seen bytes.Buffer
	done chan error
}

func startInPTY(t *testing.T, dir, bin string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm", "HOME="+t.TempDir(), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan error, 1)}
	go term.read()
	go func() { term.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		f.Close()
	})
	return term
}

func (term *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := term.pty.Read(buf)
		if n > 0 {
			term.mu.Lock()
			term.seen.Write(buf[:n])
			// survey asks the terminal where the cursor is; answer like a terminal would.
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				term.pty.Write([]byte("\x1b[1;1R"))
			}
			term.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// expect waits until the output contains s.
func (term *terminal) expect(s string) {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		term.mu.Lock()
		ok := strings.Contains(term.seen.String(), s)
		term.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	term.mu.Lock()
	defer term.mu.Unlock()
	term.t.Fatalf("timed out waiting for %q; the terminal shows:\n%s", s, term.seen.String())
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		term.t.Fatal(err)
	}
}

func (term *terminal) wait() int {
	term.t.Helper()
	select {
	case err := <-term.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		if err != nil {
			term.t.Fatal(err)
		}
		return 0
	case <-time.After(30 * time.Second):
		term.t.Fatalf("the process did not exit; the terminal shows:\n%s", term.seen.String())
		return -1
	}
}

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyCtrlC = "\x03"
)

func TestInteractiveNewInPseudoTerminal(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	term := startInPTY(t, work, bin, "new", "--no-git")

	term.expect("Project name")
	term.send("pty-api" + keyEnter)
	term.expect("Preset")
	term.expect("express")
	term.send(keyDown + keyEnter) // the second preset: express (after adonis)
	term.expect("Authentication")
	term.send(keyEnter) // default: jwt
	term.expect("Database")
	term.send(keyDown + keyEnter) // postgres
	term.expect("Database layer")
	term.send(keyEnter) // default: drizzle
	term.expect("Package manager")
	term.send(keyEnter) // default: npm
	term.expect("Install dependencies now?")
	term.send("n" + keyEnter)
	term.expect("To create the same project without questions")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, term.seen.String())
	}
	if !strings.Contains(term.seen.String(), "jsforge new pty-api --preset express --auth jwt --db postgres --orm drizzle --pm npm --no-git --yes") {
		t.Errorf("reproduce command missing or wrong:\n%s", term.seen.String())
	}
	pkg, err := os.ReadFile(filepath.Join(work, "pty-api", "package.json"))
	if err != nil || !strings.Contains(string(pkg), `"pg"`) {
		t.Errorf("package.json (want the pg driver): %s %v", pkg, err)
	}
}

func TestInteractiveCtrlCExitsQuietlyWithTwo(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	term := startInPTY(t, work, bin, "new", "cancelled-api")
	term.expect("Preset")
	term.send(keyCtrlC)
	if code := term.wait(); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if strings.Contains(term.seen.String(), "jsforge:") {
		t.Errorf("a cancel should be quiet:\n%s", term.seen.String())
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("cancel left %v behind", entries)
	}
}
