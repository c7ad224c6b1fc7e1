package scaffold_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jsforge/jsforge/internal/resource"
	"github.com/jsforge/jsforge/internal/usererr"
	. "github.com/jsforge/jsforge/scaffold"
)

// resourceTemplates is the fixture preset "tiny" with a _resource folder:
// a created file, edits to the server, and a command.
func resourceTemplates(run string) fstest.MapFS {
	files := fstest.MapFS{}
	for k, v := range fixtureTemplates {
		files[k] = v
	}
	files["tiny/src/app.js"] = &fstest.MapFile{Data: []byte("import { todos } from './todos.js';\n\nexport const routes = [\n  todos,\n];\n")}
	files["tiny/_resource/src/{{.Resource.KebabPlural}}.js.tmpl"] = &fstest.MapFile{Data: []byte(
		"// {{ template \"greeting\" . }}: {{ .Resource.TitlePlural }} at {{ .Timestamp }}{{ range .Resource.Fields }}, {{ .Name }} {{ .Type }}{{ end }}\nexport const {{ .Resource.CamelPlural }} = '/api/{{ .Resource.KebabPlural }}';\n")}
	edits := "- file: src/app.js\n  after: \"^import \"\n  insert: |\n    import { {{ .Resource.CamelPlural }} } from './{{ .Resource.KebabPlural }}.js';\n" +
		"- file: src/app.js\n  before: \"^\\\\];\"\n  insert: |2\n      {{ .Resource.CamelPlural }},\n"
	if run != "" {
		edits += "- run: " + run + "\n  needs: package.json\n"
	}
	files["tiny/_resource/_edits.yaml.tmpl"] = &fstest.MapFile{Data: []byte(edits)}
	return files
}

func newResourceProject(t *testing.T, e *Engine) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "app")
	if _, err := e.Generate(context.Background(), Request{Dir: dir, Preset: "tiny", Git: true}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func blogPosts(t *testing.T) *resource.Resource {
	t.Helper()
	r, err := resource.Parse("blog-posts", "title:string,due:date?")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestNewSkipsResourceTemplates(t *testing.T) {
	files := fileMap(renderFixture(t, fixtureEngine(t, resourceTemplates("")), "/tmp/x", nil))
	for p := range files {
		if strings.Contains(p, "Resource") || strings.Contains(p, "_resource") || strings.Contains(p, "_edits") {
			t.Errorf("new rendered %s from a _resource folder", p)
		}
	}
}

func TestAddResourceWritesAndEdits(t *testing.T) {
	e := fixtureEngine(t, resourceTemplates(""))
	dir := newResourceProject(t, e)
	sub := filepath.Join(dir, "src")
	now := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

	dry, err := e.AddResource(context.Background(), AddRequest{Dir: sub, Resource: blogPosts(t), DryRun: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(dry.Created, " ") != "src/blog-posts.js" || strings.Join(dry.Changed, " ") != "src/app.js" || dry.Path != "/api/blog-posts" || !dry.DryRun {
		t.Errorf("dry run = %+v", dry)
	}
	if _, err := os.Stat(filepath.Join(dir, "src/blog-posts.js")); err == nil {
		t.Fatal("the dry run wrote a file")
	}

	if _, err := e.AddResource(context.Background(), AddRequest{Dir: sub, Resource: blogPosts(t), Now: now}); err != nil {
		t.Fatal(err)
	}
	created, _ := os.ReadFile(filepath.Join(dir, "src/blog-posts.js"))
	if want := "// hello app: Blog posts at 20261201093000, title string, due date\nexport const blogPosts = '/api/blog-posts';\n"; string(created) != want {
		t.Errorf("created file:\n%s\nwant:\n%s", created, want)
	}
	app, _ := os.ReadFile(filepath.Join(dir, "src/app.js"))
	if want := "import { todos } from './todos.js';\nimport { blogPosts } from './blog-posts.js';\n\nexport const routes = [\n  todos,\n  blogPosts,\n];\n"; string(app) != want {
		t.Errorf("edited app.js:\n%s\nwant:\n%s", app, want)
	}

	// Now the tree has changes, and the resource exists.
	_, err = e.AddResource(context.Background(), AddRequest{Dir: dir, Resource: blogPosts(t), Now: now})
	if !usererr.Is(err) || !strings.Contains(err.Error(), "uncommitted changes (src/app.js)") {
		t.Errorf("a dirty tree: %v", err)
	}
	_, err = e.AddResource(context.Background(), AddRequest{Dir: dir, Resource: blogPosts(t), Force: true, Now: now})
	if !usererr.Is(err) || !strings.Contains(err.Error(), "exists already: src/blog-posts.js") {
		t.Errorf("an existing resource: %v", err)
	}
}

func TestAddResourceRefusesAFileOfAnotherShape(t *testing.T) {
	e := fixtureEngine(t, resourceTemplates(""))
	dir := newResourceProject(t, e)
	app := filepath.Join(dir, "src/app.js")
	if err := os.WriteFile(app, []byte("export const routes = [todos];\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := e.AddResource(context.Background(), AddRequest{Dir: dir, Resource: blogPosts(t), Force: true})
	if !usererr.Is(err) {
		t.Fatalf("err = %v, want a usage error", err)
	}
	for _, want := range []string{"nothing was changed", "src/app.js no longer has a line matching /^import /", "import { blogPosts } from './blog-posts.js';"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "src/blog-posts.js")); err == nil {
		t.Error("a refused resource still wrote its file")
	}
}

func TestAddResourcePutsEverythingBackWhenACommandFails(t *testing.T) {
	e := fixtureEngine(t, resourceTemplates("echo generated > src/migration.sql && exit 3"))
	dir := newResourceProject(t, e)
	before, _ := os.ReadFile(filepath.Join(dir, "src/app.js"))
	_, err := e.AddResource(context.Background(), AddRequest{Dir: dir, Resource: blogPosts(t)})
	if err == nil || !strings.Contains(err.Error(), "every file is as it was") {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "src/app.js"))
	if string(after) != string(before) {
		t.Errorf("app.js not restored:\n%s", after)
	}
	for _, p := range []string{"src/blog-posts.js", "src/migration.sql"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}

func TestAddResourceOutsideAProject(t *testing.T) {
	_, err := fixtureEngine(t, resourceTemplates("")).AddResource(context.Background(), AddRequest{Dir: t.TempDir(), Resource: blogPosts(t)})
	if !usererr.Is(err) || !strings.Contains(err.Error(), "not inside a project made by jsforge") {
		t.Errorf("err = %v", err)
	}
}
