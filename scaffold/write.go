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

// checkTarget refuses a target that is a file, or a non-empty directory without force.
func checkTarget(dir string, force bool) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(dir)
		if pi, err := os.Stat(parent); err != nil || !pi.IsDir() {
			return usageError("cannot create %s: parent directory %s does not exist", dir, parent)
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

// checkPaths makes sure every file stays inside dir and, when dir already has
// files (--force), that none of them would be overwritten.
func checkPaths(dir string, files []File) error {
	var clashes []string
	for _, f := range files {
		if err := checkRelative(f.Path); err != nil {
			return err
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

// write puts files into dir without ever leaving a half-written project: they
// go to a hidden temporary sibling first, commit runs there, and the finished
// tree is renamed into place. With force and an existing non-empty dir, files
// are moved in one by one (none exists there yet, checkPaths saw to that) and
// commit runs on dir.
func write(ctx context.Context, dir string, files []File, force bool, commit func(dir string) error) (err error) {
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".jsforge-")
	if err != nil {
		return fmt.Errorf("creating a staging directory next to %s: %w", dir, err)
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
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		full := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if parent := filepath.Dir(full); !made[parent] {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			made[parent] = true
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}

	if empty, err := isEmptyOrMissing(dir); err != nil {
		return err
	} else if empty {
		if err := commit(tmp); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// rename(2) replaces an empty directory atomically.
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("moving the project into %s: %w", dir, err)
		}
		return nil
	}

	if !force {
		return usageError("target %s is not empty; pass --force to add to it", dir)
	}
	for _, f := range files {
		from := filepath.Join(tmp, filepath.FromSlash(f.Path))
		to := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if _, err := os.Lstat(to); err == nil {
			return usageError("%s appeared while jsforge was writing; it was left as it is", to)
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("moving %s into place: %w", f.Path, err)
		}
	}
	return commit(dir)
}

func isEmptyOrMissing(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	return len(entries) == 0, err
}

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
