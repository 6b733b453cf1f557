package matrix

import (
	"strings"
	"testing"
)

// mustPanic runs f and fails unless it panics with a message that starts
// "matrix: " and contains want.
func mustPanic(t *testing.T, name, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r, _ := recover().(string)
		if !strings.HasPrefix(r, "matrix: ") || !strings.Contains(r, want) {
			t.Errorf("%s: recovered %q, want a panic starting \"matrix: \" and saying %q", name, r, want)
		}
	}()
	f()
}

// Sizes whose product overflows or passes MaxElements panic in New and
// Linspace with a message, instead of returning a matrix of the wrong size
// or ending the program out of memory.
func TestSizeBounds(t *testing.T) {
	mustPanic(t, "New(1<<40, 1<<40)", "MaxElements", func() { New(1<<40, 1<<40) })
	mustPanic(t, "New(1<<62, 4)", "MaxElements", func() { New(1<<62, 4) })
	mustPanic(t, "New(MaxElements+1, 1)", "MaxElements", func() { New(MaxElements+1, 1) })
	mustPanic(t, "New(-1, 2)", "negative", func() { New(-1, 2) })
	mustPanic(t, "Linspace(0, 1, 1<<40, true)", "MaxElements", func() { Linspace(0, 1, 1<<40, true) })
	mustPanic(t, "Linspace(0, 1, -1, true)", "count -1", func() { Linspace(0, 1, -1, true) })
	if m := New(1<<20, 0); m.Rows != 1<<20 || len(m.Data) != 0 {
		t.Errorf("New(1<<20, 0) = %dx%d with %d values", m.Rows, m.Cols, len(m.Data))
	}
}

// A Dense whose Data does not hold Rows x Cols values is refused at the
// entry of every operation, with a message naming its shape and length.
func TestDataMatchesShape(t *testing.T) {
	short := &Dense{Rows: 2, Cols: 3, Data: make([]float64, 5)}
	long := &Dense{Rows: 2, Cols: 2, Data: make([]float64, 5)}
	bogus := &Dense{Rows: 1 << 62, Cols: 4, Data: make([]float64, 0)} // Rows x Cols overflows to 0
	ok := New(3, 2)
	for _, bad := range []*Dense{short, long, bogus} {
		want := "Data holds"
		mustPanic(t, "Mul", want, func() { Mul(bad, New(bad.Cols, 2)) })
		if bad != bogus {
			mustPanic(t, "Mul, second", want, func() { Mul(New(2, bad.Rows), bad) })
			mustPanic(t, "TMul", want, func() { TMul(bad, New(bad.Rows, 2)) })
		}
		mustPanic(t, "MulInto dst", want, func() { MulInto(&Dense{Rows: 2, Cols: 2, Data: make([]float64, 3)}, New(2, 3), ok) })
		mustPanic(t, "MulT", want, func() { MulT(bad, New(2, bad.Cols)) })
		mustPanic(t, "T", want, func() { T(bad) })
		mustPanic(t, "WithBiasCol", want, func() { WithBiasCol(bad) })
		mustPanic(t, "WithBiasRow", want, func() { WithBiasRow(bad) })
		mustPanic(t, "DropFirstCol", want, func() { DropFirstCol(bad) })
		mustPanic(t, "Add", want, func() { Add(bad, bad) })
		mustPanic(t, "Sub", want, func() { Sub(bad, bad) })
		mustPanic(t, "MulElem", want, func() { MulElem(bad, bad) })
		mustPanic(t, "Apply", want, func() { Apply(func(v float64) float64 { return v }, bad) })
		mustPanic(t, "Sum", want, func() { Sum(bad) })
		mustPanic(t, "ArgmaxRows", want, func() { ArgmaxRows(bad) })
		mustPanic(t, "Copy", want, func() { bad.Copy() })
	}
}

// A product whose destination shares storage with an operand would read
// sums it has overwritten (MulInto(a, a, c) gave zeros once): it panics.
// Storage that is merely next to an operand's, in the same array, is fine.
func TestAliasing(t *testing.T) {
	a := filledSq(3)
	c := filledSq(3)
	want := "shares storage"
	mustPanic(t, "MulInto(a, a, c)", want, func() { MulInto(a, a, c) })
	mustPanic(t, "MulInto(c, a, c)", want, func() { MulInto(c, a, c) })
	mustPanic(t, "MulTInto(a, a, c)", want, func() { MulTInto(a, a, c) })
	mustPanic(t, "MulTInto(c, a, c)", want, func() { MulTInto(c, a, c) })
	mustPanic(t, "TMulInto(a, a, c)", want, func() { TMulInto(a, a, c) })
	mustPanic(t, "TMulInto(c, a, c)", want, func() { TMulInto(c, a, c) })
	// A destination that is the last rows of a's storage.
	buf := make([]float64, 18)
	x := &Dense{Rows: 3, Cols: 3, Data: buf[:9]}
	copy(x.Data, a.Data)
	mustPanic(t, "MulInto into a's tail", want, func() { MulInto(&Dense{Rows: 3, Cols: 3, Data: buf[6:15]}, x, c) })
	mustPanic(t, "SetBiasRow(a over itself)", want, func() { SetBiasRow(&Dense{Rows: 3, Cols: 3, Data: buf[:9]}, &Dense{Rows: 2, Cols: 3, Data: buf[3:9]}) })
	// Next to it, not over it: computed, and equal to a fresh destination's.
	dst := &Dense{Rows: 3, Cols: 3, Data: buf[9:18]}
	MulInto(dst, x, c)
	if !equal(dst, Mul(a, c)) {
		t.Errorf("MulInto beside its operand: got %v, want %v", dst, Mul(a, c))
	}
}

// filledSq returns an n x n matrix of the values 1, 2, ..., n².
func filledSq(n int) *Dense {
	m := New(n, n)
	for i := range m.Data {
		m.Data[i] = float64(i + 1)
	}
	return m
}
