// Package scaffoldtest holds a tiny fixture preset for tests of the engine and
// the commands, so they do not depend on the real presets.
package scaffoldtest

import (
	"testing"
	"testing/fstest"

	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// Manifests hold two presets: tiny, the default, with one optional file, a
// partial, a secret and a conditional layer, so engine behaviour is tested
// apart from the real presets; and mini, first by name, with one option.
var Manifests = fstest.MapFS{
	"options.yaml": {Data: []byte(`
- name: db
  title: Database
  default: sqlite
  choices:
    - {value: sqlite, description: file, vars: {label: SQLite}}
    - {value: postgres, description: server, vars: {label: PostgreSQL}}
- name: auth
  title: Authentication
  default: jwt
  choices:
    - {value: jwt, description: tokens}
- name: pm
  title: Package manager
  role: package-manager
  default: npm
  choices:
    - {value: npm, description: npm, vars: {install: npm install, run: npm run, lockfile: package-lock.json}}
`)},
	"versions.yaml": {Data: []byte("node: 24.1.0\nleft-pad: 1.3.0\npg: 8.0.0\n")},
	"mini.yaml": {Data: []byte(`
name: mini
title: Mini
description: the smallest fixture
verification: full
layers: [_shared]
options: [{name: db}]
project: {entry: src/server.js, migrate: node src/migrate.js}
`)},
	"tiny.yaml": {Data: []byte(`
name: tiny
default: true
title: Tiny
description: a fixture
verification: full
layers: [_shared, tiny, {name: tiny-pg, when: {db: postgres}}]
options: [{name: db}, {name: pm}]
project: {entry: src/server.js, migrate: node src/migrate.js}
secrets: [SECRET]
dependencies: [left-pad, {name: pg, when: {db: postgres}}]
`)},
}

var Templates = fstest.MapFS{
	"_shared/.gitignore":                         {Data: []byte(".env\nnode_modules/\n")},
	"_shared/_names.tmpl":                        {Data: []byte(`{{ define "greeting" }}hello {{ .Name }}{{ end }}`)},
	"tiny/package.json.tmpl":                     {Data: []byte("{\n  \"name\": \"{{ .Name }}\",\n  \"engines\": {\"node\": \"{{ .Engines }}\"},\n  \"dependencies\": {{ npmDeps .Deps }}\n}\n")},
	"tiny/src/server.js.tmpl":                    {Data: []byte("// {{ template \"greeting\" . }} on {{ .Choice.db.label }}\n")},
	"tiny/src/raw.js":                            {Data: []byte("const s = `{{ not a template }}`;\n")},
	"tiny/.env.example":                          {Data: []byte("PORT=3000\nSECRET=\n")},
	"tiny/{{if .Is.db_sqlite}}data{{end}}/.keep": {Data: []byte("")},
	"tiny-pg/src/pg.js":                          {Data: []byte("export {};\n")},
}

// WithShared adds the fixture's shared layer to a one-off template tree.
func WithShared(files fstest.MapFS) fstest.MapFS {
	files["_shared/.gitignore"] = Templates["_shared/.gitignore"]
	return files
}

// Engine returns an engine over the fixture preset "tiny" and the given templates.
func Engine(t testing.TB, templates fstest.MapFS) *scaffold.Engine {
	t.Helper()
	reg, err := presets.LoadFS(Manifests)
	if err != nil {
		t.Fatal(err)
	}
	return &scaffold.Engine{Registry: reg, Templates: templates, Version: "test"}
}
