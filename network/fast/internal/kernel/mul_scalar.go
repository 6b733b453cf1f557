//go:build !(goexperiment.simd && amd64)

package kernel

import "github.com/ann-go/ann/matrix"

// Without vector instructions, the kernels are the scalar loops.

const vectorOK = false

func mulVector(dst, a, b *matrix.Dense) bool  { return false }
func mulTVector(dst, a, b *matrix.Dense) bool { return false }
func sigmoidPairsVector(z []float64) int      { return 0 }
func sigmoidEachVector(z []float64) int       { return 0 }
func mulGradientVector(d, a []float64) int    { return 0 }
