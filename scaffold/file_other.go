//go:build !linux && !darwin

package scaffold

import "os"

// writeNewFile creates path (which must not exist) with data, and returns
// what git's index keeps of it that this platform reports: the modification
// time (git fills in the rest on its first `git status`).
func writeNewFile(path string, data []byte, perm uint32) (fileStat, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, os.FileMode(perm))
	if err != nil {
		return fileStat{}, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileStat{}, err
	}
	return statPath(path), nil
}

func statPath(path string) fileStat {
	info, err := os.Stat(path)
	if err != nil {
		return fileStat{}
	}
	return fileStat{ok: true, mtime: info.ModTime()}
}
