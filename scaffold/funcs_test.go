package scaffold_test

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"github.com/Masterminds/sprig/v3"

	. "github.com/jsforge/jsforge/scaffold"
)

// TestFuncsAllowList pins the functions templates may call: adding one is a
// deliberate change, reviewed with its test below and docs/presets.md.
func TestFuncsAllowList(t *testing.T) {
	var names []string
	for name := range Funcs() {
		names = append(names, name)
	}
	sort.Strings(names)
	want := []string{"hasPrefix", "include", "lower", "npmDeps", "quote", "regexMatch", "regexReplaceAll", "replace",
		"semver", "splitList", "toJson", "trimAll", "trimPrefix", "trimSuffix"}
	if !slices.Equal(names, want) {
		t.Errorf("Funcs() = %v\nwant      %v", names, want)
	}
}

// TestFuncsMatchSprig runs each template through our functions and through
// sprig's, which the templates were written against: same output.
func TestFuncsMatchSprig(t *testing.T) {
	data := map[string]any{
		"Name":  "@Acme/Orders API",
		"Title": "AdonisJS",
		"Cmd":   "node build/ace.js migration:run --force",
		"Vers":  map[string]string{"node": "24.11.1", "pnpm": "10.20.0", "pre": "v1.2.3-rc.1+b5"},
		"List":  []string{"a b", `q"uote`},
		"Map":   map[string]any{"k": 1, "s": "x"},
	}
	for _, tpl := range []string{
		`{{ lower .Name }}`,
		`{{ replace "-" "_" "a-b-c" }}|{{ .Name | replace " " "" }}`,
		`{{ hasPrefix "@" .Name }} {{ hasPrefix "x" .Name }}`,
		`{{ trimPrefix "@" .Name }}|{{ trimSuffix "API" .Name }}|{{ trimSuffix "nope" .Name }}`,
		`{{ trimAll "_" "__a_b__" }}|{{ trimAll "@" .Name }}`,
		`{{ range splitList " " .Cmd }}[{{ . }}]{{ end }}|{{ len (splitList "," "") }}`,
		`{{ quote .Name }} {{ quote "a\"b" }} {{ quote 3 }}`,
		`{{ if regexMatch "^[AEIOU]" .Title }}An{{ else }}A{{ end }} {{ regexMatch "^x" "y" }}`,
		`{{ regexReplaceAll "[^a-z0-9]+" (lower .Name) "_" | trimAll "_" }}`,
		`{{ regexReplaceAll "(a)(b)" "abab" "${2}$1" }}`,
		`{{ splitList " " .Cmd | toJson }} {{ toJson .List }} {{ toJson .Map }} {{ toJson "<&>" }}`,
		`{{ (semver .Vers.node).Major }}.{{ (semver .Vers.node).Minor }}.{{ (semver .Vers.node).Patch }} {{ (semver .Vers.pnpm).Major }}`,
		`{{ (semver .Vers.pre).Major }} {{ (semver .Vers.pre).Prerelease }} {{ (semver .Vers.pre).Metadata }} {{ (semver "24").Major }} {{ (semver "v7.1").Minor }}`,
	} {
		ours := execute(t, tpl, Funcs(), data)
		theirs := execute(t, tpl, sprig.TxtFuncMap(), data)
		if ours != theirs {
			t.Errorf("%s\n ours:  %q\n sprig: %q", tpl, ours, theirs)
		}
	}
	for _, bad := range []string{`{{ semver "x.y" }}`, `{{ regexMatch "(" "a" }}`, `{{ regexReplaceAll "(" "a" "b" }}`} {
		if _, err := executeErr(tpl(bad), Funcs(), nil); err == nil {
			t.Errorf("%s: want an error", bad)
		}
	}
}

type tpl string

func execute(t *testing.T, text string, funcs template.FuncMap, data any) string {
	t.Helper()
	out, err := executeErr(tpl(text), funcs, data)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return out
}

func executeErr(text tpl, funcs template.FuncMap, data any) (string, error) {
	tm, err := template.New("t").Funcs(funcs).Parse(string(text))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = tm.Execute(&b, data)
	return b.String(), err
}

// TestTemplatesCannotReachOutside: the functions that would make a render
// depend on the machine or the moment are not there.
func TestTemplatesCannotReachOutside(t *testing.T) {
	for _, name := range []string{"env", "expandenv", "now", "date", "randAlphaNum", "uuidv4", "genPrivateKey", "getHostByName", "readFile"} {
		if _, err := template.New("t").Funcs(Funcs()).Parse("{{ " + name + " }}"); err == nil || !strings.Contains(err.Error(), "not defined") {
			t.Errorf("%s: %v; want it undefined", name, err)
		}
	}
}

func TestASecondDefineIsAnError(t *testing.T) {
	tpl := withShared(fstest.MapFS{
		"tiny/_a.tmpl":           {Data: []byte(`{{ define "greeting" }}again{{ end }}`)},
		"_shared/_names.tmpl":    {Data: []byte(`{{ define "greeting" }}hello{{ end }}`)},
		"tiny/x.txt.tmpl":        {Data: []byte(`{{ template "greeting" . }}`)},
		"tiny/inline.txt.tmpl":   {Data: []byte(`x`)},
		"tiny/package.json.tmpl": {Data: []byte(`{}`)},
	})
	e := fixtureEngine(t, tpl)
	p, err := e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Render(p); err == nil || !strings.Contains(err.Error(), `templates/_shared/_names.tmpl and templates/tiny/_a.tmpl both define "greeting"`) {
		t.Fatalf("err = %v", err)
	}

	// A define inside an ordinary template clashes too.
	tpl = withShared(fstest.MapFS{
		"_shared/_names.tmpl": {Data: []byte(`{{ define "greeting" }}hello{{ end }}`)},
		"tiny/x.txt.tmpl":     {Data: []byte(`{{ define "greeting" }}hi{{ end }}{{ template "greeting" . }}`)},
	})
	e = fixtureEngine(t, tpl)
	p, _ = e.Plan(Request{Dir: filepath.Join(t.TempDir(), "app"), Preset: "tiny"})
	if _, err := e.Render(p); err == nil || !strings.Contains(err.Error(), `both define "greeting"`) {
		t.Fatalf("err = %v", err)
	}
}
