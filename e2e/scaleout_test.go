//go:build e2e

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jsforge/jsforge/presets"
)

// redisAddr is the Redis server every machine of the project runs (CI included).
const redisAddr = "127.0.0.1:6379"

// authRateLimit is the presets' default limit on /api/auth requests per client
// address (createApp's or createServer's rateLimit) in its 15-minute window.
const authRateLimit = 100

// scaleOutMaxFailures is the LOGIN_MAX_FAILURES the two instances run with.
const scaleOutMaxFailures = 3

// wantScaleOut reports whether the ladder runs the two-instance check for c:
// once per preset, on the first combination with Redis and JWT auth, one with a
// database server when there is one.
func wantScaleOut(p *presets.Preset, c combo) bool {
	want := scaleOutCombo(p)
	return want != nil && want.String() == c.String()
}

func scaleOutCombo(p *presets.Preset) combo {
	var first combo
	for _, c := range coveringOf(p) {
		if c["cache"] != "redis" || c["auth"] != "jwt" {
			continue
		}
		if c["db"] != "sqlite" {
			return c
		}
		if first == nil {
			first = c
		}
	}
	return first
}

// coveringOf is covering(p, shift) with the shift TestPresets gives p.
func coveringOf(p *presets.Preset) []combo {
	shift := 0
	for _, q := range mustRegistry().All() {
		if q.Verification != presets.VerifiedFull {
			continue
		}
		if q.Name == p.Name {
			return covering(p, shift)
		}
		shift++
	}
	return nil
}

// checkScaleOut starts two instances of the installed project at dir on one
// database and one Redis (a key prefix of this test's own, deleted after) and
// shows that they act as one service: a token from either works on the other,
// data written through one is read through the other, the per-account and
// per-address auth limits count the requests to both, and a request id from a
// load balancer comes back. It also checks that an instance whose Redis is
// unreachable refuses to start, with one clear line.
func checkScaleOut(t *testing.T, dir string, env []string, entry string) {
	prefix := redisPrefix(t)
	env = withEnv(env, map[string]string{
		"REDIS_URL":          "redis://" + redisAddr,
		"REDIS_PREFIX":       prefix,
		"LOGIN_MAX_FAILURES": strconv.Itoa(scaleOutMaxFailures),
		// One proxy in front, as behind a load balancer: X-Forwarded-For names the client.
		"TRUST_PROXY": "1",
	})
	a := &instance{t: t, srv: startServer(t, dir, env, entry)}
	b := &instance{t: t, srv: startServer(t, dir, env, entry)}
	defer a.srv.stop(t)
	defer b.srv.stop(t)

	unique := fmt.Sprintf("%d%d", os.Getpid(), time.Now().UnixNano())
	email := "scale-" + unique + "@example.com"
	const password = "password123"

	t.Run("tokens", func(t *testing.T) {
		a.t, b.t = t, t
		a.want(201, "POST", "/api/auth/register", map[string]any{"email": email, "password": password}, "", nil)
		fromA := a.token(email, password)
		fromB := b.token(email, password)
		for _, pair := range []struct {
			on    *instance
			token string
		}{{b, fromA}, {a, fromB}} {
			var me map[string]any
			pair.on.want(200, "GET", "/api/auth/me", nil, pair.token, &me)
			if me["email"] != email {
				t.Errorf("/api/auth/me on the other instance: %v, want %s", me, email)
			}
		}
	})

	t.Run("data", func(t *testing.T) {
		a.t, b.t = t, t
		token := a.token(email, password)
		var todo map[string]any
		a.want(201, "POST", "/api/todos", map[string]any{"title": "written through A"}, token, &todo)
		path := fmt.Sprintf("/api/todos/%v", todo["id"])
		var read map[string]any
		b.want(200, "GET", path, nil, token, &read)
		if read["title"] != "written through A" {
			t.Errorf("B read %v, want the todo written through A", read)
		}
		b.want(200, "PATCH", path, map[string]any{"done": true}, token, nil)
		a.want(200, "GET", path, nil, token, &read)
		if read["done"] != true {
			t.Errorf("A read %v after B marked it done", read)
		}
		a.want(204, "DELETE", path, nil, token, nil)
		b.want(404, "GET", path, nil, token, nil)
	})

	t.Run("request id", func(t *testing.T) {
		a.t, b.t = t, t
		for _, in := range []*instance{a, b} {
			r := in.do("GET", "/health", nil, "", map[string]string{"X-Request-Id": "lb-" + unique})
			if got := r.Header.Get("X-Request-Id"); got != "lb-"+unique {
				t.Errorf("X-Request-Id %q came back as %q", "lb-"+unique, got)
			}
		}
	})

	t.Run("account limit", func(t *testing.T) {
		a.t, b.t = t, t
		victim := "locked-" + unique + "@example.com"
		b.want(201, "POST", "/api/auth/register", map[string]any{"email": victim, "password": password}, "", nil)
		// Failed logins from several addresses, alternately through A and B.
		var statuses []int
		for i := range scaleOutMaxFailures + 1 {
			in := []*instance{a, b}[i%2]
			pw := "wrong-password"
			if i == scaleOutMaxFailures {
				pw = password // the right one, too late
			}
			statuses = append(statuses, in.status("POST", "/api/auth/login", map[string]any{"email": victim, "password": pw},
				map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", 10+i)}))
		}
		want := append(slicesRepeat(401, scaleOutMaxFailures), 429)
		if fmt.Sprint(statuses) != fmt.Sprint(want) {
			t.Errorf("LOGIN_MAX_FAILURES=%d, failed logins over both instances answered %v, want %v", scaleOutMaxFailures, statuses, want)
		}
		if n := redisKeyCount(t, prefix); n == 0 {
			t.Errorf("no keys under %s in Redis: the counts are not shared there", prefix)
		}
	})

	t.Run("address limit", func(t *testing.T) {
		a.t, b.t = t, t
		// One client address, a fresh one: every request, through either instance, counts.
		from := map[string]string{"X-Forwarded-For": "198.51.100.200"}
		for i := range authRateLimit {
			in := []*instance{a, b}[i%2]
			if got := in.status("POST", "/api/auth/login", map[string]any{}, from); got == 429 {
				t.Fatalf("request %d of %d over both instances answered 429, before the limit", i+1, authRateLimit)
			}
		}
		if got := b.status("POST", "/api/auth/login", map[string]any{}, from); got != 429 {
			t.Errorf("request %d over both instances answered %d, want 429 (limit %d per address)", authRateLimit+1, got, authRateLimit)
		}
	})

	t.Run("redis unreachable", func(t *testing.T) {
		checkRedisUnreachable(t, dir, env, entry)
	})

	t.Run("redis lost", func(t *testing.T) {
		checkRedisLost(t, dir, env, entry)
	})
}

// checkRedisLost starts a server whose Redis is reached through a proxy, cuts
// the proxy while the server runs and then restores it. Without Redis the
// server must keep running: /health answers 503 and the routes that count in
// Redis (/api/auth) answer 503 too, promptly, never 500 and never a request
// that hangs; routes that do not need Redis go on working. With Redis back,
// it recovers on its own. Stopped while Redis is away again, it exits as
// cleanly as ever (docker stop in an outage).
func checkRedisLost(t *testing.T, dir string, env []string, entry string) {
	proxy := startForwarder(t, "127.0.0.1:0", redisAddr, nil)
	env = withEnv(env, map[string]string{"REDIS_URL": "redis://" + proxy.addr})
	c := &instance{t: t, srv: startServer(t, dir, env, entry)}

	email := fmt.Sprintf("lost-%d%d@example.com", os.Getpid(), time.Now().UnixNano())
	const password = "password123"
	from := map[string]string{"X-Forwarded-For": "192.0.2.77"}
	c.want(201, "POST", "/api/auth/register", map[string]any{"email": email, "password": password}, "", nil)
	token := c.token(email, password)

	proxy.cut()
	// /health may take a moment to notice (a bounded ping), but no longer than this.
	if got := c.eventually(503, 15*time.Second, "GET", "/health"); got != 503 {
		t.Fatalf("/health answered %d 15 s after Redis went away, want 503", got)
	}
	for _, r := range []struct{ path, password string }{
		{"/api/auth/login", password},
		{"/api/auth/login", "wrong-password"},
		{"/api/auth/register", password},
	} {
		start := time.Now()
		got := c.status("POST", r.path, map[string]any{"email": email, "password": r.password}, from)
		if took := time.Since(start); got != 503 || took > 10*time.Second {
			t.Errorf("POST %s without Redis answered %d after %v, want 503 within 10 s", r.path, got, took.Round(time.Millisecond))
		}
	}
	c.want(200, "GET", "/api/todos", nil, token, nil)
	select {
	case err := <-c.srv.exited:
		t.Fatalf("the server exited when Redis went away (%v):\n%s", err, tail(c.srv.output.String(), 2000))
	default:
	}

	proxy.restore()
	if got := c.eventually(200, 30*time.Second, "GET", "/health"); got != 200 {
		t.Fatalf("/health answered %d 30 s after Redis came back, want 200", got)
	}
	c.token(email, password)

	proxy.cut()
	if got := c.eventually(503, 15*time.Second, "GET", "/health"); got != 503 {
		t.Fatalf("/health answered %d 15 s after Redis went away again, want 503", got)
	}
	c.srv.stop(t)
}

// eventually repeats a request until it answers want or the time is up, and
// returns the last status.
func (in *instance) eventually(want int, within time.Duration, method, path string) int {
	in.t.Helper()
	deadline := time.Now().Add(within)
	for {
		got := in.status(method, path, nil, nil)
		if got == want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkRedisUnreachable starts the server with a REDIS_URL nothing answers and
// expects it to exit with a failure within seconds, saying so in one line.
func checkRedisUnreachable(t *testing.T, dir string, env []string, entry string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	env = withEnv(env, map[string]string{"REDIS_URL": "redis://" + closed, "PORT": strconv.Itoa(freePort(t)), "HOST": "127.0.0.1"})
	env = withoutKey(env, "NODE_ENV")
	cmd := exec.Command(lookPath(env, "node"), entry)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("the server exited with 0 without its Redis:\n%s", tail(out.String(), 2000))
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("the server still runs 30 s after start without its Redis:\n%s", tail(out.String(), 2000))
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "Redis") || !strings.Contains(lines[0], closed) {
		t.Errorf("start-up without Redis printed %d lines, want one naming Redis and %s:\n%s", len(lines), closed, tail(out.String(), 2000))
	}
}

func withoutKey(env []string, key string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

func slicesRepeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// instance is one of the running servers, with a small JSON client.
type instance struct {
	t   *testing.T
	srv *server
}

func (in *instance) do(method, path string, body any, token string, headers map[string]string) *http.Response {
	in.t.Helper()
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			in.t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, in.srv.url+path, reader)
	if err != nil {
		in.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		in.t.Fatalf("%s %s on %s: %v", method, path, in.srv.url, err)
	}
	return resp
}

func (in *instance) status(method, path string, body any, headers map[string]string) int {
	in.t.Helper()
	resp := in.do(method, path, body, "", headers)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// want sends a request, expects the status and decodes the body into into (when not nil).
func (in *instance) want(status int, method, path string, body any, token string, into any) {
	in.t.Helper()
	resp := in.do(method, path, body, token, nil)
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		in.t.Fatalf("%s %s on %s: %d %s, want %d", method, path, in.srv.url, resp.StatusCode, tail(string(data), 500), status)
	}
	if into != nil {
		if err := json.Unmarshal(data, into); err != nil {
			in.t.Fatalf("%s %s: %v in %s", method, path, err, tail(string(data), 500))
		}
	}
}

func (in *instance) token(email, password string) string {
	in.t.Helper()
	var body struct {
		Token string `json:"token"`
	}
	in.want(200, "POST", "/api/auth/login", map[string]any{"email": email, "password": password}, "", &body)
	if body.Token == "" {
		in.t.Fatal("login answered no token")
	}
	return body.Token
}

// redisPrefix is a key prefix of the test's own; its keys are deleted when the test ends.
func redisPrefix(t *testing.T) string {
	t.Helper()
	prefix := fmt.Sprintf("jsforge-e2e:%d:%d:", os.Getpid(), dbCounter.Add(1))
	t.Cleanup(func() {
		if _, err := redisCommand("EVAL", "local keys = redis.call('KEYS', ARGV[1]) for _, k in ipairs(keys) do redis.call('DEL', k) end return #keys", "0", prefix+"*"); err != nil {
			t.Errorf("deleting the Redis keys under %s: %v", prefix, err)
		}
	})
	return prefix
}

func redisKeyCount(t *testing.T, prefix string) int {
	t.Helper()
	reply, err := redisCommand("EVAL", "return #redis.call('KEYS', ARGV[1])", "0", prefix+"*")
	if err != nil {
		t.Fatalf("counting the Redis keys under %s: %v", prefix, err)
	}
	n, _ := strconv.Atoi(reply)
	return n
}

// redisCommand sends one command to the machine's Redis and returns its reply
// when that is a status, an integer or a bulk string (RESP 2).
func redisCommand(args ...string) (string, error) {
	conn, err := net.DialTimeout("tcp", redisAddr, 5*time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	var req strings.Builder
	fmt.Fprintf(&req, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&req, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := io.WriteString(conn, req.String()); err != nil {
		return "", err
	}
	r := bufio.NewReader(conn)
	line, err := r.ReadString('\n')
	if err != nil {
		return "", err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return "", fmt.Errorf("empty reply")
	}
	switch line[0] {
	case '+', ':':
		return line[1:], nil
	case '-':
		return "", fmt.Errorf("redis: %s", line[1:])
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return "", err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return "", err
		}
		return string(buf[:n]), nil
	}
	return "", fmt.Errorf("unexpected reply %q", line)
}
