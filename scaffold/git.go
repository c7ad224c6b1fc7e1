package scaffold

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/memory"
)

// fallbackAuthor signs the commit when neither the environment nor git config names anyone.
var fallbackAuthor = object.Signature{Name: "jsforge", Email: "jsforge@localhost"}

// commitAll creates a repository in dir on branch main and commits files, all
// but .env, which holds secrets.
//
// It writes the blobs, trees, index and commit directly instead of calling
// Worktree.Add per file: go-git's Add recomputes the status of the whole
// work tree on every call, which made the commit 50 times slower than the
// rest of `jsforge new` together.
func commitAll(dir string, files []File, message string) (string, error) {
	repo, err := initRepository(filepath.Join(dir, ".git"))
	if err != nil {
		return "", fmt.Errorf("git init in %s: %w", dir, err)
	}
	// Objects are collected in memory and written as one packfile: loose
	// objects cost a temporary file, a rename and often a directory each.
	mem := memory.NewStorage()
	st := mem
	idx := &index.Index{Version: 2}
	root := newTreeNode()
	for _, f := range files { // sorted by path, as the index wants
		if IsLocalEnvFile(f.Path) {
			continue
		}
		hash, err := storeObject(st, plumbing.BlobObject, f.Data)
		if err != nil {
			return "", err
		}
		entry := &index.Entry{Name: f.Path, Hash: hash, Mode: filemode.Regular, Size: uint32(len(f.Data))}
		if info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f.Path))); err == nil {
			entry.ModifiedAt = info.ModTime()
			statEntry(entry, info)
		}
		idx.Entries = append(idx.Entries, entry)
		root.add(strings.Split(f.Path, "/"), hash)
	}
	treeHash, err := root.store(st)
	if err != nil {
		return "", err
	}
	sig := author(time.Now())
	commit := &object.Commit{Author: sig, Committer: sig, Message: message + "\n", TreeHash: treeHash}
	obj := st.NewEncodedObject()
	if err := commit.Encode(obj); err != nil {
		return "", err
	}
	hash, err := st.SetEncodedObject(obj)
	if err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	if err := writePack(filepath.Join(dir, ".git"), mem); err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	if err := repo.SetReference(plumbing.NewHashReference(plumbing.Main, hash)); err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	if err := repo.SetIndex(idx); err != nil {
		return "", fmt.Errorf("git index: %w", err)
	}
	return hash.String(), nil
}

// initRepository does what `git init -b main` does, through go-git's storage
// layer. (The top-level go-git package links every transport, SSH and HTTP
// and OpenPGP included, whose initialisation alone cost jsforge about 5 ms
// of its start-up; the storage layer is all a new repository needs.)
func initRepository(gitDir string) (*filesystem.Storage, error) {
	st := filesystem.NewStorage(osfs.New(gitDir), cache.NewObjectLRUDefault())
	if err := st.Init(); err != nil {
		return nil, err
	}
	cfg, err := st.Config()
	if err != nil {
		return nil, err
	}
	cfg.Core.IsBare = false
	cfg.Init.DefaultBranch = plumbing.Main.Short()
	if err := st.SetConfig(cfg); err != nil {
		return nil, err
	}
	return st, st.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, plumbing.Main))
}

// writePack writes every object of mem into the repository at gitDir as one
// packfile with its index, both built in memory and written with one call each.
// (go-git's PackfileWriter parses the pack through a pipe while writing it,
// which costs hundreds of small writes.)
func writePack(gitDir string, mem *memory.Storage) error {
	hashes := make([]plumbing.Hash, 0, len(mem.Objects))
	for h := range mem.Objects {
		hashes = append(hashes, h)
	}
	var pack bytes.Buffer
	sum, err := packfile.NewEncoder(&pack, mem, false).Encode(hashes, 0)
	if err != nil {
		return err
	}
	var idxWriter idxfile.Writer
	parser, err := packfile.NewParser(packfile.NewScanner(bytes.NewReader(pack.Bytes())), &idxWriter)
	if err != nil {
		return err
	}
	if _, err := parser.Parse(); err != nil {
		return err
	}
	idx, err := idxWriter.Index()
	if err != nil {
		return err
	}
	var idxBuf bytes.Buffer
	if _, err := idxfile.NewEncoder(&idxBuf).Encode(idx); err != nil {
		return err
	}
	base := filepath.Join(gitDir, "objects", "pack", "pack-"+sum.String())
	if err := os.WriteFile(base+".pack", pack.Bytes(), 0o444); err != nil {
		return err
	}
	return os.WriteFile(base+".idx", idxBuf.Bytes(), 0o444)
}

func storeObject(st storage.Storer, typ plumbing.ObjectType, data []byte) (plumbing.Hash, error) {
	obj := st.NewEncodedObject()
	obj.SetType(typ)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return st.SetEncodedObject(obj)
}

// treeNode is a directory on its way to becoming a git tree object.
type treeNode struct {
	files map[string]plumbing.Hash
	dirs  map[string]*treeNode
}

func newTreeNode() *treeNode {
	return &treeNode{files: map[string]plumbing.Hash{}, dirs: map[string]*treeNode{}}
}

func (n *treeNode) add(segments []string, hash plumbing.Hash) {
	if len(segments) == 1 {
		n.files[segments[0]] = hash
		return
	}
	child, ok := n.dirs[segments[0]]
	if !ok {
		child = newTreeNode()
		n.dirs[segments[0]] = child
	}
	child.add(segments[1:], hash)
}

func (n *treeNode) store(st storage.Storer) (plumbing.Hash, error) {
	var tree object.Tree
	for name, hash := range n.files {
		tree.Entries = append(tree.Entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: hash})
	}
	for name, child := range n.dirs {
		hash, err := child.store(st)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		tree.Entries = append(tree.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: hash})
	}
	// git orders tree entries by name, comparing a directory as if its name ended in "/".
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(tree.Entries, func(i, j int) bool { return key(tree.Entries[i]) < key(tree.Entries[j]) })
	obj := st.NewEncodedObject()
	if err := tree.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return st.SetEncodedObject(obj)
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
