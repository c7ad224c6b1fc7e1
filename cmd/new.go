package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/presets"
	"github.com/jsforge/jsforge/scaffold"
)

// NewOptions are the parsed flags and arguments of `jsforge new`.
type NewOptions struct {
	Dir     string
	Name    string
	Preset  string
	Config  string
	Options map[string]string // option answers given as flags
	Yes     bool
	NoGit   bool
	DryRun  bool
	Force   bool
	JSON    bool
	// Install is nil when neither --install nor --no-install was given.
	Install *bool
}

// NewCmdNew builds `jsforge new`. Tests pass runF to capture the parsed options.
func NewCmdNew(f *Factory, runF func(context.Context, *NewOptions) error) *cobra.Command {
	opts := &NewOptions{Options: map[string]string{}}
	engine, engineErr := f.Engine()
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
			if engineErr != nil {
				return fail(engineErr)
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
			return fail(runNew(c.Context(), f, engine, opts))
		},
	}

	fl := cmd.Flags()
	fl.StringVarP(&opts.Preset, "preset", "p", "", "framework preset (see `jsforge presets`)")
	fl.StringVar(&opts.Name, "name", "", "npm package name (default: the last element of DIR)")
	fl.StringVar(&opts.Config, "config", "", "YAML answers file with the same keys as the flags")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "take the default for every option not given; never prompt")
	fl.BoolVar(&opts.NoGit, "no-git", false, "do not create a git repository")
	fl.BoolVar(&install, "install", false, "install dependencies with the chosen package manager")
	fl.BoolVar(&noInstall, "no-install", false, "do not install dependencies (the default without a terminal)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the files that would be written and write nothing")
	fl.BoolVar(&opts.Force, "force", false, "allow a non-empty DIR (existing files are never overwritten)")
	fl.BoolVar(&opts.JSON, "json", false, "print a machine-readable result on stdout")

	if engine != nil {
		_ = cmd.RegisterFlagCompletionFunc("preset", presetCompletion(engine.Registry))
		for _, opt := range engine.Registry.Catalog {
			v := new(string)
			optionValues[opt.Name] = v
			fl.StringVar(v, opt.Name, "", fmt.Sprintf("%s: %s (default depends on the preset)", strings.ToLower(opt.Title), strings.Join(opt.Values(), ", ")))
			_ = cmd.RegisterFlagCompletionFunc(opt.Name, optionCompletion(engine.Registry, opt.Name))
		}
	}
	return cmd
}

func runNew(ctx context.Context, f *Factory, engine *scaffold.Engine, opts *NewOptions) error {
	if opts.Config != "" {
		cfg, err := loadAnswers(opts.Config, engine.Registry)
		if err != nil {
			return err
		}
		cfg.fill(opts)
	}

	interactive := !opts.Yes && !opts.JSON && f.CanPrompt()
	if interactive {
		if err := ask(f.Prompter(), engine.Registry, opts); err != nil {
			return err
		}
	}
	if opts.Dir == "" {
		return usererr.New("missing the target directory: jsforge new DIR --preset NAME")
	}
	if opts.Preset == "" {
		return usererr.New("missing --preset; available: %s", strings.Join(engine.Registry.Names(), ", "))
	}

	req := scaffold.Request{
		Dir:           opts.Dir,
		Name:          opts.Name,
		Preset:        opts.Preset,
		Options:       opts.Options,
		Git:           !opts.NoGit,
		Install:       opts.Install != nil && *opts.Install,
		Force:         opts.Force,
		InstallOutput: f.Err,
	}
	if opts.DryRun {
		return dryRun(f.Out, engine, req, opts.JSON)
	}
	res, err := engine.Generate(ctx, req)
	if err != nil {
		if res != nil {
			// The project and its commit exist: say so, to people and machines.
			if opts.JSON {
				_ = writeJSON(f.Out, res)
			} else {
				fmt.Fprintf(f.Err, "The project was created in %s, but installing its dependencies failed.\n", res.Path)
			}
		}
		return err
	}
	if opts.JSON {
		return writeJSON(f.Out, res)
	}
	report(f.Out, res, engine, reproduce(opts, res))
	if interactive {
		fmt.Fprintf(f.Out, "\nTo create the same project without questions:\n  %s\n", reproduce(opts, res))
	}
	return nil
}

// ask prompts for whatever flags and the config file left open.
func ask(p prompt.Prompter, reg *presets.Registry, opts *NewOptions) error {
	if opts.Dir == "" {
		def := opts.Name
		if def == "" {
			def = "my-api"
		}
		name, err := p.Input("Project name", def, scaffold.ValidateName)
		if err != nil {
			return err
		}
		opts.Dir = name
	}
	if opts.Preset == "" {
		var choices []prompt.Choice
		for _, ps := range reg.All() {
			choices = append(choices, prompt.Choice{Value: ps.Name, Description: ps.Description})
		}
		v, err := p.Select("Preset", choices, "")
		if err != nil {
			return err
		}
		opts.Preset = v
	}
	ps, ok := reg.Get(opts.Preset)
	if !ok {
		return usererr.Unknown("preset", opts.Preset, reg.Names())
	}
	for _, opt := range ps.Options {
		if _, given := opts.Options[opt.Name]; given {
			continue
		}
		var choices []prompt.Choice
		for _, c := range opt.Choices {
			choices = append(choices, prompt.Choice{Value: c.Value, Description: c.Description})
		}
		v, err := p.Select(opt.Title, choices, opt.Default)
		if err != nil {
			return err
		}
		opts.Options[opt.Name] = v
	}
	if opts.Install == nil {
		v, err := p.Confirm("Install dependencies now?", false)
		if err != nil {
			return err
		}
		opts.Install = &v
	}
	return nil
}

func dryRun(out io.Writer, engine *scaffold.Engine, req scaffold.Request, asJSON bool) error {
	plan, err := engine.Plan(req)
	if err != nil {
		return err
	}
	files, err := engine.Render(plan)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(out, map[string]any{
			"dryRun":  true,
			"path":    plan.Dir,
			"name":    plan.Name,
			"preset":  plan.Resolution.Preset.Name,
			"options": plan.Resolution.Values,
			"files":   filePaths(files),
		})
	}
	fmt.Fprintf(out, "Would create %s (%s, %s) with %d files:\n", plan.Dir, plan.Resolution.Preset.Name, describeOptions(plan.Resolution.Values), len(files))
	fmt.Fprint(out, tree(filepath.Base(plan.Dir), filePaths(files)))
	return nil
}

func report(out io.Writer, res *scaffold.Result, engine *scaffold.Engine, command string) {
	fmt.Fprintf(out, "Created %s in %s\n", res.Name, res.Path)
	fmt.Fprintf(out, "  preset %s: %s\n", res.Preset, describeOptions(res.Options))
	fmt.Fprintf(out, "  %d files", len(res.Files))
	switch {
	case res.Commit != "":
		fmt.Fprintf(out, ", initial commit %s on main\n", res.Commit[:7])
	case res.GitNote != "":
		fmt.Fprintf(out, "\n  %s\n", res.GitNote)
	default:
		fmt.Fprintln(out)
	}
	p, ok := engine.Registry.Get(res.Preset)
	if !ok {
		return // cannot happen: the project was just generated from it
	}
	pm := res.Options["pm"]
	run, lockfile := pm+" run", ""
	if opt, ok := p.Option("pm"); ok {
		if c, ok := opt.Choice(pm); ok {
			if c.Vars["run"] != "" {
				run = c.Vars["run"] // e.g. "pnpm", as the generated README says
			}
			lockfile = c.Vars["lockfile"]
		}
	}
	fmt.Fprintln(out, "\nNext steps:")
	fmt.Fprintf(out, "  cd %s\n", shellQuote(relativeToCwd(res.Path)))
	if !res.Installed {
		fmt.Fprintf(out, "  %s install\n", pm)
		if res.Commit != "" && lockfile != "" {
			fmt.Fprintf(out, "  git add %s && git commit -m 'Add the lockfile'   # CI and the Dockerfile install from it\n", lockfile)
		}
	}
	fmt.Fprintf(out, "  %s %s\n", run, p.Project.Dev)
	if p.Project.Build {
		fmt.Fprintf(out, "  %s build && %s start   # production\n", run, run)
	}
}

// reproduce is the one-line command that recreates the same project without questions.
func reproduce(opts *NewOptions, res *scaffold.Result) string {
	parts := []string{"jsforge", "new", shellQuote(opts.Dir), "--preset", res.Preset}
	if opts.Name != "" {
		parts = append(parts, "--name", shellQuote(res.Name))
	}
	for _, name := range sortedKeys(res.Options) {
		parts = append(parts, "--"+name, res.Options[name])
	}
	if opts.NoGit {
		parts = append(parts, "--no-git")
	}
	if opts.Install != nil && *opts.Install {
		parts = append(parts, "--install")
	}
	return strings.Join(append(parts, "--yes"), " ")
}

func describeOptions(values map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(values) {
		parts = append(parts, k+"="+values[k])
	}
	return strings.Join(parts, " ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func filePaths(files []scaffold.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	return out
}

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./@~+=:,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func relativeToCwd(path string) string {
	if wd, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}
