package scaffold

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Edit is one change `jsforge add resource` makes to a file the project
// already has, or a command it runs once the files are written
// (docs/resources.md). Exactly one operation is set.
type Edit struct {
	File string `yaml:"file"`
	// After inserts Insert after the last line matching this regexp.
	After string `yaml:"after"`
	// Before inserts Insert before the first line matching this regexp.
	Before string `yaml:"before"`
	Insert string `yaml:"insert"`
	// Append adds its text at the end of the file.
	Append string `yaml:"append"`
	// Import adds names to the file's named import from a module.
	Import *ImportEdit `yaml:"import"`

	// Run is a shell command run in the project once the files are written;
	// Needs is a path it needs (relative to the project), checked before
	// anything is written.
	Run   string `yaml:"run"`
	Needs string `yaml:"needs"`

	layer string // where the edit comes from, for errors
}

// ImportEdit names the imports an inserted text uses.
type ImportEdit struct {
	From  string   `yaml:"from"`
	Names []string `yaml:"names"`
}

// parseEdits reads a layer's rendered edits file.
func parseEdits(f File) ([]Edit, error) {
	var edits []Edit
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	dec.KnownFields(true)
	if err := dec.Decode(&edits); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("templates/%s/%s: %w", f.Path, editsFile, err)
	}
	for i := range edits {
		e := &edits[i]
		e.layer = f.Path
		ops := 0
		for _, set := range []bool{e.After != "", e.Before != "", e.Append != "", e.Import != nil, e.Run != ""} {
			if set {
				ops++
			}
		}
		switch {
		case ops != 1:
			return nil, fmt.Errorf("templates/%s/%s: edit %d must have exactly one of after, before, append, import, run", f.Path, editsFile, i+1)
		case e.Run == "" && e.File == "":
			return nil, fmt.Errorf("templates/%s/%s: edit %d names no file", f.Path, editsFile, i+1)
		case (e.After != "" || e.Before != "") && e.Insert == "":
			return nil, fmt.Errorf("templates/%s/%s: edit %d has nothing to insert", f.Path, editsFile, i+1)
		}
		for _, pattern := range []string{e.After, e.Before} {
			if _, err := regexp.Compile(pattern); err != nil {
				return nil, fmt.Errorf("templates/%s/%s: edit %d: %w", f.Path, editsFile, i+1, err)
			}
		}
	}
	return edits, nil
}

// shapeError says a file no longer looks as an edit expects, and what the
// user can add by hand instead.
type shapeError struct {
	file, expected, byHand string
}

func (e *shapeError) Error() string {
	return fmt.Sprintf("%s no longer has %s", e.file, e.expected)
}

// apply makes the edit to content (a file that is not an edit's Run).
func (e Edit) apply(content string) (string, error) {
	switch {
	case e.After != "" || e.Before != "":
		pattern := e.After
		if pattern == "" {
			pattern = e.Before
		}
		re := regexp.MustCompile(pattern)
		lines := strings.SplitAfter(content, "\n")
		at := -1
		for i, line := range lines {
			if re.MatchString(strings.TrimRight(line, "\r\n")) {
				at = i
				if e.Before != "" {
					break
				}
			}
		}
		if at < 0 {
			where := "after"
			if e.Before != "" {
				where = "before"
			}
			return "", &shapeError{file: e.File, expected: fmt.Sprintf("a line matching /%s/ to insert %s", pattern, where), byHand: e.Insert}
		}
		if e.After != "" {
			at++
			if at == len(lines) && !strings.HasSuffix(content, "\n") {
				lines[at-1] += "\n"
			}
		}
		return strings.Join(slices.Insert(lines, at, e.Insert), ""), nil
	case e.Append != "":
		if content != "" && !strings.HasSuffix(content, "\n") {
			content += "\n"
		}
		return content + e.Append, nil
	case e.Import != nil:
		return addImports(e.File, content, *e.Import)
	}
	return content, nil
}

// addImports adds names to `import { … } from 'module'`, keeping the names
// sorted as the file has them and the statement on one line or several as
// it was.
func addImports(file, content string, imp ImportEdit) (string, error) {
	re := regexp.MustCompile(`import\s*(type\s+)?\{([^}]*)\}\s*from\s*['"]` + regexp.QuoteMeta(imp.From) + `['"]`)
	loc := re.FindStringSubmatchIndex(content)
	if loc == nil {
		return "", &shapeError{file: file, expected: fmt.Sprintf("an import { … } from '%s'", imp.From),
			byHand: fmt.Sprintf("import { %s } from '%s';\n", strings.Join(imp.Names, ", "), imp.From)}
	}
	inner := content[loc[4]:loc[5]]
	var names []string
	for _, n := range strings.Split(inner, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	sorted := slices.IsSortedFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	added := false
	for _, n := range imp.Names {
		if !slices.Contains(names, n) {
			names = append(names, n)
			added = true
		}
	}
	if !added {
		return content, nil
	}
	if sorted {
		slices.SortFunc(names, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	}
	var list string
	if strings.Contains(inner, "\n") {
		indent := "  "
		for _, line := range strings.Split(inner, "\n") {
			if t := strings.TrimLeft(line, " \t"); t != "" {
				indent = line[:len(line)-len(t)]
				break
			}
		}
		list = "\n" + indent + strings.Join(names, ",\n"+indent) + ",\n"
	} else {
		list = " " + strings.Join(names, ", ") + " "
	}
	return content[:loc[4]] + list + content[loc[5]:], nil
}
