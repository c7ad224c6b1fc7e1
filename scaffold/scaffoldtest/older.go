package scaffoldtest

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
	"github.com/jsforge/jsforge/templates"
)

// An older jsforge for tests of `jsforge update` on a real preset: the
// embedded presets and templates as they might have been a release ago.
// Against today's, its Express projects differ in
//   - a dependency version: helmet 8.1.0 (today's is newer);
//   - a route: src/routes/health.js answered 503 without logging why;
//   - a file today's templates no longer have: src/middleware/no-cache.js.
const (
	OlderVersion       = "v0.0.9"
	OlderHelmet        = "8.1.0"
	OlderRemovedFile   = "src/middleware/no-cache.js"
	olderHealthRoute   = "express/src/routes/health.js.tmpl"
	olderRemovedSource = "express/" + OlderRemovedFile
)

// OlderHealthRoute is src/routes/health.js as the older jsforge rendered it.
const OlderHealthRoute = `import { Router } from 'express';
import { checkDatabase } from '../db/health.js';

/** GET /health: 200 while the database answers, 503 when it does not (within 2 s). */
export function createHealthRouter({ database }) {
  const router = Router();

  router.get('/', async (req, res) => {
    try {
      await checkDatabase(database);
    } catch {
      return res.status(503).json({ status: 'unavailable' });
    }
    res.json({ status: 'ok' });
  });

  return router;
}
`

const olderNoCache = `/** Sets Cache-Control: no-store on every response. */
export function noCache() {
  return (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
`

// OlderEngine returns an engine over the embedded presets and templates
// changed as described above, reporting version OlderVersion.
func OlderEngine(t testing.TB) *scaffold.Engine {
	t.Helper()
	reg, err := presets.Open()
	if err != nil {
		t.Fatal(err)
	}
	reg.Versions["helmet"] = OlderHelmet // Open reads versions.yaml into a map of this registry's own
	older := fstest.MapFS{}
	err = fs.WalkDir(templates.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, path)
		if err != nil {
			return err
		}
		older[path] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := older[olderHealthRoute]; !ok {
		t.Fatalf("templates have no %s any more: update the older fixture", olderHealthRoute)
	}
	older[olderHealthRoute] = &fstest.MapFile{Data: []byte(OlderHealthRoute), Mode: 0o644}
	older[olderRemovedSource] = &fstest.MapFile{Data: []byte(olderNoCache), Mode: 0o644}
	return &scaffold.Engine{Registry: reg, Templates: older, Version: OlderVersion}
}

// What a user does to a generated Express project (with auth jwt) in
// EditAsUser, for the tests to check after an update.
const (
	// UserOxlint is the oxlint version the user moves to: a published
	// release (the e2e ladder installs it) that neither jsforge release pins.
	UserOxlint = "1.94.0"
	// UserRunbook is the file the user adds.
	UserRunbook = "docs/runbook.txt"
	// UserDeleted is the generated file the user deletes.
	UserDeleted = ".github/dependabot.yml"
)

// UserRunbookText is what the user writes into UserRunbook.
const UserRunbookText = "Runbook\n\nRestart: `docker compose restart app`.\n"

// UserCountRoute is the route the user adds to src/routes/todos.js, before
// the POST route.
const UserCountRoute = `  // How many todos the caller has (added by hand).
  router.get('/count', async (req, res) => {
    res.json({ count: (await todos.list(req.user.id)).length });
  });

`

// EditAsUser changes a generated Express project (auth jwt) as its user
// would, and commits the changes: a new route in src/routes/todos.js, the
// oxlint devDependency bumped in package.json, UserDeleted deleted and
// UserRunbook added. env is the environment git runs with (nil: the process's).
func EditAsUser(t testing.TB, dir string, env []string) {
	t.Helper()
	edit := func(path, old, new string) {
		t.Helper()
		file := filepath.Join(dir, filepath.FromSlash(path))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s does not hold %q", path, old)
		}
		if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("src/routes/todos.js", "  router.post('/', validateBody(newTodo)", UserCountRoute+"  router.post('/', validateBody(newTodo)")
	pkg := filepath.Join(dir, "package.json")
	data, err := os.ReadFile(pkg)
	if err != nil {
		t.Fatal(err)
	}
	bumped := BumpOxlint(string(data))
	if bumped == string(data) {
		t.Fatalf("package.json has no oxlint devDependency to bump:\n%s", data)
	}
	if err := os.WriteFile(pkg, []byte(bumped), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(UserDeleted))); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(filepath.FromSlash(UserRunbook))), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(UserRunbook)), []byte(UserRunbookText), 0o644); err != nil {
		t.Fatal(err)
	}
	Git(t, dir, env, "add", "-A")
	Git(t, dir, env, "commit", "-q", "-m", "Count route, oxlint "+UserOxlint+", a runbook; no dependabot")
}

var oxlintLine = regexp.MustCompile(`"oxlint": "[^"]*"`)

// BumpOxlint is the user's edit of package.json: oxlint at UserOxlint.
func BumpOxlint(packageJSON string) string {
	return oxlintLine.ReplaceAllString(packageJSON, `"oxlint": "`+UserOxlint+`"`)
}

// Git runs git in dir with a fixed identity and no user or system
// configuration, and returns its output.
func Git(t testing.TB, dir string, env []string, args ...string) string {
	t.Helper()
	c := exec.Command("git", args...)
	c.Dir = dir
	if env == nil {
		env = os.Environ()
	}
	c.Env = append(append([]string{}, env...), GitEnv()...)
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// GitEnv is the environment that makes git's behaviour independent of the
// machine: a fixed identity, no system or global configuration.
func GitEnv() []string {
	return []string{
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
	}
}
