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
// names both shapes; an index out of range panics as a slice index would.
package matrix

import (
	"fmt"
	"strconv"
	"strings"
)

// Dense is a row-major matrix: element {i, j} is Data[i*Cols+j].
type Dense struct {
	Rows, Cols int
	Data       []float64
}

// New returns a zero Rows x Cols matrix. It panics if a dimension is negative.
func New(rows, cols int) *Dense {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("matrix: negative dimension %dx%d", rows, cols))
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

func mismatch(op string, a, b *Dense) {
	panic(fmt.Sprintf("matrix: dimension mismatch: %s of %s and %s", op, a.shape(), b.shape()))
}

func mustShape(op string, dst *Dense, rows, cols int) {
	if dst.Rows != rows || dst.Cols != cols {
		panic(fmt.Sprintf("matrix: dimension mismatch: %s wants a %dx%d destination, got %s", op, rows, cols, dst.shape()))
	}
}
