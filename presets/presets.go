// Package presets loads the preset manifests, the option catalog and the pinned
// versions embedded in this folder, and resolves a user's answers against them.
//
// Everything that varies by preset is data here; flags, prompts, completion,
// `jsforge presets show` and the tests all read the same Registry.
package presets

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// compiled.go holds the YAML of this folder as Go values (compile.go): what
// a run of jsforge reads.
//
//go:generate go run compile_main.go

// Choice is one allowed value of an option.
type Choice struct {
	Value       string            `yaml:"value" json:"value,omitempty"`
	Description string            `yaml:"description" json:"description,omitempty"`
	Vars        map[string]string `yaml:"vars" json:"vars,omitempty"`
}

// Option is a catalog entry: a question with a fixed set of answers.
type Option struct {
	Name    string   `yaml:"name" json:"name,omitempty"`
	Title   string   `yaml:"title" json:"title,omitempty"`
	Default string   `yaml:"default" json:"default,omitempty"`
	Choices []Choice `yaml:"choices" json:"choices,omitempty"`
	// Role says what the engine itself does with the option, so that no Go
	// code depends on its name (see the Role constants).
	Role string `yaml:"role" json:"role,omitempty"`
}

// RolePackageManager marks the option that picks the package manager. Each of
// its choices must say, in vars, how to install (install: "npm install"), how
// to run a script (run: "npm run") and which lockfile the install writes.
const RolePackageManager = "package-manager"

// roleVars are the vars each choice of an option with that role must set.
var roleVars = map[string][]string{RolePackageManager: {"install", "run", "lockfile"}}

// Values lists the option's choice values in catalog order.
func (o Option) Values() []string {
	out := make([]string, len(o.Choices))
	for i, c := range o.Choices {
		out[i] = c.Value
	}
	return out
}

// Choice returns the choice with the given value.
func (o Option) Choice(value string) (Choice, bool) {
	for _, c := range o.Choices {
		if c.Value == value {
			return c, true
		}
	}
	return Choice{}, false
}

// When is a condition on answers: every option named must have one of the listed values.
type When map[string]StringList

// Matches reports whether the resolved option values satisfy the condition.
func (w When) Matches(values map[string]string) bool {
	for name, allowed := range w {
		if !slices.Contains(allowed, values[name]) {
			return false
		}
	}
	return true
}

// StringList accepts either a single YAML scalar or a sequence of scalars.
type StringList []string

func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = StringList{n.Value}
		return nil
	}
	var many []string
	if err := n.Decode(&many); err != nil {
		return err
	}
	*l = many
	return nil
}

// Entry is a named item (a layer or a dependency) that may apply only when a condition holds.
// In YAML it is either a plain name or {name: …, when: {…}}.
type Entry struct {
	Name string `yaml:"name" json:"name,omitempty"`
	When When   `yaml:"when" json:"when,omitempty"`
	// Pin names the versions.yaml key of a dependency pinned apart from the
	// package's usual version ("eslint@8" for a framework whose shared
	// configuration needs ESLint 8); empty means the package name.
	Pin string `yaml:"pin" json:"pin,omitempty"`
}

// VersionKey is the versions.yaml key that pins the entry's version.
func (e Entry) VersionKey() string {
	if e.Pin != "" {
		return e.Pin
	}
	return e.Name
}

func (e *Entry) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Name = n.Value
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k != "name" && k != "when" && k != "pin" {
			return fmt.Errorf("line %d: unknown key %q (want name, when, pin)", n.Content[i].Line, k)
		}
	}
	type plain Entry
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*e = Entry(p)
	return nil
}

// OptionUse is how a preset offers a catalog option: optionally narrowed choices and its own default.
type OptionUse struct {
	Name    string   `yaml:"name" json:"name,omitempty"`
	Choices []string `yaml:"choices" json:"choices,omitempty"`
	Default string   `yaml:"default" json:"default,omitempty"`
}

// Project describes how the generated project runs, for the shared layers and the end-to-end test.
type Project struct {
	Entry string `yaml:"entry" json:"entry"` // what production runs: node <entry>
	Build bool   `yaml:"build" json:"build"` // `npm run build` must run before start
	// Output is the folder `npm run build` writes, which production runs
	// from: "dist" unless the framework builds elsewhere (AdonisJS: build).
	Output string `yaml:"output" json:"output,omitempty"`
	// Ignore lists more paths for .gitignore: files the framework's own
	// tools write while developing (AdonisJS: .adonisjs/, its generated types).
	Ignore []string `yaml:"ignore" json:"ignore,omitempty"`
	// Dev is the package.json script that starts the server and reloads it on
	// change: "dev" unless the framework has its own name for it (start:dev).
	Dev string `yaml:"dev" json:"dev"`
	// Migrate is the command that applies the pending migrations inside the
	// production image (working directory /app, production dependencies only):
	// the release step the README's Deploy section runs before the server starts.
	Migrate string `yaml:"migrate" json:"migrate"`
	// MaxPackages and MaxMegabytes are the install footprint the end-to-end test
	// holds npm installs of the preset to: packages (`npm ls --all --parseable | wc -l`)
	// and node_modules on disk in MiB (`du -sm`). 0 means unchecked.
	MaxPackages  int `yaml:"maxPackages" json:"maxPackages,omitempty"`
	MaxMegabytes int `yaml:"maxMegabytes" json:"maxMegabytes,omitempty"`
	// Replaces lists files of the shared layers (_base) that this preset's own
	// layers write instead, for a framework that builds, tests or deploys with
	// its own tool (Meteor: `meteor build`, `meteor test`): the last layer
	// writing such a path wins. Every other file a second layer writes is an error.
	Replaces []string `yaml:"replaces" json:"replaces,omitempty"`
	// Node is the versions.yaml key of the Node.js release the project runs
	// on, when it is not the one every other preset is verified on ("node"):
	// a framework that brings its own (Meteor).
	Node string `yaml:"node" json:"node,omitempty"`
}

// NodeKey is the versions.yaml key of the Node.js release the project runs on.
func (p Project) NodeKey() string {
	if p.Node != "" {
		return p.Node
	}
	return "node"
}

// Verification levels: how far a preset is verified on jsforge's build machines.
const (
	// VerifiedFull: installed, tested, run, and its image built and run.
	VerifiedFull = "full"
	// VerifiedPreview: rendered, linted and unit-tested, but its framework's
	// own toolchain does not run on our build machines.
	VerifiedPreview = "preview"
)

// verificationLabels are the human labels of the verification levels.
var verificationLabels = map[string]string{
	VerifiedFull:    "full: installed, tested and run on our build machines",
	VerifiedPreview: "preview: not run on our build machines",
}

// VerificationLabel is the human label of the preset's verification level.
func (m Manifest) VerificationLabel() string { return verificationLabels[m.Verification] }

// Manifest is one preset, as written in presets/<name>.yaml.
type Manifest struct {
	Name string `yaml:"name" json:"name,omitempty"`
	// Default marks the preset offered first when jsforge asks which preset
	// to use; at most one manifest sets it.
	Default     bool   `yaml:"default" json:"default,omitempty"`
	Title       string `yaml:"title" json:"title,omitempty"`
	Description string `yaml:"description" json:"description,omitempty"`
	// Verification says how far jsforge's own tests verify the preset:
	// full or preview (see the Verified constants); every listing shows it.
	Verification string `yaml:"verification" json:"verification,omitempty"`
	// VerificationNote says, for a preview, what is verified and what is not.
	VerificationNote string      `yaml:"verificationNote" json:"verificationNote,omitempty"`
	Layers           []Entry     `yaml:"layers" json:"layers,omitempty"`
	Options          []OptionUse `yaml:"options" json:"options,omitempty"`
	Project          Project     `yaml:"project" json:"project,omitempty"`
	Secrets          []string    `yaml:"secrets" json:"secrets,omitempty"`
	// ReservedNames are the names (as a model class, e.g. Response) that a
	// resource added with `jsforge add resource` may not take in this preset:
	// they are what its resource files import, so the code would not compile.
	ReservedNames   []string `yaml:"reservedNames" json:"reservedNames,omitempty"`
	Dependencies    []Entry  `yaml:"dependencies" json:"dependencies,omitempty"`
	DevDependencies []Entry  `yaml:"devDependencies" json:"devDependencies,omitempty"`
	// SkipInstallScripts names packages in the dependency tree whose install
	// scripts are not needed (their binaries come prebuilt). pnpm refuses to
	// install while any such script is neither allowed nor skipped; npm 11
	// warns about it, and npm 12 will block it.
	SkipInstallScripts []Entry `yaml:"skipInstallScripts" json:"skipInstallScripts,omitempty"`
	// InstallScripts names packages in the dependency tree whose install
	// scripts must run (a native module built from source). pnpm runs none
	// unless it is allowed.
	InstallScripts []Entry `yaml:"installScripts" json:"installScripts,omitempty"`
	// Overrides names packages whose version is forced, at the one pinned in
	// versions.yaml, everywhere in the dependency tree (npm overrides, pnpm
	// overrides, yarn resolutions): for a dependency whose own range no longer
	// works on the Node.js release the presets target.
	Overrides []Entry `yaml:"overrides" json:"overrides,omitempty"`
}

// Preset is a manifest joined with the catalog: its options are complete, narrowed Options.
type Preset struct {
	Manifest
	Options []Option
}

// Option returns the preset's option by name.
func (p *Preset) Option(name string) (Option, bool) {
	for _, o := range p.Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// Registry holds every preset, the option catalog and the pinned versions.
//
// The catalog and the versions are read at once; a preset's manifest when it
// is first asked for, so that a run about one preset does not parse them all
// (Load reads and checks every one up front; the tests use it).
type Registry struct {
	Catalog  []Option
	Versions map[string]string

	fsys  fs.FS    // the YAML files; nil for the compiled registry (Open)
	names []string // preset names, from the manifests' file names, sorted

	mu      sync.Mutex
	presets map[string]*Preset
	errs    map[string]error // manifests that did not load
}

// Load reads the embedded manifests and checks all of them, so a broken
// manifest fails the unit tests rather than a user's run.
func Load() (*Registry, error) {
	return LoadFS(files)
}

// Open returns the registry compiled into jsforge (compiled.go, made from the
// YAML and held to it by the tests): nothing is read or decoded, and a
// manifest is joined with the catalog when first used.
func Open() (*Registry, error) {
	r := newRegistry(nil)
	r.Catalog, r.Versions, r.names = compiledCatalog(), compiledVersions(), slices.Clone(compiledNames)
	if err := checkRoles(r.Catalog); err != nil {
		return nil, err
	}
	return r, nil
}

// LoadFS reads options.yaml, versions.yaml and every other *.yaml as a
// manifest from fsys, and checks them all.
func LoadFS(fsys fs.FS) (*Registry, error) {
	r, err := OpenFS(fsys)
	if err != nil {
		return nil, err
	}
	defaults := []string{}
	for _, name := range r.names {
		p, err := r.preset(name)
		if err != nil {
			return nil, err
		}
		if p.Default {
			defaults = append(defaults, name)
		}
	}
	if len(defaults) > 1 {
		return nil, fmt.Errorf("presets: %s all say default: true; one preset at most is the default", strings.Join(defaults, ", "))
	}
	return r, nil
}

// OpenFS reads options.yaml and versions.yaml from fsys and lists the other
// *.yaml files as manifests, to be read when first used.
func OpenFS(fsys fs.FS) (*Registry, error) {
	r := newRegistry(fsys)
	if err := readYAML(fsys, "options.yaml", &r.Catalog); err != nil {
		return nil, err
	}
	if err := checkRoles(r.Catalog); err != nil {
		return nil, err
	}
	if err := readYAML(fsys, "versions.yaml", &r.Versions); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		if name := strings.TrimSuffix(file, ".yaml"); name != "options" && name != "versions" {
			r.names = append(r.names, name)
		}
	}
	sort.Strings(r.names)
	return r, nil
}

func newRegistry(fsys fs.FS) *Registry {
	return &Registry{fsys: fsys, presets: map[string]*Preset{}, errs: map[string]error{}}
}

// preset reads and joins a manifest the first time it is asked for; nil, nil
// for a name that has no manifest.
func (r *Registry) preset(name string) (*Preset, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.presets[name]; ok {
		return p, nil
	}
	if err, ok := r.errs[name]; ok {
		return nil, err
	}
	if _, ok := slices.BinarySearch(r.names, name); !ok {
		return nil, nil
	}
	p, err := r.readManifest(name)
	if err != nil {
		r.errs[name] = err
		return nil, err
	}
	r.presets[name] = p
	return p, nil
}

func (r *Registry) readManifest(name string) (*Preset, error) {
	var m Manifest
	if r.fsys == nil {
		m, _ = compiledManifest(name)
	} else if err := readYAML(r.fsys, name+".yaml", &m); err != nil {
		return nil, err
	}
	if m.Name != name {
		return nil, fmt.Errorf("presets/%s.yaml: name is %q, want %q (the file name)", name, m.Name, name)
	}
	p, err := r.join(m)
	if err != nil {
		return nil, fmt.Errorf("presets/%s.yaml: %w", name, err)
	}
	return p, nil
}

// checkRoles makes sure every role is held by one option at most, and that
// its choices carry the vars the engine reads.
func checkRoles(catalog []Option) error {
	held := map[string]string{}
	for _, o := range catalog {
		if o.Role == "" {
			continue
		}
		if _, known := roleVars[o.Role]; !known {
			return fmt.Errorf("presets/options.yaml: option %q: unknown role %q", o.Name, o.Role)
		}
		if prev, dup := held[o.Role]; dup {
			return fmt.Errorf("presets/options.yaml: options %q and %q both have role %q", prev, o.Name, o.Role)
		}
		held[o.Role] = o.Name
		for _, c := range o.Choices {
			for _, v := range roleVars[o.Role] {
				if c.Vars[v] == "" {
					return fmt.Errorf("presets/options.yaml: option %q (role %s): choice %q has no %s in vars", o.Name, o.Role, c.Value, v)
				}
			}
		}
	}
	return nil
}

// Role returns the catalog option that has the given role.
func (r *Registry) Role(role string) (Option, bool) {
	for _, o := range r.Catalog {
		if o.Role == role {
			return o, true
		}
	}
	return Option{}, false
}

// Default names the preset to offer first: the manifest marked default, else
// the first by name.
func (r *Registry) Default() string {
	for _, p := range r.All() {
		if p.Default {
			return p.Name
		}
	}
	if len(r.names) > 0 {
		return r.names[0]
	}
	return ""
}

func (r *Registry) join(m Manifest) (*Preset, error) {
	p := &Preset{Manifest: m}
	if p.Project.Dev == "" {
		p.Project.Dev = "dev"
	}
	if p.Project.Output == "" {
		p.Project.Output = "dist"
	}
	if _, ok := verificationLabels[p.Verification]; !ok {
		return nil, fmt.Errorf("verification is %q: say full or preview (how far jsforge's tests verify the preset)", p.Verification)
	}
	if p.Verification != VerifiedFull && p.VerificationNote == "" {
		return nil, fmt.Errorf("verification is %s: say what is and is not verified in verificationNote", p.Verification)
	}
	if _, ok := r.Versions[p.Project.NodeKey()]; !ok {
		return nil, fmt.Errorf("project.node is %q, which versions.yaml does not pin", p.Project.NodeKey())
	}
	if p.Project.Migrate == "" {
		return nil, fmt.Errorf("project.migrate is empty: name the command that applies migrations in the production image")
	}
	for _, use := range m.Options {
		base, ok := r.CatalogOption(use.Name)
		if !ok {
			return nil, fmt.Errorf("option %q is not in options.yaml", use.Name)
		}
		opt := base
		if len(use.Choices) > 0 {
			opt.Choices = nil
			for _, v := range use.Choices {
				c, ok := base.Choice(v)
				if !ok {
					return nil, fmt.Errorf("option %q: choice %q is not in options.yaml (have %s)", use.Name, v, strings.Join(base.Values(), ", "))
				}
				opt.Choices = append(opt.Choices, c)
			}
		}
		if use.Default != "" {
			opt.Default = use.Default
		}
		if _, ok := opt.Choice(opt.Default); !ok {
			opt.Default = opt.Choices[0].Value
		}
		p.Options = append(p.Options, opt)
	}
	for _, list := range [][]Entry{m.Layers, m.Dependencies, m.DevDependencies, m.SkipInstallScripts, m.InstallScripts, m.Overrides} {
		for _, e := range list {
			for name, values := range e.When {
				opt, ok := p.Option(name)
				if !ok {
					return nil, fmt.Errorf("%q: condition on option %q, which this preset does not offer", e.Name, name)
				}
				for _, v := range values {
					if _, ok := opt.Choice(v); !ok {
						return nil, fmt.Errorf("%q: condition %s=%s, not one of %s", e.Name, name, v, strings.Join(opt.Values(), ", "))
					}
				}
			}
		}
	}
	for _, list := range [][]Entry{m.Dependencies, m.DevDependencies, m.Overrides} {
		for _, e := range list {
			if _, ok := r.Versions[e.VersionKey()]; !ok {
				return nil, fmt.Errorf("dependency %q has no version in versions.yaml (key %q)", e.Name, e.VersionKey())
			}
		}
	}
	return p, nil
}

// CatalogOption returns the catalog entry for an option name.
func (r *Registry) CatalogOption(name string) (Option, bool) {
	for _, o := range r.Catalog {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// Get returns a preset by name.
func (r *Registry) Get(name string) (*Preset, bool) {
	p, err := r.preset(name)
	return p, err == nil && p != nil
}

// Names lists the preset names in a stable order.
func (r *Registry) Names() []string {
	return slices.Clone(r.names)
}

// All returns every preset, ordered by name. (A manifest that does not load
// is left out; Load, which the tests use, reports it.)
func (r *Registry) All() []*Preset {
	out := make([]*Preset, 0, len(r.names))
	for _, n := range r.names {
		if p, err := r.preset(n); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func readYAML(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("presets/%s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key is an error, not a silently ignored setting
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("presets/%s: %w", name, err)
	}
	return nil
}
