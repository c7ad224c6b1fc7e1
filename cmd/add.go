package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/internal/resource"
	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// AddResourceOptions are the parsed flags and arguments of `jsforge add resource`.
type AddResourceOptions struct {
	Name   string
	Fields string
	Dir    string // where to look for the project; the working directory by default
	DryRun bool
	Force  bool
	JSON   bool
}

// NewCmdAdd builds `jsforge add` and its subcommands.
func NewCmdAdd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Add to a project made by jsforge",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			return usererr.New("name what to add: %s resource NAME --fields \"title:string,…\"", c.CommandPath())
		},
	}
	cmd.AddCommand(NewCmdAddResource(f))
	return cmd
}

// NewCmdAddResource builds `jsforge add resource`.
func NewCmdAddResource(f *Factory) *cobra.Command {
	opts := &AddResourceOptions{}
	cmd := &cobra.Command{
		Use:   "resource NAME",
		Short: "Add a CRUD resource: model, migration, validation, routes and tests",
		Long: "Add a resource to the project in the current folder, in its framework's idiom and on its data layer:\n" +
			"the model and a migration, validation of create and update bodies, the routes, and tests.\n" +
			"With --auth jwt, each record belongs to the user who created it.\n\n" +
			"Fields are name:type, with ? for an optional field and !unique for a unique column.\n" +
			"Types: " + strings.Join(resource.Types, ", ") + ".\n" +
			"Without --fields, in a terminal, jsforge asks for them.\n\n" +
			"The change is left uncommitted for review; tracked files must have no uncommitted changes (or --force).",
		Example: "  jsforge add resource posts --fields \"title:string,body:text?,published:boolean,views:integer,due:date?\"\n" +
			"  jsforge add resource blog-posts --fields \"slug:string!unique,publishedAt:datetime?\" --dry-run",
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runAddResource(c.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.Var(named(&opts.Fields, "FIELDS"), "fields", "the fields, comma-separated: name:type[?][!unique]")
	fl.Var(named(&opts.Dir, "DIR"), "dir", "the project's folder (default: the one around the current folder)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the files that would be written and changed, and change nothing")
	fl.BoolVar(&opts.Force, "force", false, "run even when tracked files have uncommitted changes")
	fl.BoolVar(&opts.JSON, "json", false, "print a machine-readable result on stdout; never prompt")
	return cmd
}

func runAddResource(ctx context.Context, f *Factory, opts *AddResourceOptions) error {
	engine, err := f.Engine()
	if err != nil {
		return err
	}
	r, err := resource.Name(opts.Name)
	if err != nil {
		return err
	}
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.Getwd(); err != nil {
			return err
		}
	}
	// Find the project before asking anything: outside one, no question makes sense.
	if _, err := scaffold.FindProject(dir); err != nil {
		return err
	}
	if strings.TrimSpace(opts.Fields) == "" {
		if opts.JSON || !f.CanPrompt() {
			return usererr.New("missing --fields, e.g. --fields \"title:string,body:text?\" (types: %s)", strings.Join(resource.Types, ", "))
		}
		fields, err := askFields(f.Prompter(ctx), r)
		if err != nil {
			return err
		}
		opts.Fields = fields
	}
	if r.Fields, err = resource.ParseFields(opts.Fields); err != nil {
		return err
	}

	res, err := engine.AddResource(ctx, scaffold.AddRequest{
		Dir: dir, Resource: r, DryRun: opts.DryRun, Force: opts.Force, Output: f.Err,
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		return writeJSON(f.Out, res)
	}
	return reportResource(f.Out, res)
}

// askFields asks for the fields one at a time, until an empty answer.
func askFields(p prompt.Prompter, r *resource.Resource) (string, error) {
	var fields []string
	seen := map[string]bool{}
	for {
		message := fmt.Sprintf("Field %d of %s (name:type, ? optional, !unique; empty to finish)", len(fields)+1, r.WordsPlural)
		if len(fields) == 0 {
			message = fmt.Sprintf("Field 1 of %s (name:type, e.g. title:string; types: %s)", r.WordsPlural, strings.Join(resource.Types, ", "))
		}
		answer, err := p.Input(message, "", func(s string) error {
			s = strings.TrimSpace(s)
			if s == "" {
				if len(fields) == 0 {
					return fmt.Errorf("a resource needs at least one field")
				}
				return nil
			}
			field, err := resource.ParseField(s)
			if err != nil {
				return err
			}
			if seen[field.Column] {
				return fmt.Errorf("there is a field %s already", field.Name)
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		answer = strings.TrimSpace(answer)
		if answer == "" {
			return strings.Join(fields, ","), nil
		}
		field, _ := resource.ParseField(answer)
		seen[field.Column] = true
		fields = append(fields, answer)
	}
}

func reportResource(out io.Writer, res *scaffold.AddResult) error {
	var b strings.Builder
	verb, changed, ran := "Added", "Changed", "Ran"
	if res.DryRun {
		verb, changed, ran = "Would add", "Would change", "Would run"
	}
	fmt.Fprintf(&b, "%s the %s resource (%s) to %s\n", verb, strings.ReplaceAll(res.Resource, "_", " "), res.Path, relativeToCwd(res.Project))
	for _, p := range res.Created {
		fmt.Fprintf(&b, "  create  %s\n", p)
	}
	if len(res.Changed) > 0 {
		fmt.Fprintf(&b, "%s:\n", changed)
		for _, p := range res.Changed {
			fmt.Fprintf(&b, "  edit    %s\n", p)
		}
	}
	if len(res.Commands) > 0 {
		fmt.Fprintf(&b, "%s:\n", ran)
		for _, c := range res.Commands {
			fmt.Fprintf(&b, "  run     %s\n", c)
		}
	}
	if res.DryRun {
		b.WriteString("Nothing was changed.\n")
	} else {
		b.WriteString("\nThe change is not committed. Next steps:\n")
		for _, s := range res.NextSteps {
			b.WriteString("  " + s + "\n")
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}
