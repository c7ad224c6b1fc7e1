package scaffold

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// installGrace is how long the package manager gets to stop after it is
// interrupted before it is killed.
const installGrace = 10 * time.Second

// install runs command (the package manager's install, e.g. "npm install")
// in dir, streaming its output. When ctx ends, the package manager is
// interrupted as Ctrl-C would, and the error says the install was cancelled.
func install(ctx context.Context, dir, command string, out io.Writer) error {
	argv := strings.Fields(command)
	if len(argv) == 0 {
		argv = []string{"npm", "install"}
		command = "npm install"
	}
	pm := argv[0]
	if _, err := exec.LookPath(pm); err != nil {
		return fmt.Errorf("%s is not on PATH, so dependencies were not installed; install %s (or pick another package manager) and run `%s` in %s", pm, pm, command, dir)
	}
	if err := ctx.Err(); err != nil {
		return cancelled(fmt.Sprintf("cancelled before installing dependencies; the project is in %s: run `%s` there", dir, command), err)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	if out == nil {
		out = io.Discard
	}
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.Cancel = func() error {
		// Ctrl-C in a terminal has reached the package manager already; a
		// SIGTERM sent to jsforge alone has not. Either way it gets the chance
		// to stop cleanly, then installGrace, then it is killed.
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			return cmd.Process.Kill() // Windows cannot send an interrupt
		}
		return nil
	}
	cmd.WaitDelay = installGrace
	err := cmd.Run()
	if ctx.Err() != nil {
		return cancelled(fmt.Sprintf("cancelled while installing dependencies; the project is in %s: run `%s` there to finish", dir, command), ctx.Err())
	}
	if err != nil {
		return fmt.Errorf("`%s` failed in %s: %w; the project is in place: fix the problem above and run it again", command, dir, err)
	}
	return nil
}
