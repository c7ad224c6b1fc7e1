// Package prompt asks the user questions in a terminal. Commands depend on the
// Prompter interface only; survey/v2 is imported here and nowhere else, so it
// can be replaced (it is no longer maintained) without touching the commands.
package prompt

import "errors"

// ErrCancelled is returned when the user interrupts a prompt (Ctrl-C).
var ErrCancelled = errors.New("cancelled")

// Choice is one answer offered by Select.
type Choice struct {
	Value       string
	Description string
}

// Prompter asks questions. Every method returns ErrCancelled on Ctrl-C.
type Prompter interface {
	// Input asks for a line of text; validate may reject it with a message.
	Input(message, defaultValue string, validate func(string) error) (string, error)
	// Select offers a fixed list and returns the chosen Value.
	Select(message string, choices []Choice, defaultValue string) (string, error)
	// Confirm asks a yes/no question.
	Confirm(message string, defaultValue bool) (bool, error)
}
