package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `jsforge version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print jsforge's version",
		Args:  cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			fmt.Fprintf(f.Out, "jsforge %s\n", Version)
		},
	}
}
