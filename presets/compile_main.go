//go:build ignore

// Writes compiled/, the JSON form of the YAML files next to it, that a run of
// jsforge reads: go generate ./presets.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/jsforge/jsforge/presets"
)

func main() {
	files, err := presets.Compile(os.DirFS("."))
	if err == nil {
		err = write("compiled", files)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "presets:", err)
		os.Exit(1)
	}
}

// write makes dir hold files and nothing else.
func write(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
