package scaffold

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitCommand runs the real git in dir, with no configuration of the machine's.
func gitCommand(t *testing.T, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(t.TempDir(), "none"), "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestCommitPassesGitFsck checks the repository commitAll writes with git
// itself: fsck finds nothing wrong, log shows the one commit on main with its
// author and message (and the template branch at it), the index matches the
// work tree, and .env is not in it.
func TestCommitPassesGitFsck(t *testing.T) {
	t.Setenv("GIT_AUTHOR_NAME", "Ada Lovelace")
	t.Setenv("GIT_AUTHOR_EMAIL", "ada@example.com")
	dir := t.TempDir()
	files := []File{
		{Path: ".env", Data: []byte("SECRET=x\n")},
		{Path: ".gitignore", Data: []byte(".env\n")},
		{Path: "README.md", Data: []byte("# hi\n")},
		{Path: "src/a.js", Data: []byte("export {};\n")},
		{Path: "src/a/b.js", Data: []byte("b\n")},  // a directory sorts as "a/", after "a.js"
		{Path: "src/a-b.js", Data: []byte("ab\n")}, // "-" sorts before "."
		{Path: "src/z/y/x.txt", Data: []byte("")},  // empty blob, nested trees
	}
	sortFiles(files)
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	hash, err := commitAll(dir, files, nil, "Initial commit from jsforge (preset test)")
	if err != nil {
		t.Fatal(err)
	}
	if out := gitCommand(t, dir, "fsck", "--full", "--strict", "--no-dangling"); strings.TrimSpace(out) != "" {
		t.Errorf("git fsck:\n%s", out)
	}
	log := gitCommand(t, dir, "log", "--format=%H|%an|%ae|%cn|%s|%D")
	if want := hash + "|Ada Lovelace|ada@example.com|Ada Lovelace|Initial commit from jsforge (preset test)|HEAD -> main, jsforge/template\n"; log != want {
		t.Errorf("git log:\n%s\nwant\n%s", log, want)
	}
	if out := gitCommand(t, dir, "status", "--porcelain", "--ignored"); out != "!! .env\n" {
		t.Errorf("git status:\n%s", out)
	}
	if out := gitCommand(t, dir, "ls-files"); out != ".gitignore\nREADME.md\nsrc/a-b.js\nsrc/a.js\nsrc/a/b.js\nsrc/z/y/x.txt\n" {
		t.Errorf("git ls-files:\n%s", out)
	}
	if out := gitCommand(t, dir, "diff", "--stat", "HEAD"); out != "" {
		t.Errorf("git diff HEAD:\n%s", out)
	}
}

// TestUserConfigAsGitReadsIt compares readUserConfig with `git config` on
// the same files.
func TestUserConfigAsGitReadsIt(t *testing.T) {
	home := t.TempDir()
	xdg := filepath.Join(home, "xdg")
	os.MkdirAll(filepath.Join(xdg, "git"), 0o755)
	os.WriteFile(filepath.Join(xdg, "git", "config"), []byte("[user]\n\tname = From XDG\n\temail = xdg@example.com\n"), 0o644)
	os.WriteFile(filepath.Join(home, "extra.inc"), []byte("[user]\n  email = \"included@example.com\" ; a comment\n"), 0o644)
	os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(`# comment
[core]
	editor = vi
[User]
	Name = "  Grace  \"Amazing\" Hopper"   # trailing comment
[include]
	path = extra.inc
[includeIf "gitdir:/nowhere/"]
	path = nowhere.inc
`), 0o644)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", xdg)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	os.Unsetenv("GIT_CONFIG_GLOBAL")

	u := readUserConfig()
	cmd := func(key string) string {
		t.Helper()
		c := exec.Command("git", "config", "--get", key)
		c.Dir = home
		out, err := c.Output()
		if err != nil {
			t.Skipf("git config --get %s: %v", key, err)
		}
		return strings.TrimSuffix(string(out), "\n")
	}
	if want := cmd("user.name"); u.name != want {
		t.Errorf("name %q, git says %q", u.name, want)
	}
	if want := cmd("user.email"); u.email != want {
		t.Errorf("email %q, git says %q", u.email, want)
	}

	// GIT_CONFIG_GLOBAL replaces both ~/.gitconfig and the XDG file.
	t.Setenv("GIT_CONFIG_GLOBAL", filepath.Join(home, "extra.inc"))
	if u := readUserConfig(); u.name != "" || u.email != "included@example.com" {
		t.Errorf("with GIT_CONFIG_GLOBAL: %+v", u)
	}
}

func TestSignatureLine(t *testing.T) {
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", 90*60))
	got := signature{name: "A <b>\n", email: "a@b", when: when}.String()
	if want := fmt.Sprintf("A b <a@b> %d +0130", when.Unix()); got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestStoredZlibInflates: the pack's entries are zlib streams that a zlib
// reader takes back to the data, at every block boundary.
func TestStoredZlibInflates(t *testing.T) {
	for _, n := range []int{0, 1, 100, maxStoredBlock - 1, maxStoredBlock, maxStoredBlock + 1, 3*maxStoredBlock + 7} {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(i * 7)
		}
		var b bytes.Buffer
		writeStored(&b, data)
		r, err := zlib.NewReader(&b)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		got, err := io.ReadAll(r)
		if err == nil {
			err = r.Close() // checks the Adler-32 checksum
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes: inflated to %d bytes, err %v", n, len(got), err)
		}
	}
}
