package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// NewOptions are the parsed flags and arguments of `jsforge new`.
type NewOptions struct {
	Dir     string
	Name    string
	Preset  string
	Config  string
	Options map[string]string // option answers given as flags or in the answers file
	// Origin is "FILE:LINE" for each answer taken from the answers file.
	Origin map[string]string
	Yes    bool
	NoGit  bool
	DryRun bool
	Force  bool
	JSON   bool
	// Install is nil when neither --install nor --no-install was given.
	Install *bool
}

// NewCmdNew builds `jsforge new`. Tests pass runF to capture the parsed options.
func NewCmdNew(f *Factory, runF func(context.Context, *NewOptions) error) *cobra.Command {
	opts := &NewOptions{Options: map[string]string{}, Origin: map[string]string{}}
	var install, noInstall bool
	optionValues := map[string]*string{}

	cmd := &cobra.Command{
		Use:   "new [DIR]",
		Short: "Create a new backend project in DIR",
		Long: "Create a new backend project in DIR from a preset.\n\n" +
			"Answers come from flags, then --config, then interactive prompts (only in a terminal).\n" +
			"With --yes, or without a terminal, every unanswered option takes the preset's default.",
		Example: "  jsforge new my-api --preset express --yes\n" +
			"  jsforge new my-api --preset koa --db postgres --orm knex --yes\n" +
			"  jsforge new my-api --config answers.yaml --json",
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			engine, err := f.Engine()
			if err != nil {
				return err
			}
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			for name, v := range optionValues {
				if c.Flags().Changed(name) {
					opts.Options[name] = *v
				}
			}
			if install && noInstall {
				return usererr.New("--install and --no-install contradict each other; pass one")
			}
			if c.Flags().Changed("install") || c.Flags().Changed("no-install") {
				v := install && !noInstall
				opts.Install = &v
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return runNew(c.Context(), f, engine, opts)
		},
	}

	fl := cmd.Flags()
	fl.VarP(named(&opts.Preset, "NAME"), "preset", "p", "framework preset (jsforge presets lists them)")
	fl.Var(named(&opts.Name, "NAME"), "name", "npm package name (default: the last element of DIR)")
	fl.Var(named(&opts.Config, "FILE"), "config", "YAML answers file with the same keys as the flags")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "take the default for every option not given; never prompt")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not create a git repository")
	fl.BoolVar(&install, "install", false, "install dependencies with the chosen package manager before the initial commit")
	fl.BoolVar(&noInstall, "no-install", false, "do not install dependencies, and do not ask (the default without a terminal)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the files that would be written and write nothing")
	fl.BoolVar(&opts.Force, "force", false, "allow a non-empty DIR (existing files are never overwritten)")
	fl.BoolVar(&opts.JSON, "json", false, "print a machine-readable result on stdout; never prompt")

	// The option flags (--db, --orm…) are the engine's catalog. Loading it
	// costs more than the rest of jsforge's start-up, so with a lazy factory
	// they are added only when the command line needs them (see Execute).
	f.whenFlagsNeeded(func() {
		engine, err := f.Engine()
		if err != nil {
			return // RunE reports it
		}
		_ = cmd.RegisterFlagCompletionFunc("preset", presetCompletion(engine))
		for _, q := range engine.Options() {
			v := new(string)
			optionValues[q.Key] = v
			fl.Var(named(v, strings.ToUpper(q.Key)), q.Key, fmt.Sprintf("%s: %s (default: the preset's)", strings.ToLower(q.Title), strings.Join(q.Values(), ", ")))
			_ = cmd.RegisterFlagCompletionFunc(q.Key, optionCompletion(engine, q.Key))
		}
	})
	return cmd
}

func (o *NewOptions) request(f *Factory) scaffold.Request {
	return scaffold.Request{
		Dir:           o.Dir,
		Name:          o.Name,
		Preset:        o.Preset,
		Options:       o.Options,
		Origin:        o.Origin,
		Git:           !o.NoGit,
		Install:       o.Install != nil && *o.Install,
		Force:         o.Force,
		InstallOutput: f.Err,
	}
}

func runNew(ctx context.Context, f *Factory, engine *scaffold.Engine, opts *NewOptions) error {
	if opts.Config != "" {
		var keys []string
		for _, q := range engine.Options() {
			keys = append(keys, q.Key)
		}
		cfg, err := loadAnswers(opts.Config, keys)
		if err != nil {
			return err
		}
		cfg.fill(opts)
	}
	// Everything given so far is checked before the first question.
	if err := engine.Check(opts.request(f)); err != nil {
		return err
	}

	interactive := !opts.Yes && !opts.JSON && f.CanPrompt()
	if interactive {
		if err := ask(f.Prompter(ctx), engine, opts); err != nil {
			return err
		}
	}
	if opts.Dir == "" {
		return usererr.New("missing the target directory: jsforge new DIR --preset NAME%s", whyNoPrompt(f, opts))
	}
	if opts.Preset == "" {
		var names []string
		for _, p := range engine.Presets() {
			names = append(names, p.Name)
		}
		return usererr.New("missing --preset%s; available: %s", whyNoPrompt(f, opts), strings.Join(names, ", "))
	}

	req := opts.request(f)
	if opts.DryRun {
		return dryRun(f.Out, engine, req, opts.JSON)
	}
	warning := func(node string) {
		if w := nodeWarning(f.NodeVersion, node); w != "" {
			fmt.Fprintln(f.Err, w)
		}
	}
	var installStart time.Time
	req.Progress = func(s scaffold.Step) {
		if s.Name == "install" {
			warning(s.Node)
			warning = func(string) {}
			fmt.Fprintf(f.Err, "Installing dependencies: %s (in %s) …\n", s.Command, relativeToCwd(s.Dir))
			installStart = time.Now()
		}
	}
	res, err := engine.Generate(ctx, req)
	if res != nil && res.Installed {
		fmt.Fprintf(f.Err, "Installed the dependencies in %s.\n", time.Since(installStart).Round(100*time.Millisecond))
	}
	if err != nil {
		if res != nil {
			// The project and its commit exist: say so, to people and machines.
			if opts.JSON {
				_ = writeJSON(f.Out, res)
			} else {
				report(f.Out, res)
			}
		} else if interactive {
			if c := engine.Command(req); c != "" {
				fmt.Fprintf(f.Err, "To try again without the questions:\n  %s\n", c)
			}
		}
		return err
	}
	if opts.JSON {
		err = writeJSON(f.Out, res)
	} else {
		err = report(f.Out, res)
		if err == nil && interactive {
			_, err = fmt.Fprintf(f.Out, "\nTo create the same project without questions:\n  %s\n", res.Command)
		}
	}
	warning(res.Node)
	return err
}

// whyNoPrompt explains, after a missing answer, why jsforge did not ask for it.
func whyNoPrompt(f *Factory, opts *NewOptions) string {
	switch {
	case opts.Yes:
		return " (--yes never asks)"
	case opts.JSON:
		return " (--json never asks)"
	case !f.CanPrompt():
		return " (jsforge asks only when stdin and stdout are a terminal)"
	}
	return ""
}

// ask prompts for whatever flags and the answers file left open. Each answer
// is checked as soon as it is given, so a bad one is asked again at once.
func ask(p prompt.Prompter, engine *scaffold.Engine, opts *NewOptions) error {
	if opts.Dir == "" {
		message := "Project name"
		if opts.Name != "" {
			message = "Directory" // the name is given; ask where to put the project
		}
		split := func(answer string) (dir, name string) {
			name = opts.Name
			// A scoped package name goes into a directory named without the scope.
			if scope, rest, ok := strings.Cut(answer, "/"); ok && name == "" && strings.HasPrefix(scope, "@") && !strings.Contains(rest, "/") {
				return rest, answer
			}
			return answer, name
		}
		answer, err := p.Input(message, defaultDir(engine, opts), func(s string) error {
			dir, name := split(s)
			return engine.Check(scaffold.Request{Dir: dir, Name: name, Force: opts.Force})
		})
		if err != nil {
			return err
		}
		opts.Dir, opts.Name = split(answer)
	}
	if opts.Preset == "" {
		var choices []prompt.Choice
		for _, ps := range engine.Presets() {
			choices = append(choices, prompt.Choice{Value: ps.Name, Description: presetChoice(ps)})
		}
		v, err := p.Select("Preset", choices, engine.DefaultPreset())
		if err != nil {
			return err
		}
		opts.Preset = v
	}
	questions, err := engine.Questions(opts.Preset)
	if err != nil {
		return err
	}
	for _, q := range questions {
		if _, given := opts.Options[q.Key]; given {
			continue
		}
		var choices []prompt.Choice
		for _, c := range q.Choices {
			choices = append(choices, prompt.Choice{Value: c.Value, Description: c.Description})
		}
		v, err := p.Select(q.Title, choices, q.Default)
		if err != nil {
			return err
		}
		opts.Options[q.Key] = v
	}
	if opts.Install == nil && !opts.DryRun {
		v, err := p.Confirm("Install dependencies now?", false)
		if err != nil {
			return err
		}
		opts.Install = &v
	}
	return nil
}

// defaultDir offers my-api, or my-api-2, my-api-3… when that is taken.
func defaultDir(engine *scaffold.Engine, opts *NewOptions) string {
	base := "my-api"
	if opts.Name != "" {
		base = opts.Name[strings.LastIndex(opts.Name, "/")+1:]
	}
	for i := 1; i < 100; i++ {
		dir := base
		if i > 1 {
			dir += "-" + strconv.Itoa(i)
		}
		if engine.Check(scaffold.Request{Dir: dir, Name: opts.Name, Force: opts.Force}) == nil {
			return dir
		}
	}
	return base
}

func dryRun(out io.Writer, engine *scaffold.Engine, req scaffold.Request, asJSON bool) error {
	res, err := engine.DryRun(req)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, res)
	}
	if res.Existing {
		fmt.Fprintf(out, "Would add %d files to the existing directory %s (%s, %s):\n", len(res.Files), res.Path, res.Preset, describeOptions(res.Options))
	} else {
		fmt.Fprintf(out, "Would create %s (%s, %s) with %d files:\n", res.Path, res.Preset, describeOptions(res.Options), len(res.Files))
	}
	fmt.Fprint(out, tree(filepath.Base(res.Path), res.Files))
	if req.Install {
		fmt.Fprintf(out, "Then it would install the dependencies (%s) and commit the lockfile with the rest.\n", res.Install)
	}
	_, err = fmt.Fprintf(out, "Nothing was written. Without --dry-run:\n  %s\n", res.Command)
	return err
}

func report(out io.Writer, res *scaffold.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Created %s in %s\n", res.Name, res.Path)
	fmt.Fprintf(&b, "  preset %s: %s\n", res.Preset, describeOptions(res.Options))
	fmt.Fprintf(&b, "  %d files", len(res.Files))
	switch {
	case res.Commit != "":
		fmt.Fprintf(&b, ", initial commit %s on main\n", res.Commit[:7])
	case res.GitNote != "":
		fmt.Fprintf(&b, "\n  %s\n", res.GitNote)
	default:
		b.WriteString("\n")
	}
	b.WriteString("\nNext steps:\n")
	for _, s := range res.NextSteps {
		b.WriteString("  " + s + "\n")
	}
	_, err := io.WriteString(out, b.String())
	return err
}

func describeOptions(values map[string]string) string { return scaffold.DescribeOptions(values) }

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func relativeToCwd(path string) string {
	if wd, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}

// namedValue is a string flag whose value is shown in help as name
// (--preset NAME), instead of pflag's "string" or a word of the usage text.
type namedValue struct {
	p    *string
	name string
}

func named(p *string, name string) *namedValue { return &namedValue{p: p, name: name} }

func (v *namedValue) String() string     { return *v.p }
func (v *namedValue) Set(s string) error { *v.p = s; return nil }
func (v *namedValue) Type() string       { return v.name }
