package cmd

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/scaffold"
)

// NewCmdPresets builds `jsforge presets` and `jsforge presets show NAME`.
func NewCmdPresets(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "presets",
		Short: "List the framework presets",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			engine, err := f.Engine()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(f.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tTITLE\tVERIFIED\tDESCRIPTION")
			labels := map[string]string{} // level -> label, for the legend
			var levels []string
			for _, p := range engine.Presets() {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", p.Name, p.Title, p.Verification, p.Description)
				if _, seen := labels[p.Verification]; !seen {
					levels = append(levels, p.Verification)
				}
				labels[p.Verification] = p.VerificationLabel
			}
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(f.Out)
			for _, level := range levels {
				fmt.Fprintf(f.Out, "verified %s\n", labels[level])
			}
			return nil
		},
	}
	show := &cobra.Command{
		Use:   "show NAME",
		Short: "Show a preset's options, defaults and pinned dependency versions",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			engine, err := f.Engine()
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return presetCompletion(engine)(c, args, "")
		},
		RunE: func(c *cobra.Command, args []string) error {
			engine, err := f.Engine()
			if err != nil {
				return err
			}
			d, err := engine.Describe(args[0])
			if err != nil {
				return err
			}
			return showPreset(f.Out, d)
		},
	}
	cmd.AddCommand(show)
	return cmd
}

func showPreset(out io.Writer, d *scaffold.PresetDetails) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n%s\nVerified %s\n", d.Name, d.Title, d.Description, d.VerificationLabel)
	if d.VerificationNote != "" {
		fmt.Fprintf(&b, "  (%s)\n", d.VerificationNote)
	}
	b.WriteString("\nOptions (flag, choices, default marked *):\n")
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, q := range d.Questions {
		for i, c := range q.Choices {
			flag := ""
			if i == 0 {
				flag = "--" + q.Key
			}
			mark := " "
			if c.Value == q.Default {
				mark = "*"
			}
			fmt.Fprintf(w, "  %s\t%s %s\t%s\n", flag, mark, c.Value, c.Description)
		}
	}
	w.Flush()
	fmt.Fprintf(&b, "\nNode.js %s\n", d.Node)
	for _, list := range []struct {
		title    string
		packages []scaffold.Package
	}{{"Dependencies", d.Dependencies}, {"Dev dependencies", d.DevDependencies}} {
		fmt.Fprintf(&b, "\n%s:\n", list.title)
		w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, p := range list.packages {
			when := ""
			if p.When != "" {
				when = "when " + p.When
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\n", p.Name, p.Version, when)
		}
		w.Flush()
	}
	_, err := io.WriteString(out, b.String())
	return err
}

// presetCompletion completes preset names with their descriptions.
func presetCompletion(engine *scaffold.Engine) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, p := range engine.Presets() {
			out = append(out, cobra.CompletionWithDesc(p.Name, p.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// optionCompletion completes an option's values: the chosen preset's choices
// when --preset is already on the command line, else every preset's.
func optionCompletion(engine *scaffold.Engine, key string) cobra.CompletionFunc {
	return func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		questions := engine.Options()
		if f := c.Flags().Lookup("preset"); f != nil && f.Value.String() != "" {
			preset := f.Value.String()
			if qs, err := engine.Questions(preset); err == nil {
				questions = qs
			}
		}
		var out []cobra.Completion
		for _, q := range questions {
			if q.Key != key {
				continue
			}
			for _, ch := range q.Choices {
				out = append(out, cobra.CompletionWithDesc(ch.Value, ch.Description))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// presetChoice describes a preset in a list to choose from (the interactive
// question): its verification level, then its description.
func presetChoice(p scaffold.PresetInfo) string {
	if p.Verification == "full" {
		return "[full] " + p.Description
	}
	return "[" + p.VerificationLabel + "] " + p.Description
}
