package scaffold

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// checkTarget refuses a target that is a file, or a non-empty directory
// without force. given is the target as the user wrote it, for hints.
func checkTarget(dir, given string, force bool) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(dir)
		if pi, err := os.Stat(parent); err != nil || !pi.IsDir() {
			hint := ""
			if scope, name, ok := strings.Cut(filepath.ToSlash(given), "/"); ok && strings.HasPrefix(scope, "@") && !strings.Contains(name, "/") {
				hint = fmt.Sprintf("; for a scoped package, name the directory and the package apart: jsforge new %s --name %s", shellQuote(name), shellQuote(given))
			}
			return usageError("cannot create %s: parent directory %s does not exist%s", dir, parent, hint)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("checking target %s: %w", dir, err)
	}
	if !info.IsDir() {
		return usageError("target %s exists and is a file; choose another directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading target %s: %w", dir, err)
	}
	if len(entries) > 0 && !force {
		return usageError("target %s is not empty; choose a new directory, or pass --force to add the project next to what is there (no file is overwritten)", dir)
	}
	return nil
}

// checkPaths makes sure every file stays inside dir and, when dir exists
// already (it may hold files with --force), that none of them would be
// overwritten.
func checkPaths(dir string, files []File, existing bool) error {
	var clashes []string
	for _, f := range files {
		if err := checkRelative(f.Path); err != nil {
			return err
		}
		if !existing {
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(full); err == nil {
			clashes = append(clashes, f.Path)
		}
	}
	if len(clashes) > 0 {
		return usageError("target %s already has %s; jsforge never overwrites a file: move %s away and run again", dir, strings.Join(clashes, ", "), plural(len(clashes), "it", "them"))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// write puts files into dir without ever leaving a half-written project.
//
// A new dir is built as a hidden temporary sibling, commit runs there, and the
// finished tree is renamed into place. An existing directory (empty, or any
// with --force: checkPaths made sure that no file is there yet) cannot be
// replaced that way: the files are staged in a hidden directory inside it,
// moved into place one by one, and commit runs on dir; if anything fails, the
// files moved so far are taken away again.
//
// commit gets what was learnt of each file while writing it, by path, for
// git's index (nil when the files were moved since).
func write(ctx context.Context, dir string, files []File, existing bool, commit func(dir string, stats map[string]fileStat) error) (err error) {
	stageIn, prefix := filepath.Dir(dir), "."+filepath.Base(dir)+".jsforge-"
	if existing {
		stageIn, prefix = dir, ".jsforge-staging-"
	}
	tmp, err := os.MkdirTemp(stageIn, prefix)
	if err != nil {
		return fmt.Errorf("creating a staging directory in %s: %w", stageIn, err)
	}
	defer func() {
		if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	made := map[string]bool{tmp: true}
	stats := make(map[string]fileStat, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return cancelled("cancelled; nothing was written", err)
		}
		full := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if err := mkdirs(filepath.Dir(full), made); err != nil {
			return err
		}
		st, err := writeNewFile(full, f.Data, 0o644)
		if err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
		stats[f.Path] = st
	}

	if !existing {
		if err := commit(tmp, stats); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return cancelled("cancelled; nothing was written", err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("moving the project into %s: %w", dir, err)
		}
		return nil
	}

	if err := ctx.Err(); err != nil {
		return cancelled("cancelled; nothing was written", err)
	}
	// From here on, signals wait: the moves take milliseconds, and a rollback
	// needs them all to have happened or none.
	var moved, dirs []string
	_, statErr := os.Lstat(filepath.Join(dir, ".git"))
	hadGit := statErr == nil
	defer func() {
		if err == nil {
			return
		}
		if !hadGit {
			os.RemoveAll(filepath.Join(dir, ".git")) // what a failed commit began
		}
		for _, p := range moved {
			os.Remove(p)
		}
		for i := len(dirs) - 1; i >= 0; i-- {
			os.Remove(dirs[i]) // only if empty
		}
	}()
	for _, f := range files {
		from := filepath.Join(tmp, filepath.FromSlash(f.Path))
		to := filepath.Join(dir, filepath.FromSlash(f.Path))
		newDirs, err := mkdirAll(filepath.Dir(to))
		dirs = append(dirs, newDirs...)
		if err != nil {
			return err
		}
		if _, err := os.Lstat(to); err == nil {
			return usageError("%s appeared while jsforge was writing; it was left as it is", to)
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("moving %s into place: %w", f.Path, err)
		}
		moved = append(moved, to)
	}
	return commit(dir, nil)
}

// mkdirs creates dir and those of its parents that made does not list, one
// mkdir each (the staging directory is new: nothing there needs a look first).
func mkdirs(dir string, made map[string]bool) error {
	if made[dir] {
		return nil
	}
	if err := mkdirs(filepath.Dir(dir), made); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	made[dir] = true
	return nil
}

// mkdirAll is os.MkdirAll that reports the directories it created, outermost first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, err
		}
		made = append(made, missing[i])
	}
	return made, nil
}

// cancelledError is a run stopped by its context: its message says what was
// left behind, and it unwraps to the context's error.
type cancelledError struct {
	msg   string
	cause error
}

func (c *cancelledError) Error() string { return c.msg }
func (c *cancelledError) Unwrap() error { return c.cause }

func cancelled(msg string, cause error) error { return &cancelledError{msg: msg, cause: cause} }

// enclosingWorkTree finds a git work tree that dir is (or would be) inside.
func enclosingWorkTree(dir string) (string, bool) {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		up := filepath.Dir(d)
		if up == d {
			return "", false
		}
		d = up
	}
}
