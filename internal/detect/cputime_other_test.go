//go:build !unix

package detect

import "time"

// cpuNow is the clock where the process's CPU time is not read.
func cpuNow() time.Duration { return time.Duration(time.Now().UnixNano()) }
