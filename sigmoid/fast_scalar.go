//go:build !(goexperiment.simd && amd64)

package sigmoid

// Without vector instructions FastInPlace does every pair itself.

const vectorOK = false

func fastInPlaceVector(z []float64) int { return 0 }

func fastEachVector(z []float64) int       { return 0 }
func mulGradientVector(d, a []float64) int { return 0 }
