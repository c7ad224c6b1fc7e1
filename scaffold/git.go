package scaffold

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/adler32"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// The initial commit is made with go-git's plumbing for the parts of a
// repository that are hard to get right (object hashes, the pack index, the
// staging index) and with the simple ones written here as git writes them:
// the tree and commit texts, the packfile's entries, HEAD, the branch, the
// config.
//
// Why not go-git's Repository or storage layer: they link go-git's config
// package (gcfg, which initialises encoding/gob) and its object package
// (OpenPGP, for signed commits: elliptic curves set up at start-up). That
// initialisation was paid by every run of jsforge, `jsforge --version`
// included, for a commit that needs none of it. TestCommitPassesGitFsck holds
// the result to git's own fsck and log.

// fallbackAuthor signs the commit when neither the environment nor git config names anyone.
var fallbackAuthor = signature{name: "jsforge", email: "jsforge@localhost"}

// commitAll creates a repository in dir on branch main and commits files, all
// but the local environment files, which hold secrets. stats holds what was
// learnt of the files as they were written, for the index; a file it lacks is
// looked at on disk.
func commitAll(dir string, files []File, stats map[string]fileStat, message string) (string, error) {
	gitDir := filepath.Join(dir, ".git")
	objs := objectSet{}
	idx := &index.Index{Version: 2}
	root := newTreeNode()
	for _, f := range files { // sorted by path, as the index wants
		if IsLocalEnvFile(f.Path) {
			continue
		}
		hash := objs.add(plumbing.BlobObject, f.Data)
		entry := &index.Entry{Name: f.Path, Hash: hash, Mode: filemode.Regular, Size: uint32(len(f.Data))}
		st, ok := stats[f.Path]
		if !ok {
			st = statPath(filepath.Join(dir, filepath.FromSlash(f.Path)))
		}
		if st.ok {
			entry.ModifiedAt, entry.CreatedAt = st.mtime, st.ctime
			entry.Dev, entry.Inode, entry.UID, entry.GID = st.dev, st.ino, st.uid, st.gid
		}
		idx.Entries = append(idx.Entries, entry)
		root.add(strings.Split(f.Path, "/"), hash)
	}
	tree := root.store(objs)
	sig := author(time.Now())
	var commit bytes.Buffer
	fmt.Fprintf(&commit, "tree %s\nauthor %s\ncommitter %s\n\n%s\n", tree, sig, sig, message)
	head := objs.add(plumbing.CommitObject, commit.Bytes())

	if err := initRepository(gitDir); err != nil {
		return "", fmt.Errorf("git init in %s: %w", dir, err)
	}
	if err := writePack(gitDir, objs); err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	if _, err := writeNewFile(filepath.Join(gitDir, "refs", "heads", "main"), []byte(head.String()+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	// The template branch starts at the same commit: the pristine render
	// that `jsforge update` merges later renders onto (update.go).
	if err := os.Mkdir(filepath.Join(gitDir, "refs", "heads", "jsforge"), 0o755); err != nil {
		return "", fmt.Errorf("git branch %s: %w", TemplateBranch, err)
	}
	if _, err := writeNewFile(filepath.Join(gitDir, "refs", "heads", filepath.FromSlash(TemplateBranch)), []byte(head.String()+"\n"), 0o644); err != nil {
		return "", fmt.Errorf("git branch %s: %w", TemplateBranch, err)
	}
	var ib bytes.Buffer
	if err := index.NewEncoder(&ib).Encode(idx); err != nil {
		return "", fmt.Errorf("git index: %w", err)
	}
	if _, err := writeNewFile(filepath.Join(gitDir, "index"), ib.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("git index: %w", err)
	}
	return head.String(), nil
}

// initRepository does what `git init -b main` does: the directories, HEAD on
// the unborn branch main, and the config.
func initRepository(gitDir string) error {
	for _, d := range []string{"", "objects", "objects/pack", "objects/info", "refs", "refs/heads", "refs/tags"} {
		if err := os.Mkdir(filepath.Join(gitDir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	config := "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n"
	if runtime.GOOS == "windows" {
		config = "[core]\n\trepositoryformatversion = 0\n\tfilemode = false\n\tbare = false\n\tlogallrefupdates = true\n\tsymlinks = false\n\tignorecase = true\n"
	}
	for name, content := range map[string]string{
		"HEAD":        "ref: refs/heads/main\n",
		"config":      config,
		"description": "Unnamed repository; edit this file 'description' to name the repository.\n",
	} {
		if _, err := writeNewFile(filepath.Join(gitDir, name), []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Pack entries are zlib streams of stored (uncompressed) deflate blocks. The
// first commit of a project is small (about 100 KB for Express stored, 56 KB
// compressed), git compresses objects again whenever it repacks or pushes
// them, and compressing seventy small objects one by one was an eighth of a
// `jsforge new` run; even compress/zlib's NoCompression level sets up a
// compressor of 600 KB for the first of them. Stored blocks are simple
// enough to write here (RFC 1950 and 1951): a two-byte header, blocks of at
// most 65535 bytes each with its length and the length's complement, and the
// Adler-32 checksum of the data.
const maxStoredBlock = 65535

// writeStored writes data to w as a zlib stream of stored deflate blocks.
func writeStored(w io.Writer, data []byte) {
	all := data
	w.Write([]byte{0x78, 0x01}) // deflate, 32 KiB window, no preset dictionary, fastest level
	for first := true; first || len(data) > 0; first = false {
		n := min(len(data), maxStoredBlock)
		final := byte(0)
		if n == len(data) {
			final = 1
		}
		w.Write([]byte{final, byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)})
		w.Write(data[:n])
		data = data[n:]
	}
	w.Write(binary.BigEndian.AppendUint32(nil, adler32.Checksum(all)))
}

// packWriter streams a pack to its file through a small buffer, keeping the
// SHA-1 of all of it (the pack's trailer and name) and the CRC-32 of the
// current entry (for the index). A pack built in memory first was the
// largest allocation of a `jsforge new` run, and on a virtual machine every
// page of fresh memory costs a fault that takes microseconds.
type packWriter struct {
	buf *bufio.Writer
	sum hash.Hash
	crc uint32 // of what was written since the entry began
	off uint64 // bytes written so far
	err error  // the first write error; later writes do nothing
}

func (p *packWriter) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	p.sum.Write(b)
	p.crc = crc32.Update(p.crc, crc32.IEEETable, b)
	p.off += uint64(len(b))
	_, p.err = p.buf.Write(b)
	return len(b), p.err
}

// writePack writes every object as one packfile with its index: loose
// objects would cost a file, a rename and often a directory each. The pack
// is laid out here, entry after entry, so each object's offset and CRC are
// known as it is written; go-git's idxfile.Writer makes the index from them
// (no second pass that inflates the pack again). The pack is named by its
// checksum, known only at its end: it is written under a temporary name and
// renamed, as git does.
func writePack(gitDir string, objs objectSet) (err error) {
	hashes := make([]plumbing.Hash, 0, len(objs))
	for h := range objs {
		hashes = append(hashes, h)
	}
	sort.Slice(hashes, func(i, j int) bool { return bytes.Compare(hashes[i][:], hashes[j][:]) < 0 })

	dir := filepath.Join(gitDir, "objects", "pack")
	tmp := filepath.Join(dir, "tmp_pack")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	pack := &packWriter{buf: bufio.NewWriterSize(f, 16<<10), sum: sha1.New()}
	pack.Write([]byte("PACK"))
	pack.Write(binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, 2), uint32(len(hashes)))) // version 2, object count
	var idx idxfile.Writer
	if err := idx.OnHeader(uint32(len(hashes))); err != nil {
		return err
	}
	for _, h := range hashes {
		o := objs[h]
		start := pack.off
		pack.crc = 0
		pack.Write(packEntryHeader(o.typ, len(o.data)))
		writeStored(pack, o.data)
		idx.Add(h, start, pack.crc)
	}
	var sum plumbing.Hash
	pack.sum.Sum(sum[:0])
	pack.Write(sum[:])
	if pack.err != nil {
		return pack.err
	}
	if err := pack.buf.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := idx.OnFooter(sum); err != nil {
		return err
	}
	memIdx, err := idx.Index()
	if err != nil {
		return err
	}
	var idxBuf bytes.Buffer
	if _, err := idxfile.NewEncoder(&idxBuf).Encode(memIdx); err != nil {
		return err
	}
	base := filepath.Join(dir, "pack-"+sum.String())
	if err := os.Rename(tmp, base+".pack"); err != nil {
		return err
	}
	_, err = writeNewFile(base+".idx", idxBuf.Bytes(), 0o444)
	return err
}

// packEntryHeader is the header of an undeltified pack entry: the type in
// bits 4-6 of the first byte, the size in its low 4 bits and then 7 bits a
// byte, least significant first, the top bit saying another byte follows.
func packEntryHeader(t plumbing.ObjectType, size int) []byte {
	b := byte(t)<<4 | byte(size&0x0f)
	size >>= 4
	var out []byte
	for size > 0 {
		out = append(out, b|0x80)
		b = byte(size & 0x7f)
		size >>= 7
	}
	return append(out, b)
}

// object is a git object in memory.
type object struct {
	typ  plumbing.ObjectType
	data []byte
}

// objectSet holds the commit's objects by hash.
type objectSet map[plumbing.Hash]object

// add stores an object under its git hash: SHA-1 of "<type> <size>\0" and the
// data. (go-git's ComputeHash uses SHA-1 with collision detection, which
// matters for objects from others, not for files jsforge has just written,
// and costs several times as much.)
func (s objectSet) add(typ plumbing.ObjectType, data []byte) plumbing.Hash {
	h := sha1.New()
	h.Write(typ.Bytes())
	h.Write([]byte(" " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var sum plumbing.Hash
	h.Sum(sum[:0])
	s[sum] = object{typ: typ, data: data}
	return sum
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

// store adds the tree object of n and of every directory below it to objs.
// A tree lists "<mode> <name>\0<20-byte hash>" per entry, ordered by name,
// where a directory's name compares as if it ended in "/".
func (n *treeNode) store(objs objectSet) plumbing.Hash {
	type entry struct {
		key, name string
		mode      filemode.FileMode
		hash      plumbing.Hash
	}
	var entries []entry
	for name, hash := range n.files {
		entries = append(entries, entry{name, name, filemode.Regular, hash})
	}
	for name, child := range n.dirs {
		entries = append(entries, entry{name + "/", name, filemode.Dir, child.store(objs)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	var b bytes.Buffer
	for _, e := range entries {
		fmt.Fprintf(&b, "%o %s\x00", e.mode, e.name)
		b.Write(e.hash[:])
	}
	return objs.add(plumbing.TreeObject, b.Bytes())
}

// signature is a commit's author or committer.
type signature struct {
	name, email string
	when        time.Time
}

// String is the signature as a commit holds it: "Name <email> 1700000000 +0100".
func (s signature) String() string {
	u := s.when.Unix()
	if u < 0 {
		u = 0
	}
	return fmt.Sprintf("%s <%s> %d %s", clean(s.name), clean(s.email), u, s.when.Format("-0700"))
}

// clean drops what would break a signature line, as git does: angle
// brackets and line breaks.
func clean(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch r {
		case '<', '>', '\n', '\r', 0:
			return -1
		}
		return r
	}, s))
}

// author follows git's own order: GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL when set,
// else user.name/user.email from git's config files, else a neutral name.
func author(when time.Time) signature {
	sig := fallbackAuthor
	user := readUserConfig()
	if user.name != "" {
		sig.name = user.name
	}
	if user.email != "" {
		sig.email = user.email
	}
	if v := os.Getenv("GIT_AUTHOR_NAME"); v != "" {
		sig.name = v
	}
	if v := os.Getenv("GIT_AUTHOR_EMAIL"); v != "" {
		sig.email = v
	}
	sig.when = when
	return sig
}

// gitUser is user.name and user.email from git's config.
type gitUser struct{ name, email string }

// readUserConfig reads user.name and user.email from the config files git
// reads outside a repository, in git's order (a later file wins): the system
// file, then $XDG_CONFIG_HOME/git/config, then ~/.gitconfig, or the file
// GIT_CONFIG_GLOBAL names instead of those two. [include] path is followed;
// conditional includes are not.
func readUserConfig() gitUser {
	var files []string
	if os.Getenv("GIT_CONFIG_NOSYSTEM") == "" {
		if f := os.Getenv("GIT_CONFIG_SYSTEM"); f != "" {
			files = append(files, f)
		} else if runtime.GOOS != "windows" {
			files = append(files, "/etc/gitconfig")
		}
	}
	if f, ok := os.LookupEnv("GIT_CONFIG_GLOBAL"); ok {
		files = append(files, f)
	} else {
		home, _ := os.UserHomeDir()
		xdg := os.Getenv("XDG_CONFIG_HOME")
		if xdg == "" && home != "" {
			xdg = filepath.Join(home, ".config")
		}
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	var u gitUser
	for _, f := range files {
		readConfigFile(f, &u, 0)
	}
	return u
}

// readConfigFile takes user.name and user.email from one git config file
// into u. A file that cannot be read is skipped, as git skips a missing one.
func readConfigFile(path string, u *gitUser, depth int) {
	if depth > 10 {
		return
	}
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return
	}
	section := ""
	for _, line := range logicalLines(string(data)) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			end := strings.Index(line, "]")
			if end < 0 {
				return // not a config file git would read either
			}
			header := strings.TrimSpace(line[1:end])
			name, sub, hasSub := strings.Cut(header, " ")
			section = strings.ToLower(name)
			if hasSub {
				section += " " + strings.TrimSpace(sub)
			} else if dot := strings.IndexByte(section, '.'); dot >= 0 {
				// [section.subsection], git's older form
				section = section[:dot] + " " + strings.ToLower(header[dot+1:])
			}
			line = strings.TrimSpace(line[end+1:])
			if line == "" {
				continue
			}
		}
		key, value, hasValue := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" || strings.HasPrefix(key, "#") || strings.HasPrefix(key, ";") || !hasValue {
			continue
		}
		v := configValue(value)
		switch {
		case section == "user" && key == "name":
			u.name = v
		case section == "user" && key == "email":
			u.email = v
		case section == "include" && key == "path" && v != "":
			p := v
			if strings.HasPrefix(p, "~/") {
				if home, err := os.UserHomeDir(); err == nil {
					p = filepath.Join(home, p[2:])
				}
			} else if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(path), p)
			}
			readConfigFile(p, u, depth+1)
		}
	}
}

// logicalLines splits a config file into lines, joining a line that ends in
// a backslash with the next.
func logicalLines(s string) []string {
	var out []string
	var cur strings.Builder
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, `\\`) {
			cur.WriteString(l[:len(l)-1])
			continue
		}
		cur.WriteString(l)
		out = append(out, cur.String())
		cur.Reset()
	}
	return out
}

// configValue decodes a git config value: quotes removed, escapes (\" \\ \n
// \t \b) resolved, a comment (# or ; outside quotes) dropped, and spaces at
// either end trimmed unless quoted.
func configValue(raw string) string {
	var b strings.Builder
	quoted := false
	pendingSpace := ""
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '"':
			quoted = !quoted
			b.WriteString(pendingSpace)
			pendingSpace = ""
		case c == '\\' && i+1 < len(raw):
			i++
			b.WriteString(pendingSpace)
			pendingSpace = ""
			switch raw[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'b':
				s := b.String()
				if len(s) > 0 {
					b.Reset()
					b.WriteString(s[:len(s)-1])
				}
			default:
				b.WriteByte(raw[i])
			}
		case !quoted && (c == '#' || c == ';'):
			return b.String()
		case !quoted && (c == ' ' || c == '\t'):
			if b.Len() > 0 { // spaces before the value are not part of it
				pendingSpace += string(c)
			}
		default:
			b.WriteString(pendingSpace)
			pendingSpace = ""
			b.WriteByte(c)
		}
	}
	return b.String()
}
