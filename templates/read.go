package templates

import (
	"embed"
	"io/fs"
	"reflect"
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
	data, err := fs.ReadFile(fsys, name)
	if err != nil || len(data) == 0 {
		return "", err
	}
	// The bytes are never written again, which is what unsafe.String needs
	// (strings.Builder does the same).
	return unsafe.String(unsafe.SliceData(data), len(data)), nil
}

// embedded reads a file of an embed.FS in place. The package hands out only
// copies (ReadFile) and readers, but the fs.FileInfo of an embedded file is
// the package's own record of it, whose data field is the string the
// compiler placed in the binary; reflect may read (never write) an
// unexported field. Should a Go release lay the record out differently, ok is
// false and ReadString copies; TestEmbeddedInPlace fails then, so that the
// change is noticed.
func embedded(fsys fs.FS, name string) (s string, ok bool) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		return "", false
	}
	v := reflect.ValueOf(info)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return "", false
	}
	data := v.Elem().FieldByName("data")
	if data.Kind() != reflect.String || int64(data.Len()) != info.Size() {
		return "", false
	}
	return data.String(), true
}
