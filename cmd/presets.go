package cmd

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
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
				return fail(err)
			}
			w := tabwriter.NewWriter(f.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tTITLE\tDESCRIPTION")
			for _, p := range engine.Registry.All() {
				fmt.Fprintf(w, "%s\t%s\t%s\n", p.Name, p.Title, p.Description)
			}
			return w.Flush()
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
			return presetCompletion(engine.Registry)(c, args, "")
		},
		RunE: func(c *cobra.Command, args []string) error {
			engine, err := f.Engine()
			if err != nil {
				return fail(err)
			}
			p, ok := engine.Registry.Get(args[0])
			if !ok {
				return usererr.Unknown("preset", args[0], engine.Registry.Names())
			}
			showPreset(f, engine.Registry, p)
			return nil
		},
	}
	cmd.AddCommand(show)
	return cmd
}

func showPreset(f *Factory, reg *presets.Registry, p *presets.Preset) {
	out := f.Out
	fmt.Fprintf(out, "%s: %s\n%s\n\nOptions (flag, choices, default marked *):\n", p.Name, p.Title, p.Description)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, o := range p.Options {
		for i, c := range o.Choices {
			flag := ""
			if i == 0 {
				flag = "--" + o.Name
			}
			mark := " "
			if c.Value == o.Default {
				mark = "*"
			}
			fmt.Fprintf(w, "  %s\t%s %s\t%s\n", flag, mark, c.Value, c.Description)
		}
	}
	w.Flush()
	fmt.Fprintf(out, "\nNode.js %s\n", reg.Versions["node"])
	for _, list := range []struct {
		title   string
		entries []presets.Entry
	}{{"Dependencies", p.Dependencies}, {"Dev dependencies", p.DevDependencies}} {
		fmt.Fprintf(out, "\n%s:\n", list.title)
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for _, e := range list.entries {
			fmt.Fprintf(w, "  %s\t%s\t%s\n", e.Name, reg.Versions[e.Name], describeWhen(e.When))
		}
		w.Flush()
	}
}

func describeWhen(w presets.When) string {
	if len(w) == 0 {
		return ""
	}
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + strings.Join(w[k], "|")
	}
	return "when " + strings.Join(parts, ", ")
}

// presetCompletion completes preset names with their descriptions.
func presetCompletion(reg *presets.Registry) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, p := range reg.All() {
			out = append(out, cobra.CompletionWithDesc(p.Name, p.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// optionCompletion completes an option's values: the chosen preset's choices
// when --preset is already on the command line, else the whole catalog's.
func optionCompletion(reg *presets.Registry, name string) cobra.CompletionFunc {
	return func(c *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		opt, ok := reg.CatalogOption(name)
		if preset, _ := c.Flags().GetString("preset"); preset != "" {
			if p, found := reg.Get(preset); found {
				opt, ok = p.Option(name)
			}
		}
		if !ok {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, ch := range opt.Choices {
			out = append(out, cobra.CompletionWithDesc(ch.Value, ch.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
