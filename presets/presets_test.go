package presets

import (
	"bytes"
	"go/format"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var testFS = fstest.MapFS{
	"options.yaml":  {Data: []byte("- {name: db, title: Database, default: a, choices: [{value: a}, {value: b}]}\n")},
	"versions.yaml": {Data: []byte("node: 24.0.0\n")},
	"one.yaml":      {Data: []byte("name: one\ntitle: One\nverification: full\nlayers: [x]\noptions: [{name: db}]\nproject: {entry: e, migrate: m}\n")},
	"two.yaml":      {Data: []byte("name: two\ndefault: true\ntitle: Two\nverification: full\nlayers: [x]\nproject: {entry: e, migrate: m}\n")},
	"broken.yaml":   {Data: []byte("name: broken\ntitel: oops\n")},
}

// TestOpenReadsManifestsWhenUsed: a run about one preset does not depend on
// (or pay for) the others; a broken manifest is reported as such when used,
// and by Load up front.
func TestOpenReadsManifestsWhenUsed(t *testing.T) {
	r, err := OpenFS(testFS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Resolve("one", map[string]string{"db": "b"}, nil); err != nil {
		t.Fatal(err)
	}
	if len(r.presets) != 1 {
		t.Errorf("resolving one preset read %d manifests", len(r.presets))
	}
	if _, err := r.Resolve("broken", nil, nil); err == nil || !strings.Contains(err.Error(), "presets/broken.yaml") || !strings.Contains(err.Error(), "titel") {
		t.Errorf("broken manifest: %v", err)
	}
	if _, err := r.Resolve("three", nil, nil); err == nil || !strings.Contains(err.Error(), `unknown preset "three"`) {
		t.Errorf("unknown preset: %v", err)
	}
	if got := r.Default(); got != "two" {
		t.Errorf("Default() = %q", got)
	}
	if names := strings.Join(r.Names(), ","); names != "broken,one,two" {
		t.Errorf("Names() = %s", names)
	}
	if _, err := LoadFS(testFS); err == nil || !strings.Contains(err.Error(), "presets/broken.yaml") {
		t.Errorf("LoadFS: %v", err)
	}
}

func TestRolesAndDefaultsAreChecked(t *testing.T) {
	bad := fstest.MapFS{}
	for k, v := range testFS {
		if k != "broken.yaml" {
			bad[k] = v
		}
	}
	bad["three.yaml"] = &fstest.MapFile{Data: []byte("name: three\ndefault: true\ntitle: T\nverification: full\nlayers: [x]\nproject: {entry: e, migrate: m}\n")}
	if _, err := LoadFS(bad); err == nil || !strings.Contains(err.Error(), "three, two all say default: true") && !strings.Contains(err.Error(), "two, three") {
		t.Errorf("two defaults: %v", err)
	}
	bad["options.yaml"] = &fstest.MapFile{Data: []byte("- {name: pm, title: PM, role: package-manager, choices: [{value: npm, vars: {install: npm install}}]}\n")}
	if _, err := OpenFS(bad); err == nil || !strings.Contains(err.Error(), `choice "npm" has no run in vars`) {
		t.Errorf("role vars: %v", err)
	}
	bad["options.yaml"] = &fstest.MapFile{Data: []byte("- {name: pm, title: PM, role: chef, choices: [{value: npm}]}\n")}
	if _, err := OpenFS(bad); err == nil || !strings.Contains(err.Error(), `unknown role "chef"`) {
		t.Errorf("unknown role: %v", err)
	}
}

// TestVerificationAndPins: every manifest says how far it is verified (a
// preview also what is verified), and a dependency may be pinned under a
// versions.yaml key of its own.
func TestVerificationAndPins(t *testing.T) {
	fsys := fstest.MapFS{
		"options.yaml":  testFS["options.yaml"],
		"versions.yaml": {Data: []byte("node: 24.0.0\neslint: 10.0.0\neslint@8: 8.57.1\n")},
		"one.yaml": {Data: []byte("name: one\ntitle: One\nverification: preview\nverificationNote: linted only\nlayers: [x]\n" +
			"project: {entry: e, migrate: m}\ndevDependencies: [{name: eslint, pin: eslint@8}]\n")},
	}
	r, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve("one", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := res.DevDependencies; len(d) != 1 || d[0].Name != "eslint" || d[0].Version != "8.57.1" {
		t.Errorf("pinned dev dependency = %v, want eslint 8.57.1", d)
	}
	if got := res.Preset.VerificationLabel(); got != "preview: not run on our build machines" {
		t.Errorf("label %q", got)
	}
	for manifest, want := range map[string]string{
		"name: one\ntitle: One\nlayers: [x]\nproject: {entry: e, migrate: m}\n":                                                                    `verification is ""`,
		"name: one\ntitle: One\nverification: preview\nlayers: [x]\nproject: {entry: e, migrate: m}\n":                                             "verificationNote",
		"name: one\ntitle: One\nverification: full\nlayers: [x]\nproject: {entry: e, migrate: m}\ndependencies: [{name: eslint, pin: eslint@7}]\n": `key "eslint@7"`,
	} {
		fsys["one.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
		if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error about %s", manifest, err, want)
		}
	}
}

// TestCompiledIsCurrent holds compiled.go, what a run of jsforge reads, to
// the YAML it is made from, and to gofmt.
func TestCompiledIsCurrent(t *testing.T) {
	want, err := Compile(files)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(compiledFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, want) {
		t.Fatalf("presets/%s differs from the YAML files it is made from: run go generate ./presets", compiledFile)
	}
	formatted, err := format.Source(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(formatted, want) {
		t.Errorf("Compile's output is not as gofmt writes it")
	}
}

// TestOpenMatchesLoad: the registry read from compiled.go is the one the
// YAML makes, preset by preset.
func TestOpenMatchesLoad(t *testing.T) {
	fromYAML, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(compiled.Catalog, fromYAML.Catalog) || !reflect.DeepEqual(compiled.Versions, fromYAML.Versions) {
		t.Error("the catalog or the versions differ between compiled.go and the YAML")
	}
	if !slices.Equal(compiled.Names(), fromYAML.Names()) {
		t.Fatalf("presets %v from compiled.go, %v from the YAML", compiled.Names(), fromYAML.Names())
	}
	for _, name := range fromYAML.Names() {
		a, _ := compiled.Get(name)
		b, _ := fromYAML.Get(name)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("preset %s differs between compiled.go and the YAML:\n%+v\n%+v", name, a, b)
		}
	}
}
