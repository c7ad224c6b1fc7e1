package templates

import (
	"embed"
	"io/fs"
	"reflect"
	"sync"
	"unsafe"
)

// ReadString returns the contents of the file name in fsys as a string.
//
// For an embed.FS, such as FS, it returns the bytes embedded in the binary
// themselves rather than a copy: a `jsforge new` reads a hundred kilobytes of
// templates, and on a virtual machine every fresh page a copy touches costs a
// page fault of several microseconds (scripts/bench-start.sh). Other file
// systems cost one copy, where fs.ReadFile and a conversion would make two.
func ReadString(fsys fs.FS, name string) (string, error) {
	if _, ok := fsys.(embed.FS); ok {
		if s, ok := embedded(fsys, name); ok {
			return s, nil
		}
	}
	return readCopy(fsys, name)
}

// ReadEntry is ReadString for a file whose directory entry d came from
// fs.WalkDir or fs.ReadDir on fsys (or is nil). An embed.FS's entry is its
// record of the file, contents included: reading through it saves looking
// the name up again among every embedded file.
func ReadEntry(fsys fs.FS, name string, d fs.DirEntry) (string, error) {
	if _, ok := fsys.(embed.FS); ok && d != nil {
		if info, err := d.Info(); err == nil {
			if s, ok := embeddedData(info); ok {
				return s, nil
			}
		}
	}
	return ReadString(fsys, name)
}

func readCopy(fsys fs.FS, name string) (string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil || len(data) == 0 {
		return "", err
	}
	// The bytes are never written again, which is what unsafe.String needs
	// (strings.Builder does the same).
	return unsafe.String(unsafe.SliceData(data), len(data)), nil
}

// embedded reads a file of an embed.FS in place.
func embedded(fsys fs.FS, name string) (s string, ok bool) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", false
	}
	return embeddedData(info)
}

// embeddedData returns the contents of the embedded file info describes. The
// package hands out only copies (ReadFile) and readers, but the fs.FileInfo
// of an embedded file is the package's own record of it, whose data field is
// the string the compiler placed in the binary; reflect may read (never
// write) an unexported field. Should a Go release lay the record out
// differently, ok is false and the callers copy; TestEmbeddedInPlace fails
// then, so that the change is noticed.
func embeddedData(info fs.FileInfo) (s string, ok bool) {
	if info.IsDir() {
		return "", false
	}
	v := reflect.ValueOf(info)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return "", false
	}
	field, ok := dataField(v.Elem().Type())
	if !ok {
		return "", false
	}
	data := v.Elem().FieldByIndex(field)
	if int64(data.Len()) != info.Size() {
		return "", false
	}
	return data.String(), true
}

// recordData is where embed's file record keeps the contents, found once.
var recordData struct {
	once   sync.Once
	record reflect.Type
	index  []int
}

// dataField returns the index of the data field of t, embed's file record.
func dataField(t reflect.Type) ([]int, bool) {
	recordData.once.Do(func() {
		if f, ok := t.FieldByName("data"); ok && f.Type.Kind() == reflect.String {
			recordData.record, recordData.index = t, f.Index
		}
	})
	return recordData.index, t == recordData.record && recordData.index != nil
}
