package scaffold

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// ManifestFile records how a project was made, for later jsforge commands.
const ManifestFile = ".jsforge.yaml"

// projectManifest renders .jsforge.yaml. Keys are sorted so the bytes are stable.
func (e *Engine) projectManifest(p *Plan) []byte {
	var b bytes.Buffer
	b.WriteString("# Written by jsforge: how this project was generated.\n")
	fmt.Fprintf(&b, "jsforge: %s\npreset: %s\nname: %q\noptions:\n", e.Version, p.Resolution.Preset.Name, p.Name)
	names := make([]string, 0, len(p.Resolution.Values))
	for n := range p.Resolution.Values {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  %s: %s\n", n, p.Resolution.Values[n])
	}
	return b.Bytes()
}

// envFile derives .env from the rendered .env.example, giving every listed
// secret that is empty there a fresh random value. .env is the only file whose
// bytes differ between two runs with the same answers; templates keep it out
// of git through .gitignore and the initial commit never includes it.
func envFile(files []File, secrets []string) (File, bool, error) {
	var example []byte
	for _, f := range files {
		if f.Path == ".env.example" {
			example = f.Data
		}
	}
	if example == nil {
		return File{}, false, nil
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(example))
	for sc.Scan() {
		line := sc.Text()
		key, value, ok := strings.Cut(line, "=")
		if ok && value == "" && slices.Contains(secrets, strings.TrimSpace(key)) {
			secret, err := randomSecret()
			if err != nil {
				return File{}, false, err
			}
			line = key + "=" + secret
		}
		out.WriteString(line + "\n")
	}
	return File{Path: EnvFile, Data: out.Bytes()}, true, sc.Err()
}

// EnvFile holds the project's local secrets; it is never committed.
const EnvFile = ".env"

func randomSecret() (string, error) {
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("generating a secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(buf), nil
}

func sortFiles(files []File) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}
