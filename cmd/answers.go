package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
)

// answers is the content of a --config file: the same keys as the flags of
// `jsforge new` (preset, name, one key per option) plus install and git.
type answers struct {
	preset, name string
	options      map[string]string
	install, git *bool
}

// loadAnswers reads and checks an answers file. Every problem is a usage error
// naming the file and, where there is one, the line.
func loadAnswers(path string, reg *presets.Registry) (*answers, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usererr.New("config file %s does not exist", path)
	}
	if err != nil {
		return nil, usererr.New("reading config file %s: %v", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, usererr.New("config file %s is not valid YAML: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	a := &answers{options: map[string]string{}}
	if len(doc.Content) == 0 {
		return a, nil // an empty file answers nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, usererr.New("%s:%d: expected a mapping of answers such as `preset: express`", path, root.Line)
	}
	known := []string{"preset", "name", "install", "git"}
	for _, o := range reg.Catalog {
		known = append(known, o.Name)
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		at := fmt.Sprintf("%s:%d", path, key.Line)
		if val.Kind != yaml.ScalarNode {
			return nil, usererr.New("%s: %q must be a single value", at, key.Value)
		}
		switch key.Value {
		case "preset":
			a.preset = val.Value
		case "name":
			a.name = val.Value
		case "install", "git":
			var b bool
			if err := val.Decode(&b); err != nil {
				return nil, usererr.New("%s: %q must be true or false, not %q", at, key.Value, val.Value)
			}
			if key.Value == "install" {
				a.install = &b
			} else {
				a.git = &b
			}
		default:
			if _, ok := reg.CatalogOption(key.Value); !ok {
				msg := fmt.Sprintf("%s: unknown key %q", at, key.Value)
				if s := usererr.Suggest(key.Value, known); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				return nil, usererr.New("%s known keys: %s", msg, strings.Join(known, ", "))
			}
			a.options[key.Value] = val.Value
		}
	}
	return a, nil
}

// fill sets what the flags left open; flags win over the file.
func (a *answers) fill(opts *NewOptions) {
	if opts.Preset == "" {
		opts.Preset = a.preset
	}
	if opts.Name == "" {
		opts.Name = a.name
	}
	for k, v := range a.options {
		if _, set := opts.Options[k]; !set {
			opts.Options[k] = v
		}
	}
	if opts.Install == nil {
		opts.Install = a.install
	}
	if a.git != nil && !*a.git {
		opts.NoGit = true
	}
}
