package matrix

import "fmt"

// Linspace returns count evenly spaced values from start to stop, as numpy's
// linspace(start, stop, count, endpoint) computes them:
//
//	endpoint true:  step = (stop - start)/(count - 1), and the last value is stop exactly
//	endpoint false: step = (stop - start)/count, stop itself not included
//	value i = i*step + start   (the product rounded before the sum, as numpy does)
//
// A count of 1 gives [start]; 0 gives []. It panics if count is negative or
// more than MaxElements.
func Linspace(start, stop float64, count int, endpoint bool) []float64 {
	if count < 0 || count > MaxElements {
		panic(fmt.Sprintf("matrix: Linspace: count %d, want 0 to MaxElements = %d", count, MaxElements))
	}
	v := make([]float64, count)
	div := count
	if endpoint {
		div = count - 1
	}
	if div <= 0 {
		for i := range v {
			v[i] = start
		}
		return v
	}
	step := (stop - start) / float64(div)
	for i := range v {
		v[i] = float64(float64(i)*step) + start // no FMA: numpy rounds the product
	}
	if endpoint {
		v[count-1] = stop
	}
	return v
}
