package kernel

import "syscall"

// threadCPU returns the CPU time, in seconds, of the calling thread
// (getrusage RUSAGE_THREAD), and whether it could be read.
func threadCPU() (float64, bool) {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9, true
}
