// Command jsforge creates production-grade JavaScript and TypeScript backends.
package main

import (
	"os"

	"github.com/jsforge/jsforge/cmd"
)

func main() {
	os.Exit(cmd.ExitCode(cmd.Execute()))
}
