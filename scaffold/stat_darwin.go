package scaffold

import "syscall"

func statOf(st *syscall.Stat_t) fileStat {
	return fileStat{
		ok:    true,
		mtime: timespec(st.Mtimespec.Unix()),
		ctime: timespec(st.Ctimespec.Unix()),
		dev:   uint32(st.Dev), ino: uint32(st.Ino), uid: st.Uid, gid: st.Gid,
	}
}
