//go:build unix

package main

import (
	"os"
	"syscall"
)

// pageFaults is the number of page faults the finished process took.
func pageFaults(p *os.ProcessState) int64 {
	if u, ok := p.SysUsage().(*syscall.Rusage); ok {
		return int64(u.Minflt + u.Majflt)
	}
	return 0
}
