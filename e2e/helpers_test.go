//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// run executes a command in dir and fails the test with its output if it fails.
func run(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	out, err := runOnce(t, dir, env, timeout, name, args...)
	if err != nil {
		t.Fatalf("%s %s in %s failed: %v\n%s", name, strings.Join(args, " "), dir, err, tail(out, 6000))
	}
	return out
}

// runOnce executes a command in dir and returns its combined output.
func runOnce(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, lookPath(env, name), args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if took := time.Since(start); took > 2*time.Second {
		t.Logf("%s %s: %s", name, strings.Join(args, " "), took.Round(100*time.Millisecond))
	}
	return out.String(), err
}

// install runs a package manager's install, trying it again when it fails on
// the network (see retryOnNetwork); any other failure fails the test at once.
func install(t *testing.T, dir string, env []string, pm string, args ...string) {
	t.Helper()
	args = append([]string{"install"}, args...)
	out, err := retryOnNetwork(
		func() (string, error) { return runOnce(t, dir, env, 10*time.Minute, pm, args...) },
		func(cause string, attempt int) {
			t.Logf("%s install failed on the network (%s); trying again (attempt %d of %d)", pm, cause, attempt, installAttempts)
		})
	if err != nil {
		t.Fatalf("%s %s in %s failed: %v\n%s", pm, strings.Join(args, " "), dir, err, tail(out, 6000))
	}
}

// installAttempts is how often an install that keeps failing on the network is tried.
const installAttempts = 3

// retryOnNetwork runs try until it succeeds, fails for a reason other than the
// network, or has been tried installAttempts times, and returns its last output
// and error. A connection to the registry that closed or timed out says nothing
// about the project, and CI machines see such drops. retrying, when not nil,
// hears of each new attempt and the network error that called for it.
func retryOnNetwork(try func() (string, error), retrying func(cause string, attempt int)) (string, error) {
	for attempt := 1; ; attempt++ {
		out, err := try()
		cause := networkFailure(out)
		if err == nil || cause == "" || attempt == installAttempts {
			return out, err
		}
		if retrying != nil {
			retrying(cause, attempt+1)
		}
		time.Sleep(time.Duration(attempt) * 5 * time.Second)
	}
}

// networkFailures are the error codes npm, pnpm and yarn print when the
// registry could not be reached or dropped a connection.
var networkFailures = []string{
	"ERR_SOCKET_CLOSED_BEFORE_CONNECTION", "ERR_SOCKET_TIMEOUT", "ERR_STREAM_PREMATURE_CLOSE",
	"ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH", "EPIPE",
	"ERR_PNPM_META_FETCH_FAIL", "ERR_PNPM_FETCH_", "socket hang up", "network timeout",
	"502 Bad Gateway", "503 Service Unavailable", "504 Gateway Timeout",
}

// networkFailure names the network error in an install's output, or returns "".
func networkFailure(out string) string {
	for _, code := range networkFailures {
		if strings.Contains(out, code) {
			return code
		}
	}
	return ""
}

// lookPath finds name on the PATH of env (exec.Command would use this process's PATH).
func lookPath(env []string, name string) string {
	if strings.Contains(name, "/") {
		return name
	}
	path := ""
	for _, kv := range env {
		if dirs, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = dirs // the last one wins, as for exec.Cmd
		}
	}
	for _, d := range filepath.SplitList(path) {
		if p := filepath.Join(d, name); isExecutable(p) {
			return p
		}
	}
	return name
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && !info.IsDir() && info.Mode()&0o111 != 0
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// freePort asks the kernel for a free loopback port.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// readDotEnv parses the KEY=VALUE lines of a .env file.
func readDotEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

// withEnv returns base with vars set, replacing earlier values.
func withEnv(base []string, vars map[string]string) []string {
	out := make([]string, 0, len(base)+len(vars))
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if _, replaced := vars[k]; !replaced {
			out = append(out, kv)
		}
	}
	for k, v := range vars {
		out = append(out, k+"="+v)
	}
	return out
}

// server is a generated backend running as a child process.
type server struct {
	cmd    *exec.Cmd
	url    string
	output *syncBuffer
	exited chan error
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServer runs `node <entry>` on a random loopback port and waits until /health answers 200.
func startServer(t *testing.T, dir string, env []string, entry string) *server {
	t.Helper()
	port := freePort(t)
	// No NODE_ENV: a process started without one must behave as production.
	env = slices.DeleteFunc(withEnv(env, map[string]string{"PORT": strconv.Itoa(port), "HOST": "127.0.0.1"}),
		func(kv string) bool { return strings.HasPrefix(kv, "NODE_ENV=") })
	cmd := exec.Command(lookPath(env, "node"), entry)
	cmd.Dir = dir
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s := &server{cmd: cmd, url: fmt.Sprintf("http://127.0.0.1:%d", port), output: &syncBuffer{}, exited: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = s.output, s.output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		if t.Failed() {
			t.Logf("server output:\n%s", tail(s.output.String(), 4000))
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.exited:
			t.Fatalf("server exited before it was healthy (%v):\n%s", err, tail(s.output.String(), 4000))
		default:
		}
		resp, err := http.Get(s.url + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("server not healthy on %s after 30s:\n%s", s.url, tail(s.output.String(), 4000))
	return nil
}

// stop sends SIGTERM and expects a clean exit within ten seconds: status 0,
// or death by the same SIGTERM re-raised once shutdown is done, which is what
// NestJS's enableShutdownHooks does after closing the server and the database.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		var exit *exec.ExitError
		reraised := errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGTERM
		if err != nil && !reraised {
			t.Errorf("server exited with %v after SIGTERM, want 0:\n%s", err, tail(s.output.String(), 2000))
		}
	case <-time.After(10 * time.Second):
		t.Errorf("server still running 10s after SIGTERM")
	}
}

var dbCounter atomic.Int64

// createDatabase makes an empty database on the local server for kind
// (postgres or mysql), returns its URL, and drops it when the test ends.
func createDatabase(t *testing.T, kind string) (url string, drop func()) {
	t.Helper()
	name := fmt.Sprintf("jsforge_e2e_%d_%d", os.Getpid(), dbCounter.Add(1))
	var create, dropSQL []string
	switch kind {
	case "postgres":
		create = []string{"psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name}
		dropSQL = []string{"psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"}
		url = "postgres://postgres@127.0.0.1:5432/" + name
	case "mysql":
		client := "mariadb"
		if _, err := exec.LookPath(client); err != nil {
			client = "mysql"
		}
		create = []string{client, "-h", "127.0.0.1", "-u", "root", "-e", "CREATE DATABASE " + name}
		dropSQL = []string{client, "-h", "127.0.0.1", "-u", "root", "-e", "DROP DATABASE IF EXISTS " + name}
		url = "mysql://root@127.0.0.1:3306/" + name
	default:
		t.Fatalf("no database server for %q", kind)
	}
	if out, err := exec.Command(create[0], create[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("creating database %s: %v\n%s", name, err, out)
	}
	var once sync.Once
	drop = func() {
		once.Do(func() {
			if out, err := exec.Command(dropSQL[0], dropSQL[1:]...).CombinedOutput(); err != nil {
				t.Errorf("dropping database %s: %v\n%s", name, err, out)
			}
		})
	}
	t.Cleanup(drop)
	return url, drop
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// packageJSON is the part of a generated package.json the tests read.
type packageJSON struct {
	Name    string            `json:"name"`
	Scripts map[string]string `json:"scripts"`
	Engines map[string]string `json:"engines"`
}

// readPackage reads dir/package.json, failing the test when it does not parse.
func readPackage(t *testing.T, dir string) packageJSON {
	t.Helper()
	var pkg packageJSON
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err == nil {
		err = json.Unmarshal(data, &pkg)
	}
	if err != nil {
		t.Fatalf("%s/package.json: %v", dir, err)
	}
	return pkg
}

func TestNetworkFailureIsRecognised(t *testing.T) {
	// What yarn printed when CI lost a registry connection (and the test failed).
	yarn := "➤ YN0001: │ Error [ERR_SOCKET_CLOSED_BEFORE_CONNECTION]: Socket closed before the connection was established"
	if got := networkFailure(yarn); got != "ERR_SOCKET_CLOSED_BEFORE_CONNECTION" {
		t.Errorf("networkFailure(yarn's dropped connection) = %q", got)
	}
	npm := "npm error code ETARGET\nnpm error notarget No matching version found for express@99.0.0."
	if got := networkFailure(npm); got != "" {
		t.Errorf("networkFailure(a missing version) = %q, want \"\": that is the project's fault, not the network's", got)
	}
}

func TestRetryOnNetworkStopsOnOtherFailures(t *testing.T) {
	calls := 0
	_, err := retryOnNetwork(func() (string, error) {
		calls++
		return "npm error code ETARGET", errors.New("exit status 1")
	}, func(string, int) { t.Error("retried a failure that is not the network's") })
	if err == nil || calls != 1 {
		t.Errorf("err %v after %d calls, want the failure after 1", err, calls)
	}
}
