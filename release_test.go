package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestReleaseConfig checks .goreleaser.yaml without goreleaser (which this
// repository's machines cannot download): it builds for every platform CI
// cross-compiles for, makes archives (zip on Windows) and a checksums file,
// and the version it stamps reaches `jsforge version`.
func TestReleaseConfig(t *testing.T) {
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int `yaml:"version"`
		Builds  []struct {
			Main    string   `yaml:"main"`
			Binary  string   `yaml:"binary"`
			Env     []string `yaml:"env"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
		} `yaml:"builds"`
		Archives []struct {
			Formats         []string `yaml:"formats"`
			FormatOverrides []struct {
				Goos    string   `yaml:"goos"`
				Formats []string `yaml:"formats"`
			} `yaml:"format_overrides"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string `yaml:"algorithm"`
		} `yaml:"checksum"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 || len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("config %+v", cfg)
	}
	b := cfg.Builds[0]
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("no build for %s", goos)
		}
	}
	if !slices.Contains(b.Goarch, "amd64") || !slices.Contains(b.Goarch, "arm64") {
		t.Errorf("goarch %v", b.Goarch)
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("env %v: release binaries are static", b.Env)
	}
	a := cfg.Archives[0]
	if !slices.Contains(a.Formats, "tar.gz") || len(a.FormatOverrides) != 1 || a.FormatOverrides[0].Goos != "windows" || !slices.Contains(a.FormatOverrides[0].Formats, "zip") {
		t.Errorf("archives %+v", a)
	}
	if cfg.Checksum.NameTemplate == "" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v", cfg.Checksum)
	}

	// The ldflags goreleaser passes, with its template filled in, must set the
	// version jsforge reports.
	if len(b.Ldflags) != 1 || !strings.Contains(b.Ldflags[0], "{{ .Version }}") {
		t.Fatalf("ldflags %v", b.Ldflags)
	}
	if testing.Short() {
		return
	}
	// (Built with this machine's settings rather than the release's, which
	// would recompile every package: only the -X path is in question.)
	bin := filepath.Join(t.TempDir(), "jsforge")
	ldflags := strings.ReplaceAll(b.Ldflags[0], "{{ .Version }}", "9.8.7")
	build := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, b.Main)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || string(out) != "jsforge 9.8.7\n" {
		t.Errorf("jsforge version of a release build: %q %v", out, err)
	}
}
