package matrix

// FastMulInto sets dst to a b, bit for bit as MulInto does, with the fastest
// kernel the build has: in the default build MulInto's own loops; built with
// GOEXPERIMENT=simd on amd64, on a processor with AVX2, four examples at a
// time in vector registers (kernels_simd.go). Either way each element adds
// its products in the order k = 0, 1, 2, ..., with a separate multiply and add
// for each (no fused multiply-add), so the result does not depend on the
// build. dst must not share storage with a or b. It panics unless
// a.Cols == b.Rows and dst is a.Rows x b.Cols.
func FastMulInto(dst, a, b *Dense) {
	if a.Cols != b.Rows {
		mismatch("Mul", a, b)
	}
	mustShape("Mul", dst, a.Rows, b.Cols)
	if !mulVector(dst, a, b) {
		MulInto(dst, a, b)
	}
}

// FastMulTInto sets dst to a bᵀ, bit for bit as MulTInto does, with the
// fastest kernel the build has (see FastMulInto): with vectors, four rows of a
// at a time, each lane a dot product that adds its products in order. dst must
// not share storage with a or b. It panics unless a.Cols == b.Cols and dst is
// a.Rows x b.Rows.
func FastMulTInto(dst, a, b *Dense) {
	if a.Cols != b.Cols {
		mismatch("MulT", a, b)
	}
	mustShape("MulT", dst, a.Rows, b.Rows)
	if !mulTVector(dst, a, b) {
		MulTInto(dst, a, b)
	}
}

// Vector reports whether FastMulInto and FastMulTInto use vector
// instructions: built with GOEXPERIMENT=simd on amd64 and run on a processor
// with AVX2.
func Vector() bool { return vectorOK }
