//go:build !linux

package kernel

// threadCPU reports that the thread's CPU time is not read here.
func threadCPU() (float64, bool) { return 0, false }
