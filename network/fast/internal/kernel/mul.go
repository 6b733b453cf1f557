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

// mulScalar is MulInto in scalar Go. The loops run k, i, j so that the
// innermost one walks a row of b and a row of dst; up to eight rows of b are
// taken per pass over a row of dst (axpyPass), their eight coefficients in
// registers, which saves seven of every eight loads and stores of dst, and
// each group of rows of b serves every row of a while it is in the cache. The
// first pass writes dst without reading it. Each element still adds its
// products in the order of k, starting from 0 as matrix.MulInto does.
func mulScalar(dst, a, b *matrix.Dense) {
	K, n := a.Cols, b.Cols
	if K == 0 {
		clear(dst.Data)
		return
	}
	for k0 := 0; k0 < K; k0 += 8 {
		w := min(8, K-k0)
		bk := b.Data[k0*n : (k0+w)*n]
		for i := 0; i < a.Rows; i++ {
			axpyPass(dst.Data[i*n:i*n+n], a.Data[i*K+k0:i*K+k0+w], bk, n, k0 == 0)
		}
	}
}

// zero is 0, a variable so that the compiler keeps it in a register through
// a loop (a constant 0 it would set again, XORPS, for each element).
var zero float64

// axpyPass adds to d the sum over q of c[q] times row q of b (n columns
// each, len(c) <= 8 of them), adding in the order of q; with first it sets d
// to 0 plus that sum instead. Each product is rounded before it is added
// (float64(x*y)), so that no compiler fuses a multiply and an add.
func axpyPass(d, c, b []float64, n int, first bool) {
	switch len(c) {
	case 8:
		axpy8(d, c, b, n, first)
	case 7:
		axpy7(d, c, b, n, first)
	case 6:
		axpy6(d, c, b, n, first)
	case 5:
		axpy5(d, c, b, n, first)
	case 4:
		axpy4(d, c, b, n, first)
	case 3:
		axpy3(d, c, b, n, first)
	case 2:
		axpy2(d, c, b, n, first)
	case 1:
		axpy1(d, c, b, n, first)
	}
}

// axpy1 is axpyPass for 1 row of b.
func axpy1(d, c, b []float64, n int, first bool) {
	c = c[:1]
	c0 := c[0]
	b = b[:1*n]
	b0 := b[:n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j])
	}
}

// axpy2 is axpyPass for 2 rows of b.
func axpy2(d, c, b []float64, n int, first bool) {
	c = c[:2]
	c0, c1 := c[0], c[1]
	b = b[:2*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j])
	}
}

// axpy3 is axpyPass for 3 rows of b.
func axpy3(d, c, b []float64, n int, first bool) {
	c = c[:3]
	c0, c1, c2 := c[0], c[1], c[2]
	b = b[:3*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j])
	}
}

// axpy4 is axpyPass for 4 rows of b.
func axpy4(d, c, b []float64, n int, first bool) {
	c = c[:4]
	c0, c1, c2, c3 := c[0], c[1], c[2], c[3]
	b = b[:4*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	b3 := b[3*n : 3*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j])
	}
}

// axpy5 is axpyPass for 5 rows of b.
func axpy5(d, c, b []float64, n int, first bool) {
	c = c[:5]
	c0, c1, c2, c3, c4 := c[0], c[1], c[2], c[3], c[4]
	b = b[:5*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	b3 := b[3*n : 3*n+n][:len(d)]
	b4 := b[4*n : 4*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j])
	}
}

// axpy6 is axpyPass for 6 rows of b.
func axpy6(d, c, b []float64, n int, first bool) {
	c = c[:6]
	c0, c1, c2, c3, c4, c5 := c[0], c[1], c[2], c[3], c[4], c[5]
	b = b[:6*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	b3 := b[3*n : 3*n+n][:len(d)]
	b4 := b[4*n : 4*n+n][:len(d)]
	b5 := b[5*n : 5*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j])
	}
}

// axpy7 is axpyPass for 7 rows of b.
func axpy7(d, c, b []float64, n int, first bool) {
	c = c[:7]
	c0, c1, c2, c3, c4, c5, c6 := c[0], c[1], c[2], c[3], c[4], c[5], c[6]
	b = b[:7*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	b3 := b[3*n : 3*n+n][:len(d)]
	b4 := b[4*n : 4*n+n][:len(d)]
	b5 := b[5*n : 5*n+n][:len(d)]
	b6 := b[6*n : 6*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j]) + float64(c6*b6[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j]) + float64(c6*b6[j])
	}
}

// axpy8 is axpyPass for 8 rows of b.
func axpy8(d, c, b []float64, n int, first bool) {
	c = c[:8]
	c0, c1, c2, c3, c4, c5, c6, c7 := c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
	b = b[:8*n]
	b0 := b[:n][:len(d)]
	b1 := b[1*n : 1*n+n][:len(d)]
	b2 := b[2*n : 2*n+n][:len(d)]
	b3 := b[3*n : 3*n+n][:len(d)]
	b4 := b[4*n : 4*n+n][:len(d)]
	b5 := b[5*n : 5*n+n][:len(d)]
	b6 := b[6*n : 6*n+n][:len(d)]
	b7 := b[7*n : 7*n+n][:len(d)]
	if first {
		z := zero
		for j := range d {
			d[j] = z + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j]) + float64(c6*b6[j]) + float64(c7*b7[j])
		}
		return
	}
	for j, v := range d {
		d[j] = v + float64(c0*b0[j]) + float64(c1*b1[j]) + float64(c2*b2[j]) + float64(c3*b3[j]) + float64(c4*b4[j]) + float64(c5*b5[j]) + float64(c6*b6[j]) + float64(c7*b7[j])
	}
}

// mulTScalar is MulTInto in scalar Go. Element {i, j} is one sum, its
// products added in the order of k; the loops choose only how many sums are
// in flight at once, since a single sum waits on each addition (the adder's
// latency, about three cycles) where several independent ones keep the
// processor's two adders busy. Each row of a is taken against four rows of b
// at a time; the last one to three rows of b, against four rows of a at a
// time, and the last one to three rows of a against all of them at once.
// (Eight sums at once are slower: the compiler schedules every product of an
// iteration before the additions that carry the sums into the next, so eight
// sums and eight products would be live together, more than the 15 float
// registers, and some go to the stack and back on every k.)
func mulTScalar(dst, a, b *matrix.Dense) { mulTScalarRows(dst, a, b, 0) }

// mulTScalarRows is mulTScalar for rows i0 on of a and dst.
func mulTScalarRows(dst, a, b *matrix.Dense, i0 int) {
	n, J := a.Cols, b.Rows
	row := func(m *matrix.Dense, i int) []float64 { return m.Data[i*n : i*n+n] }
	if J >= 4 {
		for i := i0; i < a.Rows; i++ {
			ai, di := row(a, i), dst.Data[i*J:i*J+J]
			j := 0
			for ; J-j >= 10 || J-j == 6; j += 6 {
				di[j], di[j+1], di[j+2], di[j+3], di[j+4], di[j+5] = dots1x6(ai, row(b, j), row(b, j+1), row(b, j+2), row(b, j+3), row(b, j+4), row(b, j+5))
			}
			for ; J-j >= 4; j += 4 { // 4, 5, 7, 8 or 9 rows of b left: 4 now
				if J-j == 5 {
					di[j], di[j+1], di[j+2], di[j+3], di[j+4] = dots1x5(ai, row(b, j), row(b, j+1), row(b, j+2), row(b, j+3), row(b, j+4))
					j++
					continue
				}
				di[j], di[j+1], di[j+2], di[j+3] = dots1x4(ai, row(b, j), row(b, j+1), row(b, j+2), row(b, j+3))
			}
			if J-j == 3 {
				di[j], di[j+1], di[j+2] = dots1x3(ai, row(b, j), row(b, j+1), row(b, j+2))
			}
		}
		return
	}
	i := i0
	for ; i+4 <= a.Rows; i += 4 {
		a0, a1, a2, a3 := row(a, i), row(a, i+1), row(a, i+2), row(a, i+3)
		for j := range J {
			dst.Data[i*J+j], dst.Data[(i+1)*J+j], dst.Data[(i+2)*J+j], dst.Data[(i+3)*J+j] = dots1x4(row(b, j), a0, a1, a2, a3)
		}
	}
	for ; i < a.Rows; i++ { // the last one to three rows of a, against the one to three of b
		ai, di := row(a, i), dst.Data[i*J:i*J+J]
		switch J {
		case 3:
			di[0], di[1], di[2] = dots1x3(ai, row(b, 0), row(b, 1), row(b, 2))
		case 2:
			di[0], di[1] = dots1x2(ai, row(b, 0), row(b, 1))
		case 1:
			di[0] = dot(ai, row(b, 0))
		}
	}
}

// dots1x6 returns the six sums over k of x[k] y_q[k], q = 0..5, each added
// in the order of k. (x y_q and y_q x are the same products.)
func dots1x6(x, y0, y1, y2, y3, y4, y5 []float64) (s0, s1, s2, s3, s4, s5 float64) {
	n := len(x)
	y0, y1, y2, y3, y4, y5 = y0[:n], y1[:n], y2[:n], y3[:n], y4[:n], y5[:n]
	for k, v := range x {
		s0 += float64(v * y0[k])
		s1 += float64(v * y1[k])
		s2 += float64(v * y2[k])
		s3 += float64(v * y3[k])
		s4 += float64(v * y4[k])
		s5 += float64(v * y5[k])
	}
	return
}

// dots1x5 is dots1x6 for five rows y_q.
func dots1x5(x, y0, y1, y2, y3, y4 []float64) (s0, s1, s2, s3, s4 float64) {
	n := len(x)
	y0, y1, y2, y3, y4 = y0[:n], y1[:n], y2[:n], y3[:n], y4[:n]
	for k, v := range x {
		s0 += float64(v * y0[k])
		s1 += float64(v * y1[k])
		s2 += float64(v * y2[k])
		s3 += float64(v * y3[k])
		s4 += float64(v * y4[k])
	}
	return
}

// dots1x4 is dots1x6 for four rows y_q.
func dots1x4(x, y0, y1, y2, y3 []float64) (s0, s1, s2, s3 float64) {
	n := len(x)
	y0, y1, y2, y3 = y0[:n], y1[:n], y2[:n], y3[:n]
	for k, v := range x {
		s0 += float64(v * y0[k])
		s1 += float64(v * y1[k])
		s2 += float64(v * y2[k])
		s3 += float64(v * y3[k])
	}
	return
}

// dots1x3 is dots1x4 for three rows y_q.
func dots1x3(x, y0, y1, y2 []float64) (s0, s1, s2 float64) {
	n := len(x)
	y0, y1, y2 = y0[:n], y1[:n], y2[:n]
	for k, v := range x {
		s0 += float64(v * y0[k])
		s1 += float64(v * y1[k])
		s2 += float64(v * y2[k])
	}
	return
}

// dots1x2 is dots1x4 for two rows y_q.
func dots1x2(x, y0, y1 []float64) (s0, s1 float64) {
	n := len(x)
	y0, y1 = y0[:n], y1[:n]
	for k, v := range x {
		s0 += float64(v * y0[k])
		s1 += float64(v * y1[k])
	}
	return
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
