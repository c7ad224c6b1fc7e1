// Package usererr marks errors caused by bad input (a flag, an answer, a config
// file), so the command line can exit with status 2 instead of 1, and helps
// phrase them with a "did you mean" hint.
package usererr

import (
	"errors"
	"fmt"
	"strings"
)

// Error is bad input from the user; its message names the input and the fix.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// New returns a usage error with a formatted message.
func New(format string, args ...any) error {
	return &Error{msg: fmt.Sprintf(format, args...)}
}

// Is reports whether err is, or wraps, a usage error.
func Is(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// Unknown builds the standard message for a value that is not among the allowed ones:
//
//	unknown preset "expres" (did you mean "express"?); available: express, koa
func Unknown(what, got string, allowed []string) error {
	msg := fmt.Sprintf("unknown %s %q", what, got)
	if s := Suggest(got, allowed); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return &Error{msg: msg + "; available: " + strings.Join(allowed, ", ")}
}

// Suggest returns the allowed value closest to got, or "" when none is close.
func Suggest(got string, allowed []string) string {
	best, bestDist := "", 3 // more than two edits away is not a typo
	for _, a := range allowed {
		if d := distance(strings.ToLower(got), a); d < bestDist {
			best, bestDist = a, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
