package scaffold

import (
	"fmt"
	"os"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fallbackAuthor signs the commit when neither the environment nor git config names anyone.
var fallbackAuthor = object.Signature{Name: "jsforge", Email: "jsforge@localhost"}

// commitAll creates a repository in dir on branch main and commits files, all
// but .env, which holds secrets.
func commitAll(dir string, files []File, message string) (string, error) {
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.Main},
	})
	if err != nil {
		return "", fmt.Errorf("git init in %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", err
	}
	for _, f := range files {
		if f.Path == EnvFile {
			continue
		}
		if _, err := wt.Add(f.Path); err != nil {
			return "", fmt.Errorf("git add %s: %w", f.Path, err)
		}
	}
	sig := author(time.Now())
	hash, err := wt.Commit(message, &git.CommitOptions{Author: &sig, Committer: &sig})
	if err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	return hash.String(), nil
}

// author follows git's own order: GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL when set,
// else user.name/user.email from the global git config, else a neutral name.
func author(when time.Time) object.Signature {
	sig := fallbackAuthor
	if cfg, err := config.LoadConfig(config.GlobalScope); err == nil {
		if cfg.User.Name != "" {
			sig.Name = cfg.User.Name
		}
		if cfg.User.Email != "" {
			sig.Email = cfg.User.Email
		}
	}
	if v := os.Getenv("GIT_AUTHOR_NAME"); v != "" {
		sig.Name = v
	}
	if v := os.Getenv("GIT_AUTHOR_EMAIL"); v != "" {
		sig.Email = v
	}
	sig.When = when
	return sig
}
