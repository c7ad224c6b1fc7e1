//go:build !unix

package main

import "os"

// pageFaults is 0: this system's process usage does not count page faults.
func pageFaults(*os.ProcessState) int64 { return 0 }
