package matrix

import "fmt"

// Mul returns the product a b. It panics unless a.Cols == b.Rows.
func Mul(a, b *Dense) *Dense {
	valid("Mul", a, b)
	if a.Cols != b.Rows {
		mismatch("Mul", a, b)
	}
	dst := New(a.Rows, b.Cols)
	MulInto(dst, a, b)
	return dst
}

// MulInto sets dst to a b: row i of dst is the sum over k of a{i, k} times
// row k of b, added in the order k = 0, 1, 2, ... The innermost loop walks a
// row of b and a row of dst: with examples stored as columns, that is a loop
// over the examples. Each product is rounded before it is added
// (float64(x*y)), so that no compiler fuses a multiply and an add and the bits
// are the same on every platform, and the same as MulTInto's for the same
// sums. dst must not share storage with a or b. It panics unless a.Cols ==
// b.Rows and dst is a.Rows x b.Cols.
func MulInto(dst, a, b *Dense) {
	valid("Mul", a, b, dst)
	if a.Cols != b.Rows {
		mismatch("Mul", a, b)
	}
	mustShape("Mul", dst, a.Rows, b.Cols)
	mustNotAlias("MulInto", dst, a, b)
	for i := 0; i < a.Rows; i++ {
		di := dst.Row(i)
		clear(di)
		for k, c := range a.Row(i) {
			bk := b.Row(k)[:len(di)]
			for j := range di {
				di[j] += float64(c * bk[j])
			}
		}
	}
}

// MulT returns a bᵀ, numpy's a.dot(b.T), without forming bᵀ. It panics unless
// a.Cols == b.Cols.
func MulT(a, b *Dense) *Dense {
	valid("MulT", a, b)
	if a.Cols != b.Cols {
		mismatch("MulT", a, b)
	}
	dst := New(a.Rows, b.Rows)
	MulTInto(dst, a, b)
	return dst
}

// MulTInto sets dst to a bᵀ: element {i, j} is the dot product of row i of a
// and row j of b, added in the order of k, each product rounded on its own.
// dst must not share storage with a or b. It panics unless a.Cols == b.Cols
// and dst is a.Rows x b.Rows.
func MulTInto(dst, a, b *Dense) {
	valid("MulT", a, b, dst)
	if a.Cols != b.Cols {
		mismatch("MulT", a, b)
	}
	mustShape("MulT", dst, a.Rows, b.Rows)
	mustNotAlias("MulTInto", dst, a, b)
	for i := 0; i < a.Rows; i++ {
		ai, di := a.Row(i), dst.Row(i)
		for j := range di {
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
	valid("TMul", a, b)
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
	valid("TMul", a, b, dst)
	if a.Rows != b.Rows {
		mismatch("TMul", a, b)
	}
	mustShape("TMul", dst, a.Cols, b.Cols)
	mustNotAlias("TMulInto", dst, a, b)
	clear(dst.Data)
	for k := 0; k < a.Rows; k++ {
		bk := b.Row(k)
		for i, c := range a.Row(k) {
			di := dst.Row(i)[:len(bk)]
			for j, v := range bk {
				di[j] += float64(c * v)
			}
		}
	}
}

// T returns the transpose of a, numpy's a.T, as a new matrix.
func T(a *Dense) *Dense {
	valid("T", a)
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
	valid("WithBiasCol", a)
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
	valid("WithBiasRow", a)
	b := New(a.Rows+1, a.Cols)
	SetBiasRow(b, a)
	return b
}

// SetBiasRow sets row 0 of dst to ones and rows 1.. to a. It panics unless dst
// is (a.Rows+1) x a.Cols.
func SetBiasRow(dst, a *Dense) {
	valid("SetBiasRow", a, dst)
	mustShape("SetBiasRow", dst, a.Rows+1, a.Cols)
	mustNotAlias("SetBiasRow", dst, a)
	bias := dst.Row(0)
	for j := range bias {
		bias[j] = 1
	}
	copy(dst.Data[dst.Cols:], a.Data)
}

// DropFirstCol returns a copy of a without its first column, numpy's a[:, 1:]:
// the weights of a Theta without its bias column. It panics if a has no columns.
func DropFirstCol(a *Dense) *Dense {
	valid("DropFirstCol", a)
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
	return elementwise("MulElem", a, b, func(x, y float64) float64 { return x * y })
}

// Add returns a + b. It panics unless a and b have the same shape.
func Add(a, b *Dense) *Dense {
	return elementwise("Add", a, b, func(x, y float64) float64 { return x + y })
}

// Sub returns a - b. It panics unless a and b have the same shape.
func Sub(a, b *Dense) *Dense {
	return elementwise("Sub", a, b, func(x, y float64) float64 { return x - y })
}

// elementwise returns the matrix of f(a{i, j}, b{i, j}).
func elementwise(op string, a, b *Dense, f func(x, y float64) float64) *Dense {
	valid(op, a, b)
	if !SameShape(a, b) {
		mismatch(op, a, b)
	}
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = f(v, b.Data[i])
	}
	return c
}

// Scale returns s a.
func Scale(s float64, a *Dense) *Dense {
	return Apply(func(v float64) float64 { return s * v }, a)
}

// Apply returns the matrix whose elements are f of a's elements.
func Apply(f func(float64) float64, a *Dense) *Dense {
	valid("Apply", a)
	c := New(a.Rows, a.Cols)
	for i, v := range a.Data {
		c.Data[i] = f(v)
	}
	return c
}

// Sum returns the sum of a's elements, added in storage order.
func Sum(a *Dense) float64 {
	valid("Sum", a)
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
	valid("ArgmaxRows", a)
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
