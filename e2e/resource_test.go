//go:build e2e

package e2e

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/jsforge/jsforge/internal/resource"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// e2eResource has a field of every type, optional and unique ones, and a
// two-word name, so every naming convention is exercised.
const e2eResourceName, e2eResourceFields = "blog-posts",
	"title:string,body:text?,published:boolean,views:integer,rating:number?,dueOn:date?,publishedAt:datetime?,slug:string!unique,ref:uuid?!unique"

// addResource runs `jsforge add resource` on the installed project, as its
// README says, and commits the change (not the lockfile, which the ladder
// commits itself), so the rest of the ladder (lint, build, the project's own
// tests, its migration check and the contract) covers the new resource too.
// It returns nil for a preset that has no resource templates yet.
func addResource(t *testing.T, engine *scaffold.Engine, p *presets.Preset, dir string, env []string, pm string) *resource.Resource {
	t.Helper()
	if !hasResourceTemplates(engine, p) {
		t.Logf("preset %s has no _resource templates: no resource added", p.Name)
		return nil
	}
	r, err := resource.Parse(e2eResourceName, e2eResourceFields)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var out strings.Builder
	res, err := engine.AddResource(context.Background(), scaffold.AddRequest{Dir: dir, Resource: r, Output: &out, Env: env})
	if err != nil {
		t.Fatalf("jsforge add resource %s: %v\n%s", e2eResourceName, err, tail(out.String(), 4000))
	}
	t.Logf("add resource %s: %d files created, %d changed, %v run (%.1f s)", e2eResourceName, len(res.Created), len(res.Changed), res.Commands, time.Since(start).Seconds())
	lockfile := map[string]string{"npm": "package-lock.json", "pnpm": "pnpm-lock.yaml", "yarn": "yarn.lock"}[pm]
	gitEnv := withEnv(env, map[string]string{
		"GIT_AUTHOR_NAME": "e2e", "GIT_AUTHOR_EMAIL": "e2e@localhost",
		"GIT_COMMITTER_NAME": "e2e", "GIT_COMMITTER_EMAIL": "e2e@localhost",
	})
	run(t, dir, gitEnv, time.Minute, "git", "add", "-A", "--", ".", ":(exclude)"+lockfile)
	run(t, dir, gitEnv, time.Minute, "git", "commit", "-q", "-m", "Add the blog posts resource")
	return r
}

func hasResourceTemplates(engine *scaffold.Engine, p *presets.Preset) bool {
	for _, l := range p.Layers {
		if info, err := fs.Stat(engine.Templates, l.Name+"/_resource"); err == nil && info.IsDir() {
			return true
		}
	}
	return false
}
