package scaffold

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/jsforge/jsforge/presets"
)

// jsforge update brings a newer jsforge's templates into a project that has
// moved on, with git's own three-way merge:
//
//	jsforge/template:  R1 (initial render) ── R2 (this jsforge's render)
//	                    │                      │
//	main:              R1 ── user commits ──── merge
//
// R1 is the merge base, so template changes land on files the user never
// touched and on edited ones alike, and overlapping edits become ordinary
// conflict markers.
//
// Why the git program and not a Go merge library: go-git has no merge, and
// the Go libraries that merge text (diff3 ports) merge one file at a time.
// A whole-tree merge also needs rename and delete/modify handling, the
// index's conflict stages (so `git status`, `git mergetool`, every editor and
// `git merge --abort` understand the result), binary files, attributes and
// the user's own merge configuration (conflictstyle, drivers). git is what
// the user resolves conflicts with anyway, a project made with a repository
// has it, and a missing git is a clear error before anything is touched.

// UpdateRequest is what `jsforge update` is asked.
type UpdateRequest struct {
	Dir     string            // the project, or any folder inside it
	Set     map[string]string // answers to change, e.g. db=postgres
	DryRun  bool              // report what would change; touch nothing
	Install bool              // install dependencies when package.json changed
	// Force renders with this jsforge even when the project was last made
	// by a newer one.
	Force bool

	InstallOutput io.Writer
	Progress      func(Step)
}

// FileChange is a file the new render changes, and what the merge does with it.
type FileChange struct {
	Path string `json:"path"`
	// Template is what the new render does to the file: added, modified, deleted.
	Template string `json:"template"`
	// Merge is how it reaches the user's branch: "applied" (the user never
	// changed the file), "merged" (both changed it, merged cleanly), "same"
	// (the user's version already equals the new render), "conflict".
	Merge string `json:"merge"`
}

// UpdateResult reports what Update did, or what it would do with DryRun.
type UpdateResult struct {
	Path    string            `json:"path"`
	Preset  string            `json:"preset"`
	Options map[string]string `json:"options"`
	Changed map[string]string `json:"changedOptions,omitempty"` // option -> "old -> new"
	From    string            `json:"from"`                     // jsforge version recorded in .jsforge.yaml
	To      string            `json:"to"`                       // this jsforge's version
	Branch  string            `json:"branch"`                   // the branch merged into ("" when HEAD is detached)
	Base    string            `json:"base"`                     // the template commit merged last
	// Created is true when the template branch did not exist and was (or
	// would be) started at the repository's first commit.
	Created bool `json:"createdTemplateBranch,omitempty"`
	// Template is the commit of the new render on the template branch; ""
	// when the render has not changed since Base.
	Template string `json:"templateCommit,omitempty"`
	// Reused is true when Template was already the branch's tip: the render
	// of an earlier update whose merge was undone.
	Reused bool `json:"reused,omitempty"`
	// UpToDate is true when there was nothing to merge.
	UpToDate bool `json:"upToDate"`
	// Merge is the merge commit; "" with conflicts or in a dry run.
	Merge     string       `json:"mergeCommit,omitempty"`
	Files     []FileChange `json:"files"`
	Conflicts []string     `json:"conflicts"`
	// EnvChanged lists the local environment files (.env, .env.production)
	// whose committed example the update changes: jsforge never writes them
	// after `jsforge new`, so the user brings the new settings in.
	EnvChanged []string `json:"envChanged,omitempty"`
	// PackageChanged is true when package.json changed: dependencies need installing.
	PackageChanged bool   `json:"packageChanged"`
	Install        string `json:"install"`
	Installed      bool   `json:"installed"`
	// Refusal is, in a dry run, why the update itself would refuse to run.
	Refusal string `json:"refusal,omitempty"`
	// Lockfile is the commit that recorded the lockfile the install rewrote.
	Lockfile  string   `json:"lockfileCommit,omitempty"`
	DryRun    bool     `json:"dryRun,omitempty"`
	NextSteps []string `json:"nextSteps"`
}

// ConflictError is returned by Update when the merge stopped on conflicts:
// the conflicted files hold standard markers and the Result says what to do.
type ConflictError struct{ Files []string }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("the update conflicts with your changes in %d %s: %s; resolve them and commit, or undo the merge with git merge --abort", len(e.Files), plural(len(e.Files), "file", "files"), strings.Join(e.Files, ", "))
}

// updateState is what Update and Status learn of a project before acting.
type updateState struct {
	project  *Project
	res      *presets.Resolution
	git      gitCmd
	base     string // the render the current branch merged last
	tip      string // the template branch's tip; "" when there is no branch yet
	legacy   bool   // no template branch yet: base is the first commit
	baseTree map[string]string
	render   []File            // the new render as the template branch would hold it
	carried  map[string]string // files kept from base (the lockfile): path -> blob
}

// Update renders the project with this jsforge, commits the render on the
// template branch and merges it into the current branch.
//
// On conflicts it returns the Result and a *ConflictError; the repository is
// mid-merge, exactly as after a conflicting `git merge`.
func (e *Engine) Update(ctx context.Context, req UpdateRequest) (*UpdateResult, error) {
	project, err := FindProject(req.Dir)
	if err != nil {
		return nil, err
	}
	g, err := openRepo(project.Dir, "jsforge update")
	if err != nil {
		return nil, err
	}
	if g.revParse("MERGE_HEAD") != "" {
		return nil, usageError("a merge is in progress in %s; finish it (resolve the conflicts, git add them, git commit) or undo it (git merge --abort), then run jsforge update again", project.Dir)
	}
	branch := ""
	if out, err := g.run(nil, "symbolic-ref", "-q", "--short", "HEAD"); err == nil {
		branch = strings.TrimSpace(out)
	}
	if branch == TemplateBranch {
		return nil, usageError("the current branch is %s, which holds jsforge's renders; switch to your own branch (git switch main) and run jsforge update there", TemplateBranch)
	}
	// A dry run goes on past a refusal and reports it.
	var refusal error
	if err := checkTreeClean(g); err != nil {
		if !req.DryRun {
			return nil, err
		}
		refusal = err
	}
	if err := e.checkNotNewer(project, req.Force); err != nil {
		return nil, err
	}

	answers := map[string]string{}
	origin := map[string]string{"preset": filepath.Join(project.Dir, ManifestFile)}
	for k, v := range project.Options {
		answers[k] = v
		origin[k] = filepath.Join(project.Dir, ManifestFile)
	}
	changed := map[string]string{}
	for k, v := range req.Set {
		if old, ok := answers[k]; !ok || old != v {
			changed[k] = old + " -> " + v
		}
		answers[k] = v
		origin[k] = "--set " + k + "=" + v
	}
	res, err := e.Registry.Resolve(project.Preset, answers, origin)
	if err != nil {
		return nil, err
	}
	for k := range changed {
		if old := project.Options[k]; old == "" {
			// An option the project did not record took its default then.
			changed[k] = "(default) -> " + res.Values[k]
		}
	}

	st, err := e.prepare(g, project, res)
	if err != nil {
		return nil, err
	}
	pm := packageManager(res)
	out := &UpdateResult{
		Path: project.Dir, Preset: project.Preset, Options: res.Values, From: project.Jsforge, To: e.Version,
		Branch: branch, Base: st.base, Created: st.legacy, DryRun: req.DryRun, Install: pm.Vars["install"],
		Files: []FileChange{}, Conflicts: []string{},
	}
	if len(changed) > 0 {
		out.Changed = changed
	}

	// Files the template adds or changes must not replace untracked or
	// ignored files of the user's where HEAD has none (git would stop half
	// way, or for an ignored file overwrite it).
	head, err := g.treeBlobs("HEAD")
	if err != nil {
		return nil, err
	}
	var inTheWay []string
	for _, f := range st.render {
		if b, inBase := st.baseTree[f.Path]; inBase && b == plumbing.ComputeHash(plumbing.BlobObject, f.Data).String() {
			continue // the template does not change it: the merge leaves the path alone
		}
		if _, tracked := head[f.Path]; tracked {
			continue
		}
		if _, err := os.Lstat(filepath.Join(project.Dir, filepath.FromSlash(f.Path))); err == nil {
			inTheWay = append(inTheWay, f.Path)
		}
	}
	if len(inTheWay) > 0 && refusal == nil {
		refusal = usageError("this jsforge writes %s, which %s in %s but not committed; move %s away (or commit %s) and run jsforge update again", strings.Join(inTheWay, ", "), plural(len(inTheWay), "exists", "exist"), project.Dir, plural(len(inTheWay), "it", "them"), plural(len(inTheWay), "it", "them"))
		if !req.DryRun {
			return nil, refusal
		}
	}
	if refusal != nil {
		out.Refusal = refusal.Error()
	}

	// What to merge: the render of this jsforge, committed on the template
	// branch on top of the render this branch merged last. When the branch's
	// tip already holds exactly that render (an update whose merge was
	// undone), it is merged again as it is; a tip holding another render
	// that was never merged here is replaced.
	renderTree := treeHash(st.render, st.carried)
	upToDate := renderTree == st.treeOf(st.base)
	reuseTip := !upToDate && st.tip != "" && st.tip != st.base && renderTree == st.treeOf(st.tip)
	if upToDate {
		out.UpToDate = true
		out.NextSteps = []string{}
		if !req.DryRun && st.legacy {
			if _, err := g.run(nil, "update-ref", templateRef, st.base, ""); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	target := st.tip
	if req.DryRun {
		scratch, cleanup, err := scratchRepo(g)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		if reuseTip {
			out.Template, out.Reused = st.tip, true
		} else {
			if target, err = st.commitRender(scratch, e.Version); err != nil {
				return nil, err
			}
			out.Template = "" // made in the scratch repository only
		}
		conflicts, err := predictConflicts(scratch, target)
		if err != nil {
			return nil, err
		}
		if err := describeChanges(scratch, target, head, conflicts, out); err != nil {
			return nil, err
		}
		out.NextSteps = []string{}
		return out, nil
	}

	if reuseTip {
		out.Template, out.Reused = st.tip, true
	} else {
		if target, err = st.commitRender(g, e.Version); err != nil {
			return nil, err
		}
		out.Template = target
	}
	if err := describeChanges(g, target, head, nil, out); err != nil {
		return nil, err
	}

	msg := fmt.Sprintf("Update from jsforge %s (%s templates)", e.Version, project.Preset)
	if len(out.Changed) > 0 {
		msg += "; " + describeChanged(out.Changed)
	}
	g = withIdentity(g)
	mergeErr := merge(g, msg)
	conflicts, err := g.run(nil, "diff", "--name-only", "-z", "--diff-filter=U")
	if err != nil {
		return nil, err
	}
	out.Conflicts = append(out.Conflicts, nulList(conflicts)...)
	if len(out.Conflicts) > 0 {
		markConflicts(out)
		out.NextSteps = conflictSteps(out)
		return out, &ConflictError{Files: out.Conflicts}
	}
	if mergeErr != nil {
		return nil, fmt.Errorf("merging %s: %w", TemplateBranch, mergeErr)
	}
	out.Merge = g.revParse("HEAD")

	if out.PackageChanged && req.Install {
		if req.Progress != nil {
			req.Progress(Step{Name: "install", Command: out.Install, Dir: project.Dir, Node: major(e.node(res.Preset))})
		}
		if err := install(ctx, project.Dir, out.Install, req.InstallOutput); err != nil {
			out.NextSteps = []string{out.Install}
			return out, err
		}
		out.Installed = true
		if lock := pm.Vars["lockfile"]; lock != "" {
			if s, _ := g.run(nil, "status", "--porcelain", "--", lock); strings.TrimSpace(s) != "" {
				if _, err := g.run(nil, "add", "--", lock); err != nil {
					return out, err
				}
				if _, err := g.run(nil, "commit", "-q", "-m", "Update "+lock+" after jsforge update", "--", lock); err != nil {
					return out, err
				}
				out.Lockfile = g.revParse("HEAD")
			}
		}
	}
	out.NextSteps = []string{}
	if out.PackageChanged && !out.Installed {
		out.NextSteps = append(out.NextSteps, out.Install)
		if lock := pm.Vars["lockfile"]; lock != "" {
			out.NextSteps = append(out.NextSteps, "git add "+lock+" && git commit -m 'Update the lockfile'")
		}
	}
	return out, nil
}

// checkNotNewer refuses to render a project with a jsforge older than the
// one that made it: its templates would go back in time.
func (e *Engine) checkNotNewer(p *Project, force bool) error {
	if force {
		return nil
	}
	recorded, err1 := parseSemver(p.Jsforge)
	current, err2 := parseSemver(e.Version)
	if err1 != nil || err2 != nil || recorded.Compare(current) <= 0 {
		return nil
	}
	return usageError("the project was made by jsforge %s, newer than this jsforge (%s): its templates would go back in time; install jsforge %s or later, or pass --force to render with this one", p.Jsforge, e.Version, p.Jsforge)
}

// checkTreeClean refuses a work tree with changes to tracked files: the merge
// must be undoable (git merge --abort) without losing any of them.
func checkTreeClean(g gitCmd) error {
	out, err := g.run(nil, "status", "--porcelain=v1", "-z", "--untracked-files=no")
	if err != nil {
		return err
	}
	var dirty []string
	for _, rec := range nulList(out) {
		if len(rec) > 3 {
			dirty = append(dirty, strings.TrimSpace(rec[:2])+" "+rec[3:])
		}
	}
	if len(dirty) == 0 {
		return nil
	}
	shown := dirty
	if len(shown) > 8 {
		shown = append(shown[:8:8], fmt.Sprintf("and %d more", len(dirty)-8))
	}
	return usageError("the work tree has uncommitted changes (%s); commit them (git add -A && git commit) or put them aside (git stash), then run jsforge update again (git stash pop afterwards)", strings.Join(shown, ", "))
}

// prepare finds the template base and renders the project as the template
// branch would hold it.
func (e *Engine) prepare(g gitCmd, project *Project, res *presets.Resolution) (*updateState, error) {
	base, tip, err := g.templateBase()
	if err != nil {
		return nil, err
	}
	baseTree, err := g.treeBlobs(base)
	if err != nil {
		return nil, err
	}
	name := project.Name
	if name == "" {
		name = filepath.Base(project.Dir)
	}
	files, err := e.Render(&Plan{Dir: project.Dir, Name: name, Resolution: res})
	if err != nil {
		return nil, err
	}
	st := &updateState{project: project, res: res, git: g, base: base, tip: tip, legacy: tip == "", baseTree: baseTree, carried: map[string]string{}}
	for _, f := range files {
		if !IsLocalEnvFile(f.Path) {
			st.render = append(st.render, f)
		}
	}
	// The lockfile is the install's, not a template's: the template branch
	// keeps the one it has, so a merge never deletes the user's. (With
	// another package manager, the old lockfile is not kept: the merge
	// removes it unless the user changed it.)
	if lock := packageManager(res).Vars["lockfile"]; lock != "" {
		if h, ok := baseTree[lock]; ok {
			st.carried[lock] = h
		}
	}
	return st, nil
}

func (st *updateState) treeOf(rev string) string {
	return st.git.revParse(rev + "^{tree}")
}

// treeHash is the git tree hash of files plus carried blobs, computed in memory.
func treeHash(files []File, carried map[string]string) string {
	objs := objectSet{}
	root := newTreeNode()
	for _, f := range files {
		root.add(strings.Split(f.Path, "/"), plumbing.ComputeHash(plumbing.BlobObject, f.Data))
	}
	for p, h := range carried {
		root.add(strings.Split(p, "/"), plumbing.NewHash(h))
	}
	return root.store(objs).String()
}

// commitRender commits the render on the template branch of g's repository,
// on top of the base, with git fast-import (one process for every blob, the
// tree and the commit).
func (st *updateState) commitRender(g gitCmd, version string) (string, error) {
	sig := author(time.Now())
	msg := fmt.Sprintf("jsforge %s: render of preset %s (%s)\n\nThe project as this jsforge generates it, for `jsforge update` to merge.\n", version, st.project.Preset, describeValues(st.res.Values))
	var in bytes.Buffer
	fmt.Fprintf(&in, "commit %s\nauthor %s\ncommitter %s\ndata %d\n%s\nfrom %s\ndeleteall\n", templateRef, sig, sig, len(msg), msg, st.base)
	for _, f := range st.render {
		if strings.ContainsAny(f.Path, "\n\"") {
			return "", fmt.Errorf("cannot commit a file named %q", f.Path)
		}
		fmt.Fprintf(&in, "M 100644 inline %s\ndata %d\n", f.Path, len(f.Data))
		in.Write(f.Data)
		in.WriteByte('\n')
	}
	paths := make([]string, 0, len(st.carried))
	for p := range st.carried {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&in, "M 100644 %s %s\n", st.carried[p], p)
	}
	in.WriteString("\n")
	// The new commit's parent is the render this branch merged last: the
	// branch's tip, or the first commit for a branch made here, or (--force)
	// an older render when the tip holds one that was never merged here.
	if _, err := g.run(in.Bytes(), "fast-import", "--quiet", "--force"); err != nil {
		return "", fmt.Errorf("committing the new render on %s: %w", TemplateBranch, err)
	}
	h := g.revParse(templateRef)
	if h == "" {
		return "", fmt.Errorf("committing the new render on %s: the branch is missing afterwards", TemplateBranch)
	}
	return h, nil
}

func (g gitCmd) isAncestor(a, b string) bool {
	_, err := g.run(nil, "merge-base", "--is-ancestor", a, b)
	return err == nil
}

// scratchRepo makes a temporary bare repository that borrows g's objects
// (alternates) and whose HEAD is g's HEAD: a dry run commits and merges
// there, leaving the project's repository untouched.
func scratchRepo(g gitCmd) (gitCmd, func(), error) {
	objects, err := g.run(nil, "rev-parse", "--path-format=absolute", "--git-path", "objects")
	if err != nil {
		return gitCmd{}, nil, err
	}
	head := g.revParse("HEAD")
	dir, err := os.MkdirTemp("", "jsforge-update-")
	if err != nil {
		return gitCmd{}, nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	s := gitCmd{dir: dir}
	if _, err := s.run(nil, "init", "-q", "--bare", "."); err != nil {
		cleanup()
		return gitCmd{}, nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "objects", "info", "alternates"), []byte(strings.TrimSpace(objects)+"\n"), 0o644); err != nil {
		cleanup()
		return gitCmd{}, nil, err
	}
	if _, err := s.run(nil, "update-ref", "--no-deref", "HEAD", head); err != nil {
		cleanup()
		return gitCmd{}, nil, err
	}
	return s, cleanup, nil
}

// predictConflicts merges target into HEAD in a scratch repository, without
// a work tree (git merge-tree), and lists the files that would conflict.
func predictConflicts(s gitCmd, target string) ([]string, error) {
	out, err := s.run(nil, "merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", "HEAD", target)
	if err != nil && exitCode(err) != 1 {
		if exitCode(err) == 129 { // usage: a git without merge-tree --write-tree
			return nil, fmt.Errorf("jsforge update --dry-run needs git 2.38 or later (git merge-tree --write-tree); update git, or run jsforge update on a fresh clone to see what it does: %w", err)
		}
		return nil, fmt.Errorf("predicting the merge: %w", err)
	}
	list := nulList(out)
	if len(list) == 0 {
		return nil, nil
	}
	return list[1:], nil // the first entry is the merged tree
}

// describeChanges lists what the new render changes since base and how
// each change meets the user's branch.
func describeChanges(g gitCmd, target string, head map[string]string, conflicts []string, out *UpdateResult) error {
	// The merge's own base: the template commit merged last (the tip, unless
	// an earlier update was aborted before its merge was committed).
	mb, err := g.run(nil, "merge-base", "HEAD", target)
	if err != nil {
		return fmt.Errorf("finding the last template commit merged: %w", err)
	}
	base := strings.TrimSpace(mb)
	diff, err := g.run(nil, "diff-tree", "-r", "--no-renames", "--name-status", "-z", base, target)
	if err != nil {
		return err
	}
	baseTree, err := g.treeBlobs(base)
	if err != nil {
		return err
	}
	targetTree, err := g.treeBlobs(target)
	if err != nil {
		return err
	}
	isConflict := map[string]bool{}
	for _, c := range conflicts {
		isConflict[c] = true
	}
	fields := nulList(diff)
	for i := 0; i+1 < len(fields); i += 2 {
		status, path := fields[i], fields[i+1]
		fc := FileChange{Path: path, Template: map[string]string{"A": "added", "M": "modified", "D": "deleted", "T": "modified"}[status[:1]]}
		h, inHead := head[path]
		b, inBase := baseTree[path]
		t, inTarget := targetTree[path]
		switch {
		case isConflict[path]:
			fc.Merge = "conflict"
		case inHead == inTarget && h == t:
			fc.Merge = "same"
		case inHead == inBase && h == b:
			fc.Merge = "applied"
		default:
			fc.Merge = "merged"
		}
		if path == "package.json" {
			out.PackageChanged = true
		}
		for env, example := range LocalEnvFiles {
			if path == example && status != "D" {
				if _, err := os.Stat(filepath.Join(out.Path, env)); err == nil {
					out.EnvChanged = append(out.EnvChanged, env)
				}
			}
		}
		out.Files = append(out.Files, fc)
	}
	for _, c := range conflicts {
		found := false
		for _, f := range out.Files {
			found = found || f.Path == c
		}
		if !found {
			out.Files = append(out.Files, FileChange{Path: c, Template: "modified", Merge: "conflict"})
		}
	}
	out.Conflicts = append(out.Conflicts, conflicts...)
	sort.Strings(out.EnvChanged)
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
	return nil
}

// markConflicts records in Files the conflicts a real merge stopped on.
func markConflicts(out *UpdateResult) {
	for _, c := range out.Conflicts {
		found := false
		for i := range out.Files {
			if out.Files[i].Path == c {
				out.Files[i].Merge = "conflict"
				found = true
			}
		}
		if !found {
			out.Files = append(out.Files, FileChange{Path: c, Template: "modified", Merge: "conflict"})
		}
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
}

// withIdentity gives git the identity `jsforge new` commits with when git
// itself has none configured, so that the merge commit (and the lockfile's)
// can be made on any machine, as the initial commit was.
func withIdentity(g gitCmd) gitCmd {
	sig := author(time.Now())
	user := readUserConfig()
	if os.Getenv("GIT_COMMITTER_NAME") == "" && user.name == "" {
		g.env = append(g.env, "GIT_COMMITTER_NAME="+sig.name, "GIT_AUTHOR_NAME="+sig.name)
	}
	if os.Getenv("GIT_COMMITTER_EMAIL") == "" && user.email == "" {
		g.env = append(g.env, "GIT_COMMITTER_EMAIL="+sig.email, "GIT_AUTHOR_EMAIL="+sig.email)
	}
	return g
}

// merge runs git merge of the template branch, always as a merge commit so
// that the branch's history says where the update came in.
func merge(g gitCmd, msg string) error {
	_, err := g.run(nil, "merge", "--no-ff", "--no-edit", "-m", msg, TemplateBranch)
	return err
}

func conflictSteps(out *UpdateResult) []string {
	steps := []string{
		"edit " + strings.Join(out.Conflicts, " ") + "   # keep what you want between the <<<<<<< ======= >>>>>>> markers",
		"git add " + strings.Join(out.Conflicts, " "),
		"git commit --no-edit   # concludes the merge",
	}
	if out.PackageChanged {
		steps = append(steps, out.Install)
	}
	return steps
}

func describeValues(values map[string]string) string { return DescribeOptions(values) }

func describeChanged(changed map[string]string) string { return joinSorted(changed, ": ", ", ") }

// DescribeOptions writes answers as "auth=jwt db=sqlite", by name.
func DescribeOptions(values map[string]string) string { return joinSorted(values, "=", " ") }

// joinSorted writes a map's entries, by key, as key+kv+value joined by sep.
func joinSorted(m map[string]string, kv, sep string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + kv + m[k]
	}
	return strings.Join(parts, sep)
}
