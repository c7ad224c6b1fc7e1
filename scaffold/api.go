package scaffold

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
)

// PresetInfo describes a preset for a list or a question.
type PresetInfo struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// Verification is how far jsforge's own tests verify the preset: "full"
	// or "preview"; VerificationLabel says it for people, and
	// VerificationNote (for a preview) what is and is not verified.
	Verification      string `json:"verification"`
	VerificationLabel string `json:"verificationLabel"`
	VerificationNote  string `json:"verificationNote,omitempty"`
}

func presetInfo(p *presets.Preset) PresetInfo {
	return PresetInfo{
		Name: p.Name, Title: p.Title, Description: p.Description,
		Verification: p.Verification, VerificationLabel: p.VerificationLabel(), VerificationNote: p.VerificationNote,
	}
}

// Question is an option to ask about: its key is the flag name and the
// answers-file key.
type Question struct {
	Key     string   `json:"key"`
	Title   string   `json:"title"` // e.g. "Database"
	Choices []Choice `json:"choices"`
	Default string   `json:"default"`
}

// Choice is one allowed answer to a Question.
type Choice struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

// Values lists the question's choice values in order.
func (q Question) Values() []string {
	out := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		out[i] = c.Value
	}
	return out
}

// Presets lists every preset, ordered by name.
func (e *Engine) Presets() []PresetInfo {
	var out []PresetInfo
	for _, p := range e.Registry.All() {
		out = append(out, presetInfo(p))
	}
	return out
}

// DefaultPreset is the preset to offer first.
func (e *Engine) DefaultPreset() string { return e.Registry.Default() }

// Options lists every option any preset may offer, with all its choices (the
// flags of `jsforge new`); each preset narrows them (Questions).
func (e *Engine) Options() []Question {
	out := make([]Question, len(e.Registry.Catalog))
	for i, o := range e.Registry.Catalog {
		out[i] = question(o)
	}
	return out
}

// Questions lists the options of a preset, in the order to ask them, with
// the preset's choices and defaults.
func (e *Engine) Questions(preset string) ([]Question, error) {
	p, ok := e.Registry.Get(preset)
	if !ok {
		return nil, usererr.Unknown("preset", preset, e.Registry.Names())
	}
	out := make([]Question, len(p.Options))
	for i, o := range p.Options {
		out[i] = question(o)
	}
	return out, nil
}

func question(o presets.Option) Question {
	q := Question{Key: o.Name, Title: o.Title, Default: o.Default}
	for _, c := range o.Choices {
		q.Choices = append(q.Choices, Choice{Value: c.Value, Description: c.Description})
	}
	return q
}

// PresetDetails is what `jsforge presets show` prints.
type PresetDetails struct {
	PresetInfo
	Questions       []Question
	Node            string // the pinned Node.js release
	Dependencies    []Package
	DevDependencies []Package
}

// Package is a pinned dependency and the answers it depends on ("db=postgres").
type Package struct {
	Name, Version, When string
}

// Describe returns a preset's options and pinned dependencies.
func (e *Engine) Describe(preset string) (*PresetDetails, error) {
	qs, err := e.Questions(preset)
	if err != nil {
		return nil, err
	}
	p, _ := e.Registry.Get(preset)
	d := &PresetDetails{
		PresetInfo: presetInfo(p),
		Questions:  qs,
		Node:       e.node(p),
	}
	pkgs := func(entries []presets.Entry) []Package {
		var out []Package
		for _, en := range entries {
			out = append(out, Package{Name: en.Name, Version: e.Registry.Versions[en.VersionKey()], When: describeWhen(en.When)})
		}
		return out
	}
	d.Dependencies, d.DevDependencies = pkgs(p.Dependencies), pkgs(p.DevDependencies)
	return d, nil
}

func describeWhen(w presets.When) string {
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strings.Join(w[k], "|")
	}
	return strings.Join(parts, ", ")
}

// Command is the jsforge command line that makes the project of req without
// questions, with every option spelt out; "" when req does not resolve.
func (e *Engine) Command(req Request) string {
	res, err := e.Registry.Resolve(req.Preset, req.Options, req.Origin)
	if err != nil {
		return ""
	}
	return e.command(req, res)
}

func (e *Engine) command(req Request, res *presets.Resolution) string {
	parts := []string{"jsforge", "new", shellQuote(shellPath(req.Dir)), "--preset", res.Preset.Name}
	if req.Name != "" && req.Name != filepath.Base(filepath.Clean(req.Dir)) {
		parts = append(parts, "--name", shellQuote(req.Name))
	}
	for _, o := range res.Preset.Options {
		parts = append(parts, "--"+o.Name, shellQuote(res.Values[o.Name]))
	}
	if !req.Git {
		parts = append(parts, "--no-git")
	}
	if req.Install {
		parts = append(parts, "--install")
	}
	return strings.Join(append(parts, "--yes"), " ")
}

// nextSteps are the commands to run after Generate, from the directory the
// request's Dir is relative to.
func (e *Engine) nextSteps(p *Plan, res *Result) []string {
	var steps []string
	if dir := shellPath(p.Request.Dir); dir != "." {
		steps = append(steps, "cd "+shellQuote(dir))
	}
	pm := packageManager(p.Resolution)
	run := pm.Vars["run"]
	if !res.Installed {
		steps = append(steps, pm.Vars["install"])
		if res.Commit != "" && pm.Vars["lockfile"] != "" {
			steps = append(steps, "git add "+pm.Vars["lockfile"]+" && git commit -m 'Add the lockfile'   # CI and the Dockerfile install from it")
		}
	}
	project := p.Resolution.Preset.Project
	steps = append(steps, run+" "+project.Dev)
	if project.Build {
		steps = append(steps, run+" build && "+run+" start   # production")
	}
	return steps
}

// shellPath is dir as the user wrote it, cleaned, made safe to pass to cd and
// other commands: a leading "-" would read as an option.
func shellPath(dir string) string {
	d := filepath.Clean(dir)
	if strings.HasPrefix(d, "-") {
		d = "." + string(filepath.Separator) + d
	}
	return d
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe characters.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./@~+=:,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
