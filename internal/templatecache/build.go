package templatecache

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io/fs"
	"slices"
	"strings"
	"text/template/parse"
)

// Build parses every template of fsys (each .tmpl file, and each segment of
// a file's path that holds an action) and returns their stored form, which
// Trees reads. A template that does not parse on its own is left out: the
// renderer parses it at run time and reports the error.
//
// Function names are not checked here (the renderer's parse checks them
// against its own functions, and the tests parse every template that way).
func Build(fsys fs.FS) ([]byte, error) {
	sources, err := templateSources(fsys)
	if err != nil {
		return nil, err
	}

	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	slices.Sort(names)
	var entries []byte
	count := 0
	for _, name := range names {
		src := sources[name]
		trees, err := parseTemplate(name, src)
		if err != nil {
			continue
		}
		body := encoder{src: src}
		if err := body.trees(trees); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		e := encoder{buf: entries}
		e.string(name)
		e.uint(uint64(len(src)))
		e.uint(uint64(crc32.ChecksumIEEE([]byte(src))))
		e.string(string(body.buf))
		entries = e.buf
		count++
	}
	out := binary.AppendUvarint([]byte(magic), uint64(count))
	return append(out, entries...), nil
}

// parseTemplate is parse.Parse(name, src, "", "") accepting any function
// name: the names are checked elsewhere, against the renderer's functions.
// The trees keep the parser's mode (SkipFuncCheck), which parse.Parse
// leaves at 0 and the stored form does not record.
func parseTemplate(name, src string) (map[string]*parse.Tree, error) {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	_, err := t.Parse(src, "", "", trees)
	return trees, err
}

// templateSources returns the text of every template of fsys by its name:
// each .tmpl file by its path, and each segment of a file's path that holds
// an action by the segment itself.
func templateSources(fsys fs.FS) (map[string]string, error) {
	sources := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for seg := range strings.SplitSeq(strings.TrimSuffix(p, ".tmpl"), "/") {
			if strings.Contains(seg, "{{") {
				sources[seg] = seg
			}
		}
		if strings.HasSuffix(p, ".tmpl") {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			sources[p] = string(data)
		}
		return nil
	})
	return sources, err
}
