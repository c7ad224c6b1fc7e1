package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// TemplateBranch holds the pristine renders of a project: `jsforge new`
// starts it at the initial commit, and each `jsforge update` commits the new
// render on it and merges it into the user's branch.
const TemplateBranch = "jsforge/template"

const templateRef = "refs/heads/" + TemplateBranch

// gitCmd runs the git command in a repository. update and status use the
// git program rather than go-git: go-git has no three-way merge, and
// linking its repository layer would slow every run of jsforge (git.go).
type gitCmd struct {
	dir string   // the work tree
	env []string // extra environment, e.g. GIT_DIR for a scratch repository
}

// ErrNoGit is returned (wrapped) when git is not on PATH.
var ErrNoGit = errors.New("git is not on PATH")

// lookGit finds git, or says why it is needed.
func lookGit(what string) error {
	if _, err := exec.LookPath("git"); err != nil {
		return fmt.Errorf("%w: %s works through git (a real three-way merge, conflicts as every editor shows them); install git (https://git-scm.com/downloads) and run it again", ErrNoGit, what)
	}
	return nil
}

// run runs git with args and returns its standard output. A failure's error
// holds git's own message.
func (g gitCmd) run(stdin []byte, args ...string) (string, error) {
	c := exec.Command("git", args...)
	c.Dir = g.dir
	c.Env = append(os.Environ(), g.env...)
	if stdin != nil {
		c.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = strings.TrimSpace(stdout.String())
		}
		return stdout.String(), &gitError{args: args, msg: msg, err: err}
	}
	return stdout.String(), nil
}

// gitError is a git command that failed, with what it said.
type gitError struct {
	args []string
	msg  string
	err  error
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s: %s", strings.Join(e.args, " "), firstLines(e.msg, 6))
}
func (e *gitError) Unwrap() error { return e.err }

// exitCode is git's exit status for a gitError, -1 otherwise.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}

// revParse resolves rev to a hash, "" when it does not exist.
func (g gitCmd) revParse(rev string) string {
	out, err := g.run(nil, "rev-parse", "-q", "--verify", rev)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(out)
}

// treeBlobs lists the files of a commit's tree: path -> blob hash.
func (g gitCmd) treeBlobs(rev string) (map[string]string, error) {
	out, err := g.run(nil, "ls-tree", "-r", "-z", "--full-tree", rev)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, rec := range strings.Split(out, "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta) // mode type hash
		if len(f) == 3 && f[1] == "blob" {
			m[path] = f[2]
		}
	}
	return m, nil
}

// catBlob reads a blob's bytes.
func (g gitCmd) catBlob(hash string) ([]byte, error) {
	out, err := g.run(nil, "cat-file", "blob", hash)
	return []byte(out), err
}

// nulList splits git's -z output.
func nulList(out string) []string {
	var list []string
	for _, s := range strings.Split(out, "\x00") {
		if s != "" {
			list = append(list, s)
		}
	}
	return list
}

// openRepo finds the git work tree of a project and checks that the project
// is at its top: the template branch holds the project's files at the root.
func openRepo(projectDir, what string) (gitCmd, error) {
	if err := lookGit(what); err != nil {
		return gitCmd{}, err
	}
	g := gitCmd{dir: projectDir}
	top, err := g.run(nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return gitCmd{}, usageError("%s is not in a git repository; %s works on the project's git history. Make one whose first commit is the project as jsforge made it: git init && git add -A && git commit -m 'Initial commit from jsforge'", projectDir, what)
	}
	top = strings.TrimSpace(top)
	a, _ := filepath.EvalSymlinks(top)
	b, _ := filepath.EvalSymlinks(projectDir)
	if a != b {
		return gitCmd{}, usageError("the project %s is inside the git repository at %s, not at its top; %s needs the project to have its own repository", projectDir, top, what)
	}
	if g.revParse("HEAD^{commit}") == "" {
		return gitCmd{}, usageError("the repository in %s has no commit yet; commit the project as jsforge made it first: git add -A && git commit -m 'Initial commit from jsforge'", projectDir)
	}
	return g, nil
}

// templateBase finds the render the current branch last merged: the merge
// base of HEAD and the template branch's tip (the tip itself, unless an
// update's merge was undone or merged on another branch only). Without the
// branch, it is the root commit of HEAD that holds .jsforge.yaml: a project
// made before jsforge kept the branch has its pristine render there, and
// tip is "".
func (g gitCmd) templateBase() (base, tip string, err error) {
	if tip = g.revParse(templateRef + "^{commit}"); tip != "" {
		mb, err := g.run(nil, "merge-base", "HEAD", tip)
		if err != nil {
			return "", "", usageError("the branch %s shares no history with the current branch, so jsforge cannot tell which render it started from; point the branch at the commit that holds the project as jsforge generated it: git branch -f %s COMMIT", TemplateBranch, TemplateBranch)
		}
		return strings.TrimSpace(mb), tip, nil
	}
	out, err := g.run(nil, "rev-list", "--max-parents=0", "HEAD")
	if err != nil {
		return "", "", err
	}
	var roots []string
	for _, c := range strings.Fields(out) {
		if _, err := g.run(nil, "cat-file", "-e", c+":"+ManifestFile); err == nil {
			roots = append(roots, c)
		}
	}
	switch len(roots) {
	case 1:
		return roots[0], "", nil
	case 0:
		return "", "", usageError("no branch %s, and no first commit of this repository holds %s, so jsforge cannot tell which commit is the project as it generated it; create the branch at that commit: git branch %s COMMIT", TemplateBranch, ManifestFile, TemplateBranch)
	default:
		return "", "", usageError("no branch %s, and several first commits hold %s (%s); create the branch at the one jsforge made: git branch %s COMMIT", TemplateBranch, ManifestFile, strings.Join(roots, ", "), TemplateBranch)
	}
}
