package scaffold

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/presets"
)

// Project is a generated project found on disk through its .jsforge.yaml:
// what later commands (add resource, update, status) start from.
type Project struct {
	Dir     string            // absolute path of the folder that holds .jsforge.yaml
	Jsforge string            // the jsforge version that generated it
	Preset  string            // preset name
	Name    string            // project name
	Options map[string]string // every option's answer
}

type manifestYAML struct {
	Jsforge string            `yaml:"jsforge"`
	Preset  string            `yaml:"preset"`
	Name    string            `yaml:"name"`
	Options map[string]string `yaml:"options"`
}

// FindProject looks for .jsforge.yaml in dir and then in each folder above it,
// as git looks for .git, and reads the first one it finds.
func FindProject(dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; {
		p, err := ReadProject(d)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return p, err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, usageError("%s is not inside a project made by jsforge (no %s here or in any folder above); run this command in the project's folder, or make one with: jsforge new DIR", abs, ManifestFile)
		}
		d = parent
	}
}

// ReadProject reads dir/.jsforge.yaml. A missing file is an fs.ErrNotExist error.
func ReadProject(dir string) (*Project, error) {
	path := filepath.Join(dir, ManifestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m manifestYAML
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, usageError("%s is not valid YAML (%v); restore it from git: git checkout -- %s", path, err, ManifestFile)
	}
	if m.Preset == "" {
		return nil, usageError("%s names no preset; restore it from git: git checkout -- %s", path, ManifestFile)
	}
	if m.Options == nil {
		m.Options = map[string]string{}
	}
	return &Project{Dir: dir, Jsforge: m.Jsforge, Preset: m.Preset, Name: m.Name, Options: m.Options}, nil
}

// Resolve checks the project's recorded answers against this jsforge's
// presets, as `jsforge new` did when it made the project.
func (e *Engine) Resolve(p *Project) (*presets.Resolution, error) {
	file := filepath.Join(p.Dir, ManifestFile)
	origin := map[string]string{"preset": file}
	for name := range p.Options {
		origin[name] = file
	}
	return e.Registry.Resolve(p.Preset, p.Options, origin)
}
