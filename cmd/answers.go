package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/jsforge/jsforge/internal/usererr"
)

// answers is the content of a --config file: the same keys as the flags of
// `jsforge new` (preset, name, one key per option) plus install and git.
type answers struct {
	preset, name string
	options      map[string]string
	install, git *bool
	// origin is "FILE:LINE" for each key, for messages about its value.
	origin map[string]string
}

// loadAnswers reads and checks an answers file; options are the option keys
// jsforge knows. Every problem is a usage error naming the file and the line.
func loadAnswers(path string, options []string) (*answers, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usererr.New("answers file %s does not exist", path)
	}
	if err != nil {
		return nil, usererr.New("reading answers file %s: %v", path, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlError(data, err)
		if line > 0 {
			return nil, usererr.New("%s:%d: not valid YAML: %s", path, line, msg)
		}
		return nil, usererr.New("%s: not valid YAML: %s", path, msg)
	}
	a := &answers{options: map[string]string{}, origin: map[string]string{}}
	if len(doc.Content) == 0 {
		return a, nil // an empty file answers nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, usererr.New("%s:%d: expected a mapping of answers such as `preset: express`", path, root.Line)
	}
	known := append([]string{"preset", "name", "install", "git"}, options...)
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		at := fmt.Sprintf("%s:%d", path, key.Line)
		if prev, dup := a.origin[key.Value]; dup {
			return nil, usererr.New("%s: %q is given twice (first at %s); keep one", at, key.Value, prev)
		}
		if !contains(known, key.Value) {
			msg := fmt.Sprintf("%s: unknown key %q", at, key.Value)
			if s := usererr.Suggest(key.Value, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, usererr.New("%s; known keys: %s", msg, strings.Join(known, ", "))
		}
		if val.Kind != yaml.ScalarNode {
			return nil, usererr.New("%s: %q must be a single value", at, key.Value)
		}
		a.origin[key.Value] = at
		switch key.Value {
		case "preset":
			a.preset = val.Value
		case "name":
			a.name = val.Value
		case "install", "git":
			var b bool
			if err := val.Decode(&b); err != nil || val.Tag != "!!bool" {
				return nil, usererr.New("%s: %q must be true or false, not %q", at, key.Value, val.Value)
			}
			if key.Value == "install" {
				a.install = &b
			} else {
				a.git = &b
			}
		default:
			a.options[key.Value] = val.Value
		}
	}
	return a, nil
}

// (Regular expressions are compiled when first used, not by every run at start-up.)
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:yaml: )?(?:line \d+: )?`) })

// yamlError finds the line of a YAML syntax error, and its message. The YAML
// library names the line where the enclosing construct began (often the line
// before the mistake) or none; the first line at which the file, read up to
// there, stops parsing is where the mistake is.
func yamlError(data []byte, err error) (int, string) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	end := 0
	for i, l := range lines {
		end += len(l)
		var n yaml.Node
		if e := yaml.Unmarshal(data[:end], &n); e != nil {
			return i + 1, yamlLine().ReplaceAllString(e.Error(), "")
		}
	}
	return 0, yamlLine().ReplaceAllString(err.Error(), "")
}

// fill sets what the flags left open (flags win over the file), with the
// file position of each answer it takes, for messages.
func (a *answers) fill(opts *NewOptions) {
	take := func(key string) { opts.Origin[key] = a.origin[key] }
	if opts.Preset == "" && a.preset != "" {
		opts.Preset = a.preset
		take("preset")
	}
	if opts.Name == "" && a.name != "" {
		opts.Name = a.name
		take("name")
	}
	for k, v := range a.options {
		if _, set := opts.Options[k]; !set {
			opts.Options[k] = v
			take(k)
		}
	}
	if opts.Install == nil {
		opts.Install = a.install
	}
	if a.git != nil && !*a.git {
		opts.NoGit = true
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
