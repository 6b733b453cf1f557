package matrix

import "fmt"

// Mul returns the product a b. It panics unless a.Cols == b.Rows.
func Mul(a, b *Dense) *Dense {
	if a.Cols != b.Rows {
		mismatch("Mul", a, b)
	}
	dst := New(a.Rows, b.Cols)
	MulInto(dst, a, b)
	return dst
}

// MulInto sets dst to a b. The loops run i, k, j so that the innermost one walks
// a row of b and a row of dst: with examples stored as columns, that is a loop
// over the examples. dst must not share storage with a or b. It panics unless
// a.Cols == b.Rows and dst is a.Rows x b.Cols.
//
// Four rows of b are taken per pass over a row of dst, which saves three of
// every four loads and stores of dst. Each element still adds its products in
// the order k = 0, 1, 2, ..., so the result is the same as one row at a time.
// Each product is rounded before it is added (float64(x*y)), so that no
// compiler fuses a multiply and an add and the bits are the same on every
// platform, and the same as MulTInto's for the same sums.
func MulInto(dst, a, b *Dense) {
	if a.Cols != b.Rows {
		mismatch("Mul", a, b)
	}
	mustShape("Mul", dst, a.Rows, b.Cols)
	clear(dst.Data)
	for i := 0; i < a.Rows; i++ {
		axpyRows(dst.Row(i), a.Row(i), b)
	}
}

// axpyRows adds to d the sum over k of c[k] times row k of b, adding in the
// order of k.
func axpyRows(d, c []float64, b *Dense) {
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

// MulT returns a bᵀ, numpy's a.dot(b.T), without forming bᵀ. It panics unless
// a.Cols == b.Cols.
func MulT(a, b *Dense) *Dense {
	if a.Cols != b.Cols {
		mismatch("MulT", a, b)
	}
	dst := New(a.Rows, b.Rows)
	MulTInto(dst, a, b)
	return dst
}

// MulTInto sets dst to a bᵀ: element {i, j} is the dot product of row i of a
// and row j of b. dst must not share storage with a or b. It panics unless
// a.Cols == b.Cols and dst is a.Rows x b.Rows.
//
// Four dot products are formed per pass over a row of a: four independent
// sums keep the processor busy where one would wait on each addition. Each
// sum still adds its products in order, so the result is the same as one dot
// product at a time.
func MulTInto(dst, a, b *Dense) {
	if a.Cols != b.Cols {
		mismatch("MulT", a, b)
	}
	mustShape("MulT", dst, a.Rows, b.Rows)
	for i := 0; i < a.Rows; i++ {
		ai := a.Row(i)
		di := dst.Row(i)
		j := 0
		for ; j+4 <= len(di); j += 4 {
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
		for ; j < len(di); j++ {
			bj := b.Row(j)[:len(ai)]
			s := 0.0
			for k, v := range ai {
				s += float64(v * bj[k])
			}
			di[j] = s
		}
	}
}

// TMul returns aᵀ b, numpy's a.T.dot(b), without forming aᵀ. It panics unless
// a.Rows == b.Rows.
func TMul(a, b *Dense) *Dense {
	if a.Rows != b.Rows {
		mismatch("TMul", a, b)
	}
	dst := New(a.Cols, b.Cols)
	TMulInto(dst, a, b)
	return dst
}

// TMulInto sets dst to aᵀ b: row i of dst is the sum over k of a{k, i} times
// row k of b, added in the order of k. dst must not share storage with a or
// b. It panics unless a.Rows == b.Rows and dst is a.Cols x b.Cols.
func TMulInto(dst, a, b *Dense) {
	if a.Rows != b.Rows {
		mismatch("TMul", a, b)
	}
	mustShape("TMul", dst, a.Cols, b.Cols)
	clear(dst.Data)
	var buf [64]float64 // column i of a, without allocating when it is short
	col := buf[:0]
	if a.Rows > len(buf) {
		col = make([]float64, a.Rows)
	}
	col = col[:a.Rows]
	for i := 0; i < a.Cols; i++ {
		for k := range col {
			col[k] = a.Data[k*a.Cols+i]
		}
		axpyRows(dst.Row(i), col, b)
	}
}

// T returns the transpose of a, numpy's a.T, as a new matrix.
func T(a *Dense) *Dense {
	t := New(a.Cols, a.Rows)
	for i := 0; i < a.Rows; i++ {
		for j, v := range a.Row(i) {
			t.Data[j*t.Cols+i] = v
		}
	}
	return t
}

// WithBiasCol returns a with a column of ones put in front of its columns,
// numpy's np.append(np.ones([m, 1]), a, axis=1): the bias unit of the
// tutorial's row-per-example layout.
func WithBiasCol(a *Dense) *Dense {
	b := New(a.Rows, a.Cols+1)
	for i := 0; i < a.Rows; i++ {
		r := b.Row(i)
		r[0] = 1
		copy(r[1:], a.Row(i))
	}
	return b
}

// WithBiasRow returns a with a row of ones put above its rows: the bias unit
// when examples are stored as columns.
func WithBiasRow(a *Dense) *Dense {
	b := New(a.Rows+1, a.Cols)
	SetBiasRow(b, a)
	return b
}

// SetBiasRow sets row 0 of dst to ones and rows 1.. to a. It panics unless dst
// is (a.Rows+1) x a.Cols.
func SetBiasRow(dst, a *Dense) {
	mustShape("SetBiasRow", dst, a.Rows+1, a.Cols)
	bias := dst.Row(0)
	for j := range bias {
		bias[j] = 1
	}
	copy(dst.Data[dst.Cols:], a.Data)
}

// DropFirstCol returns a copy of a without its first column, numpy's a[:, 1:]:
// the weights of a Theta without its bias column. It panics if a has no columns.
func DropFirstCol(a *Dense) *Dense {
	if a.Cols < 1 {
		panic(fmt.Sprintf("matrix: DropFirstCol of %s", a.shape()))
	}
	b := New(a.Rows, a.Cols-1)
	for i := 0; i < a.Rows; i++ {
		copy(b.Row(i), a.Row(i)[1:])
	}
	return b
}

// MulElem returns the element-wise product of a and b (numpy's a * b, the
// tutorial's .*). It panics unless a and b have the same shape.
func MulElem(a, b *Dense) *Dense {
	if !SameShape(a, b) {
		mismatch("MulElem", a, b)
	}
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = v * b.Data[i]
	}
	return c
}

// Add returns a + b. It panics unless a and b have the same shape.
func Add(a, b *Dense) *Dense {
	if !SameShape(a, b) {
		mismatch("Add", a, b)
	}
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = v + b.Data[i]
	}
	return c
}

// Sub returns a - b. It panics unless a and b have the same shape.
func Sub(a, b *Dense) *Dense {
	if !SameShape(a, b) {
		mismatch("Sub", a, b)
	}
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = v - b.Data[i]
	}
	return c
}

// Scale returns s a.
func Scale(s float64, a *Dense) *Dense {
	return Apply(func(v float64) float64 { return s * v }, a)
}

// Apply returns the matrix whose elements are f of a's elements.
func Apply(f func(float64) float64, a *Dense) *Dense {
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = f(v)
	}
	return c
}

// Sum returns the sum of a's elements, added in storage order.
func Sum(a *Dense) float64 {
	s := 0.0
	for _, v := range a.Data {
		s += v
	}
	return s
}

// ArgmaxRows returns, for each row of a, the index of its largest element,
// numpy's np.argmax(a, axis=1); ties go to the first. A NaN is never larger. It
// panics if a has no columns.
func ArgmaxRows(a *Dense) []int {
	if a.Cols < 1 {
		panic(fmt.Sprintf("matrix: ArgmaxRows of %s", a.shape()))
	}
	idx := make([]int, a.Rows)
	for i := range idx {
		r := a.Row(i)
		best := 0
		for j, v := range r {
			if v > r[best] {
				best = j
			}
		}
		idx[i] = best
	}
	return idx
}
