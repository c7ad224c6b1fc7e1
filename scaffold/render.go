package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/jsforge/jsforge/presets"
)

// File is one rendered file of a project, by its slash-separated path relative to the project root.
type File struct {
	Path string
	Data []byte
}

// Data is what every template sees (documented in docs/presets.md).
type Data struct {
	Name     string
	Preset   string
	Title    string // the preset's title, e.g. "Express"
	Opt      map[string]string
	Is       map[string]bool
	Choice   map[string]map[string]string
	Deps     []presets.Dependency
	DevDeps  []presets.Dependency
	Versions map[string]string
	Project  presets.Project
	Engines  string
	// Secrets are the variables .env and .env.production get fresh random values for.
	Secrets []string
	// SkipInstallScripts lists packages whose install scripts pnpm should not run.
	SkipInstallScripts []string
	// InstallScripts lists packages whose install scripts must run (pnpm runs
	// none it is not told to).
	InstallScripts []string
	// Overrides are versions forced everywhere in the dependency tree.
	Overrides []presets.Dependency
}

const templateSuffix = ".tmpl"

// withInclude binds include to set's partials: it renders one to a string,
// as in Helm, so a template can measure or transform it.
func withInclude(set *template.Template) *template.Template {
	return set.Funcs(template.FuncMap{"include": func(name string, data any) (string, error) {
		var b strings.Builder
		err := set.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}})
}

// source is one file of a layer.
type source struct {
	layer string
	path  string // inside the layer, with the .tmpl suffix if any
}

func (s source) name() string { return s.layer + "/" + s.path }

func (s source) isTemplate() bool { return strings.HasSuffix(s.path, templateSuffix) }

// isPartial reports whether s only defines named templates: a .tmpl file at
// the top of its layer whose name starts with "_". (Deeper down, such names
// are ordinary files, like drizzle-kit's migrations/meta/_journal.json.)
func (s source) isPartial() bool {
	return s.isTemplate() && !strings.Contains(s.path, "/") && strings.HasPrefix(s.path, "_")
}

// render produces the project's files in memory. Template errors name the
// template file and line (templates/<layer>/<file>:<line>).
func render(layersFS fs.FS, layers []string, data Data) (files []File, err error) {
	defer func() {
		// text/template turns most failures into errors, but a method called
		// from a template could still panic; that must not crash the user's run.
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering templates: %v", r)
		}
	}()

	var sources []source
	for _, layer := range layers {
		err := fs.WalkDir(layersFS, layer, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				sources = append(sources, source{layer: layer, path: strings.TrimPrefix(p, layer+"/")})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading template layer %q: %w", layer, err)
		}
	}

	set := withInclude(template.New("").Option("missingkey=error").Funcs(Funcs()))
	defined := map[string]string{} // {{ define }}d name -> the template file that defines it
	for _, s := range sources {
		if s.isPartial() {
			if err := parseInto(set, layersFS, s, defined); err != nil {
				return nil, err
			}
		}
	}

	written := map[string]string{} // output path -> template that produced it
	for _, s := range sources {
		if s.isPartial() {
			continue
		}
		out, err := renderPath(set, s, data)
		if err != nil {
			return nil, err
		}
		if out == "" {
			continue // an optional file that this plan does not want
		}
		if prev, dup := written[out]; dup {
			return nil, fmt.Errorf("templates/%s and templates/%s both write %s; a layer may not redefine another's file", prev, s.name(), out)
		}
		written[out] = s.name()

		content, err := fs.ReadFile(layersFS, path.Join(s.layer, s.path))
		if err != nil {
			return nil, err
		}
		if s.isTemplate() {
			if err := checkDefines(s.name(), string(content), defined); err != nil {
				return nil, err
			}
			t, err := set.New(s.name()).Parse(string(content))
			if err != nil {
				return nil, templateError(err)
			}
			var buf bytes.Buffer
			if err := t.Execute(&buf, data); err != nil {
				return nil, templateError(err)
			}
			content = buf.Bytes()
		}
		files = append(files, File{Path: out, Data: content})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func parseInto(set *template.Template, fsys fs.FS, s source, defined map[string]string) error {
	content, err := fs.ReadFile(fsys, path.Join(s.layer, s.path))
	if err != nil {
		return err
	}
	if err := checkDefines(s.name(), string(content), defined); err != nil {
		return err
	}
	if _, err := set.New(s.name()).Parse(string(content)); err != nil {
		return templateError(err)
	}
	return nil
}

// checkDefines records the names a template file defines ({{ define }} or
// {{ block }}) and refuses one that another file of the plan defined already:
// text/template would silently keep the last, so which text a project gets
// would depend on the order of the layers.
func checkDefines(file, content string, defined map[string]string) error {
	if !strings.Contains(content, "define") && !strings.Contains(content, "block") {
		return nil
	}
	t, err := template.New(file).Funcs(Funcs()).Parse(content)
	if err != nil {
		return templateError(err)
	}
	for _, d := range t.Templates() {
		name := d.Name()
		if name == file {
			continue
		}
		if prev, dup := defined[name]; dup {
			return fmt.Errorf("templates/%s and templates/%s both define %q; rename one", prev, file, name)
		}
		defined[name] = file
	}
	return nil
}

// renderPath renders a source path into the output path. It returns "" when a
// segment renders empty (the file is skipped), and an error when the result
// would leave the project directory.
func renderPath(set *template.Template, s source, data Data) (string, error) {
	p := strings.TrimSuffix(s.path, templateSuffix)
	if strings.Contains(p, "{{") {
		t, err := set.New("path:" + s.name()).Parse(p)
		if err != nil {
			return "", templateError(err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", templateError(err)
		}
		p = buf.String()
	}
	for _, seg := range strings.Split(p, "/") {
		if strings.TrimSpace(seg) == "" {
			return "", nil
		}
	}
	if err := checkRelative(p); err != nil {
		return "", fmt.Errorf("templates/%s: %w", s.name(), err)
	}
	return p, nil
}

// checkRelative rejects a rendered path that is absolute, climbs out of the
// project, or writes into the repository's own git directory.
func checkRelative(p string) error {
	if path.IsAbs(p) || strings.Contains(p, `\`) {
		return fmt.Errorf("rendered path %q is not a relative slash-separated path", p)
	}
	clean := path.Clean(p)
	if clean != p || clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("rendered path %q escapes the project directory", p)
	}
	if clean == ".git" || strings.HasPrefix(clean, ".git/") {
		return fmt.Errorf("rendered path %q would write into the git directory", p)
	}
	return nil
}

// templateError makes text/template's "template: NAME:LINE:COL: msg" read as a file position.
func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if strings.HasPrefix(msg, "path:") {
		return fmt.Errorf("file name templates/%s", strings.TrimPrefix(msg, "path:"))
	}
	return fmt.Errorf("templates/%s", msg)
}
