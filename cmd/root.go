// Package cmd holds the cobra commands: they parse flags, call into scaffold
// and print. No rendering logic lives here, and nothing here reads the preset
// registry: the engine's API (scaffold.Engine) says what there is to ask.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// Exit codes.
const (
	ExitOK        = 0
	ExitFailure   = 1   // something failed while running: writing, git, install
	ExitUsage     = 2   // bad flag, argument, answer or answers file
	ExitInterrupt = 130 // Ctrl-C or SIGINT (128 + the signal's number; SIGTERM gives 143)
)

// Factory carries what commands need from the outside world, so tests can replace it.
type Factory struct {
	In        io.Reader
	Out       io.Writer
	Err       io.Writer
	CanPrompt func() bool
	// Prompter asks questions; its prompts end when ctx does.
	Prompter func(ctx context.Context) prompt.Prompter
	Engine   func() (*scaffold.Engine, error)
	// NodeVersion reports the version of the node on PATH ("v24.1.0"), or an error.
	NodeVersion func() (string, error)
	Version     string

	// lazy holds what whenFlagsNeeded and whenCommandsListed deferred; nil
	// means do it at once.
	lazy *deferred
}

// deferred is the part of the command tree that Execute builds only when the
// command line needs it (see addDeferred).
type deferred struct {
	flags    []func() // the engine's flags
	commands []func() // commands that only a listing or completion reaches
}

// whenFlagsNeeded runs add, which registers flags that need the engine, at
// once; or, with a lazy factory (DefaultFactory), when Execute finds that the
// command line needs them.
func (f *Factory) whenFlagsNeeded(add func()) {
	if f.lazy == nil {
		add()
		return
	}
	f.lazy.flags = append(f.lazy.flags, add)
}

// whenCommandsListed runs add, which adds a command that is never the one a
// run of jsforge most likely is (completion), at once; or, with a lazy
// factory, when Execute finds that the command line may list, run or
// complete it.
func (f *Factory) whenCommandsListed(add func()) {
	if f.lazy == nil {
		add()
		return
	}
	f.lazy.commands = append(f.lazy.commands, add)
}

// addDeferred builds what a lazy factory deferred and args need.
func addDeferred(f *Factory, root *cobra.Command, args []string) {
	if f.lazy == nil {
		return
	}
	if listsCommands(root, args) {
		for _, add := range f.lazy.commands {
			add()
		}
	}
	if needsEngineFlags(root, args) {
		for _, add := range f.lazy.flags {
			add()
		}
	}
	f.lazy = nil
}

// listsCommands reports whether running args could list the commands, or run
// or complete one that is not in the tree yet: everything but printing the
// version or running one of the commands already there (help aside).
func listsCommands(root *cobra.Command, args []string) bool {
	target, rest, err := root.Find(args)
	if err != nil || target.Name() == "help" {
		return true
	}
	if target != root {
		return false
	}
	version := false
	for _, a := range rest {
		if !strings.HasPrefix(a, "-") || a == "-h" || a == "--help" {
			return true
		}
		version = version || a == "--version" || a == "-v"
	}
	return !version
}

// needsEngineFlags reports whether running args could parse, show or
// complete flags that come from the engine. Only printing the version, the
// top-level help or a completion script does not.
func needsEngineFlags(root *cobra.Command, args []string) bool {
	target, rest, err := root.Find(args)
	if err != nil {
		return true
	}
	switch {
	case target.Name() == "version" || target.Name() == "completion" || target.HasParent() && target.Parent().Name() == "completion":
		return false
	case target == root:
		for _, a := range rest {
			if !strings.HasPrefix(a, "-") {
				return true // a command cobra adds itself (__complete), or an unknown one
			}
		}
		return false
	}
	return true
}

// DefaultFactory talks to the real terminal.
func DefaultFactory() *Factory {
	version := Version()
	return &Factory{
		In:  os.Stdin,
		Out: os.Stdout,
		Err: os.Stderr,
		CanPrompt: func() bool {
			return term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd()))
		},
		Prompter:    func(ctx context.Context) prompt.Prompter { return prompt.NewTerminal(ctx) },
		Engine:      sync.OnceValues(func() (*scaffold.Engine, error) { return scaffold.New(version) }),
		NodeVersion: cachedNodeVersion,
		Version:     version,
		lazy:        new(deferred),
	}
}

// NewRootCmd builds the command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "jsforge",
		Short: "Create production-grade JavaScript and TypeScript backends",
		Long: "jsforge creates a backend repository from a framework preset: the server starts, the tests pass,\n" +
			"and middleware, routing, authentication and a database layer are already wired in.",
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       f.Version,
		// An unknown command is a usage error (cobra's own check would print
		// help and succeed once the root command runs).
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q for %s", args[0], c.CommandPath())
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			return usererr.New("%s; run %s --help for the commands", msg, c.CommandPath())
		},
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usererr.New("%v (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(NewCmdNew(f, nil), NewCmdAdd(f), NewCmdPresets(f), NewCmdVersion(f))
	root.AddCommand(NewCmdUpdate(f, nil), NewCmdStatus(f, nil))
	root.SetHelpCommand(newCmdHelp(root))
	root.CompletionOptions.DisableDefaultCmd = true // see newCmdCompletion
	markUsageErrors(root)
	// Cobra's completion command formats a long help text for every shell:
	// more work than the rest of the tree, for a command rarely run.
	f.whenCommandsListed(func() {
		completion := newCmdCompletion(root)
		markUsageErrors(completion)
		root.AddCommand(completion)
	})
	return root
}

// markUsageErrors makes the argument checks of every command return usage
// errors: they are the only errors cobra raises itself once flags parse.
func markUsageErrors(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil && !usererr.Is(err) {
				return usererr.New("%v (see %s --help)", err, c.CommandPath())
			} else if err != nil {
				return err
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		markUsageErrors(sub)
	}
}

// newCmdHelp replaces cobra's help command, which succeeds on an unknown topic.
func newCmdHelp(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(c *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var out []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.IsAvailableCommand() {
					out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 || target == nil {
				return usererr.New("unknown help topic %q; run %s help for the commands", strings.Join(args, " "), root.Name())
			}
			return target.Help()
		},
	}
}

// newCmdCompletion is cobra's completion command, except that an unknown or
// missing shell is a usage error instead of a help text and success.
func newCmdCompletion(root *cobra.Command) *cobra.Command {
	root.CompletionOptions.DisableDefaultCmd = false
	root.InitDefaultCompletionCmd()
	root.CompletionOptions.DisableDefaultCmd = true // Execute would build it again
	var completion *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			completion = c
		}
	}
	root.RemoveCommand(completion)
	var shells []string
	for _, c := range completion.Commands() {
		shells = append(shells, c.Name())
	}
	completion.Args = cobra.ArbitraryArgs
	completion.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usererr.New("name a shell: %s completion %s", root.Name(), strings.Join(shells, "|"))
		}
		return usererr.Unknown("shell", args[0], shells)
	}
	return completion
}

// Execute runs the command line and prints any error as one line on stderr.
//
// The first SIGINT or SIGTERM cancels the run: a prompt or an install ends
// at once, nothing half-written is left, and the exit status says which
// signal it was. Signals are then let through, so a second one ends jsforge
// on the spot.
//
// They are caught from the moment a command runs. Printing the version or a
// help text (which cobra does before that) has nothing to clean up, and
// catching signals starts two goroutines and a thread of the runtime's: about
// a tenth of what such a run costs.
func Execute() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got struct {
		sync.Mutex
		sig os.Signal
	}
	catchSignals := func() {
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
		go func() {
			s := <-signals
			signal.Stop(signals)
			got.Lock()
			got.sig = s
			got.Unlock()
			cancel()
		}()
		// No signal.Stop when the run ends: the process exits right after,
		// and each signal.Stop waits for the runtime's signal thread (two
		// round trips between threads, a measurable part of a run).
	}
	f := DefaultFactory()
	root := NewRootCmd(f)
	// Every command inherits this hook, as long as none defines its own (cobra
	// runs only the nearest; TestCommandsInheritSignalHandling).
	root.PersistentPreRun = func(*cobra.Command, []string) { catchSignals() }
	addDeferred(f, root, os.Args[1:])
	err := root.ExecuteContext(ctx)
	if err == nil {
		return nil
	}
	got.Lock()
	sig := got.sig
	got.Unlock()
	if sig != nil && isCancel(err) {
		err = &signalled{sig: sig, err: err}
	}
	fmt.Fprintln(f.Err, "jsforge: "+message(err))
	return err
}

// message is how an error reads after "jsforge: ".
func message(err error) string {
	if errors.Is(err, prompt.ErrCancelled) || err.Error() == context.Canceled.Error() {
		return "cancelled; nothing was written"
	}
	return err.Error()
}

func isCancel(err error) bool {
	return errors.Is(err, prompt.ErrCancelled) || errors.Is(err, context.Canceled)
}

// signalled is an error caused by a signal, for the exit status.
type signalled struct {
	sig os.Signal
	err error
}

func (s *signalled) Error() string { return s.err.Error() }
func (s *signalled) Unwrap() error { return s.err }

// ExitCode maps an error from Execute to the process exit status: usage
// errors are marked where they arise (usererr) and exit 2; a cancel exits
// 128 plus the signal's number (130 for Ctrl-C); everything else exits 1.
func ExitCode(err error) int {
	var s *signalled
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &s):
		if n, ok := s.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
		return ExitInterrupt
	case isCancel(err):
		return ExitInterrupt // Ctrl-C read as a key at a prompt
	case usererr.Is(err):
		return ExitUsage
	default:
		return ExitFailure
	}
}
