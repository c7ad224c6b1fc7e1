package templates

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestEmbeddedInPlace checks that every embedded file is read in place and
// reads the same as fs.ReadFile.
func TestEmbeddedInPlace(t *testing.T) {
	n := 0
	err := fs.WalkDir(FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		want, err := fs.ReadFile(FS, name)
		if err != nil {
			return err
		}
		got, ok := embedded(FS, name)
		if !ok {
			t.Fatalf("%s: embed.FS no longer exposes its file records as expected; ReadString copies every template (see embeddedData)", name)
		}
		if got != string(want) {
			t.Errorf("%s: read in place differs from fs.ReadFile", name)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if got, ok := embeddedData(info); !ok || got != string(want) {
			t.Errorf("%s: read through its walked entry differs from fs.ReadFile (in place: %v)", name, ok)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("walked %d embedded files; expected the template layers", n)
	}
	if _, err := ReadString(FS, "no/such/file"); err == nil {
		t.Error("ReadString of a missing file succeeded")
	}
}

func TestReadEntryOtherFS(t *testing.T) {
	fsys := fstest.MapFS{"a/b.tmpl": {Data: []byte("{{ .Name }}")}}
	entries, err := fs.ReadDir(fsys, "a")
	if err != nil || len(entries) != 1 {
		t.Fatal(entries, err)
	}
	if s, err := ReadEntry(fsys, "a/b.tmpl", entries[0]); err != nil || s != "{{ .Name }}" {
		t.Errorf("ReadEntry = %q, %v", s, err)
	}
}

func TestReadStringOtherFS(t *testing.T) {
	fsys := fstest.MapFS{"a/b.tmpl": {Data: []byte("{{ .Name }}")}, "empty": {}}
	if s, err := ReadString(fsys, "a/b.tmpl"); err != nil || s != "{{ .Name }}" {
		t.Errorf("ReadString = %q, %v", s, err)
	}
	if s, err := ReadString(fsys, "empty"); err != nil || s != "" {
		t.Errorf("ReadString(empty) = %q, %v", s, err)
	}
	if _, err := ReadString(fsys, "missing"); err == nil {
		t.Error("ReadString of a missing file succeeded")
	}
}
