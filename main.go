// Command jsforge creates production-grade JavaScript and TypeScript backends.
package main

import (
	"os"
	"runtime/debug"

	"github.com/jsforge/jsforge/cmd"
)

func main() {
	// A run of jsforge lasts milliseconds and allocates a few megabytes:
	// collecting garbage costs it more than it frees (scripts/bench-start.sh).
	// The memory limit still starts the collector should a run ever grow
	// large; GOGC or GOMEMLIMIT in the environment win.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(512 << 20)
	}
	os.Exit(cmd.ExitCode(cmd.Execute()))
}
