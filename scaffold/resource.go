package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/jsforge/jsforge/internal/resource"
)

// AddRequest asks for a resource to be added to the project around Dir.
type AddRequest struct {
	Dir      string // where the command runs: the project's folder or one below it
	Resource *resource.Resource
	DryRun   bool
	// Force runs even when tracked files have uncommitted changes.
	Force bool
	// Output receives the output of the commands the preset runs (a migration generator).
	Output io.Writer
	// Env is the environment of those commands; nil means jsforge's own.
	Env []string
	// Now names the migrations; zero means the time of the call.
	Now time.Time
}

// AddResult reports what AddResource did, or what a dry run would do.
type AddResult struct {
	Project  string   `json:"project"`  // the project's folder
	Resource string   `json:"resource"` // table name, e.g. blog_posts
	Path     string   `json:"path"`     // e.g. /api/blog-posts
	Created  []string `json:"created"`  // new files, relative to the project
	Changed  []string `json:"changed"`  // files edited
	Commands []string `json:"commands"` // commands run (or to run) once the files are written
	DryRun   bool     `json:"dryRun,omitempty"`
	// NextSteps are shell commands to run next, from the project's folder.
	NextSteps []string `json:"nextSteps"`
}

// ResourceData is what a layer's _resource templates see: everything `new`
// templates see, plus the resource and the time of the run.
type ResourceData struct {
	Data
	Resource resource.Resource
	Now      time.Time // the time of the run, in UTC
	// Timestamp is Now as migration tools prefix file names: 20261201093000.
	Timestamp string
}

// AddResource renders the project's resource templates and edits its files,
// or, on a dry run, reports what it would do. Every check runs before a byte
// is written: a file that exists already, an edit whose anchor is gone, a
// command's missing tool. A failing command puts the project back as it was.
func (e *Engine) AddResource(ctx context.Context, req AddRequest) (*AddResult, error) {
	proj, err := FindProject(req.Dir)
	if err != nil {
		return nil, err
	}
	res, err := e.Resolve(proj)
	if err != nil {
		return nil, err
	}
	for _, name := range res.Preset.ReservedNames {
		r := req.Resource
		if strings.EqualFold(name, r.Pascal) || strings.EqualFold(name, r.PascalPlural) {
			return nil, usageError("resource name %s is taken in a %s project: its files use %s from the framework; choose another name", r.KebabPlural, res.Preset.Title, name)
		}
	}
	if !req.DryRun && !req.Force {
		if err := checkClean(proj.Dir); err != nil {
			return nil, err
		}
	}

	var layers, partialLayers []string
	for _, layer := range res.Layers {
		partialLayers = append(partialLayers, layer)
		if info, err := fs.Stat(e.Templates, layer+"/"+resourceDir); err == nil && info.IsDir() {
			layers = append(layers, layer+"/"+resourceDir)
		}
	}
	if len(layers) == 0 {
		return nil, usageError("preset %s cannot add resources yet; add the %s by hand, following the todos", res.Preset.Name, req.Resource.WordsPlural)
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	plan := &Plan{Dir: proj.Dir, Name: proj.Name, Resolution: res}
	data := ResourceData{Data: e.data(plan), Resource: *req.Resource, Now: now.UTC(), Timestamp: now.UTC().Format("20060102150405")}
	files, editFiles, err := renderLayers(e.Templates, layers, partialLayers, data)
	if err != nil {
		return nil, err
	}
	var edits []Edit
	for _, f := range editFiles {
		es, err := parseEdits(f)
		if err != nil {
			return nil, err
		}
		edits = append(edits, es...)
	}

	out := &AddResult{Project: proj.Dir, Resource: req.Resource.Table, Path: "/api/" + req.Resource.KebabPlural, DryRun: req.DryRun}
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(proj.Dir, filepath.FromSlash(f.Path))); err == nil {
			return nil, usageError("the %s resource exists already: %s is there; choose another name, or delete its files first", req.Resource.WordsPlural, f.Path)
		}
		out.Created = append(out.Created, f.Path)
	}

	changed, commands, err := planEdits(proj.Dir, edits, files)
	if err != nil {
		return nil, err
	}
	for p := range changed {
		out.Changed = append(out.Changed, p)
	}
	sort.Strings(out.Changed)
	for _, c := range commands {
		out.Commands = append(out.Commands, c.Run)
	}
	out.NextSteps = e.resourceNextSteps(res.Preset.Project.Build, packageManager(res).Vars["run"], out)
	if req.DryRun {
		return out, nil
	}

	done, err := writeResource(proj.Dir, files, changed)
	if err != nil {
		return nil, err
	}
	for _, c := range commands {
		if err := runStep(ctx, proj.Dir, c.Run, req.Env, req.Output); err != nil {
			if rerr := done.undo(); rerr != nil {
				return nil, fmt.Errorf("%w; putting the files back also failed: %v (git status shows what is left)", err, rerr)
			}
			return nil, fmt.Errorf("%w\nNothing was added: every file is as it was", err)
		}
	}
	return out, nil
}

func (e *Engine) resourceNextSteps(build bool, run string, out *AddResult) []string {
	steps := []string{"git diff", run + " lint"}
	if build {
		steps = append(steps, run+" build")
	}
	return append(steps, run+" test", run+" db:migrate", "git add -A && git commit -m "+shellQuote("Add the "+strings.ReplaceAll(strings.TrimPrefix(out.Path, "/api/"), "-", " ")+" resource"))
}

// planEdits applies every edit in memory and checks every command's needs.
// It returns the new content of each changed file.
func planEdits(dir string, edits []Edit, created []File) (map[string][]byte, []Edit, error) {
	changed := map[string][]byte{}
	var commands []Edit
	var problems []string
	var byHand []string
	for _, ed := range edits {
		if ed.Run != "" {
			if ed.Needs != "" {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(ed.Needs))); err != nil {
					problems = append(problems, fmt.Sprintf("%s is missing: install the project's dependencies first, as its README says (it runs %s)", ed.Needs, ed.Run))
					continue
				}
			}
			commands = append(commands, ed)
			continue
		}
		if err := checkRelative(ed.File); err != nil {
			return nil, nil, fmt.Errorf("templates/%s/%s: %w", ed.layer, editsFile, err)
		}
		content, ok := changed[ed.File]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ed.File)))
			if errors.Is(err, fs.ErrNotExist) {
				problems = append(problems, fmt.Sprintf("%s is gone; it is where this project wires things", ed.File))
				byHand = append(byHand, ed.hint())
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			content = data
		}
		next, err := ed.apply(string(content))
		var shape *shapeError
		if errors.As(err, &shape) {
			problems = append(problems, shape.Error())
			byHand = append(byHand, ed.hint())
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		changed[ed.File] = []byte(next)
	}
	for _, f := range created {
		if _, edited := changed[f.Path]; edited {
			return nil, nil, fmt.Errorf("an edit changes %s, which the resource's templates create; edit the template instead", f.Path)
		}
	}
	if len(problems) > 0 {
		msg := "nothing was changed:\n  " + strings.Join(problems, "\n  ")
		if len(byHand) > 0 {
			msg += "\nRestore the file from git, or add the resource's wiring by hand:\n" + strings.Join(byHand, "\n")
		}
		return nil, nil, usageError("%s", msg)
	}
	return changed, commands, nil
}

// hint says in words what an edit would have done.
func (ed Edit) hint() string {
	var what string
	switch {
	case ed.After != "":
		what = fmt.Sprintf("after the last line matching /%s/:\n%s", ed.After, indent(ed.Insert))
	case ed.Before != "":
		what = fmt.Sprintf("before the first line matching /%s/:\n%s", ed.Before, indent(ed.Insert))
	case ed.Append != "":
		what = "at the end:\n" + indent(ed.Append)
	case ed.Import != nil:
		what = fmt.Sprintf("the imports %s from '%s'", strings.Join(ed.Import.Names, ", "), ed.Import.From)
	}
	return fmt.Sprintf("  in %s, %s", ed.File, what)
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "      " + l
	}
	return strings.Join(lines, "\n")
}

// checkClean refuses a project whose tracked files have uncommitted changes,
// so that `git diff` shows exactly what adding the resource did. Untracked
// files (a lockfile not committed yet) do not count. A project outside git,
// or without the git program, has nothing to compare with and passes: the
// edits never touch a file they cannot put back.
func checkClean(dir string) error {
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	g := gitCmd{dir: dir}
	if g.revParse("HEAD^{commit}") == "" {
		return nil
	}
	out, err := g.run(nil, "status", "--porcelain=v1", "-z", "--untracked-files=no")
	if err != nil {
		return err
	}
	var dirty []string
	for _, rec := range nulList(out) {
		if len(rec) > 3 {
			dirty = append(dirty, rec[3:])
		}
	}
	if len(dirty) == 0 {
		return nil
	}
	sort.Strings(dirty)
	if len(dirty) > 5 {
		dirty = append(dirty[:5:5], fmt.Sprintf("and %d more", len(dirty)-5))
	}
	return usageError("the project has uncommitted changes (%s); commit or stash them first, so that git diff shows what adding the resource changes, or run again with --force", strings.Join(dirty, ", "))
}

// written remembers what writeResource did, to undo it.
type written struct {
	dir      string
	created  []string          // files
	dirs     []string          // folders made for them, deepest last
	original map[string][]byte // edited files' previous content
	// before holds every file the project had and its content, for what a
	// command (a migration generator) adds or changes.
	before map[string][]byte
}

func writeResource(dir string, files []File, changed map[string][]byte) (*written, error) {
	w := &written{dir: dir, original: map[string][]byte{}, before: listFiles(dir)}
	fail := func(err error) (*written, error) {
		if rerr := w.undo(); rerr != nil {
			return nil, fmt.Errorf("%w; putting the files back also failed: %v", err, rerr)
		}
		return nil, err
	}
	for p, content := range changed {
		full := filepath.Join(dir, filepath.FromSlash(p))
		info, err := os.Stat(full)
		if err != nil {
			return fail(err)
		}
		old, err := os.ReadFile(full)
		if err != nil {
			return fail(err)
		}
		w.original[p] = old
		if err := os.WriteFile(full, content, info.Mode().Perm()); err != nil {
			return fail(err)
		}
	}
	for _, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		made, err := mkdirAll(filepath.Dir(full))
		w.dirs = append(w.dirs, made...)
		if err != nil {
			return fail(err)
		}
		if _, err := writeNewFile(full, f.Data, 0o644); err != nil {
			return fail(err)
		}
		w.created = append(w.created, full)
	}
	return w, nil
}

// undo puts back the edited files and removes the created ones, and any
// file a command wrote or changed since.
func (w *written) undo() error {
	var errs []error
	restore := func(p string, old []byte) {
		full := filepath.Join(w.dir, filepath.FromSlash(p))
		mode := os.FileMode(0o644)
		if info, err := os.Stat(full); err == nil {
			mode = info.Mode().Perm()
		}
		if err := os.WriteFile(full, old, mode); err != nil {
			errs = append(errs, err)
		}
	}
	for p, old := range w.original {
		restore(p, old)
	}
	for p, now := range listFiles(w.dir) {
		old, had := w.before[p]
		switch {
		case !had:
			if err := os.Remove(filepath.Join(w.dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		case !bytes.Equal(old, now):
			restore(p, old)
		}
	}
	for i := len(w.dirs) - 1; i >= 0; i-- {
		_ = os.Remove(w.dirs[i]) // only if empty
	}
	return errors.Join(errs...)
}

// listFiles reads the project's files, skipping what tools write in bulk
// (dependencies, git, build output): a few hundred kilobytes for a project
// jsforge made.
func listFiles(dir string) map[string][]byte {
	out := map[string][]byte{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", ".git", "dist", "build", ".adonisjs":
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	return out
}

func runStep(ctx context.Context, dir, command string, env []string, out io.Writer) error {
	if out == nil {
		out = io.Discard
	}
	shell, flag := "sh", "-c"
	if runtime.GOOS == "windows" {
		shell, flag = "cmd", "/c"
	}
	cmd := exec.CommandContext(ctx, shell, flag, command)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = out
	cmd.Stderr = out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s failed in %s: %w", command, dir, err)
	}
	return nil
}
