//go:build !linux

package trainer

// processCPU reports that the process's CPU time is not measured here.
func processCPU() (ns float64, ok bool) { return 0, false }
