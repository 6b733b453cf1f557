package matrix

import (
	"math"
	"slices"
	"strings"
	"testing"

	// -update, so that go test ./... -update runs here too (no golden files here).
	_ "github.com/ann-go/ann/internal/golden"
)

func equal(a, b *Dense) bool {
	if !SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if v != b.Data[i] {
			return false
		}
	}
	return true
}

var (
	a23 = FromRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	b32 = FromRows([][]float64{{7, 8}, {9, 10}, {11, 12}})
	c23 = FromRows([][]float64{{-1, 0.5, 2}, {3, -2, 0}})
)

// naiveMul is the textbook triple loop, the definition the products are checked against.
func naiveMul(a, b *Dense) *Dense {
	c := New(a.Rows, b.Cols)
	for i := 0; i < a.Rows; i++ {
		for j := 0; j < b.Cols; j++ {
			s := 0.0
			for k := 0; k < a.Cols; k++ {
				s += a.At(i, k) * b.At(k, j)
			}
			c.Set(i, j, s)
		}
	}
	return c
}

func TestProducts(t *testing.T) {
	want := FromRows([][]float64{{58, 64}, {139, 154}})
	if got := Mul(a23, b32); !equal(got, want) {
		t.Errorf("Mul = %v, want %v", got, want)
	}
	// a bᵀ and aᵀ b against the plain product of an explicit transpose.
	if got, want := MulT(a23, c23), naiveMul(a23, T(c23)); !equal(got, want) {
		t.Errorf("MulT = %v, want %v", got, want)
	}
	if got, want := TMul(a23, c23), naiveMul(T(a23), c23); !equal(got, want) {
		t.Errorf("TMul = %v, want %v", got, want)
	}
	// Larger, irregular shapes, and the Into forms overwrite what dst held.
	x := New(7, 5)
	y := New(5, 9)
	for i := range x.Data {
		x.Data[i] = math.Sin(float64(i))
	}
	for i := range y.Data {
		y.Data[i] = math.Cos(float64(i))
	}
	dst := New(7, 9)
	for i := range dst.Data {
		dst.Data[i] = 99
	}
	MulInto(dst, x, y)
	if want := naiveMul(x, y); !near(dst, want, 1e-14) {
		t.Errorf("MulInto = %v, want %v", dst, want)
	}
	yt := T(y)
	if got, want := MulT(x, yt), naiveMul(x, y); !near(got, want, 1e-14) {
		t.Errorf("MulT(x, yᵀ) = %v, want %v", got, want)
	}
	xt := T(x)
	for i := range dst.Data {
		dst.Data[i] = -5
	}
	TMulInto(dst, xt, y)
	if want := naiveMul(x, y); !near(dst, want, 1e-14) {
		t.Errorf("TMulInto(xᵀ, y) = %v, want %v", dst, want)
	}
}

// Every inner size, so that each unrolled path (four at a time, and the last
// one, two or three) is checked, for all three products.
func TestProductsEveryInnerSize(t *testing.T) {
	for k := 1; k <= 10; k++ {
		a, b := New(3, k), New(k, 7)
		for i := range a.Data {
			a.Data[i] = math.Sin(float64(i + k))
		}
		for i := range b.Data {
			b.Data[i] = math.Cos(float64(3*i + k))
		}
		want := naiveMul(a, b)
		if got := Mul(a, b); !near(got, want, 1e-14) {
			t.Errorf("k=%d: Mul = %v, want %v", k, got, want)
		}
		if got := MulT(a, T(b)); !near(got, want, 1e-14) {
			t.Errorf("k=%d: MulT = %v, want %v", k, got, want)
		}
		if got := TMul(T(a), b); !near(got, want, 1e-14) {
			t.Errorf("k=%d: TMul = %v, want %v", k, got, want)
		}
	}
}

func near(a, b *Dense, tol float64) bool {
	if !SameShape(a, b) {
		return false
	}
	for i, v := range a.Data {
		if !(math.Abs(v-b.Data[i]) <= tol) { // NaN is never near
			return false
		}
	}
	return true
}

func TestShapesAndCopies(t *testing.T) {
	if got, want := T(a23), FromRows([][]float64{{1, 4}, {2, 5}, {3, 6}}); !equal(got, want) {
		t.Errorf("T = %v, want %v", got, want)
	}
	if got, want := WithBiasCol(a23), FromRows([][]float64{{1, 1, 2, 3}, {1, 4, 5, 6}}); !equal(got, want) {
		t.Errorf("WithBiasCol = %v, want %v", got, want)
	}
	if got, want := WithBiasRow(a23), FromRows([][]float64{{1, 1, 1}, {1, 2, 3}, {4, 5, 6}}); !equal(got, want) {
		t.Errorf("WithBiasRow = %v, want %v", got, want)
	}
	if got, want := DropFirstCol(a23), FromRows([][]float64{{2, 3}, {5, 6}}); !equal(got, want) {
		t.Errorf("DropFirstCol = %v, want %v", got, want)
	}
	c := a23.Copy()
	c.Set(0, 0, 42)
	if a23.At(0, 0) != 1 || c.At(0, 0) != 42 {
		t.Errorf("Copy shares storage: a23 = %v, copy = %v", a23, c)
	}
	if r := a23.Row(1); len(r) != 3 || cap(r) != 3 || r[2] != 6 {
		t.Errorf("Row(1) = %v (cap %d), want [4 5 6] (cap 3)", r, cap(r))
	}
	if got := New(0, 3); got.Rows != 0 || got.Cols != 3 || len(got.Data) != 0 {
		t.Errorf("New(0, 3) = %+v", got)
	}
	if got := FromRows(nil); got.Rows != 0 || got.Cols != 0 {
		t.Errorf("FromRows(nil) = %+v", got)
	}
}

func TestElementwise(t *testing.T) {
	tests := []struct {
		name      string
		got, want *Dense
	}{
		{"MulElem", MulElem(a23, c23), FromRows([][]float64{{-1, 1, 6}, {12, -10, 0}})},
		{"Add", Add(a23, c23), FromRows([][]float64{{0, 2.5, 5}, {7, 3, 6}})},
		{"Sub", Sub(a23, c23), FromRows([][]float64{{2, 1.5, 1}, {1, 7, 6}})},
		{"Scale", Scale(-2, a23), FromRows([][]float64{{-2, -4, -6}, {-8, -10, -12}})},
		{"Apply", Apply(func(v float64) float64 { return v * v }, c23), FromRows([][]float64{{1, 0.25, 4}, {9, 4, 0}})},
	}
	for _, tt := range tests {
		if !equal(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if got := Sum(c23); got != 2.5 {
		t.Errorf("Sum = %v, want 2.5", got)
	}
}

func TestArgmax(t *testing.T) {
	m := FromRows([][]float64{{0.1, 0.9, 0.9}, {3, -1, 2}, {-2, -1, -3}})
	if got, want := ArgmaxRows(m), []int{1, 0, 1}; !slices.Equal(got, want) {
		t.Errorf("ArgmaxRows = %v, want %v (ties go to the first)", got, want)
	}
	tie := FromRows([][]float64{{5, 5}, {1, 1}})
	if got, want := ArgmaxRows(tie), []int{0, 0}; !slices.Equal(got, want) {
		t.Errorf("ArgmaxRows(tie) = %v, want %v", got, want)
	}
}

func TestString(t *testing.T) {
	if got, want := c23.String(), "[[-1 0.5 2]\n [3 -2 0]]"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}

// Every function that checks shapes panics with a message naming the shapes.
func TestPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"New", func() { New(-1, 2) }, "negative dimension -1x2"},
		{"FromRows", func() { FromRows([][]float64{{1, 2}, {3}}) }, "row 1 has 1 values, row 0 has 2"},
		{"At", func() { a23.At(2, 0) }, "index {2, 0} out of range for 2x3"},
		{"Set", func() { a23.Set(0, -1, 1) }, "index {0, -1} out of range for 2x3"},
		{"Row", func() { a23.Row(5) }, "row 5 out of range for 2x3"},
		{"Mul", func() { Mul(a23, a23) }, "dimension mismatch: Mul of 2x3 and 2x3"},
		{"MulInto", func() { MulInto(New(2, 3), a23, b32) }, "Mul wants a 2x2 destination, got 2x3"},
		{"MulInto operands", func() { MulInto(New(2, 2), a23, a23) }, "Mul of 2x3 and 2x3"},
		{"MulT", func() { MulT(a23, b32) }, "MulT of 2x3 and 3x2"},
		{"MulTInto", func() { MulTInto(New(3, 3), a23, c23) }, "MulT wants a 2x2 destination, got 3x3"},
		{"MulTInto operands", func() { MulTInto(New(2, 2), a23, b32) }, "MulT of 2x3 and 3x2"},
		{"TMul", func() { TMul(a23, b32) }, "TMul of 2x3 and 3x2"},
		{"TMulInto", func() { TMulInto(New(2, 2), a23, c23) }, "TMul wants a 3x3 destination, got 2x2"},
		{"TMulInto operands", func() { TMulInto(New(3, 2), a23, b32) }, "TMul of 2x3 and 3x2"},
		{"SetBiasRow", func() { SetBiasRow(New(2, 3), a23) }, "SetBiasRow wants a 3x3 destination, got 2x3"},
		{"DropFirstCol", func() { DropFirstCol(New(2, 0)) }, "DropFirstCol of 2x0"},
		{"MulElem", func() { MulElem(a23, b32) }, "MulElem of 2x3 and 3x2"},
		{"Add", func() { Add(a23, b32) }, "Add of 2x3 and 3x2"},
		{"Sub", func() { Sub(a23, b32) }, "Sub of 2x3 and 3x2"},
		{"ArgmaxRows", func() { ArgmaxRows(New(2, 0)) }, "ArgmaxRows of 2x0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "matrix: ") || !strings.Contains(msg, tt.want) {
					t.Errorf("panic %q, want one starting \"matrix: \" containing %q", msg, tt.want)
				}
			}()
			tt.f()
		})
	}
}
