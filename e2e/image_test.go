//go:build e2e

package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsforge/jsforge/e2e/contract"
	"github.com/jsforge/jsforge/internal/resource"
	"github.com/jsforge/jsforge/presets"
)

// imageCombos are the combinations whose image the ladder builds and runs:
// every preset's defaults, plus one PostgreSQL and one MySQL combination
// overall (on presets whose ladders are quick, to keep CI short).
var imageCombos = map[string]string{
	"express": "db=postgres",
	"hapi":    "db=mysql",
}

// wantImage reports whether the ladder should climb the image step for c.
func wantImage(p *presets.Preset, c combo) bool {
	if c.String() == defaults(p).String() {
		return true
	}
	if want, ok := imageCombos[p.Name]; ok {
		name, value, _ := strings.Cut(want, "=")
		return c[name] == value && firstWith(p, name, value).String() == c.String()
	}
	return false
}

// firstWith is the first combination the ladder climbs with name=value.
func firstWith(p *presets.Preset, name, value string) combo {
	for shift, q := range mustRegistry().All() {
		if q.Name != p.Name {
			continue
		}
		for _, c := range covering(p, shift) {
			if c[name] == value {
				return c
			}
		}
	}
	return nil
}

var registryOnce = sync.OnceValues(presets.Load)

// imageStore is held while an image is built or removed. The engine's
// legacy builder reuses cached layers of other images; removing one of those
// images while another test's build uses its layers failed that build
// ("mounting build container: layer not known"), and two builds at once on
// two cores are no faster than one after the other.
var imageStore sync.Mutex

func mustRegistry() *presets.Registry {
	reg, err := registryOnce()
	if err != nil {
		panic(err)
	}
	return reg
}

// checkImage runs the README's Deploy commands as a user would paste them,
// with three substitutions a test needs: a unique image name, a free loopback
// port instead of 3000, and (for a database server) DATABASE_URL in
// .env.production pointed at a fresh database on this machine's server, which
// is the edit the README asks the user to make. Then it drives the contract
// through the published port, checks the process is not root, that the
// image's HEALTHCHECK passes, and that `docker stop` ends it cleanly within 10 s.
func checkImage(t *testing.T, dir string, p *presets.Preset, c combo, added *resource.Resource) {
	docker := dockerClient(t)
	name := fmt.Sprintf("jsforge-e2e-%s-%d-%d", p.Name, os.Getpid(), dbCounter.Add(1))
	readmeName := readPackage(t, dir).Name

	cutDatabase := func() {}
	if c["db"] != "sqlite" {
		url, _ := createDatabase(t, c["db"])
		forwarded, db := reachableFromContainers(t, url)
		cutDatabase = db.cut
		setEnvFileValue(t, filepath.Join(dir, ".env.production"), "DATABASE_URL", forwarded)
	}
	if c["cache"] == "redis" {
		// The edit the README asks for: REDIS_URL names this machine's Redis, here
		// through a forwarder the container can reach, under keys of the test's own.
		forwarded, _ := reachableFromContainers(t, "redis://@"+redisAddr+"/0")
		setEnvFileValue(t, filepath.Join(dir, ".env.production"), "REDIS_URL", forwarded)
		setEnvFileValue(t, filepath.Join(dir, ".env.production"), "REDIS_PREFIX", redisPrefix(t))
	}
	port := freePort(t)
	t.Cleanup(func() {
		// Best effort: remove what the commands made, whatever happened.
		if t.Failed() {
			out, _ := exec.Command(docker, "logs", name).CombinedOutput()
			t.Logf("container logs:\n%s", tail(string(out), 4000))
		}
		_ = exec.Command(docker, "rm", "-f", name).Run()
		_ = exec.Command(docker, "volume", "rm", "-f", name+"-data").Run()
		imageStore.Lock()
		defer imageStore.Unlock()
		_ = exec.Command(docker, "rmi", "-f", name).Run()
	})

	commands := deployCommands(t, dir)
	for _, line := range commands {
		if strings.HasPrefix(line, "curl ") {
			continue // the contract check below does far more
		}
		line = strings.ReplaceAll(line, readmeName, name)
		line = strings.Replace(line, "-p 3000:3000", fmt.Sprintf("-p 127.0.0.1:%d:3000", port), 1)
		timeout := 2 * time.Minute
		if strings.HasPrefix(line, "docker build") {
			timeout = 10 * time.Minute
		}
		start := time.Now()
		func() {
			if strings.HasPrefix(line, "docker build") {
				imageStore.Lock()
				defer imageStore.Unlock() // also when runOrFail ends the test
			}
			runOrFail(t, dir, timeout, "sh", "-c", line)
		}()
		t.Logf("%s (%.0f s)", line, time.Since(start).Seconds())
	}

	size := runOrFail(t, dir, time.Minute, docker, "image", "inspect", "--format", "{{.Size}}", name)
	if bytes, err := strconv.ParseInt(strings.TrimSpace(size), 10, 64); err == nil {
		t.Logf("image size: %d MB", bytes/1_000_000)
	}

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitHealthy(t, base, 60*time.Second)
	dotenv := readDotEnv(t, filepath.Join(dir, ".env.production"))
	contract.Check(t, contract.Server{
		BaseURL:   base,
		Auth:      c["auth"] == "jwt",
		JWTSecret: dotenv["JWT_SECRET"],
		BodyLimit: 200 * 1024,
	})
	if added != nil {
		// The resource's migration ran in the image's release step too.
		t.Run("resource", func(t *testing.T) {
			contract.CheckResource(t, contract.Server{BaseURL: base, Auth: c["auth"] == "jwt"}, added)
		})
	}

	if uid := strings.TrimSpace(runOrFail(t, dir, time.Minute, docker, "exec", name, "id", "-u")); uid == "0" {
		t.Errorf("the server runs as root in the container")
	}
	healthcheck := imageHealthcheck(t, docker, name)
	if out, err := runOnce(t, dir, os.Environ(), 30*time.Second, docker, append([]string{"exec", name}, healthcheck...)...); err != nil {
		t.Errorf("the image's HEALTHCHECK fails on a healthy server: %v\n%s", err, out)
	}
	if c["db"] != "sqlite" {
		// The database goes out of reach: the HEALTHCHECK must fail (a hang
		// past Docker's --timeout counts as failing too).
		cutDatabase()
		if out, err := runOnce(t, dir, os.Environ(), 30*time.Second, docker, append([]string{"exec", name}, healthcheck...)...); err == nil {
			t.Errorf("the image's HEALTHCHECK passes with the database out of reach:\n%s", out)
		}
	}

	start := time.Now()
	// -t 10 is Docker's default grace period; podman 4.3 gives containers made
	// through its Docker API none (StopTimeout 0), so it must be said.
	runOrFail(t, dir, time.Minute, docker, "stop", "-t", "10", name)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("docker stop took %s, want under 10 s: SIGTERM does not end the server", took.Round(time.Millisecond))
	}
	var state struct{ ExitCode int }
	out := runOrFail(t, dir, time.Minute, docker, "inspect", "--format", "{{json .State}}", name)
	if err := json.Unmarshal([]byte(out), &state); err != nil {
		t.Fatalf("docker inspect: %v\n%s", err, out)
	}
	if state.ExitCode != 0 && state.ExitCode != 128+15 {
		t.Errorf("after docker stop the server exited with %d, want 0 (or SIGTERM re-raised)", state.ExitCode)
	}
}

// deployCommands reads the commands of the README's Deploy section: the
// first sh block under "## Deploy", one command per line (with `\` continuations).
func deployCommands(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Deploy\n")
	if !ok {
		t.Fatal("README.md has no Deploy section")
	}
	_, block, ok := strings.Cut(section, "```sh\n")
	if !ok {
		t.Fatal("README.md's Deploy section has no sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var commands []string
	var current string
	sc := bufio.NewScanner(strings.NewReader(block))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if cont, ok := strings.CutSuffix(line, "\\"); ok {
			current += cont
			continue
		}
		commands = append(commands, current+line)
		current = ""
	}
	if len(commands) < 3 {
		t.Fatalf("README.md's Deploy block has %d commands, want build, migrate and run:\n%s", len(commands), block)
	}
	return commands
}

func runOrFail(t *testing.T, dir string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	out, err := runOnce(t, dir, os.Environ(), timeout, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(out, 6000))
	}
	return out
}

// dockerClient makes sure the container engine answers (CI sets it up with
// the shared container-engine.sh before the tests run) and returns the client.
func dockerClient(t *testing.T) string {
	t.Helper()
	docker, err := exec.LookPath("docker")
	if err != nil {
		t.Fatal("docker is not on PATH: run ../shared/tools/container-engine.sh and eval its last line (.ci/run does)")
	}
	if os.Getenv("DOCKER_HOST") == "" {
		t.Fatal("DOCKER_HOST is not set: eval the last line of ../shared/tools/container-engine.sh (.ci/run does)")
	}
	// A busy engine (builds hold its locks) can take a while to answer. Its
	// API service also stops after 30 idle minutes: the engine script (which
	// scripts/test.sh names in JSFORGE_CONTAINER_ENGINE) starts it again.
	var out []byte
	restarted := false
	for start, deadline := time.Now(), time.Now().Add(2*time.Minute); ; {
		if out, err = exec.Command(docker, "version", "--format", "{{.Server.Version}}").CombinedOutput(); err == nil {
			return docker
		}
		if engine := os.Getenv("JSFORGE_CONTAINER_ENGINE"); engine != "" && !restarted && time.Since(start) > 10*time.Second {
			restarted = true
			restart := exec.Command("bash", engine)
			restart.Dir = "/"
			if rout, rerr := restart.CombinedOutput(); rerr != nil {
				t.Logf("restarting the container engine with %s: %v\n%s", engine, rerr, rout)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the container engine does not answer (%v): %s; run ../shared/tools/container-engine.sh again", err, out)
		}
		time.Sleep(2 * time.Second)
	}
}

func imageHealthcheck(t *testing.T, docker, name string) []string {
	t.Helper()
	out, err := exec.Command(docker, "inspect", "--format", "{{json .Config.Healthcheck.Test}}", name).CombinedOutput()
	if err != nil {
		t.Fatalf("docker inspect: %v\n%s", err, out)
	}
	var test []string
	if err := json.Unmarshal(out, &test); err != nil || len(test) < 2 || test[0] != "CMD" {
		t.Fatalf("the image has no exec-form HEALTHCHECK: %s", out)
	}
	return test[1:]
}

func waitHealthy(t *testing.T, base string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("the container does not answer GET /health with 200 on the published port %s after %s", base, limit)
}

var envLine = regexp.MustCompile(`(?m)^([A-Z_]+)=.*$`)

// setEnvFileValue replaces KEY=… in an env file, as a user editing it would.
func setEnvFileValue(t *testing.T, path, key, value string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	out := envLine.ReplaceAllStringFunc(string(data), func(line string) string {
		if envLine.FindStringSubmatch(line)[1] != key {
			return line
		}
		found = true
		return key + "=" + value
	})
	if !found {
		t.Fatalf("%s has no %s line", path, key)
	}
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
}
