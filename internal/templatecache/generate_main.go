//go:build ignore

// Writes trees.bin, the stored parse of every embedded template, which a run
// of jsforge reads instead of parsing: go generate ./internal/templatecache.
package main

import (
	"fmt"
	"os"

	"github.com/jsforge/jsforge/internal/templatecache"
	"github.com/jsforge/jsforge/templates"
)

func main() {
	data, err := templatecache.Build(templates.FS)
	if err == nil {
		err = os.WriteFile("trees.bin", data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "templatecache:", err)
		os.Exit(1)
	}
}
