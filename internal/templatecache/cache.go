// Package templatecache holds the parse of every embedded template, made
// when jsforge is built (go generate ./internal/templatecache), so that a
// run renders without parsing: parsing was most of what rendering a project
// cost (scripts/bench-start.sh).
package templatecache

import (
	_ "embed"
	"hash/crc32"
	"sort"
	"sync"
	"text/template/parse"
)

//go:generate go run generate_main.go

// stored is what Build made of templates.FS: the stored parses, by name.
//
//go:embed trees.bin
var stored string

// entry is one stored parse: of the template called name, whose text had
// size bytes and that checksum; body is its trees' stored form.
type entry struct {
	name     string
	size     uint64
	checksum uint64
	body     string
}

var (
	indexOnce sync.Once
	index     []entry // sorted by name; nil when stored cannot be read
)

// Trees returns the trees parse.Parse(name, src, "", "") returns, without
// parsing, when go generate stored them for this very text; ok is false
// otherwise (a template changed since, or one from elsewhere), and the caller
// parses src.
//
// The trees carry no positions: an error while executing them must be
// reported from a parse of the text, which knows the line.
func Trees(name, src string) (trees map[string]*parse.Tree, ok bool) {
	indexOnce.Do(func() { index = readIndex(stored) })
	i := sort.Search(len(index), func(i int) bool { return index[i].name >= name })
	if i == len(index) || index[i].name != name {
		return nil, false
	}
	e := index[i]
	if e.size != uint64(len(src)) || e.checksum != uint64(crc32.ChecksumIEEE(bytesOf(src))) {
		return nil, false
	}
	d := decoder{data: e.body, src: src}
	trees = d.trees(name)
	return trees, trees != nil
}

// magic starts the stored form; a change of its layout changes the number.
const magic = "jsforge template trees 2\n"

// readIndex lists the entries of data (see Build), or none if it is not
// what Build writes.
func readIndex(data string) []entry {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil
	}
	d := decoder{data: data[len(magic):]}
	n := d.uint()
	if n > uint64(len(d.data)) {
		return nil
	}
	list := make([]entry, n)
	for i := range list {
		list[i] = entry{name: d.string(), size: d.uint(), checksum: d.uint(), body: d.string()}
	}
	if d.bad {
		return nil
	}
	return list
}
