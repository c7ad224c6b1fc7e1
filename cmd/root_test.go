package cmd

import (
	"testing"

	"github.com/spf13/cobra"
)

// Execute catches signals in the root command's PersistentPreRun; cobra runs
// only the nearest one, so a command defining its own would run without them.
func TestCommandsInheritSignalHandling(t *testing.T) {
	root := NewRootCmd(testFactory(t, &testIO{}, false, nil))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && (c.PersistentPreRun != nil || c.PersistentPreRunE != nil) {
			t.Errorf("%s defines a PersistentPreRun: it would hide the root's, which catches SIGINT and SIGTERM (cmd.Execute)", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if len(root.Commands()) < 6 {
		t.Fatalf("the tree has %d commands; the walk saw too few to mean anything", len(root.Commands()))
	}
}
