package trainer

import (
	"syscall"
	"unsafe"
)

// processCPU returns the CPU time the process has used, all threads, in
// nanoseconds (clock_gettime's CLOCK_PROCESS_CPUTIME_ID). On a machine other
// programs load, it tells the work done apart from the time waited.
func processCPU() (ns float64, ok bool) {
	var ts syscall.Timespec
	const clockProcessCPUTimeID = 2
	_, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockProcessCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return float64(ts.Nano()), e == 0
}
