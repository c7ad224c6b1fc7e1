// Package scaffold is the engine behind `jsforge new`: it turns a Request into
// a Plan (answers validated against the preset manifest), renders the plan's
// template layers in memory, writes them atomically, makes the initial git
// commit and optionally installs dependencies. It never prompts and never
// prints; a front end other than the CLI can drive it.
//
// A front end needs nothing else: Presets and Questions say what to ask,
// Check validates answers as soon as they are known (the same code Plan
// runs), and the Result of Generate or DryRun carries the next steps and the
// command that reproduces the project.
package scaffold

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/templates"
)

// Request is everything a user can ask of `jsforge new`.
type Request struct {
	Dir     string            // target directory
	Name    string            // npm package name; defaults to the last element of Dir
	Preset  string            // preset name
	Options map[string]string // option answers; missing ones take the preset default
	Git     bool              // create a repository with one initial commit
	Install bool              // run the package manager's install afterwards
	Force   bool              // allow a non-empty target (never overwrites a file in it)

	// Origin says where answers that came from a file were written, by key
	// ("preset", "name" or an option name): "answers.yaml:3". Errors about
	// them start with it; other answers are named as the flags that take them.
	Origin map[string]string

	// InstallOutput receives the package manager's output while it runs.
	InstallOutput io.Writer
	// Progress, when set, hears of each long step as it starts.
	Progress func(Step)
}

// Step is a long-running part of Generate, for a front end to announce.
type Step struct {
	Name    string // "install"
	Command string // what runs, e.g. "npm install"
	Dir     string // where it runs
	Node    string // the Node.js major release the project needs ("24")
}

// Engine renders presets from a registry and a tree of template layers.
type Engine struct {
	Registry  *presets.Registry
	Templates fs.FS
	Version   string // jsforge's own version, recorded in .jsforge.yaml
}

// New returns an engine over the embedded presets and templates. A preset's
// manifest is read when the engine first needs it.
func New(version string) (*Engine, error) {
	reg, err := presets.Open()
	if err != nil {
		return nil, err
	}
	return &Engine{Registry: reg, Templates: templates.FS, Version: version}, nil
}

// Plan is a validated request: nothing can be wrong with the answers any more.
type Plan struct {
	Dir        string // absolute target directory
	Name       string
	Resolution *presets.Resolution
	Request    Request
	// Existing is true when Dir is already a directory (empty, or --force).
	Existing bool
}

// Result reports what Generate did, or what DryRun would do.
type Result struct {
	Path    string            `json:"path"`
	Name    string            `json:"name"`
	Preset  string            `json:"preset"`
	Options map[string]string `json:"options"`
	Files   []string          `json:"files"`
	// Commit is the initial commit's hash; empty when no repository was made.
	Commit string `json:"commit,omitempty"`
	// GitNote says why no repository was made, when one was asked for.
	GitNote   string `json:"gitNote,omitempty"`
	Installed bool   `json:"installed"`
	// DryRun is true when nothing was written.
	DryRun bool `json:"dryRun,omitempty"`
	// Existing is true when the project went (or would go) into a directory
	// that was already there.
	Existing bool `json:"existing,omitempty"`
	// Install is the command that installs the dependencies, e.g. "npm install".
	Install string `json:"install"`
	// Node is the oldest Node.js major release the project runs on, e.g. "24".
	Node string `json:"node"`
	// NextSteps are shell commands to run next, in order, from the current directory.
	NextSteps []string `json:"nextSteps"`
	// Command is the jsforge command line that makes the same project without questions.
	Command string `json:"command"`
}

// Check validates what is known of a request so far, with the same code Plan
// runs: the name and the target when Dir (or Name) is set, the preset when it
// is set, and the options against it. A front end calls it before asking
// questions and as soon as each answer is known, so that nothing it asked is
// lost to an error found at the end.
func (e *Engine) Check(req Request) error {
	if req.Dir != "" || req.Name != "" {
		if _, _, err := e.target(req); err != nil {
			return err
		}
	}
	if req.Preset != "" {
		if _, err := e.Registry.Resolve(req.Preset, req.Options, req.Origin); err != nil {
			return err
		}
	}
	return nil
}

// target validates the name and the target directory of a request. With no
// Dir yet, only the name is checked.
func (e *Engine) target(req Request) (dir, name string, err error) {
	name = req.Name
	if req.Dir != "" {
		if dir, err = filepath.Abs(req.Dir); err != nil {
			return "", "", fmt.Errorf("resolving %q: %w", req.Dir, err)
		}
		if name == "" {
			name = filepath.Base(dir)
		}
	}
	if err := ValidateName(name); err != nil {
		if o := req.Origin["name"]; o != "" && req.Name != "" {
			return "", "", usageError("%s: %v", o, err)
		}
		return "", "", err
	}
	if dir != "" {
		if err := checkTarget(dir, req.Dir, req.Force); err != nil {
			return "", "", err
		}
	}
	return dir, name, nil
}

// Plan validates a request without touching the disk beyond reading the target.
func (e *Engine) Plan(req Request) (*Plan, error) {
	if strings.TrimSpace(req.Dir) == "" {
		return nil, usageError("a target directory is required: jsforge new DIR")
	}
	dir, name, err := e.target(req)
	if err != nil {
		return nil, err
	}
	res, err := e.Registry.Resolve(req.Preset, req.Options, req.Origin)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	existing := err == nil && info.IsDir()
	return &Plan{Dir: dir, Name: name, Resolution: res, Request: req, Existing: existing}, nil
}

// Render produces the plan's files in memory, .env and .jsforge.yaml included.
func (e *Engine) Render(p *Plan) ([]File, error) {
	files, err := render(e.Templates, p.Resolution.Layers, e.data(p))
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: ManifestFile, Data: e.projectManifest(p)})
	envs, err := envFiles(files, p.Resolution.Preset.Secrets)
	if err != nil {
		return nil, err
	}
	files = append(files, envs...)
	sortFiles(files)
	if err := checkPaths(p.Dir, files, p.Existing); err != nil {
		return nil, err
	}
	return files, nil
}

// DryRun plans and renders a request and reports what Generate would do,
// writing nothing.
func (e *Engine) DryRun(req Request) (*Result, error) {
	p, err := e.Plan(req)
	if err != nil {
		return nil, err
	}
	files, err := e.Render(p)
	if err != nil {
		return nil, err
	}
	res := e.result(p, files)
	res.DryRun = true
	res.NextSteps = e.nextSteps(p, res)
	return res, nil
}

func (e *Engine) result(p *Plan, files []File) *Result {
	pm := packageManager(p.Resolution)
	return &Result{
		Path:     p.Dir,
		Name:     p.Name,
		Preset:   p.Resolution.Preset.Name,
		Options:  p.Resolution.Values,
		Files:    paths(files),
		Existing: p.Existing,
		Install:  pm.Vars["install"],
		Node:     major(e.node(p.Resolution.Preset)),
		Command:  e.command(p.Request, p.Resolution),
	}
}

// Generate runs the whole pipeline: plan, render, write, git, install.
//
// When the install fails or is cancelled, the project is in place and
// committed all the same: Generate returns its Result with the error.
func (e *Engine) Generate(ctx context.Context, req Request) (res *Result, err error) {
	p, err := e.Plan(req)
	if err != nil {
		return nil, err
	}
	files, err := e.Render(p)
	if err != nil {
		return nil, err
	}
	res = e.result(p, files)
	defer func() {
		if res != nil {
			res.NextSteps = e.nextSteps(p, res)
		}
	}()
	commit := func(dir string, files []File, stats map[string]fileStat) error {
		if !req.Git {
			return nil
		}
		if root, inside := enclosingWorkTree(p.Dir); inside {
			res.GitNote = fmt.Sprintf("%s is inside the git work tree at %s; no nested repository was created", p.Dir, root)
			return nil
		}
		hash, err := commitAll(dir, files, stats, fmt.Sprintf("Initial commit from jsforge (preset %s)", res.Preset))
		res.Commit = hash
		return err
	}
	if !req.Install {
		err := write(ctx, p.Dir, files, p.Existing, func(dir string, stats map[string]fileStat) error { return commit(dir, files, stats) })
		if err != nil {
			return nil, err
		}
		return res, nil
	}

	// With an install, the initial commit waits for it, so that it holds the
	// lockfile the install writes: CI's frozen install and the Dockerfile need it.
	var stats map[string]fileStat
	keep := func(_ string, s map[string]fileStat) error {
		if !p.Existing {
			stats = s // the files keep them: the staging directory is renamed into place
		}
		return nil
	}
	if err := write(ctx, p.Dir, files, p.Existing, keep); err != nil {
		return nil, err
	}
	if req.Progress != nil {
		req.Progress(Step{Name: "install", Command: res.Install, Dir: p.Dir, Node: res.Node})
	}
	installErr := install(ctx, p.Dir, res.Install, req.InstallOutput)
	if installErr == nil {
		res.Installed = true
		lock, err := readLockfile(p.Dir, packageManager(p.Resolution).Vars["lockfile"])
		if err != nil {
			return res, err
		}
		if lock != nil {
			files = append(files, *lock)
			sortFiles(files)
			res.Files = paths(files)
		}
	}
	// A failed or cancelled install still leaves a complete project; it is
	// committed as rendered, and the error says how to finish the install.
	if err := commit(p.Dir, files, stats); err != nil {
		return res, err
	}
	return res, installErr
}

// packageManager is the chosen value of the option with the package-manager
// role; a preset without one installs with npm.
func packageManager(r *presets.Resolution) presets.Choice {
	if c, ok := r.RoleChoice(presets.RolePackageManager); ok {
		return c
	}
	return presets.Choice{Value: "npm", Vars: map[string]string{"install": "npm install", "run": "npm run", "lockfile": "package-lock.json"}}
}

// readLockfile reads the lockfile an install wrote, if the package manager
// has one (nil when it wrote none).
func readLockfile(dir, name string) (*File, error) {
	if name == "" {
		return nil, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the lockfile the install wrote: %w", err)
	}
	return &File{Path: name, Data: data}, nil
}

func (e *Engine) data(p *Plan) Data {
	res := p.Resolution
	d := Data{
		Name:   p.Name,
		Preset: res.Preset.Name,
		Title:  res.Preset.Title,
		Verification: Verification{
			Level: res.Preset.Verification,
			Label: res.Preset.VerificationLabel(),
			Note:  res.Preset.VerificationNote,
		},
		Opt:      res.Values,
		Is:       map[string]bool{},
		Choice:   map[string]map[string]string{},
		Deps:     res.Dependencies,
		DevDeps:  res.DevDependencies,
		Versions: e.Registry.Versions,
		Project:  res.Preset.Project,
		Node:     e.node(res.Preset),
		Engines:  ">=" + major(e.node(res.Preset)),
		Secrets:  res.Preset.Secrets,

		SkipInstallScripts: res.SkipInstallScripts,
		InstallScripts:     res.InstallScripts,
		Overrides:          res.Overrides,
	}
	// Every catalog choice gets an .Is entry, so shared layers may test any of
	// them, while a misspelt name still fails with missingkey=error.
	for _, opt := range e.Registry.Catalog {
		for _, c := range opt.Choices {
			d.Is[isKey(opt.Name, c.Value)] = false
		}
	}
	for name, value := range res.Values {
		d.Is[isKey(name, value)] = true
		opt, _ := res.Preset.Option(name)
		c, _ := opt.Choice(value)
		vars := map[string]string{}
		for k, v := range c.Vars {
			vars[k] = v
		}
		d.Choice[name] = vars
	}
	return d
}

// node is the Node.js release a preset's projects run on ("24.21.0").
func (e *Engine) node(p *presets.Preset) string {
	return e.Registry.Versions[p.Project.NodeKey()]
}

func major(version string) string {
	m, _, _ := strings.Cut(version, ".")
	return m
}

func paths(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	return out
}

// isKey names a choice in .Is: option_value, with dashes made underscores so
// that a value like mikro-orm reads as .Is.orm_mikro_orm in a template.
func isKey(option, value string) string {
	return option + "_" + strings.ReplaceAll(value, "-", "_")
}
