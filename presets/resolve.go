package presets

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jsforge/jsforge/internal/usererr"
)

// Dependency is an npm package at its pinned version.
type Dependency struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Resolution is a preset with every option decided: the answers are valid, the
// defaults filled in, and the layers and dependencies fixed.
type Resolution struct {
	Preset             *Preset
	Values             map[string]string // option name -> chosen value, for every option of the preset
	Layers             []string
	Dependencies       []Dependency
	DevDependencies    []Dependency
	SkipInstallScripts []string
	InstallScripts     []string
	Overrides          []Dependency
}

// Choice returns the chosen value of an option with its catalog data (the zero
// Choice when the preset has no such option).
func (r *Resolution) Choice(option string) Choice {
	opt, _ := r.Preset.Option(option)
	c, _ := opt.Choice(r.Values[option])
	return c
}

// Resolve validates the answers for a preset and fills in defaults. Answers for
// options the preset does not offer, and values outside an option's choices,
// are usage errors naming the option and its allowed values.
//
// origin says where an answer came from when that was a file, by key ("db",
// or "preset" for the preset itself): "answers.yaml:3". An error about that
// answer starts with it and names the key as written there; an answer with no
// origin is named as the flag that takes it (--db).
func (r *Registry) Resolve(preset string, answers map[string]string, origin map[string]string) (*Resolution, error) {
	p, err := r.preset(preset)
	if err != nil {
		return nil, err // a manifest that does not load (the tests catch that before a release)
	}
	if p == nil {
		return nil, usererr.New("%s%v", at(origin, "preset"), usererr.Unknown("preset", preset, r.Names()))
	}
	names := make([]string, 0, len(answers))
	for name := range answers {
		names = append(names, name)
	}
	sort.Strings(names) // the same error for the same input
	for _, name := range names {
		value := answers[name]
		opt, ok := p.Option(name)
		if !ok {
			if _, known := r.CatalogOption(name); known {
				return nil, usererr.New("%spreset %s has no option %s (its options: %s)", at(origin, name), preset, subject(origin, name), optionNames(p))
			}
			return nil, usererr.New("%sunknown option %s (preset %s has: %s)", at(origin, name), subject(origin, name), preset, optionNames(p))
		}
		if _, ok := opt.Choice(value); !ok {
			msg := fmt.Sprintf("%s%s %q is not offered by preset %s", at(origin, name), subject(origin, name), value, preset)
			if s := usererr.Suggest(value, opt.Values()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, usererr.New("%s; available: %s", msg, strings.Join(opt.Values(), ", "))
		}
	}
	res := &Resolution{Preset: p, Values: map[string]string{}}
	for _, opt := range p.Options {
		v, ok := answers[opt.Name]
		if !ok {
			v = opt.Default
		}
		res.Values[opt.Name] = v
	}
	res.Layers = matching(p.Layers, res.Values)
	res.Dependencies = r.pick(p.Dependencies, res.Values)
	res.DevDependencies = r.pick(p.DevDependencies, res.Values)
	res.SkipInstallScripts = matching(p.SkipInstallScripts, res.Values)
	res.InstallScripts = matching(p.InstallScripts, res.Values)
	res.Overrides = r.pick(p.Overrides, res.Values)
	return res, nil
}

// at is the "file:line: " prefix of an answer that came from a file, else "".
func at(origin map[string]string, key string) string {
	if o := origin[key]; o != "" {
		return o + ": "
	}
	return ""
}

// subject names an answer as its source wrote it: the key in a file, the flag otherwise.
func subject(origin map[string]string, key string) string {
	if origin[key] != "" {
		return key
	}
	return "--" + key
}

// RoleChoice returns the chosen value of the option with the given role and
// its catalog data; ok is false when the preset has no such option.
func (r *Resolution) RoleChoice(role string) (Choice, bool) {
	for _, o := range r.Preset.Options {
		if o.Role == role {
			c, ok := o.Choice(r.Values[o.Name])
			return c, ok
		}
	}
	return Choice{}, false
}

// matching names the entries whose conditions the answers meet, in manifest order.
func matching(entries []Entry, values map[string]string) []string {
	var out []string
	for _, e := range entries {
		if e.When.Matches(values) {
			out = append(out, e.Name)
		}
	}
	return out
}

// pick is matching with each package's pinned version, sorted by name.
func (r *Registry) pick(entries []Entry, values map[string]string) []Dependency {
	var out []Dependency
	for _, e := range entries {
		if e.When.Matches(values) {
			out = append(out, Dependency{Name: e.Name, Version: r.Versions[e.VersionKey()]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func optionNames(p *Preset) string {
	names := make([]string, len(p.Options))
	for i, o := range p.Options {
		names[i] = o.Name
	}
	return strings.Join(names, ", ")
}

// Combinations lists every combination of the preset's option values, in
// manifest order, for tests that must cover them all.
func (p *Preset) Combinations() []map[string]string {
	out := []map[string]string{{}}
	for _, o := range p.Options {
		var next []map[string]string
		for _, c := range out {
			for _, v := range o.Values() {
				n := map[string]string{o.Name: v}
				for k, val := range c {
					n[k] = val
				}
				next = append(next, n)
			}
		}
		out = next
	}
	return out
}
