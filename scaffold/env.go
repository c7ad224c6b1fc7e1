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

// LocalEnvFiles maps each environment file that holds secrets to the
// committed example it is made from: .env for local development, and
// .env.production for `docker run --env-file` in the README's Deploy section.
// They are the only files whose bytes differ between two runs with the same
// answers; templates keep them out of git and the image, and the initial
// commit never includes them.
var LocalEnvFiles = map[string]string{
	EnvFile:           ".env.example",
	".env.production": ".env.production.example",
}

// EnvFile holds the project's local development settings and secrets.
const EnvFile = ".env"

// IsLocalEnvFile reports whether path is one of LocalEnvFiles.
func IsLocalEnvFile(path string) bool {
	_, ok := LocalEnvFiles[path]
	return ok
}

// envFiles derives each of LocalEnvFiles from its rendered example, giving
// every listed secret that is empty there its own fresh random value, so
// development and production never share one.
func envFiles(files []File, secrets []string) ([]File, error) {
	var out []File
	for _, f := range files {
		for target, example := range LocalEnvFiles {
			if f.Path != example {
				continue
			}
			data, err := fillSecrets(f.Data, secrets)
			if err != nil {
				return nil, err
			}
			out = append(out, File{Path: target, Data: data})
		}
	}
	return out, nil
}

func fillSecrets(example []byte, secrets []string) ([]byte, error) {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(example))
	for sc.Scan() {
		line := sc.Text()
		key, value, ok := strings.Cut(line, "=")
		if ok && value == "" && slices.Contains(secrets, strings.TrimSpace(key)) {
			secret, err := randomSecret()
			if err != nil {
				return nil, err
			}
			line = key + "=" + secret
		}
		out.WriteString(line + "\n")
	}
	return out.Bytes(), sc.Err()
}

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
