// Package scaffold is the engine behind `jsforge new`: it turns a Request into
// a Plan (answers validated against the preset manifest), renders the plan's
// template layers in memory, writes them atomically, makes the initial git
// commit and optionally installs dependencies. It never prompts and never
// prints; a front end other than the CLI can drive it.
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

	// InstallOutput receives the package manager's output while it runs.
	InstallOutput io.Writer
}

// Engine renders presets from a registry and a tree of template layers.
type Engine struct {
	Registry  *presets.Registry
	Templates fs.FS
	Version   string // jsforge's own version, recorded in .jsforge.yaml
}

// New returns an engine over the embedded presets and templates.
func New(version string) (*Engine, error) {
	reg, err := presets.Load()
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
}

// Result reports what Generate did.
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
}

// Plan validates a request without touching the disk beyond reading the target.
func (e *Engine) Plan(req Request) (*Plan, error) {
	if strings.TrimSpace(req.Dir) == "" {
		return nil, usageError("a target directory is required: jsforge new DIR")
	}
	dir, err := filepath.Abs(req.Dir)
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", req.Dir, err)
	}
	name := req.Name
	if name == "" {
		name = filepath.Base(dir)
	}
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	res, err := e.Registry.Resolve(req.Preset, req.Options)
	if err != nil {
		return nil, err
	}
	if err := checkTarget(dir, req.Force); err != nil {
		return nil, err
	}
	return &Plan{Dir: dir, Name: name, Resolution: res, Request: req}, nil
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
	if err := checkPaths(p.Dir, files); err != nil {
		return nil, err
	}
	return files, nil
}

// Generate runs the whole pipeline: plan, render, write, git, install.
func (e *Engine) Generate(ctx context.Context, req Request) (*Result, error) {
	p, err := e.Plan(req)
	if err != nil {
		return nil, err
	}
	files, err := e.Render(p)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Path:    p.Dir,
		Name:    p.Name,
		Preset:  p.Resolution.Preset.Name,
		Options: p.Resolution.Values,
		Files:   paths(files),
	}
	commit := func(dir string, files []File) error {
		if !req.Git {
			return nil
		}
		if root, inside := enclosingWorkTree(p.Dir); inside {
			res.GitNote = fmt.Sprintf("%s is inside the git work tree at %s; no nested repository was created", p.Dir, root)
			return nil
		}
		hash, err := commitAll(dir, files, fmt.Sprintf("Initial commit from jsforge (preset %s)", res.Preset))
		res.Commit = hash
		return err
	}
	if !req.Install {
		err := write(ctx, p.Dir, files, req.Force, func(dir string) error { return commit(dir, files) })
		if err != nil {
			return nil, err
		}
		return res, nil
	}

	// With an install, the initial commit waits for it, so that it holds the
	// lockfile the install writes: CI's frozen install and the Dockerfile need it.
	if err := write(ctx, p.Dir, files, req.Force, func(string) error { return nil }); err != nil {
		return nil, err
	}
	pm := p.Resolution.Values["pm"]
	installErr := install(ctx, p.Dir, pm, req.InstallOutput)
	if installErr == nil {
		res.Installed = true
		lock, err := readLockfile(p.Dir, p.Resolution.Choice("pm").Vars["lockfile"])
		if err != nil {
			return res, err
		}
		if lock != nil {
			files = append(files, *lock)
			sortFiles(files)
			res.Files = paths(files)
		}
	}
	// A failed install still leaves a complete project; it is committed as
	// rendered, and the error says how to finish the install.
	if err := commit(p.Dir, files); err != nil {
		return res, err
	}
	return res, installErr
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
		Name:     p.Name,
		Preset:   res.Preset.Name,
		Title:    res.Preset.Title,
		Opt:      res.Values,
		Is:       map[string]bool{},
		Choice:   map[string]map[string]string{},
		Deps:     res.Dependencies,
		DevDeps:  res.DevDependencies,
		Versions: e.Registry.Versions,
		Project:  res.Preset.Project,
		Engines:  ">=" + major(e.Registry.Versions["node"]),
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
