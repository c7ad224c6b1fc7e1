package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindProjectWalksUp(t *testing.T) {
	root := t.TempDir()
	manifest := "jsforge: v1.2.3\npreset: express\nname: \"api\"\noptions:\n  auth: jwt\n  db: sqlite\n"
	if err := os.WriteFile(filepath.Join(root, ManifestFile), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "src", "routes")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := FindProject(deep)
	if err != nil {
		t.Fatal(err)
	}
	if p.Dir != root || p.Preset != "express" || p.Name != "api" || p.Jsforge != "v1.2.3" || p.Options["db"] != "sqlite" {
		t.Errorf("FindProject = %+v", p)
	}
}

func TestFindProjectOutsideAProject(t *testing.T) {
	_, err := FindProject(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not inside a project made by jsforge") {
		t.Errorf("err = %v, want one saying this is not a jsforge project", err)
	}
}

func TestResolveNamesTheManifestOnABadAnswer(t *testing.T) {
	e, err := New("test")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err = e.Resolve(&Project{Dir: dir, Preset: "express", Options: map[string]string{"db": "oracle"}})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, ManifestFile)) || !strings.Contains(err.Error(), "oracle") {
		t.Errorf("err = %v, want the manifest's path and the bad value", err)
	}
}
