package scaffold

import (
	"os"
	"time"
)

// fileStat is what git's index records of a file, so that `git status` finds
// the work tree clean without reading every file again.
type fileStat struct {
	ok                 bool
	mtime, ctime       time.Time
	dev, ino, uid, gid uint32
}

// pathError is os.PathError, built without the os package's file machinery.
type pathError = os.PathError
