package prompt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/term"
)

// Terminal is the survey/v2 Prompter on the process's terminal.
//
// Two things survey does not do are done here. Keys typed ahead, while a
// prompt is still being drawn or between two prompts, are kept (keyReader),
// and a prompt ends as soon as ctx does (a SIGINT or SIGTERM from outside the
// terminal), with the terminal restored.
type Terminal struct {
	ctx context.Context
	in  *keyReader
	out terminal.FileWriter
	err io.Writer
}

// NewTerminal returns a Prompter reading stdin and drawing on stdout, whose
// prompts end with ErrCancelled when ctx does.
func NewTerminal(ctx context.Context) *Terminal {
	keys := newKeyReader(ctx, os.Stdin)
	return &Terminal{ctx: ctx, in: keys, out: cprWriter{File: os.Stdout, keys: keys}, err: os.Stderr}
}

// ask runs one survey prompt. survey reads the keys through t.in, whose Read
// returns as soon as ctx ends, so the prompt returns, and survey restores the
// terminal mode itself. Where survey reads the console directly (Windows),
// ask stops waiting for it and restores the console mode it saved.
func (t *Terminal) ask(p survey.Prompt, response any, opts ...survey.AskOpt) error {
	if err := t.ctx.Err(); err != nil {
		return ErrCancelled
	}
	fd := int(t.in.Fd())
	saved, stateErr := term.GetState(fd) // for Windows, below
	done := make(chan error, 1)
	go func() {
		done <- survey.AskOne(p, response, append(opts, survey.WithStdio(t.in, t.out, t.err))...)
	}()
	select {
	case err := <-done:
		if t.ctx.Err() != nil || errors.Is(err, terminal.InterruptErr) {
			return ErrCancelled
		}
		return err
	case <-t.ctx.Done():
		if runtime.GOOS != "windows" {
			<-done // keyReader.Read has returned an error: survey cleans up and returns
		} else {
			if stateErr == nil {
				_ = term.Restore(fd, saved)
			}
			fmt.Fprint(t.out, "\x1b[?25h") // survey hides the cursor in a list
		}
		fmt.Fprintln(t.out)
		return ErrCancelled
	}
}

func (t *Terminal) Input(message, defaultValue string, validate func(string) error) (string, error) {
	var answer string
	opts := []survey.AskOpt{}
	if validate != nil {
		// survey validates the answer, the default when the line was empty.
		opts = append(opts, survey.WithValidator(func(v any) error {
			s, _ := v.(string)
			return validate(s)
		}))
	}
	err := t.ask(&survey.Input{Message: message, Default: defaultValue}, &answer, opts...)
	return answer, err
}

func (t *Terminal) Select(message string, choices []Choice, defaultValue string) (string, error) {
	values := make([]string, len(choices))
	for i, c := range choices {
		values[i] = c.Value
	}
	q := &survey.Select{
		Message:     message,
		Options:     values,
		Description: func(_ string, i int) string { return choices[i].Description },
	}
	if defaultValue != "" {
		q.Default = defaultValue
	}
	var answer string
	err := t.ask(q, &answer, survey.WithPageSize(len(values)))
	return answer, err
}

func (t *Terminal) Confirm(message string, defaultValue bool) (bool, error) {
	var answer bool
	err := t.ask(&survey.Confirm{Message: message, Default: defaultValue}, &answer)
	return answer, err
}
