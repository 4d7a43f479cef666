//go:build unix

package detect

import (
	"syscall"
	"time"
)

// cpuNow is the CPU time the test process has used (user and system, every thread):
// the timing tests measure a scan's work by it, not by the clock, so that other
// processes on a loaded machine do not lengthen one scan and not the other.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
