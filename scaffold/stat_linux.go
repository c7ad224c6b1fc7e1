package scaffold

import (
	"os"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// statEntry copies what git's index keeps of a file's status, so that `git
// status` finds the work tree clean without hashing every file again.
func statEntry(e *index.Entry, info os.FileInfo) {
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		e.CreatedAt = time.Unix(sys.Ctim.Unix())
		e.Dev, e.Inode = uint32(sys.Dev), uint32(sys.Ino)
		e.UID, e.GID = sys.Uid, sys.Gid
	}
}
