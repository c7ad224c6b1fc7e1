// Command depsfloor is a hello-world that links and initialises the
// libraries jsforge is built on (cobra with pflag, survey, go-git's
// plumbing, YAML, text/template) and runs a cobra command: the start-up
// cost any jsforge command pays before doing its own work, for
// scripts/bench-start.sh to print next to jsforge's.
package main

import (
	"fmt"
	"os"
	"text/template"

	_ "github.com/AlecAivazis/survey/v2"
	_ "github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/spf13/cobra"
	_ "go.yaml.in/yaml/v3"
)

func main() {
	_ = template.New("hello")
	root := &cobra.Command{Use: "depsfloor", Run: func(*cobra.Command, []string) { fmt.Println("hello, world") }}
	root.SetArgs(os.Args[1:])
	if err := root.Execute(); err != nil {
		os.Exit(1)
	}
}
