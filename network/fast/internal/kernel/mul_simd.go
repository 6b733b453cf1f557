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

// mulTBlock is how many products of each sum mulTPanels takes per pass (the
// engine's chunks have 256 examples, so one pass each).
const mulTBlock = 256

// mulTVector sets dst to a bᵀ as mulTScalar does: each element dst{i, j} is
// the sum of a{i, k} b{j, k} added in the order of k, one lane of a vector of
// sums. The sums run along the rows of both a and b, so the rows of one of
// them are laid out transposed first, eight at a time (mulTPanels); which
// one, mulTPackB decides.
func mulTVector(dst, a, b *matrix.Dense) bool {
	if !vectorOK {
		return false
	}
	defer archsimd.ClearAVXUpperBits() // back to scalar code without a penalty
	if mulTPackB(a.Rows, b.Rows) {
		mulTPanels(dst, a, b, false)
	} else {
		mulTPanels(dst, b, a, true)
	}
	return true
}

// mulTPackB reports whether mulTVector lays out b (and broadcasts the
// elements of a) rather than a (broadcasting b's), for a of ra rows and b of
// rb: whichever has the smaller estimated cost per k, the layout (about two
// cycles per row laid out) plus a vector multiply-add per row broadcast and
// four rows laid out (their number rounded up to a multiple of four).
func mulTPackB(ra, rb int) bool {
	costB := 2*rb + (rb+3)/4*ra
	costA := 2*ra + (ra+3)/4*rb
	return costB <= costA
}

// mulTPanels sets out{x, y} = Σ_k bc{x, k} pk{y, k} for every x and y,
// added in the order of k, where out is dst, or dst transposed when tr. For
// eight rows of pk at a time (four when no more are left), and up to
// mulTBlock k, it lays them out transposed in a panel, t[k] holding
// pk{y0 .. y0+7, lo+k} (zeros past pk's last row); then for up to six rows
// of bc at a time, a kernel (mulTKernel) keeps their sums with the panel's
// rows in vector registers while it adds bc{x, k} t[k] over k. The sums go
// to dst between blocks of k, so each is added in order from k = 0.
func mulTPanels(dst, bc, pk *matrix.Dense, tr bool) {
	buf := getPanels()
	defer putPanels(buf)
	var acc [6][4]float64
	n := bc.Cols
	for lo := 0; lo < n; lo += mulTBlock {
		kn := min(mulTBlock, n-lo)
		for y0 := 0; y0 < pk.Rows; y0 += 8 {
			w := min(8, pk.Rows-y0) // the panel's columns that are rows of pk
			V := 2                  // vectors per row of the panel
			t8, t4 := buf.p8[:kn], buf.p4[:kn]
			if w <= 4 {
				V = 1
				pack4(t4, pk, y0, w, lo)
			} else {
				pack8(t8, pk, y0, w, lo)
			}
			for x := 0; x < bc.Rows; {
				R := mulTRows(V, bc.Rows-x)
				// The sums so far: none at lo == 0, else out's.
				acc = [6][4]float64{}
				if lo > 0 {
					for r := range R {
						for c := range w {
							acc[r*V+c/4][c%4] = outAt(dst, tr, x+r, y0+c)
						}
					}
				}
				mulTKernel(V, R, &acc, t8, t4, bc, x, lo, kn)
				for r := range R {
					for c := range w {
						setOut(dst, tr, x+r, y0+c, acc[r*V+c/4][c%4])
					}
				}
				x += R
			}
		}
	}
}

// panels are mulTPanels' layouts of pk, kept in freePanels between calls
// so that they are not cleared on each, as an array on the stack would be.
// (A sync.Pool would do, but under the race detector it drops a quarter of
// what it is given, and the workspace would allocate.)
type panels struct {
	p8 [mulTBlock][2][4]float64
	p4 [mulTBlock][4]float64
}

// freePanels holds panels no call is using, enough for every core's worker.
var freePanels = make(chan *panels, 64)

// getPanels returns panels from freePanels, or new ones if it is empty.
func getPanels() *panels {
	select {
	case p := <-freePanels:
		return p
	default:
		return new(panels)
	}
}

// putPanels gives p back to freePanels, or to the garbage collector if it
// is full.
func putPanels(p *panels) {
	select {
	case freePanels <- p:
	default:
	}
}

// outAt returns out{x, y}: dst{x, y}, or dst{y, x} when tr.
func outAt(dst *matrix.Dense, tr bool, x, y int) float64 {
	if tr {
		x, y = y, x
	}
	return dst.Data[x*dst.Cols+y]
}

// setOut sets out{x, y}.
func setOut(dst *matrix.Dense, tr bool, x, y int, v float64) {
	if tr {
		x, y = y, x
	}
	dst.Data[x*dst.Cols+y] = v
}

// pack8 sets t[k][c/4][c%4] = pk{y0+c, lo+k} for k < len(t) and c < w, and
// to 0 for w <= c < 8.
func pack8(t [][2][4]float64, pk *matrix.Dense, y0, w, lo int) {
	for q := range 2 {
		r0, r1, r2, r3 := fourRows(pk, y0+4*q, y0+w, lo, len(t))
		k := 0
		for ; k+4 <= len(t); k += 4 {
			o0, o1, o2, o3 := transpose4(
				archsimd.LoadFloat64x4((*[4]float64)(r0[k:k+4])), archsimd.LoadFloat64x4((*[4]float64)(r1[k:k+4])),
				archsimd.LoadFloat64x4((*[4]float64)(r2[k:k+4])), archsimd.LoadFloat64x4((*[4]float64)(r3[k:k+4])))
			o0.Store(&t[k][q])
			o1.Store(&t[k+1][q])
			o2.Store(&t[k+2][q])
			o3.Store(&t[k+3][q])
		}
		archsimd.ClearAVXUpperBits() // scalar code follows
		for ; k < len(t); k++ {
			t[k][q] = [4]float64{r0[k], r1[k], r2[k], r3[k]}
		}
	}
}

// pack4 is pack8 for a panel of 4 columns, w <= 4.
func pack4(t [][4]float64, pk *matrix.Dense, y0, w, lo int) {
	r0, r1, r2, r3 := fourRows(pk, y0, y0+w, lo, len(t))
	k := 0
	for ; k+4 <= len(t); k += 4 {
		o0, o1, o2, o3 := transpose4(
			archsimd.LoadFloat64x4((*[4]float64)(r0[k:k+4])), archsimd.LoadFloat64x4((*[4]float64)(r1[k:k+4])),
			archsimd.LoadFloat64x4((*[4]float64)(r2[k:k+4])), archsimd.LoadFloat64x4((*[4]float64)(r3[k:k+4])))
		o0.Store(&t[k])
		o1.Store(&t[k+1])
		o2.Store(&t[k+2])
		o3.Store(&t[k+3])
	}
	archsimd.ClearAVXUpperBits() // scalar code follows
	for ; k < len(t); k++ {
		t[k] = [4]float64{r0[k], r1[k], r2[k], r3[k]}
	}
}

// zeroRow stands for the rows of a panel past pk's last.
var zeroRow [mulTBlock]float64

// fourRows returns rows r .. r+3 of m, columns lo to lo+kn, the rows from
// end on zeroRow's.
func fourRows(m *matrix.Dense, r, end, lo, kn int) (r0, r1, r2, r3 []float64) {
	var rows [4][]float64
	for i := range rows {
		if r+i < end {
			rows[i] = m.Data[(r+i)*m.Cols+lo : (r+i)*m.Cols+lo+kn]
		} else {
			rows[i] = zeroRow[:kn]
		}
	}
	return rows[0], rows[1][:kn], rows[2][:kn], rows[3][:kn]
}

// transpose4 returns the columns of the 4 x 4 matrix whose rows are v0 .. v3.
func transpose4(v0, v1, v2, v3 archsimd.Float64x4) (o0, o1, o2, o3 archsimd.Float64x4) {
	u0 := v0.SelectFromPairGrouped(0, 2, v1) // v0[0] v1[0] v0[2] v1[2]
	u1 := v0.SelectFromPairGrouped(1, 3, v1) // v0[1] v1[1] v0[3] v1[3]
	u2 := v2.SelectFromPairGrouped(0, 2, v3)
	u3 := v2.SelectFromPairGrouped(1, 3, v3)
	return u0.Select128FromPair(0, 2, u2), u1.Select128FromPair(0, 2, u3),
		u0.Select128FromPair(1, 3, u2), u1.Select128FromPair(1, 3, u3)
}

// mulTRows returns how many rows of bc the next kernel takes, of left: the
// most there is a kernel for with V vectors per panel row.
func mulTRows(V, left int) int {
	switch {
	case V == 1 && left >= 6:
		return 6
	case V == 2 && left >= 3:
		return 3
	case left >= 4:
		return 4
	case left >= 2:
		return 2
	}
	return 1
}

// mulTKernel runs the kernel for V vectors per panel row (the panel t8 for
// V = 2, t4 for V = 1) and R rows of bc, from row x, its k from lo to lo+kn.
func mulTKernel(V, R int, acc *[6][4]float64, t8 [][2][4]float64, t4 [][4]float64, bc *matrix.Dense, x, lo, kn int) {
	row := func(r int) []float64 { return bc.Data[(x+r)*bc.Cols+lo : (x+r)*bc.Cols+lo+kn] }
	switch V*16 + R {
	case 2*16 + 3:
		mulTKernel2x3(acc, t8, row(0), row(1), row(2))
	case 2*16 + 2:
		mulTKernel2x2(acc, t8, row(0), row(1))
	case 2*16 + 1:
		mulTKernel2x1(acc, t8, row(0))
	case 1*16 + 6:
		mulTKernel1x6(acc, t4, row(0), row(1), row(2), row(3), row(4), row(5))
	case 1*16 + 4:
		mulTKernel1x4(acc, t4, row(0), row(1), row(2), row(3))
	case 1*16 + 2:
		mulTKernel1x2(acc, t4, row(0), row(1))
	default:
		mulTKernel1x1(acc, t4, row(0))
	}
}

// mulTKernelVxR adds to the sums in acc, for R rows x0, x1, ... of bc and
// a panel t of 4V columns, the products xr[k] t[k][c] in the order of k: the
// sum for row r and column c is lane c%4 of acc[r*V + c/4]. Its R x V
// vectors of sums stay in registers through the loop over k (at most six,
// so that with the panel's vectors, the broadcasts and the products the
// compiler keeps them all in the sixteen vector registers; eight spilled
// two of them to the stack on every k).

// mulTKernel2x3 is mulTKernelVxR for V = 2, R = 3.
func mulTKernel2x3(acc *[6][4]float64, t [][2][4]float64, x0, x1, x2 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c01 := archsimd.LoadFloat64x4(&acc[1])
	c10 := archsimd.LoadFloat64x4(&acc[2])
	c11 := archsimd.LoadFloat64x4(&acc[3])
	c20 := archsimd.LoadFloat64x4(&acc[4])
	c21 := archsimd.LoadFloat64x4(&acc[5])
	n := len(x0)
	x1, x2 = x1[:n], x2[:n]
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(&p[0])
		p1 := archsimd.LoadFloat64x4(&p[1])
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		c01 = c01.Add(b0.Mul(p1))
		b1 := archsimd.BroadcastFloat64x4(x1[k])
		c10 = c10.Add(b1.Mul(p0))
		c11 = c11.Add(b1.Mul(p1))
		b2 := archsimd.BroadcastFloat64x4(x2[k])
		c20 = c20.Add(b2.Mul(p0))
		c21 = c21.Add(b2.Mul(p1))
	}
	c00.Store(&acc[0])
	c01.Store(&acc[1])
	c10.Store(&acc[2])
	c11.Store(&acc[3])
	c20.Store(&acc[4])
	c21.Store(&acc[5])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel2x2 is mulTKernelVxR for V = 2, R = 2.
func mulTKernel2x2(acc *[6][4]float64, t [][2][4]float64, x0, x1 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c01 := archsimd.LoadFloat64x4(&acc[1])
	c10 := archsimd.LoadFloat64x4(&acc[2])
	c11 := archsimd.LoadFloat64x4(&acc[3])
	n := len(x0)
	x1 = x1[:n]
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(&p[0])
		p1 := archsimd.LoadFloat64x4(&p[1])
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		c01 = c01.Add(b0.Mul(p1))
		b1 := archsimd.BroadcastFloat64x4(x1[k])
		c10 = c10.Add(b1.Mul(p0))
		c11 = c11.Add(b1.Mul(p1))
	}
	c00.Store(&acc[0])
	c01.Store(&acc[1])
	c10.Store(&acc[2])
	c11.Store(&acc[3])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel2x1 is mulTKernelVxR for V = 2, R = 1.
func mulTKernel2x1(acc *[6][4]float64, t [][2][4]float64, x0 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c01 := archsimd.LoadFloat64x4(&acc[1])
	n := len(x0)
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(&p[0])
		p1 := archsimd.LoadFloat64x4(&p[1])
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		c01 = c01.Add(b0.Mul(p1))
	}
	c00.Store(&acc[0])
	c01.Store(&acc[1])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel1x6 is mulTKernelVxR for V = 1, R = 6.
func mulTKernel1x6(acc *[6][4]float64, t [][4]float64, x0, x1, x2, x3, x4, x5 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c10 := archsimd.LoadFloat64x4(&acc[1])
	c20 := archsimd.LoadFloat64x4(&acc[2])
	c30 := archsimd.LoadFloat64x4(&acc[3])
	c40 := archsimd.LoadFloat64x4(&acc[4])
	c50 := archsimd.LoadFloat64x4(&acc[5])
	n := len(x0)
	x1, x2, x3, x4, x5 = x1[:n], x2[:n], x3[:n], x4[:n], x5[:n]
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(p)
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		b1 := archsimd.BroadcastFloat64x4(x1[k])
		c10 = c10.Add(b1.Mul(p0))
		b2 := archsimd.BroadcastFloat64x4(x2[k])
		c20 = c20.Add(b2.Mul(p0))
		b3 := archsimd.BroadcastFloat64x4(x3[k])
		c30 = c30.Add(b3.Mul(p0))
		b4 := archsimd.BroadcastFloat64x4(x4[k])
		c40 = c40.Add(b4.Mul(p0))
		b5 := archsimd.BroadcastFloat64x4(x5[k])
		c50 = c50.Add(b5.Mul(p0))
	}
	c00.Store(&acc[0])
	c10.Store(&acc[1])
	c20.Store(&acc[2])
	c30.Store(&acc[3])
	c40.Store(&acc[4])
	c50.Store(&acc[5])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel1x4 is mulTKernelVxR for V = 1, R = 4.
func mulTKernel1x4(acc *[6][4]float64, t [][4]float64, x0, x1, x2, x3 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c10 := archsimd.LoadFloat64x4(&acc[1])
	c20 := archsimd.LoadFloat64x4(&acc[2])
	c30 := archsimd.LoadFloat64x4(&acc[3])
	n := len(x0)
	x1, x2, x3 = x1[:n], x2[:n], x3[:n]
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(p)
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		b1 := archsimd.BroadcastFloat64x4(x1[k])
		c10 = c10.Add(b1.Mul(p0))
		b2 := archsimd.BroadcastFloat64x4(x2[k])
		c20 = c20.Add(b2.Mul(p0))
		b3 := archsimd.BroadcastFloat64x4(x3[k])
		c30 = c30.Add(b3.Mul(p0))
	}
	c00.Store(&acc[0])
	c10.Store(&acc[1])
	c20.Store(&acc[2])
	c30.Store(&acc[3])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel1x2 is mulTKernelVxR for V = 1, R = 2.
func mulTKernel1x2(acc *[6][4]float64, t [][4]float64, x0, x1 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	c10 := archsimd.LoadFloat64x4(&acc[1])
	n := len(x0)
	x1 = x1[:n]
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(p)
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
		b1 := archsimd.BroadcastFloat64x4(x1[k])
		c10 = c10.Add(b1.Mul(p0))
	}
	c00.Store(&acc[0])
	c10.Store(&acc[1])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}

// mulTKernel1x1 is mulTKernelVxR for V = 1, R = 1.
func mulTKernel1x1(acc *[6][4]float64, t [][4]float64, x0 []float64) {
	c00 := archsimd.LoadFloat64x4(&acc[0])
	n := len(x0)
	t = t[:n]
	for k := range n {
		p := &t[k]
		p0 := archsimd.LoadFloat64x4(p)
		b0 := archsimd.BroadcastFloat64x4(x0[k])
		c00 = c00.Add(b0.Mul(p0))
	}
	c00.Store(&acc[0])
	archsimd.ClearAVXUpperBits() // the caller's scalar code follows
}
