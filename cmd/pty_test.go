//go:build !windows

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
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// These tests drive the real binary in a pseudo-terminal, so survey draws its
// prompts and reads raw keys exactly as it does for a user. They wait for
// what is on the screen, never for time: on a loaded machine a prompt may take
// seconds to appear, and keys may arrive before it is ready for them (which
// jsforge must survive: see TestInteractiveTypeAhead).

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary the tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// buildBinary builds jsforge once for all the tests of this package, with
// `go build` in the repository, as a user would (so the binary records the
// commit it was built from).
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "jsforge-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "jsforge")
		build := exec.Command("go", "build", "-o", binPath, ".")
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// guard only turns a hang into a failure with the screen in the message; the
// tests never wait for time otherwise.
const guard = 3 * time.Minute

// terminal is a process on a pty with everything it printed so far.
type terminal struct {
	t   *testing.T
	cmd *exec.Cmd
	pty *os.File

	mu       sync.Mutex
	changed  *sync.Cond // signalled on new output and on exit
	seen     []byte
	from     int  // expect looks for text after this offset
	answered int  // cursor-position requests answered
	closed   bool // the pty reached end of file: the process is gone
	expired  bool

	exited chan struct{}
	err    error // from Wait, once exited is closed
}

func testEnv(t *testing.T) []string {
	return append(os.Environ(), "TERM=xterm", "HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir(),
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com")
}

func startInPTY(t *testing.T, dir, bin string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = testEnv(t)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, exited: make(chan struct{})}
	term.changed = sync.NewCond(&term.mu)
	go term.read()
	go func() {
		term.err = cmd.Wait()
		close(term.exited)
		term.mu.Lock()
		term.changed.Broadcast()
		term.mu.Unlock()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-term.exited
		f.Close()
	})
	return term
}

var cursorRequest = []byte("\x1b[6n")

func (term *terminal) read() {
	buf := make([]byte, 4096)
	for {
		n, err := term.pty.Read(buf)
		term.mu.Lock()
		term.seen = append(term.seen, buf[:n]...)
		// survey asks the terminal where the cursor is; answer each request like
		// a terminal would (counted over everything seen, so a request split
		// between two reads is answered too).
		for requests := bytes.Count(term.seen, cursorRequest); term.answered < requests; term.answered++ {
			term.pty.Write([]byte("\x1b[1;1R"))
		}
		if err != nil {
			term.closed = true
		}
		term.changed.Broadcast()
		term.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// waitFor blocks until cond holds for what is on the screen, or fails the
// test when the process is gone without it.
func (term *terminal) waitFor(what string, cond func(screen []byte) bool) {
	term.t.Helper()
	timer := time.AfterFunc(guard, func() {
		term.mu.Lock()
		term.expired = true
		term.changed.Broadcast()
		term.mu.Unlock()
	})
	defer timer.Stop()
	term.mu.Lock()
	defer term.mu.Unlock()
	for !cond(term.seen) {
		if term.closed || term.expired {
			term.t.Fatalf("%s never appeared (process gone: %v); the terminal shows:\n%s", what, term.closed, term.seen)
		}
		term.changed.Wait()
	}
}

// expect waits until the output after the previous expectation contains s.
func (term *terminal) expect(s string) {
	term.t.Helper()
	term.waitFor(fmt.Sprintf("%q", s), func(screen []byte) bool {
		i := bytes.Index(screen[term.from:], []byte(s))
		if i < 0 {
			return false
		}
		term.from += i + len(s)
		return true
	})
}

func (term *terminal) screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return string(term.seen)
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		term.t.Fatal(err)
	}
}

// wait returns the exit status once the process has ended and its output is read.
func (term *terminal) wait() int {
	term.t.Helper()
	term.waitFor("the end of the process", func([]byte) bool { return term.closed })
	<-term.exited
	var exit *exec.ExitError
	if errors.As(term.err, &exit) {
		return exit.ExitCode()
	}
	if term.err != nil {
		term.t.Fatal(term.err)
	}
	return 0
}

// canonical reports whether the terminal is in line mode again, as a shell
// expects it after jsforge exits.
func (term *terminal) canonical() bool {
	tio, err := unix.IoctlGetTermios(int(term.pty.Fd()), unix.TCGETS)
	if err != nil {
		term.t.Fatal(err)
	}
	return tio.Lflag&unix.ICANON != 0 && tio.Lflag&unix.ECHO != 0
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
	term.expect("(my-api)")
	term.send("pty-api" + keyEnter)
	term.expect("Preset")
	term.expect("nest")           // the last choice: the list is drawn
	term.send(keyDown + keyEnter) // from the default, express, to hapi
	term.expect("Authentication")
	term.expect("none")
	term.send(keyEnter) // default: jwt
	term.expect("Database")
	term.expect("mysql")
	term.send(keyDown + keyEnter) // postgres
	term.expect("Database layer")
	term.expect("knex")
	term.send(keyEnter) // default: drizzle
	term.expect("Shared state")
	term.expect("redis")
	term.send(keyEnter) // default: memory
	term.expect("Package manager")
	term.expect("yarn")
	term.send(keyEnter) // default: npm
	term.expect("Install dependencies now?")
	term.send("n" + keyEnter)
	term.expect("To create the same project without questions")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, term.screen())
	}
	if !strings.Contains(term.screen(), "jsforge new pty-api --preset hapi --auth jwt --db postgres --orm drizzle --cache memory --pm npm --no-git --yes") {
		t.Errorf("reproduce command missing or wrong:\n%s", term.screen())
	}
	pkg, err := os.ReadFile(filepath.Join(work, "pty-api", "package.json"))
	if err != nil || !strings.Contains(string(pkg), `"pg"`) || !strings.Contains(string(pkg), `"@hapi/hapi"`) {
		t.Errorf("package.json (want hapi with the pg driver): %s %v", pkg, err)
	}
	if !term.canonical() {
		t.Error("the terminal was left in raw mode")
	}
}

// TestInteractiveTypeAhead types every answer before the first prompt is
// drawn: no key may be lost while prompts are drawn or between them.
func TestInteractiveTypeAhead(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	term := startInPTY(t, work, bin, "new", "--no-git")
	term.send("ahead-api" + keyEnter + keyDown + keyEnter + keyEnter + keyDown + keyEnter + keyEnter + keyEnter + keyEnter + "n" + keyEnter)
	term.expect("To create the same project without questions")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, term.screen())
	}
	if !strings.Contains(term.screen(), "jsforge new ahead-api --preset hapi --auth jwt --db postgres --orm drizzle --cache memory --pm npm --no-git --yes") {
		t.Errorf("reproduce command missing or wrong:\n%s", term.screen())
	}
}

func TestInteractiveCtrlCExits130(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	term := startInPTY(t, work, bin, "new", "cancelled-api")
	term.expect("Preset")
	term.expect("nest")
	term.send(keyCtrlC)
	if code := term.wait(); code != 130 {
		t.Errorf("exit %d, want 130; terminal:\n%s", code, term.screen())
	}
	if !strings.Contains(term.screen(), "jsforge: cancelled") {
		t.Errorf("a cancel says so:\n%s", term.screen())
	}
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Errorf("cancel left %v behind", entries)
	}
	if !term.canonical() {
		t.Error("the terminal was left in raw mode")
	}
}

// TestInteractiveSignalsEndAPrompt sends SIGTERM and SIGINT from outside the
// terminal (kill, a supervisor): the prompt must end at once, not when the
// user next presses a key.
func TestInteractiveSignalsEndAPrompt(t *testing.T) {
	bin := buildBinary(t)
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			work := t.TempDir()
			term := startInPTY(t, work, bin, "new", "--no-git")
			term.expect("Project name")
			term.expect("(my-api)")
			term.send("half")
			term.expect("half") // survey echoes the keys it has read: it is in the prompt
			if err := term.cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := term.wait(); code != tc.code {
				t.Errorf("exit %d, want %d; terminal:\n%s", code, tc.code, term.screen())
			}
			if !strings.Contains(term.screen(), "jsforge: cancelled; nothing was written") {
				t.Errorf("a cancel says so:\n%s", term.screen())
			}
			if entries, _ := os.ReadDir(work); len(entries) != 0 {
				t.Errorf("cancel left %v behind", entries)
			}
			if !term.canonical() {
				t.Error("the terminal was left in raw mode")
			}
		})
	}
}

// TestInteractiveAddResourceAsksForFields adds a resource without --fields in
// a terminal: jsforge asks for one field at a time, refuses a bad one on the
// spot, and stops at an empty answer.
func TestInteractiveAddResourceAsksForFields(t *testing.T) {
	bin := buildBinary(t)
	work := t.TempDir()
	cmd := exec.Command(bin, "new", "app", "--preset", "koa", "--orm", "knex", "--yes", "--no-install")
	cmd.Dir, cmd.Env = work, testEnv(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jsforge new: %v\n%s", err, out)
	}
	term := startInPTY(t, filepath.Join(work, "app"), bin, "add", "resource", "posts")
	term.expect("Field 1 of posts")
	term.send("title:strng" + keyEnter)
	term.expect(`did you mean "string"`)
	term.send(strings.Repeat("\x7f", len("title:strng")) + "title:string" + keyEnter)
	term.expect("Field 2 of posts")
	term.send("due:date?" + keyEnter)
	term.expect("Field 3 of posts")
	term.send(keyEnter)
	term.expect("Added the posts resource (/api/posts)")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit %d; terminal:\n%s", code, term.screen())
	}
	route, err := os.ReadFile(filepath.Join(work, "app", "src", "routes", "posts.js"))
	if err != nil || !strings.Contains(string(route), "title: text(255)") || !strings.Contains(string(route), "due: z.iso.date().nullable().optional()") {
		t.Errorf("src/routes/posts.js (want title and due): %v\n%s", err, route)
	}
	if !term.canonical() {
		t.Error("the terminal was left in raw mode")
	}
}
