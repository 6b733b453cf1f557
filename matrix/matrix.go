// Package matrix is the small row-major matrix that the rest of ann computes
// with: the products, transposes and bias columns of the tutorial's numpy code,
// and nothing more.
//
// A Dense holds Rows x Cols float64 values in one slice, row by row:
//
//	element {i, j} is Data[i*Cols + j]
//
// The tutorial's code keeps one example per row and writes products such as
// layer.dot(Theta.T) and d.T.dot(A). Each has a function here that reads the
// transposed operand in place instead of copying it:
//
//	Mul(a, b)  = a b        numpy: a.dot(b)
//	MulT(a, b) = a bᵀ       numpy: a.dot(b.T)
//	TMul(a, b) = aᵀ b       numpy: a.T.dot(b)
//
// The functions that return a matrix allocate it; the ...Into forms write into a
// destination the caller owns, for loops that must not allocate.
//
// Shapes are the caller's contract. A function given operands whose shapes do
// not fit panics with a message that begins "matrix: dimension mismatch" and
// names both shapes; an index out of range panics as a slice index would. So
// does, at the function's entry, a Dense whose Data does not hold Rows x Cols
// values, and a product whose destination shares storage with an operand
// (its sums would read what they have overwritten). New and Linspace panic
// rather than allocate more than MaxElements values.
package matrix

import (
	"fmt"
	"strconv"
	"strings"
	"unsafe"
)

// MaxElements is the most values New and Linspace allocate: 2^28 float64s, 2
// GiB. A larger size is almost always a mistake in the sizes, and would end
// the program with an out-of-memory error that no caller can recover from.
const MaxElements = 1 << 28

// Dense is a row-major matrix: element {i, j} is Data[i*Cols+j].
type Dense struct {
	Rows, Cols int
	Data       []float64
}

// New returns a zero Rows x Cols matrix. It panics if a dimension is
// negative or rows x cols is more than MaxElements.
func New(rows, cols int) *Dense {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("matrix: negative dimension %dx%d", rows, cols))
	}
	if cols > 0 && rows > MaxElements/cols {
		panic(fmt.Sprintf("matrix: New(%d, %d): more than MaxElements = %d values", rows, cols, MaxElements))
	}
	return &Dense{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
}

// FromRows returns a matrix holding a copy of rows. It panics if the rows are
// not all the same length.
func FromRows(rows [][]float64) *Dense {
	if len(rows) == 0 {
		return New(0, 0)
	}
	m := New(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != m.Cols {
			panic(fmt.Sprintf("matrix: FromRows: row %d has %d values, row 0 has %d", i, len(r), m.Cols))
		}
		copy(m.Row(i), r)
	}
	return m
}

// At returns element {i, j}.
func (m *Dense) At(i, j int) float64 { return m.Data[m.index(i, j)] }

// Set sets element {i, j} to v.
func (m *Dense) Set(i, j int, v float64) { m.Data[m.index(i, j)] = v }

func (m *Dense) index(i, j int) int {
	if i < 0 || i >= m.Rows || j < 0 || j >= m.Cols {
		panic(fmt.Sprintf("matrix: index {%d, %d} out of range for %s", i, j, m.shape()))
	}
	return i*m.Cols + j
}

// Row returns row i as a slice that shares m's storage.
func (m *Dense) Row(i int) []float64 {
	if i < 0 || i >= m.Rows {
		panic(fmt.Sprintf("matrix: row %d out of range for %s", i, m.shape()))
	}
	return m.Data[i*m.Cols : (i+1)*m.Cols : (i+1)*m.Cols]
}

// Copy returns a copy of m that shares no storage with it.
func (m *Dense) Copy() *Dense {
	valid("Copy", m)
	c := New(m.Rows, m.Cols)
	copy(c.Data, m.Data)
	return c
}

// SameShape reports whether a and b have the same number of rows and columns.
func SameShape(a, b *Dense) bool { return a.Rows == b.Rows && a.Cols == b.Cols }

// String formats m as rows of values in brackets, for examples and test failures.
func (m *Dense) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i := 0; i < m.Rows; i++ {
		if i > 0 {
			b.WriteString("\n ")
		}
		b.WriteByte('[')
		for j, v := range m.Row(i) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.FormatFloat(v, 'g', 6, 64))
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

func (m *Dense) shape() string { return fmt.Sprintf("%dx%d", m.Rows, m.Cols) }

// valid panics unless each m's Data holds exactly Rows x Cols values, at the
// entry of op rather than at a slice bound deep inside it.
func valid(op string, ms ...*Dense) {
	for _, m := range ms {
		if m.Rows < 0 || m.Cols < 0 || m.Cols > 0 && m.Rows > len(m.Data)/m.Cols || len(m.Data) != m.Rows*m.Cols {
			panic(fmt.Sprintf("matrix: %s of a %s Dense whose Data holds %d values", op, m.shape(), len(m.Data)))
		}
	}
}

// mustNotAlias panics if dst shares storage with an operand of op, whose
// loops would then read values they have already overwritten.
func mustNotAlias(op string, dst *Dense, operands ...*Dense) {
	const size = unsafe.Sizeof(float64(0))
	for _, a := range operands {
		if len(dst.Data) == 0 || len(a.Data) == 0 {
			continue
		}
		d0, a0 := uintptr(unsafe.Pointer(&dst.Data[0])), uintptr(unsafe.Pointer(&a.Data[0]))
		if d0 < a0+uintptr(len(a.Data))*size && a0 < d0+uintptr(len(dst.Data))*size {
			panic(fmt.Sprintf("matrix: %s: the destination shares storage with an operand", op))
		}
	}
}

func mismatch(op string, a, b *Dense) {
	panic(fmt.Sprintf("matrix: dimension mismatch: %s of %s and %s", op, a.shape(), b.shape()))
}

func mustShape(op string, dst *Dense, rows, cols int) {
	if dst.Rows != rows || dst.Cols != cols {
		panic(fmt.Sprintf("matrix: dimension mismatch: %s wants a %dx%d destination, got %s", op, rows, cols, dst.shape()))
	}
}
