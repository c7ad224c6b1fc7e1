//go:build ignore

// Writes compiled.go, the Go form of the YAML files next to it, that a run of
// jsforge reads: go generate ./presets.
package main

import (
	"fmt"
	"os"

	"github.com/jsforge/jsforge/presets"
)

func main() {
	src, err := presets.Compile(os.DirFS("."))
	if err == nil {
		err = os.WriteFile("compiled.go", src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "presets:", err)
		os.Exit(1)
	}
}
