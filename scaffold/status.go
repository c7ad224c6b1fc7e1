package scaffold

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// File states in a StatusResult, against the template commit the project
// last merged (its initial commit before any update).
const (
	StateGenerated = "generated" // as jsforge generated it
	StateChanged   = "changed"   // changed by the user
	StateDeleted   = "deleted"   // generated, then deleted by the user
	StateAdded     = "added"     // added by the user
	StateAbsent    = "absent"    // not in the project: only this jsforge renders it
)

// What this jsforge's render does to a file, against that same template commit.
const (
	TemplateSame     = "same"     // renders it unchanged
	TemplateModified = "modified" // renders it differently
	TemplateAdded    = "added"    // renders it, and the project's template did not have it
	TemplateRemoved  = "removed"  // no longer renders it
	TemplateNone     = ""         // neither renders it (a file of the user's)
)

// FileStatus is one file of `jsforge status`.
type FileStatus struct {
	Path  string `json:"path"`
	State string `json:"state"`
	// Template says what `jsforge update` with this jsforge would do to the file.
	Template string `json:"template,omitempty"`
	// Uncommitted is true when the work tree's file differs from HEAD's.
	Uncommitted bool `json:"uncommitted,omitempty"`
}

// StatusResult is what `jsforge status` reports.
type StatusResult struct {
	Path    string            `json:"path"`
	Preset  string            `json:"preset"`
	Options map[string]string `json:"options"`
	// Recorded is the jsforge version in .jsforge.yaml; Version is this one's.
	Recorded string `json:"recorded"`
	Version  string `json:"version"`
	// Base is the template commit the states are measured against.
	Base string `json:"base"`
	// NoTemplateBranch is true when the project has no template branch yet:
	// Base is its first commit, and the first update creates the branch there.
	NoTemplateBranch bool `json:"noTemplateBranch,omitempty"`
	// Unmerged is true when the template branch has a render the current
	// branch has not merged (an update stopped on conflicts and was aborted).
	Unmerged bool `json:"unmerged,omitempty"`
	// Differs is true when this jsforge would render the project differently.
	Differs bool         `json:"differs"`
	Files   []FileStatus `json:"files"`
}

// Status compares, per file, the template commit the project last merged,
// HEAD, the work tree and what this jsforge renders of the recorded answers.
func (e *Engine) Status(dir string) (*StatusResult, error) {
	project, err := FindProject(dir)
	if err != nil {
		return nil, err
	}
	g, err := openRepo(project.Dir, "jsforge status")
	if err != nil {
		return nil, err
	}
	res, err := e.Resolve(project)
	if err != nil {
		return nil, err
	}
	st, err := e.prepare(g, project, res)
	if err != nil {
		return nil, err
	}
	out := &StatusResult{Path: project.Dir, Preset: project.Preset, Options: res.Values, Recorded: project.Jsforge, Version: e.Version, NoTemplateBranch: st.legacy, Files: []FileStatus{}}

	// Measured against the render HEAD merged last.
	out.Base = st.base
	out.Unmerged = st.tip != "" && st.tip != st.base
	baseTree := st.baseTree
	head, err := g.treeBlobs("HEAD")
	if err != nil {
		return nil, err
	}
	fresh := map[string]string{}
	for _, f := range st.render {
		fresh[f.Path] = plumbing.ComputeHash(plumbing.BlobObject, f.Data).String()
	}
	for p, h := range st.carried {
		fresh[p] = h
	}

	// The work tree: tracked files and untracked ones git does not ignore,
	// hashed as git would store them (clean filters, line endings).
	listed, err := g.run(nil, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var onDisk []string
	seen := map[string]bool{}
	for _, p := range nulList(listed) {
		if seen[p] {
			continue
		}
		seen[p] = true
		if info, err := os.Lstat(filepath.Join(project.Dir, filepath.FromSlash(p))); err == nil && info.Mode().IsRegular() {
			onDisk = append(onDisk, p)
		}
	}
	work := map[string]string{}
	if len(onDisk) > 0 {
		hashes, err := g.run([]byte(strings.Join(onDisk, "\n")+"\n"), "hash-object", "--stdin-paths")
		if err != nil {
			return nil, err
		}
		for i, h := range strings.Fields(hashes) {
			if i < len(onDisk) {
				work[onDisk[i]] = h
			}
		}
	}

	all := map[string]bool{}
	for _, m := range []map[string]string{baseTree, work, fresh} {
		for p := range m {
			all[p] = true
		}
	}
	for p := range all {
		b, inBase := baseTree[p]
		w, inWork := work[p]
		f, inFresh := fresh[p]
		fs := FileStatus{Path: p}
		switch {
		case inBase && inWork && b == w:
			fs.State = StateGenerated
		case inBase && inWork:
			fs.State = StateChanged
		case inBase:
			fs.State = StateDeleted
		case inWork:
			fs.State = StateAdded
		default:
			fs.State = StateAbsent
		}
		switch {
		case inBase && inFresh && b == f:
			fs.Template = TemplateSame
		case inBase && inFresh:
			fs.Template = TemplateModified
		case inBase:
			fs.Template = TemplateRemoved
		case inFresh:
			fs.Template = TemplateAdded
		}
		if fs.Template != TemplateSame && fs.Template != TemplateNone {
			out.Differs = true
		}
		if h, inHead := head[p]; inWork != inHead || h != w {
			fs.Uncommitted = inWork || inHead
		}
		out.Files = append(out.Files, fs)
	}
	sort.Slice(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
	return out, nil
}
