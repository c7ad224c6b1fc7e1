package cmd

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/scaffold"
)

// StatusOptions are the parsed flags and arguments of `jsforge status`.
type StatusOptions struct {
	Dir  string
	JSON bool
	All  bool
}

// NewCmdStatus builds `jsforge status`. Tests pass runF to capture the parsed options.
func NewCmdStatus(f *Factory, runF func(context.Context, *StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{}
	cmd := &cobra.Command{
		Use:   "status [DIR]",
		Short: "Show which files differ from what jsforge generated, and what an update would change",
		Long: "Compare every file of the project with the render it last merged from jsforge (the branch\n" +
			scaffold.TemplateBranch + ", or the first commit of a project made before that branch existed) and\n" +
			"with what this jsforge renders of the answers in .jsforge.yaml. DIR defaults to the current folder.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			engine, err := f.Engine()
			if err != nil {
				return err
			}
			res, err := engine.Status(opts.Dir)
			if err != nil {
				return err
			}
			if opts.JSON {
				return writeJSON(f.Out, res)
			}
			return statusReport(f.Out, res, opts.All)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print every file's state as JSON on stdout")
	cmd.Flags().BoolVarP(&opts.All, "all", "a", false, "also list the files that are as generated and that this jsforge renders the same")
	return cmd
}

var stateWords = map[string]string{
	scaffold.StateGenerated: "as generated",
	scaffold.StateChanged:   "changed",
	scaffold.StateDeleted:   "deleted",
	scaffold.StateAdded:     "added",
	scaffold.StateAbsent:    "-",
}

var templateWords = map[string]string{
	scaffold.TemplateSame:     "-",
	scaffold.TemplateModified: "would change",
	scaffold.TemplateAdded:    "would add",
	scaffold.TemplateRemoved:  "would delete",
	scaffold.TemplateNone:     "-",
}

func statusReport(out io.Writer, res *scaffold.StatusResult, all bool) error {
	var b strings.Builder
	recorded := res.Recorded
	if recorded == "" {
		recorded = "an unrecorded version"
	}
	fmt.Fprintf(&b, "%s: preset %s (%s), made by jsforge %s; this is jsforge %s\n", res.Path, res.Preset, describeOptions(res.Options), recorded, res.Version)
	if res.NoTemplateBranch {
		fmt.Fprintf(&b, "No %s branch (the project predates it): compared with its first commit, %s, the project as jsforge generated it.\n", scaffold.TemplateBranch, shortHash(res.Base))
	} else {
		fmt.Fprintf(&b, "Compared with the render it last merged: %s on %s.\n", shortHash(res.Base), scaffold.TemplateBranch)
	}
	if res.Unmerged {
		fmt.Fprintf(&b, "(%s's tip is a render this branch has not merged: an update whose merge was undone, or one merged on another branch.)\n", scaffold.TemplateBranch)
	}

	counts := map[string]int{}
	differs := 0
	var rows strings.Builder
	w := tabwriter.NewWriter(&rows, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "FILE\tYOURS\tJSFORGE UPDATE")
	shown := 0
	for _, fs := range res.Files {
		counts[fs.State]++
		if fs.Template != scaffold.TemplateSame && fs.Template != scaffold.TemplateNone {
			differs++
		}
		if !all && fs.State == scaffold.StateGenerated && fs.Template == scaffold.TemplateSame {
			continue
		}
		state := stateWords[fs.State]
		if fs.Uncommitted {
			state += " (uncommitted)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", fs.Path, state, templateWords[fs.Template])
		shown++
	}
	if shown > 0 {
		w.Flush()
		b.WriteString("\n" + rows.String())
	} else {
		b.WriteString("\nEvery file is as jsforge generated it, and this jsforge renders them the same.\n")
	}
	fmt.Fprintf(&b, "\n%d as generated, %d changed, %d deleted, %d added by you.\n", counts[scaffold.StateGenerated], counts[scaffold.StateChanged], counts[scaffold.StateDeleted], counts[scaffold.StateAdded])
	if differs > 0 {
		fmt.Fprintf(&b, "This jsforge renders %d %s differently: jsforge update --dry-run shows how they would merge.\n", differs, countNoun(differs, "file", "files"))
	} else {
		b.WriteString("This jsforge renders the project as it was generated: jsforge update has nothing to bring.\n")
	}
	if !all && counts[scaffold.StateGenerated] > 0 {
		b.WriteString("(Files as generated and unchanged by this jsforge are not listed; --all lists them.)\n")
	}
	_, err := io.WriteString(out, b.String())
	return err
}
