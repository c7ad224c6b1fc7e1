package presets

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
)

// compiledDir holds a JSON file for each YAML file of this folder, by the
// same name: what Open reads.
const compiledDir = "compiled"

// Compile reads options.yaml, versions.yaml and the manifests in fsys,
// checks them all as Load does, and returns them as JSON, a file for each, by
// name ("express.json"): what Open reads. `go generate ./presets` writes them
// to compiled/; TestCompiledIsCurrent fails while they differ from the YAML.
func Compile(fsys fs.FS) (map[string][]byte, error) {
	r, err := LoadFS(fsys)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	add := func(name string, v any) error {
		data, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("presets/%s.yaml: %w", name, err)
		}
		out[name+".json"] = append(data, '\n')
		return nil
	}
	if err := add("options", r.Catalog); err != nil {
		return nil, err
	}
	if err := add("versions", r.Versions); err != nil {
		return nil, err
	}
	for _, name := range r.names {
		var m Manifest // as written: join fills in defaults, and Open's join does that again
		if err := readYAML(fsys, name+".yaml", &m); err != nil {
			return nil, err
		}
		if err := add(name, m); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readJSON decodes compiled/<name>.json.
func readJSON(fsys fs.FS, name string, v any) error {
	file := path.Join(compiledDir, name+".json")
	data, err := fs.ReadFile(fsys, file)
	if err == nil {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		return fmt.Errorf("presets/%s: %w (go generate ./presets makes it from %s.yaml)", file, err, name)
	}
	return nil
}
