//go:build linux || darwin

package scaffold

import (
	"syscall"
	"time"
)

// writeNewFile creates path (which must not exist) with data, and returns
// what git's index keeps of it. It makes the system calls itself: os.WriteFile
// also registers every file with the runtime's poller and sets its flags,
// which is several more calls per file, and a project is many small files.
func writeNewFile(path string, data []byte, perm uint32) (fileStat, error) {
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, perm)
	for err == syscall.EINTR {
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, perm)
	}
	if err != nil {
		return fileStat{}, &pathError{Op: "open", Path: path, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return fileStat{}, &pathError{Op: "write", Path: path, Err: err}
		}
		data = data[n:]
	}
	var st syscall.Stat_t
	statErr := syscall.Fstat(fd, &st)
	if err := syscall.Close(fd); err != nil {
		return fileStat{}, &pathError{Op: "close", Path: path, Err: err}
	}
	if statErr != nil {
		return fileStat{}, nil // only a cache for git: it will look again
	}
	return statOf(&st), nil
}

// statPath is what git's index keeps of the file at path.
func statPath(path string) fileStat {
	var st syscall.Stat_t
	if syscall.Stat(path, &st) != nil {
		return fileStat{}
	}
	return statOf(&st)
}

func timespec(sec, nsec int64) time.Time { return time.Unix(sec, nsec) }
