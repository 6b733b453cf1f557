//go:build !(goexperiment.simd && amd64)

package matrix

// Without vector instructions, the Fast kernels are MulInto and MulTInto.

const vectorOK = false

func mulVector(dst, a, b *Dense) bool  { return false }
func mulTVector(dst, a, b *Dense) bool { return false }
