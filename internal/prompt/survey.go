package prompt

import (
	"errors"
	"os"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// Terminal is the survey/v2 Prompter on the process's terminal.
type Terminal struct {
	In  terminal.FileReader
	Out terminal.FileWriter
	Err *os.File
}

// NewTerminal returns a Prompter reading stdin and drawing on stdout.
func NewTerminal() *Terminal {
	return &Terminal{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
}

func (t *Terminal) opts() survey.AskOpt {
	return survey.WithStdio(t.In, t.Out, t.Err)
}

func (t *Terminal) Input(message, defaultValue string, validate func(string) error) (string, error) {
	var answer string
	q := &survey.Input{Message: message, Default: defaultValue}
	var opts []survey.AskOpt
	opts = append(opts, t.opts())
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(v any) error { return validate(v.(string)) }))
	}
	err := survey.AskOne(q, &answer, opts...)
	return answer, translate(err)
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
	err := survey.AskOne(q, &answer, t.opts())
	return answer, translate(err)
}

func (t *Terminal) Confirm(message string, defaultValue bool) (bool, error) {
	var answer bool
	err := survey.AskOne(&survey.Confirm{Message: message, Default: defaultValue}, &answer, t.opts())
	return answer, translate(err)
}

func translate(err error) error {
	if errors.Is(err, terminal.InterruptErr) {
		return ErrCancelled
	}
	return err
}
