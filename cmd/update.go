package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// UpdateOptions are the parsed flags and arguments of `jsforge update`.
type UpdateOptions struct {
	Dir     string
	Set     map[string]string
	DryRun  bool
	Install bool
	Force   bool
	JSON    bool
}

// NewCmdUpdate builds `jsforge update`. Tests pass runF to capture the parsed options.
func NewCmdUpdate(f *Factory, runF func(context.Context, *UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{}
	var sets []string
	cmd := &cobra.Command{
		Use:   "update [DIR]",
		Short: "Merge this jsforge's templates into the project (a git merge)",
		Long: "Render the project again with this jsforge and the answers in .jsforge.yaml (changed with --set),\n" +
			"commit the render on the branch " + scaffold.TemplateBranch + " and merge that branch into the current one.\n" +
			"Template changes reach the files you never touched and the ones you edited alike; where both\n" +
			"changed the same lines, git leaves its usual conflict markers. DIR defaults to the current folder.",
		Example: "  jsforge update --dry-run\n" +
			"  jsforge update\n" +
			"  jsforge update --set db=postgres --install",
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			opts.Set = map[string]string{}
			for _, s := range sets {
				k, v, ok := strings.Cut(s, "=")
				k, v = strings.TrimSpace(k), strings.TrimSpace(v)
				if !ok || k == "" || v == "" {
					return usererr.New("--set %q: write KEY=VALUE, e.g. --set db=postgres", s)
				}
				opts.Set[k] = v
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runUpdate(c.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.Var((*keyValues)(&sets), "set", "change an answer, e.g. --set db=postgres (repeatable; recorded in .jsforge.yaml)")
	// --set completes the options of the project's preset in this folder.
	_ = cmd.RegisterFlagCompletionFunc("set", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		engine, err := f.Engine()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		project, err := scaffold.FindProject(".")
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		questions, err := engine.Questions(project.Preset)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, q := range questions {
			for _, c := range q.Choices {
				out = append(out, cobra.CompletionWithDesc(q.Key+"="+c.Value, c.Description))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	fl.BoolVar(&opts.DryRun, "dry-run", false, "show what the update would change and conflict on; change nothing")
	fl.BoolVar(&opts.Install, "install", false, "install dependencies when package.json changed, and commit the lockfile")
	fl.BoolVar(&opts.Force, "force", false, "render with this jsforge even if a newer one made the project")
	fl.BoolVar(&opts.JSON, "json", false, "print a machine-readable result on stdout")
	return cmd
}

func runUpdate(ctx context.Context, f *Factory, opts *UpdateOptions) error {
	engine, err := f.Engine()
	if err != nil {
		return err
	}
	req := scaffold.UpdateRequest{Dir: opts.Dir, Set: opts.Set, DryRun: opts.DryRun, Install: opts.Install, Force: opts.Force, InstallOutput: f.Err}
	var installStart time.Time
	req.Progress = func(s scaffold.Step) {
		if s.Name == "install" {
			if w := nodeWarning(f.NodeVersion, s.Node); w != "" {
				fmt.Fprintln(f.Err, w)
			}
			fmt.Fprintf(f.Err, "package.json changed: installing dependencies: %s (in %s) …\n", s.Command, relativeToCwd(s.Dir))
			installStart = time.Now()
		}
	}
	res, err := engine.Update(ctx, req)
	if res != nil && res.Installed {
		fmt.Fprintf(f.Err, "Installed the dependencies in %s.\n", time.Since(installStart).Round(100*time.Millisecond))
	}
	if res == nil {
		return err
	}
	if opts.JSON {
		if werr := writeJSON(f.Out, res); werr != nil && err == nil {
			err = werr
		}
		return err
	}
	if werr := updateReport(f.Out, res); werr != nil && err == nil {
		err = werr
	}
	var conflict *scaffold.ConflictError
	if errors.As(err, &conflict) {
		return errors.New("the update stopped on conflicts; resolve them as listed above, or undo it with git merge --abort")
	}
	return err
}

func updateReport(out io.Writer, res *scaffold.UpdateResult) error {
	var b strings.Builder
	verb := "Updated"
	if res.DryRun {
		verb = "Would update"
	}
	from := res.From
	if from == "" {
		from = "an unrecorded version"
	}
	if res.UpToDate {
		fmt.Fprintf(&b, "%s (preset %s) is up to date with jsforge %s's templates\n", res.Path, res.Preset, res.To)
	} else {
		fmt.Fprintf(&b, "%s %s (preset %s) from jsforge %s to %s's templates\n", verb, res.Path, res.Preset, from, res.To)
	}
	fmt.Fprintf(&b, "  options: %s\n", describeOptions(res.Options))
	for _, k := range sortedChangeKeys(res.Changed) {
		fmt.Fprintf(&b, "  changed: %s %s\n", k, res.Changed[k])
	}
	if res.Created {
		what := "Started"
		if res.DryRun {
			what = "Would start"
		}
		fmt.Fprintf(&b, "\nThis project has no %s branch (it was made before jsforge kept one).\n"+
			"%s it at the repository's first commit, %s, which holds the project as jsforge generated it:\n"+
			"changes made since then count as yours and are kept.\n", scaffold.TemplateBranch, what, shortHash(res.Base))
	}
	if res.UpToDate {
		fmt.Fprintf(&b, "\nThis jsforge renders what the project last merged (%s): nothing to merge.\n", shortHash(res.Base))
		_, err := io.WriteString(out, b.String())
		return err
	}
	switch {
	case res.Reused:
		fmt.Fprintf(&b, "  merging the render already on %s, %s (an earlier update whose merge was undone)\n", scaffold.TemplateBranch, shortHash(res.Template))
	case res.DryRun:
		fmt.Fprintf(&b, "  the new render would be committed on %s, on top of %s\n", scaffold.TemplateBranch, shortHash(res.Base))
	default:
		fmt.Fprintf(&b, "  new render committed on %s: %s\n", scaffold.TemplateBranch, shortHash(res.Template))
	}
	fmt.Fprintf(&b, "\nThe templates change %d %s:\n", len(res.Files), countNoun(len(res.Files), "file", "files"))
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, fc := range res.Files {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", fc.Template, fc.Path, mergeNote(fc.Merge, res.DryRun))
	}
	w.Flush()

	if len(res.EnvChanged) > 0 {
		b.WriteString("\n")
	}
	for _, env := range res.EnvChanged {
		fmt.Fprintf(&b, "%s changes: jsforge never writes %s after jsforge new; bring the new settings into it yourself (diff %s %s)\n", scaffold.LocalEnvFiles[env], env, env, scaffold.LocalEnvFiles[env])
	}

	switch {
	case res.DryRun:
		if len(res.Conflicts) > 0 {
			fmt.Fprintf(&b, "\n%d %s would conflict: git would leave conflict markers in %s for you to resolve.\n", len(res.Conflicts), countNoun(len(res.Conflicts), "file", "files"), strings.Join(res.Conflicts, ", "))
		}
		if res.PackageChanged {
			fmt.Fprintf(&b, "package.json would change: dependencies need installing afterwards (%s, or jsforge update --install).\n", res.Install)
		}
		if res.Refusal != "" {
			fmt.Fprintf(&b, "\nAs things stand, jsforge update would refuse: %s\n", res.Refusal)
		}
		b.WriteString("\nNothing was changed (not even the " + scaffold.TemplateBranch + " branch). Run jsforge update without --dry-run to merge.\n")
	case len(res.Conflicts) > 0:
		fmt.Fprintf(&b, "\nThe merge stopped on conflicts in %d %s, which now hold git's conflict markers:\n", len(res.Conflicts), countNoun(len(res.Conflicts), "file", "files"))
		for _, c := range res.Conflicts {
			fmt.Fprintf(&b, "  %s\n", c)
		}
		b.WriteString("Every other change is merged and staged. Next:\n")
		for i, s := range res.NextSteps {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, s)
		}
		fmt.Fprintf(&b, "Or undo the whole update: git merge --abort (back to where you were; run jsforge update again to retry)\n")
	default:
		branch := res.Branch
		if branch == "" {
			branch = "HEAD"
		}
		fmt.Fprintf(&b, "\nMerged into %s: %s\n", branch, shortHash(res.Merge))
		if res.Installed {
			if res.Lockfile != "" {
				fmt.Fprintf(&b, "package.json changed: installed the dependencies and committed the lockfile (%s).\n", shortHash(res.Lockfile))
			} else {
				b.WriteString("package.json changed: installed the dependencies.\n")
			}
		} else if res.PackageChanged {
			b.WriteString("package.json changed: install the dependencies again (or pass --install next time):\n")
			for _, s := range res.NextSteps {
				fmt.Fprintf(&b, "  %s\n", s)
			}
		}
		b.WriteString("Review it: git diff --stat HEAD^ HEAD   (undo it: git reset --hard HEAD^)\n")
	}
	_, err := io.WriteString(out, b.String())
	return err
}

func mergeNote(merge string, dryRun bool) string {
	notes := map[string][2]string{
		"applied":  {"applied (you never changed it)", "applies cleanly (you never changed it)"},
		"merged":   {"merged with your changes", "merges with your changes"},
		"same":     {"you had made the same change", "you have made the same change"},
		"conflict": {"CONFLICT: both changed the same lines", "CONFLICT: both changed the same lines"},
	}
	n, ok := notes[merge]
	if !ok {
		return merge
	}
	if dryRun {
		return n[1]
	}
	return n[0]
}

func shortHash(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func sortedChangeKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keyValues is a repeatable flag shown in help as KEY=VALUE.
type keyValues []string

func (v *keyValues) String() string     { return strings.Join(*v, ",") }
func (v *keyValues) Set(s string) error { *v = append(*v, s); return nil }
func (v *keyValues) Type() string       { return "KEY=VALUE" }
