#!/usr/bin/env bash
# Times jsforge's start as whole processes, side by side with a Go
# hello-world built in the same run (issue 10: `jsforge --version` under 2
# times a hello-world process, `jsforge new … --no-install` under 3 times).
# Every round runs each command once, in a new random order, so a slow spell of a loaded
# machine hits them all alike; scripts/startbench prints each command's
# median and minimum wall-clock and CPU time, and the median of its
# round-by-round ratios to hello-world.
#
# jsforge is measured twice: as `go build` makes it on this machine (cgo on
# when a C compiler is there, so dynamically linked, as `go install` makes it)
# and as a release is built (CGO_ENABLED=0, static, stripped; .goreleaser.yaml).
#
# More references show the floor under jsforge's figures: hello-net, the
# hello-world importing `net` (as pflag makes jsforge do) and built as `go
# build` builds jsforge here, which with cgo on is all that dynamic linking
# costs; depsfloor, a hello-world that links and initialises the libraries
# jsforge is built on and runs a cobra command; and write-only, a minimal Go
# program that only writes the same project's files (no git) from memory, as
# `new` does after rendering them.
#
# A ceiling shows what faster rendering could still buy: no-render is the
# release build with its rendering replaced by reading the same project's
# files, rendered beforehand, from the binary (built from a copy of the
# source; the repository is not changed). It plans, writes, commits and exits
# as `new` does; only text/template's work is gone.
#
# The projects go to one fixed folder, ${TMPDIR:-/tmp}/jsforge-bench, emptied
# after each run: on ext4 a fresh temporary folder can make every file
# creation in it ten times slower for a while (its block group is cold), which
# measures the disk, not jsforge.
#
#   scripts/bench-start.sh [rounds]     # default 41
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-41}
work=$(mktemp -d)
out=${TMPDIR:-/tmp}/jsforge-bench
mkdir -p "$out"
trap 'rm -rf "$work" "${out:?}"/*' EXIT

mkdir -p "$work/hello"
cat >"$work/hello/main.go" <<'GO'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
GO
printf 'module hello\n\ngo 1.26\n' >"$work/hello/go.mod"
(cd "$work/hello" && go build -o "$work/hello-world" .)
mkdir -p "$work/hello-net"
sed 's|import "fmt"|import (\n\t"fmt"\n\t_ "net"\n)|' "$work/hello/main.go" >"$work/hello-net/main.go"
printf 'module hellonet\n\ngo 1.26\n' >"$work/hello-net/go.mod"
(cd "$work/hello-net" && go build -o "$work/hello-net-world" .)
go build -o "$work/jsforge" .
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/jsforge-release" .   # as .goreleaser.yaml builds it
go build -o "$work/startbench" ./scripts/startbench
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/depsfloor" ./scripts/depsfloor

mkdir -p "$work/floor"
"$work/jsforge-release" new "$work/floor/project" --preset express --yes --no-install --no-git >/dev/null 2>&1
cat >"$work/floor/main.go" <<'GO'
package main

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed all:project
var project embed.FS

// Writes the embedded project to a staging folder and renames it into place.
func main() {
	staging := os.Args[1] + ".tmp"
	err := fs.WalkDir(project, "project", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		to := filepath.Join(staging, p[len("project"):])
		if d.IsDir() {
			return os.Mkdir(to, 0o755)
		}
		data, err := project.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err == nil {
		err = os.Rename(staging, os.Args[1])
	}
	if err != nil {
		panic(err)
	}
}
GO
printf 'module floor\n\ngo 1.26\n' >"$work/floor/go.mod"
(cd "$work/floor" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/write-only" .)

# no-render: a copy of the source whose Engine.Render takes the files above
# instead of rendering them. The files Render adds itself (the .env files and
# the manifest) are left out of the copy, as they are of a rendering.
mkdir -p "$work/no-render"
cp -r go.mod go.sum main.go cmd internal presets scaffold templates "$work/no-render/"
render_call='files, err := render(e.Templates, p.Resolution.Layers, e.data(p))'
if ! grep -qF "$render_call" "$work/no-render/scaffold/scaffold.go"; then
  echo "bench-start.sh: Engine.Render no longer calls \`$render_call\`; update the no-render ceiling" >&2
  exit 1
fi
sed -i "s|$render_call|files, err := prerendered()|" "$work/no-render/scaffold/scaffold.go"
cp -r "$work/floor/project" "$work/no-render/scaffold/prerendered"
rm -f "$work/no-render/scaffold/prerendered/"{.env,.env.production,.jsforge.yaml}
cat >"$work/no-render/scaffold/prerendered.go" <<'GO'
package scaffold

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed all:prerendered
var prerenderedFS embed.FS

// prerendered returns the project rendered when the benchmark was built.
func prerendered() (files []File, err error) {
	err = fs.WalkDir(prerenderedFS, "prerendered", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := prerenderedFS.ReadFile(p)
		files = append(files, File{Path: strings.TrimPrefix(p, "prerendered/"), Data: data})
		return err
	})
	return files, err
}
GO
(cd "$work/no-render" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/no-render-rel" .)
rm -rf "${out:?}"/*

echo "go $(go env GOVERSION), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$work/startbench" -rounds "$rounds" -dir "$out" \
  "hello=$work/hello-world" \
  "hello-net=$work/hello-net-world" \
  "depsfloor=$work/depsfloor" \
  "write-only=$work/write-only w{n}" \
  "version=$work/jsforge --version" \
  "new=$work/jsforge new a{n} --preset express --yes --no-install" \
  "version-rel=$work/jsforge-release --version" \
  "new-rel=$work/jsforge-release new b{n} --preset express --yes --no-install" \
  "no-render=$work/no-render-rel new c{n} --preset express --yes --no-install"
