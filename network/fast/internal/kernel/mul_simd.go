//go:build goexperiment.simd && amd64

package kernel

import (
	"simd/archsimd"

	"github.com/ann-go/ann/matrix"
)

// The vector kernels: 256-bit registers of four float64s (AVX2). Each lane
// does what the scalar loop does for one element, the same multiplications and
// additions in the same order, so the results are bitwise those of
// mulScalar and mulTScalar. Each kernel clears the registers' upper halves
// (ClearAVXUpperBits) before scalar code runs again: on Intel processors,
// scalar floating point after 256-bit instructions is otherwise several times
// slower.

// vectorOK reports whether the processor has AVX2; without it the kernels
// report false and the caller uses the scalar loops.
var vectorOK = archsimd.X86.AVX2()

// mulVector sets dst to a b as mulScalar does, the loop over the examples four
// at a time, two rows of dst per pass (each vector of b, loaded once, serves
// both). It returns false, doing nothing, when it cannot run.
func mulVector(dst, a, b *matrix.Dense) bool {
	if !vectorOK {
		return false
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	clear(dst.Data)
	i := 0
	for ; i+2 <= a.Rows; i += 2 {
		axpy2RowsVector(dst.Row(i), dst.Row(i+1), a.Row(i), a.Row(i+1), b)
	}
	for ; i < a.Rows; i++ {
		axpyRowsVector(dst.Row(i), a.Row(i), b)
	}
	return true
}

// axpy2RowsVector is axpyRowsVector on two rows d0, d1 of dst at once, with
// their rows c0, c1 of a: each vector of four rows of b is loaded once for
// both.
func axpy2RowsVector(d0, d1, c0, c1 []float64, b *matrix.Dense) {
	n := len(d0)
	n4 := n &^ 3
	d1 = d1[:n]
	k := 0
	for ; k+4 <= len(c0); k += 4 {
		b0, b1, b2, b3 := b.Row(k)[:n], b.Row(k + 1)[:n], b.Row(k + 2)[:n], b.Row(k + 3)[:n]
		p0, p1, p2, p3 := archsimd.BroadcastFloat64x4(c0[k]), archsimd.BroadcastFloat64x4(c0[k+1]),
			archsimd.BroadcastFloat64x4(c0[k+2]), archsimd.BroadcastFloat64x4(c0[k+3])
		q0, q1, q2, q3 := archsimd.BroadcastFloat64x4(c1[k]), archsimd.BroadcastFloat64x4(c1[k+1]),
			archsimd.BroadcastFloat64x4(c1[k+2]), archsimd.BroadcastFloat64x4(c1[k+3])
		for j := 0; j+4 <= n; j += 4 {
			x0 := archsimd.LoadFloat64x4((*[4]float64)(b0[j : j+4]))
			x1 := archsimd.LoadFloat64x4((*[4]float64)(b1[j : j+4]))
			x2 := archsimd.LoadFloat64x4((*[4]float64)(b2[j : j+4]))
			x3 := archsimd.LoadFloat64x4((*[4]float64)(b3[j : j+4]))
			v := archsimd.LoadFloat64x4((*[4]float64)(d0[j : j+4]))
			v = v.Add(p0.Mul(x0)).Add(p1.Mul(x1)).Add(p2.Mul(x2)).Add(p3.Mul(x3))
			v.Store((*[4]float64)(d0[j : j+4]))
			w := archsimd.LoadFloat64x4((*[4]float64)(d1[j : j+4]))
			w = w.Add(q0.Mul(x0)).Add(q1.Mul(x1)).Add(q2.Mul(x2)).Add(q3.Mul(x3))
			w.Store((*[4]float64)(d1[j : j+4]))
		}
		if n4 < n {
			archsimd.ClearAVXUpperBits() // scalar code follows
		}
		for j := n4; j < n; j++ {
			d0[j] = d0[j] + float64(c0[k]*b0[j]) + float64(c0[k+1]*b1[j]) + float64(c0[k+2]*b2[j]) + float64(c0[k+3]*b3[j])
			d1[j] = d1[j] + float64(c1[k]*b0[j]) + float64(c1[k+1]*b1[j]) + float64(c1[k+2]*b2[j]) + float64(c1[k+3]*b3[j])
		}
	}
	for ; k < len(c0); k++ {
		bk := b.Row(k)[:n]
		p, q := archsimd.BroadcastFloat64x4(c0[k]), archsimd.BroadcastFloat64x4(c1[k])
		for j := 0; j+4 <= n; j += 4 {
			x := archsimd.LoadFloat64x4((*[4]float64)(bk[j : j+4]))
			v := archsimd.LoadFloat64x4((*[4]float64)(d0[j : j+4]))
			v.Add(p.Mul(x)).Store((*[4]float64)(d0[j : j+4]))
			w := archsimd.LoadFloat64x4((*[4]float64)(d1[j : j+4]))
			w.Add(q.Mul(x)).Store((*[4]float64)(d1[j : j+4]))
		}
		if n4 < n {
			archsimd.ClearAVXUpperBits() // scalar code follows
		}
		for j := n4; j < n; j++ {
			d0[j] += float64(c0[k] * bk[j])
			d1[j] += float64(c1[k] * bk[j])
		}
	}
}

// axpyRowsVector is axpyRows with four elements of d per step.
func axpyRowsVector(d, c []float64, b *matrix.Dense) {
	n := len(d)
	n4 := n &^ 3
	k := 0
	for ; k+4 <= len(c); k += 4 {
		b0, b1, b2, b3 := b.Row(k)[:n], b.Row(k + 1)[:n], b.Row(k + 2)[:n], b.Row(k + 3)[:n]
		c0, c1, c2, c3 := archsimd.BroadcastFloat64x4(c[k]), archsimd.BroadcastFloat64x4(c[k+1]),
			archsimd.BroadcastFloat64x4(c[k+2]), archsimd.BroadcastFloat64x4(c[k+3])
		for j := 0; j+4 <= n; j += 4 {
			v := archsimd.LoadFloat64x4((*[4]float64)(d[j : j+4]))
			v = v.Add(c0.Mul(archsimd.LoadFloat64x4((*[4]float64)(b0[j : j+4]))))
			v = v.Add(c1.Mul(archsimd.LoadFloat64x4((*[4]float64)(b1[j : j+4]))))
			v = v.Add(c2.Mul(archsimd.LoadFloat64x4((*[4]float64)(b2[j : j+4]))))
			v = v.Add(c3.Mul(archsimd.LoadFloat64x4((*[4]float64)(b3[j : j+4]))))
			v.Store((*[4]float64)(d[j : j+4]))
		}
		if n4 < n {
			archsimd.ClearAVXUpperBits() // before any scalar code, the loads of c's elements included
			s0, s1, s2, s3 := c[k], c[k+1], c[k+2], c[k+3]
			for j := n4; j < n; j++ {
				d[j] = d[j] + float64(s0*b0[j]) + float64(s1*b1[j]) + float64(s2*b2[j]) + float64(s3*b3[j])
			}
		}
	}
	for ; k < len(c); k++ {
		bk := b.Row(k)[:n]
		ck := archsimd.BroadcastFloat64x4(c[k])
		for j := 0; j+4 <= n; j += 4 {
			v := archsimd.LoadFloat64x4((*[4]float64)(d[j : j+4]))
			v = v.Add(ck.Mul(archsimd.LoadFloat64x4((*[4]float64)(bk[j : j+4]))))
			v.Store((*[4]float64)(d[j : j+4]))
		}
		if n4 < n {
			archsimd.ClearAVXUpperBits() // before any scalar code
			s := c[k]
			for j := n4; j < n; j++ {
				d[j] += float64(s * bk[j])
			}
		}
	}
}

// mulTBlock is how many products of each dot product mulTVector takes per
// pass: the four rows of a it works on, transposed, fill 4 x mulTBlock
// float64s (8 KiB).
const mulTBlock = 256

// mulTVector sets dst to a bᵀ as mulTScalar does. It takes four rows of a at a
// time and lays them out transposed, four per k, so that one vector holds
// a{i..i+3, k}; then for four rows j of b at a time it keeps four vectors of
// sums, lane r of the one for row j being the dot product of row i+r of a and
// row j of b, added in the order of k.
func mulTVector(dst, a, b *matrix.Dense) bool {
	if !vectorOK {
		return false
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	var buf [4 * mulTBlock]float64
	n := a.Cols
	i := 0
	for ; i+4 <= a.Rows; i += 4 {
		a0, a1, a2, a3 := a.Row(i), a.Row(i+1), a.Row(i+2), a.Row(i+3)
		d0, d1, d2, d3 := dst.Row(i), dst.Row(i+1), dst.Row(i+2), dst.Row(i+3)
		clear(d0)
		clear(d1)
		clear(d2)
		clear(d3)
		for lo := 0; lo < n; lo += mulTBlock {
			kn := min(mulTBlock, n-lo)
			t := buf[:4*kn]
			for k := 0; k < kn; k++ {
				t[4*k], t[4*k+1], t[4*k+2], t[4*k+3] = a0[lo+k], a1[lo+k], a2[lo+k], a3[lo+k]
			}
			var s [4][4]float64 // s[q][r]: the sum for row i+r of a and row j+q of b
			j := 0
			for ; j+4 <= b.Rows; j += 4 {
				for q := range s {
					s[q] = [4]float64{d0[j+q], d1[j+q], d2[j+q], d3[j+q]}
				}
				dots4(&s, t, b.Row(j)[lo:lo+kn], b.Row(j + 1)[lo:lo+kn], b.Row(j + 2)[lo:lo+kn], b.Row(j + 3)[lo:lo+kn])
				for q, v := range s {
					d0[j+q], d1[j+q], d2[j+q], d3[j+q] = v[0], v[1], v[2], v[3]
				}
			}
			if j+2 <= b.Rows { // two rows of b left: two sums of four lanes in flight
				for q := range 2 {
					s[q] = [4]float64{d0[j+q], d1[j+q], d2[j+q], d3[j+q]}
				}
				dots2(&s, t, b.Row(j)[lo:lo+kn], b.Row(j + 1)[lo:lo+kn])
				for q := range 2 {
					d0[j+q], d1[j+q], d2[j+q], d3[j+q] = s[q][0], s[q][1], s[q][2], s[q][3]
				}
				j += 2
			}
			for ; j < b.Rows; j++ {
				s[0] = [4]float64{d0[j], d1[j], d2[j], d3[j]}
				dots1(&s[0], t, b.Row(j)[lo:lo+kn])
				d0[j], d1[j], d2[j], d3[j] = s[0][0], s[0][1], s[0][2], s[0][3]
			}
		}
	}
	mulTScalarRows(dst, a, b, i) // the last one to three rows, as mulTScalar
	return true
}

// dots2 is dots4 for two rows b0, b1 of b.
func dots2(s *[4][4]float64, t, b0, b1 []float64) {
	s0, s1 := archsimd.LoadFloat64x4(&s[0]), archsimd.LoadFloat64x4(&s[1])
	n := len(b0)
	b1 = b1[:n]
	t = t[:4*n]
	for k := 0; k < n; k++ {
		av := archsimd.LoadFloat64x4((*[4]float64)(t[4*k : 4*k+4]))
		s0 = s0.Add(av.Mul(archsimd.BroadcastFloat64x4(b0[k])))
		s1 = s1.Add(av.Mul(archsimd.BroadcastFloat64x4(b1[k])))
	}
	s0.Store(&s[0])
	s1.Store(&s[1])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// dots4 adds to s[q][r], for q, r = 0..3, the products t[4k+r] bq[k] in the
// order of k: t holds four rows of a, transposed.
func dots4(s *[4][4]float64, t, b0, b1, b2, b3 []float64) {
	s0, s1 := archsimd.LoadFloat64x4(&s[0]), archsimd.LoadFloat64x4(&s[1])
	s2, s3 := archsimd.LoadFloat64x4(&s[2]), archsimd.LoadFloat64x4(&s[3])
	n := len(b0)
	b1, b2, b3 = b1[:n], b2[:n], b3[:n]
	t = t[:4*n]
	for k := 0; k < n; k++ {
		av := archsimd.LoadFloat64x4((*[4]float64)(t[4*k : 4*k+4]))
		s0 = s0.Add(av.Mul(archsimd.BroadcastFloat64x4(b0[k])))
		s1 = s1.Add(av.Mul(archsimd.BroadcastFloat64x4(b1[k])))
		s2 = s2.Add(av.Mul(archsimd.BroadcastFloat64x4(b2[k])))
		s3 = s3.Add(av.Mul(archsimd.BroadcastFloat64x4(b3[k])))
	}
	s0.Store(&s[0])
	s1.Store(&s[1])
	s2.Store(&s[2])
	s3.Store(&s[3])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// dots1 is dots4 for one row b0 of b.
func dots1(s *[4]float64, t, b0 []float64) {
	s0 := archsimd.LoadFloat64x4(s)
	t = t[:4*len(b0)]
	for k, v := range b0 {
		s0 = s0.Add(archsimd.LoadFloat64x4((*[4]float64)(t[4*k : 4*k+4])).Mul(archsimd.BroadcastFloat64x4(v)))
	}
	s0.Store(s)
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}
