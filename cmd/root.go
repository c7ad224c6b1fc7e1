// Package cmd holds the cobra commands: they parse flags, call into scaffold
// and print. No rendering logic lives here.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/jsforge/jsforge/internal/prompt"
	"github.com/jsforge/jsforge/internal/usererr"
	"github.com/jsforge/jsforge/scaffold"
)

// Version is jsforge's version, set at build time with
// -ldflags "-X github.com/jsforge/jsforge/cmd.Version=v1.2.3".
var Version = "dev"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2 // bad flag or answer, or cancelled by the user
)

// Factory carries what commands need from the outside world, so tests can replace it.
type Factory struct {
	In        io.Reader
	Out       io.Writer
	Err       io.Writer
	CanPrompt func() bool
	Prompter  func() prompt.Prompter
	Engine    func() (*scaffold.Engine, error)
}

// DefaultFactory talks to the real terminal.
func DefaultFactory() *Factory {
	return &Factory{
		In:  os.Stdin,
		Out: os.Stdout,
		Err: os.Stderr,
		CanPrompt: func() bool {
			return term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd()))
		},
		Prompter: func() prompt.Prompter { return prompt.NewTerminal() },
		Engine:   func() (*scaffold.Engine, error) { return scaffold.New(Version) },
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
		Version:       Version,
	}
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usererr.New("%v (see %s --help)", err, c.CommandPath())
	})
	root.AddCommand(NewCmdNew(f, nil), NewCmdPresets(f), NewCmdVersion(f))
	return root
}

// Execute runs the command line and prints any error as one line on stderr.
func Execute() error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	f := DefaultFactory()
	err := NewRootCmd(f).ExecuteContext(ctx)
	if err != nil && !errors.Is(err, prompt.ErrCancelled) && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(f.Err, "jsforge: "+err.Error())
	}
	return err
}

// ExitCode maps an error from Execute to the process exit status.
func ExitCode(err error) int {
	var f *failure
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, prompt.ErrCancelled), errors.Is(err, context.Canceled):
		return ExitUsage
	case usererr.Is(err):
		return ExitUsage
	case errors.As(err, &f):
		return ExitFailure
	default:
		// Errors cobra raises itself (unknown command, wrong argument count) are usage errors.
		return ExitUsage
	}
}

// failure marks an error from running a command (as opposed to parsing it).
type failure struct{ err error }

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// fail wraps a run error so ExitCode can tell it from cobra's own usage errors.
func fail(err error) error {
	if err == nil || usererr.Is(err) || errors.Is(err, prompt.ErrCancelled) || errors.Is(err, context.Canceled) {
		return err
	}
	return &failure{err: err}
}
