package kernel

import (
	"syscall"
	"unsafe"
)

// threadCPU returns the CPU time, in seconds, of the calling thread
// (clock_gettime CLOCK_THREAD_CPUTIME_ID, to the nanosecond), and whether it
// could be read.
func threadCPU() (float64, bool) {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0, false
	}
	return float64(ts.Nano()) / 1e9, true
}
