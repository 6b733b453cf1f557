// Package kernel holds the training engine's inner loops: the matrix products
// and the sigmoid of package fast, arranged for speed. Each gives the numbers
// of the plain loops in packages matrix and sigmoid, the products bit for bit:
//
//	MulInto(dst, a, b)  = matrix.MulInto(dst, a, b)   dst = a b
//	MulTInto(dst, a, b) = matrix.MulTInto(dst, a, b)  dst = a bᵀ
//	Sigmoid(z)          = sigmoid.G(z) to two ulps, with a faster exponential
//	MulSigmoidGradient(d, a): d .* a(1 - a), bit for bit
//
// Each element of a product adds its products in the order k = 0, 1, 2, ...,
// each product rounded on its own (no fused multiply-add), in every build. In
// the default build the kernels are scalar Go with several independent sums
// in flight; built with GOEXPERIMENT=simd on amd64, on a processor with AVX2,
// the same operations run four lanes at a time in vector registers
// (mul_simd.go, sigmoid_simd.go), with bitwise the same results. Vector
// reports which.
package kernel

import (
	"fmt"

	"github.com/ann-go/ann/matrix"
)

// MulInto sets dst to a b, bit for bit as matrix.MulInto does, with the
// fastest kernel the build has. dst must not share storage with a or b. It
// panics unless a.Cols == b.Rows and dst is a.Rows x b.Cols.
func MulInto(dst, a, b *matrix.Dense) {
	if a.Cols != b.Rows {
		mismatch("MulInto", a, b)
	}
	mustShape("MulInto", dst, a.Rows, b.Cols)
	if !mulVector(dst, a, b) {
		mulScalar(dst, a, b)
	}
}

// MulTInto sets dst to a bᵀ, bit for bit as matrix.MulTInto does, with the
// fastest kernel the build has: with vectors, four rows of a at a time, each
// lane a dot product that adds its products in order. dst must not share
// storage with a or b. It panics unless a.Cols == b.Cols and dst is a.Rows x
// b.Rows.
func MulTInto(dst, a, b *matrix.Dense) {
	if a.Cols != b.Cols {
		mismatch("MulTInto", a, b)
	}
	mustShape("MulTInto", dst, a.Rows, b.Rows)
	if !mulTVector(dst, a, b) {
		mulTScalar(dst, a, b)
	}
}

// Vector reports whether the kernels use vector instructions: built with
// GOEXPERIMENT=simd on amd64 and run on a processor with AVX2.
func Vector() bool { return vectorOK }

// mulScalar is MulInto in scalar Go. The loops run i, k, j so that the
// innermost one walks a row of b and a row of dst; four rows of b are taken
// per pass over a row of dst, which saves three of every four loads and
// stores of dst. Each element still adds its products in the order of k.
func mulScalar(dst, a, b *matrix.Dense) {
	clear(dst.Data)
	for i := 0; i < a.Rows; i++ {
		axpyRows(dst.Row(i), a.Row(i), b)
	}
}

// axpyRows adds to d the sum over k of c[k] times row k of b, adding in the
// order of k. Each product is rounded before it is added (float64(x*y)), so
// that no compiler fuses a multiply and an add.
func axpyRows(d, c []float64, b *matrix.Dense) {
	k := 0
	for ; k+4 <= len(c); k += 4 {
		c0, c1, c2, c3 := c[k], c[k+1], c[k+2], c[k+3]
		b0, b1, b2, b3 := b.Row(k)[:len(d)], b.Row(k + 1)[:len(d)], b.Row(k + 2)[:len(d)], b.Row(k + 3)[:len(d)]
		for j, v := range d {
			d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j])
		}
	}
	switch len(c) - k { // the last one to three rows, in one pass
	case 3:
		c0, c1, c2 := c[k], c[k+1], c[k+2]
		b0, b1, b2 := b.Row(k)[:len(d)], b.Row(k + 1)[:len(d)], b.Row(k + 2)[:len(d)]
		for j, v := range d {
			d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j])
		}
	case 2:
		c0, c1 := c[k], c[k+1]
		b0, b1 := b.Row(k)[:len(d)], b.Row(k + 1)[:len(d)]
		for j, v := range d {
			d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j])
		}
	case 1:
		c0, b0 := c[k], b.Row(k)[:len(d)]
		for j, v := range d {
			d[j] = v + float64(c0*b0[j])
		}
	}
}

// mulTScalar is MulTInto in scalar Go. Element {i, j} is one sum, its
// products added in the order of k; the loops choose only how many sums are
// in flight at once, since a single sum waits on each addition (the adder's
// latency, about three cycles) where several independent ones keep the
// processor's two adders busy. Each row of a is taken against four rows of b
// at a time; the last one to three rows of b, against four rows of a at a
// time. (Eight sums at once, four rows of a by two of b, need more registers
// than the compiler keeps them in, and were slower.)
func mulTScalar(dst, a, b *matrix.Dense) { mulTScalarRows(dst, a, b, 0) }

// mulTScalarRows is mulTScalar for rows i0 on of a and dst.
func mulTScalarRows(dst, a, b *matrix.Dense, i0 int) {
	jn := b.Rows &^ 3
	for i := i0; i < a.Rows; i++ {
		ai := a.Row(i)
		di := dst.Row(i)
		for j := 0; j < jn; j += 4 {
			b0, b1, b2, b3 := b.Row(j)[:len(ai)], b.Row(j + 1)[:len(ai)], b.Row(j + 2)[:len(ai)], b.Row(j + 3)[:len(ai)]
			var s0, s1, s2, s3 float64
			for k, v := range ai {
				s0 += float64(v * b0[k])
				s1 += float64(v * b1[k])
				s2 += float64(v * b2[k])
				s3 += float64(v * b3[k])
			}
			di[j], di[j+1], di[j+2], di[j+3] = s0, s1, s2, s3
		}
	}
	if jn == b.Rows {
		return
	}
	i := i0
	for ; i+4 <= a.Rows; i += 4 {
		a0 := a.Row(i)
		n := len(a0)
		a1, a2, a3 := a.Row(i + 1)[:n], a.Row(i + 2)[:n], a.Row(i + 3)[:n]
		for j := jn; j < b.Rows; j++ {
			bj := b.Row(j)[:n]
			var s0, s1, s2, s3 float64
			for k, v := range a0 {
				x := bj[k]
				s0 += float64(v * x)
				s1 += float64(a1[k] * x)
				s2 += float64(a2[k] * x)
				s3 += float64(a3[k] * x)
			}
			dst.Data[i*dst.Cols+j], dst.Data[(i+1)*dst.Cols+j] = s0, s1
			dst.Data[(i+2)*dst.Cols+j], dst.Data[(i+3)*dst.Cols+j] = s2, s3
		}
	}
	for ; i < a.Rows; i++ {
		ai, di := a.Row(i), dst.Row(i)
		for j := jn; j < b.Rows; j++ {
			di[j] = dot(ai, b.Row(j))
		}
	}
}

// dot returns the sum of x[k] y[k], added in the order of k.
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	s := 0.0
	for k, v := range x {
		s += float64(v * y[k])
	}
	return s
}

func mismatch(op string, a, b *matrix.Dense) {
	panic(fmt.Sprintf("kernel: dimension mismatch: %s of %dx%d and %dx%d", op, a.Rows, a.Cols, b.Rows, b.Cols))
}

func mustShape(op string, dst *matrix.Dense, rows, cols int) {
	if dst.Rows != rows || dst.Cols != cols {
		panic(fmt.Sprintf("kernel: dimension mismatch: %s wants a %dx%d destination, got %dx%d", op, rows, cols, dst.Rows, dst.Cols))
	}
}
