package scaffold

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// maxWorkers bounds inParallel's goroutines: a project is a hundred small
// files, and each further thread costs a run more in start-up (its stack's
// page faults) than it saves.
const maxWorkers = 4

// inParallel calls do(0) … do(n-1) on as many goroutines as Go runs at once
// (maxWorkers at most), and returns the error of the lowest i that failed, so that which
// error a user sees does not depend on timing.
func inParallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), maxWorkers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				errs[i] = do(i)
			}
		})
	}
	wg.Wait()
	return firstError(errs)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
