package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/jsforge/jsforge/internal/templatecache"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/templates"
)

// File is one rendered file of a project, by its slash-separated path relative to the project root.
type File struct {
	Path string
	Data []byte
}

// Data is what every template sees (documented in docs/presets.md).
type Data struct {
	Name   string
	Preset string
	Title  string // the preset's title, e.g. "Express"
	// Verification is how far jsforge's tests verify the preset (the manifest's
	// verification, its label and note), for the generated README to say.
	Verification Verification
	Opt          map[string]string
	Is           map[string]bool
	Choice       map[string]map[string]string
	Deps         []presets.Dependency
	DevDeps      []presets.Dependency
	Versions     map[string]string
	Project      presets.Project
	Node         string // the Node.js release the project runs on ("24.21.0")
	Engines      string
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

// Verification is a preset's verification level: Level is full or preview,
// Label its human label, Note (for a preview) what is and is not verified.
type Verification struct {
	Level, Label, Note string
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
	path  string      // inside the layer, with the .tmpl suffix if any
	entry fs.DirEntry // its entry in the layers' file system
}

func (s source) name() string { return s.layer + "/" + s.path }

// read returns the contents of s, in place where it can (templates.ReadEntry).
func (s source) read(layersFS fs.FS) (string, error) {
	return templates.ReadEntry(layersFS, path.Join(s.layer, s.path), s.entry)
}

func (s source) isTemplate() bool { return strings.HasSuffix(s.path, templateSuffix) }

// isPartial reports whether s only defines named templates: a .tmpl file at
// the top of its layer whose name starts with "_". (Deeper down, such names
// are ordinary files, like drizzle-kit's migrations/meta/_journal.json.)
func (s source) isPartial() bool {
	return s.isTemplate() && !strings.Contains(s.path, "/") && strings.HasPrefix(s.path, "_") && s.path != editsFile
}

// resourceDir is the folder of a layer that `jsforge add resource` renders
// and `jsforge new` skips (docs/resources.md).
const resourceDir = "_resource"

// editsFile, at the top of a layer's resourceDir, lists the changes to
// existing files that adding a resource makes.
const editsFile = "_edits.yaml.tmpl"

// render produces the project's files in memory. Template errors name the
// template file and line (templates/<layer>/<file>:<line>).
func render(layersFS fs.FS, layers []string, data Data) ([]File, error) {
	files, _, err := renderLayers(layersFS, layers, nil, data)
	return files, err
}

// renderLayers renders the files of layers, with the partials of
// partialLayers too (a resource's templates use their layer's partials). The
// rendered edits files come back apart, each under its layer's name.
//
// It renders from the trees stored when jsforge was built where it can
// (internal/templatecache). Those trees know no line numbers, so when
// anything fails it renders again from the templates' text, for an error
// that names the line.
func renderLayers(layersFS fs.FS, layers, partialLayers []string, data any) (files, edits []File, err error) {
	files, edits, err = renderWith(newRenderer(data, true), layersFS, layers, partialLayers)
	if err != nil {
		return renderWith(newRenderer(data, false), layersFS, layers, partialLayers)
	}
	return files, edits, nil
}

func renderWith(r *renderer, layersFS fs.FS, layers, partialLayers []string) (files, edits []File, err error) {
	data := r.data
	defer func() {
		// text/template turns most failures into errors, but a method called
		// from a template could still panic; that must not crash the user's run.
		if r := recover(); r != nil {
			err = fmt.Errorf("rendering templates: %v", r)
		}
	}()

	var sources, partials []source
	for _, layer := range layers {
		err := fs.WalkDir(layersFS, layer, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p == layer+"/"+resourceDir {
				return fs.SkipDir
			}
			if !d.IsDir() {
				sources = append(sources, source{layer: layer, path: strings.TrimPrefix(p, layer+"/"), entry: d})
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("reading template layer %q: %w", layer, err)
		}
	}
	for _, layer := range partialLayers {
		entries, err := fs.ReadDir(layersFS, layer)
		if err != nil {
			return nil, nil, fmt.Errorf("reading template layer %q: %w", layer, err)
		}
		for _, e := range entries {
			if s := (source{layer: layer, path: e.Name(), entry: e}); !e.IsDir() && s.isPartial() {
				partials = append(partials, s)
			}
		}
	}

	for _, s := range append(partials, sources...) {
		if s.isPartial() {
			content, err := s.read(layersFS)
			if err != nil {
				return nil, nil, err
			}
			if _, err := r.parse(s.name(), content); err != nil {
				return nil, nil, err
			}
		}
	}

	r.parseNames(sources)
	outs := make([]string, len(sources)) // output path of each source; "" for none
	for i, s := range sources {
		if s.isPartial() || s.path == editsFile {
			continue
		}
		if outs[i], err = r.path(s); err != nil {
			return nil, nil, err
		}
	}
	var replaces []string // project.replaces, when rendering a project (not a resource)
	if d, ok := data.(Data); ok {
		replaces = d.Project.Replaces
	}
	replaced, err := replacedSources(sources, outs, replaces)
	if err != nil {
		return nil, nil, err
	}

	written := map[string]string{} // output path -> template that produced it
	for i, s := range sources {
		if s.isPartial() {
			continue
		}
		if s.path == editsFile {
			content, err := r.execute(layersFS, s)
			if err != nil {
				return nil, nil, err
			}
			edits = append(edits, File{Path: s.layer, Data: content})
			continue
		}
		out := outs[i]
		if out == "" || replaced[i] {
			continue // an optional file that this plan does not want, or one the preset replaces
		}
		if prev, dup := written[out]; dup {
			return nil, nil, fmt.Errorf("templates/%s and templates/%s both write %s; a layer may not redefine another's file", prev, s.name(), out)
		}
		written[out] = s.name()

		content, err := r.execute(layersFS, s)
		if err != nil {
			return nil, nil, err
		}
		files = append(files, File{Path: out, Data: content})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, edits, nil
}

// execute returns the content of source s: rendered when it is a template.
func (r *renderer) execute(layersFS fs.FS, s source) ([]byte, error) {
	if !s.isTemplate() {
		return fs.ReadFile(layersFS, path.Join(s.layer, s.path))
	}
	content, err := s.read(layersFS)
	if err != nil {
		return nil, err
	}
	t, err := r.parse(s.name(), content)
	if err != nil {
		return nil, err
	}
	buf := r.out.buffer(len(content) + len(content)/4)
	if err := t.Execute(buf, r.data); err != nil {
		return nil, templateError(err)
	}
	return r.out.keep(buf), nil
}

// outputArena hands out the buffers files are rendered into from shared
// chunks. A buffer per file, sized by a guess and doubled when the guess was
// short, touched about twice as much fresh memory as the files hold; on a
// virtual machine each fresh page costs a fault of several microseconds,
// the largest cost of a `jsforge new` run after the process start itself.
type outputArena struct {
	free []byte // the unused end of the current chunk, with length 0
}

const arenaChunk = 64 << 10

// buffer returns an empty buffer over the free space, which it makes sure
// has room for at least size bytes.
func (a *outputArena) buffer(size int) *bytes.Buffer {
	if cap(a.free) < size {
		a.free = make([]byte, 0, max(arenaChunk, size))
	}
	return bytes.NewBuffer(a.free)
}

// keep returns what was rendered into buf, and takes its bytes out of the
// free space (unless buf outgrew it and moved to memory of its own).
func (a *outputArena) keep(buf *bytes.Buffer) []byte {
	data := buf.Bytes()
	if cap(data) == cap(a.free) { // still in the chunk
		a.free = a.free[len(data):len(data)]
	}
	return data[:len(data):len(data)]
}

// replacedSources marks the sources whose output a later layer writes
// instead, for the paths the preset's project.replaces names; each of those
// must be written by two layers at least, so a stale or misspelt entry fails.
func replacedSources(sources []source, outs []string, replaces []string) (map[int]bool, error) {
	replaced := map[int]bool{}
	for _, path := range replaces {
		var by []int // the sources writing path, in layer order
		for i, out := range outs {
			if out == path {
				by = append(by, i)
			}
		}
		if len(by) < 2 {
			names := []string{}
			for _, i := range by {
				names = append(names, "templates/"+sources[i].name())
			}
			return nil, fmt.Errorf("project.replaces names %s, but a shared layer's file and the preset's own do not both write it (written by: %s)", path, strings.Join(append(names, "")[:max(len(names), 1)], ", "))
		}
		for _, i := range by[:len(by)-1] {
			replaced[i] = true
		}
	}
	return replaced, nil
}

// renderer parses every template of a plan into one set, so that each can
// call the partials (template, include), and renders file names.
type renderer struct {
	set      *template.Template
	data     any
	stored   bool // use the trees stored at build time where they match
	parsed   int  // templates and file-name segments parsed from their text (tests: none when stored)
	funcs    map[string]any
	defined  map[string]string      // {{ define }}d name -> the template file that defines it
	segments map[string]string      // a file-name segment that is a template -> what it renders to
	names    map[string]*parse.Tree // a file-name segment -> its parse, from parseNames
	out      outputArena
}

func newRenderer(data any, stored bool) *renderer {
	r := &renderer{
		set:      withInclude(template.New("").Option("missingkey=error").Funcs(Funcs())),
		data:     data,
		stored:   stored,
		funcs:    map[string]any{},
		defined:  map[string]string{},
		segments: map[string]string{},
		names:    map[string]*parse.Tree{},
	}
	for name, fn := range Funcs() {
		r.funcs[name] = fn
	}
	return r
}

// builtinNames are text/template's own functions, for the parser's check
// that a template calls only functions that exist.
var builtinNames = map[string]any{}

func init() {
	for _, name := range strings.Fields("and call html index slice js len not or print printf println urlquery eq ge gt le lt ne") {
		builtinNames[name] = func() {}
	}
}

// parse parses one template file into the set, once: the names it defines
// ({{ define }}, {{ block }}) must not be defined by another file of the plan
// (text/template would silently keep the last, so which text a project gets
// would depend on the order of the layers).
//
// (It calls the parser itself, as Template.Parse does, so that the functions
// are not copied into a new map for every file.)
func (r *renderer) parse(file, content string) (*template.Template, error) {
	trees, ok := r.storedTrees(file, content)
	if !ok {
		r.parsed++
		var err error
		if trees, err = parse.Parse(file, content, "", "", r.funcs, builtinNames); err != nil {
			return nil, templateError(err)
		}
	}
	for name := range trees {
		if name == file {
			continue
		}
		if prev, dup := r.defined[name]; dup {
			return nil, fmt.Errorf("templates/%s and templates/%s both define %q; rename one", prev, file, name)
		}
		r.defined[name] = file
	}
	for name, tree := range trees {
		if _, err := r.set.AddParseTree(name, tree); err != nil {
			return nil, templateError(err)
		}
	}
	t := r.set.Lookup(file)
	if t == nil { // a file holding nothing at all
		return r.set.New(file).Parse("")
	}
	return t, nil
}

// storedTrees returns the trees stored for the template name at build time,
// if the renderer uses them and they were made from this content.
func (r *renderer) storedTrees(name, content string) (map[string]*parse.Tree, bool) {
	if !r.stored {
		return nil, false
	}
	return templatecache.Trees(name, content)
}

// path renders a source path into the output path. It returns "" when a
// segment renders empty (the file is skipped), and an error when the result
// would leave the project directory. Each segment that is a template (such as
// {{if .Is.orm_drizzle}}migrations{{end}}, shared by every file below it) is
// rendered once.
func (r *renderer) path(s source) (string, error) {
	p := strings.TrimSuffix(s.path, templateSuffix)
	if strings.Contains(p, "{{") {
		rendered, err := r.renderSegments(s, p)
		if err != nil {
			return "", err
		}
		p = rendered
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

func (r *renderer) renderSegments(s source, p string) (string, error) {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if !strings.Contains(seg, "{{") {
			continue
		}
		out, ok := r.segments[seg]
		if !ok {
			var err error
			if out, err = r.renderName(s, seg); err != nil {
				// An action that spans segments ({{if …}}a/b{{end}}): the path whole.
				return r.renderName(s, p)
			}
			r.segments[seg] = out
		}
		segs[i] = out
	}
	return strings.Join(segs, "/"), nil
}

// parseNames parses every distinct file-name segment of sources that is a
// template and has no stored trees, in one pass: a parse of its own for each
// cost more than rendering them all. A segment is kept only if its tree
// prints back as the segment itself (spaces aside), so one that is not a
// whole template alone (an action spanning segments) is parsed on its own by
// renderName, which reports it.
func (r *renderer) parseNames(sources []source) {
	var text strings.Builder
	var segs []string
	for _, s := range sources {
		for seg := range strings.SplitSeq(strings.TrimSuffix(s.path, templateSuffix), "/") {
			if !strings.Contains(seg, "{{") || r.names[seg] != nil || slices.Contains(segs, seg) {
				continue
			}
			if trees, ok := r.storedTrees(seg, seg); ok && len(trees) == 1 && trees[seg] != nil {
				r.names[seg] = trees[seg]
				continue
			}
			fmt.Fprintf(&text, "{{define \"%d\"}}%s{{end}}", len(segs), seg)
			segs = append(segs, seg)
			r.parsed++
		}
	}
	if len(segs) == 0 {
		return
	}
	trees, err := parse.Parse("file names", text.String(), "", "", r.funcs, builtinNames)
	if err != nil {
		return
	}
	for i, seg := range segs {
		if t := trees[strconv.Itoa(i)]; t != nil && withoutSpaces(t.Root.String()) == withoutSpaces(seg) {
			r.names[seg] = t
		}
	}
}

// withoutSpaces is s without its spaces, which a tree does not print back
// as written ({{ .Name }} prints as {{.Name}}).
func withoutSpaces(s string) string { return strings.ReplaceAll(s, " ", "") }

// renderName renders a file name (or a segment of one) of source s.
func (r *renderer) renderName(s source, name string) (string, error) {
	tree, ok := r.names[name]
	if !ok {
		trees, err := parse.Parse("path:"+s.name(), name, "", "", r.funcs, builtinNames)
		if err != nil {
			return "", templateError(err)
		}
		if len(trees) != 1 {
			return "", fmt.Errorf("file name templates/%s: a name may not define templates", s.name())
		}
		tree = trees["path:"+s.name()]
	}
	t, err := r.set.AddParseTree("path:"+s.name(), tree)
	if err != nil {
		return "", templateError(err)
	}
	var b strings.Builder
	if err := t.Execute(&b, r.data); err != nil {
		return "", templateError(err)
	}
	return b.String(), nil
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
