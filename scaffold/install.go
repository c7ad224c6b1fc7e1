package scaffold

import (
	"context"
	"fmt"
	"io"
	"os/exec"
)

// install runs the package manager's install in dir, streaming its output.
func install(ctx context.Context, dir, pm string, out io.Writer) error {
	if pm == "" {
		pm = "npm"
	}
	if _, err := exec.LookPath(pm); err != nil {
		return fmt.Errorf("%s is not on PATH, so dependencies were not installed; install %s (or pick another with --pm) and run `%s install` in %s", pm, pm, pm, dir)
	}
	cmd := exec.CommandContext(ctx, pm, "install")
	cmd.Dir = dir
	cmd.Stdout = out
	cmd.Stderr = out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`%s install` failed in %s: %w; the project is in place, fix the problem above and run it again", pm, dir, err)
	}
	return nil
}
