package cmd

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// realFactory is testFactory over the real presets, which have resource templates.
func realFactory(t *testing.T, io *testIO) *Factory {
	t.Helper()
	f := testFactory(t, io, false, nil)
	engine, err := scaffold.New("test")
	if err != nil {
		t.Fatal(err)
	}
	f.Engine = func() (*scaffold.Engine, error) { return engine, nil }
	return f
}

func TestAddResourceOutsideAProjectIsAUsageError(t *testing.T) {
	var io testIO
	t.Chdir(t.TempDir())
	err := run(realFactory(t, &io), "add", "resource", "posts", "--fields", "title:string")
	if !usererr.Is(err) || !strings.Contains(err.Error(), "not inside a project made by jsforge") {
		t.Errorf("err = %v", err)
	}
}

func TestAddResourceChecksItsInput(t *testing.T) {
	var io testIO
	f := realFactory(t, &io)
	dir := filepath.Join(t.TempDir(), "app")
	engine, _ := f.Engine()
	if _, err := engine.Generate(context.Background(), scaffold.Request{Dir: dir, Preset: "koa", Options: map[string]string{"orm": "knex"}, Git: true}); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add"}, "name what to add"},
		{[]string{"add", "resource"}, "accepts 1 arg"},
		{[]string{"add", "resource", "posts"}, "missing --fields"},
		{[]string{"add", "resource", "users", "--fields", "name:string"}, "is taken"},
		{[]string{"add", "resource", "todos", "--fields", "name:string"}, "is taken"},
		{[]string{"add", "resource", "posts", "--fields", "title:strng"}, `did you mean "string"`},
		{[]string{"add", "resource", "posts", "--fields", "id:integer"}, "reserved"},
	} {
		err := run(f, tc.args...)
		if !usererr.Is(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("jsforge %s: err = %v, want a usage error containing %q", strings.Join(tc.args, " "), err, tc.want)
		}
	}

	io.out.Reset()
	if err := run(f, "add", "resource", "blog-posts", "--fields", "title:string,due:date?", "--dry-run", "--json"); err != nil {
		t.Fatal(err)
	}
	var res scaffold.AddResult
	if err := json.Unmarshal(io.out.Bytes(), &res); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, io.out.String())
	}
	if !res.DryRun || res.Path != "/api/blog-posts" || res.Resource != "blog_posts" || len(res.Created) != 4 || strings.Join(res.Changed, ",") != "src/app.js" {
		t.Errorf("dry run result %+v", res)
	}

	io.out.Reset()
	if err := run(f, "add", "resource", "blog-posts", "--fields", "title:string,due:date?"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Added the blog posts resource (/api/blog-posts)", "create  src/routes/blog-posts.js", "edit    src/app.js", "git add -A && git commit -m 'Add the blog posts resource'"} {
		if !strings.Contains(io.out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, io.out.String())
		}
	}
	err := run(f, "add", "resource", "comments", "--fields", "body:text")
	if !usererr.Is(err) || !strings.Contains(err.Error(), "uncommitted changes") {
		t.Errorf("a second resource on a dirty tree: %v", err)
	}
}
