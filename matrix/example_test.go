package matrix_test

import (
	"fmt"

	"github.com/ann-go/ann/matrix"
)

func ExampleMul() {
	a := matrix.FromRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	b := matrix.FromRows([][]float64{{1, 0}, {0, 1}, {1, 1}})
	fmt.Println(matrix.Mul(a, b))
	// Output:
	// [[4 5]
	//  [10 11]]
}

// The tutorial's forward step, layer.dot(Theta.T), for two examples (rows) and a
// layer of one unit: the bias column of ones goes in front, and MulT reads
// Theta as transposed without copying it.
func ExampleMulT() {
	X := matrix.FromRows([][]float64{{0.5, -1}, {2, 0}})
	Theta := matrix.FromRows([][]float64{{0.1, 1, 2}}) // bias weight first
	fmt.Println(matrix.MulT(matrix.WithBiasCol(X), Theta))
	// Output:
	// [[-1.4]
	//  [2.1]]
}

// The tutorial's Delta accumulation, d.T.dot(A).
func ExampleTMul() {
	d := matrix.FromRows([][]float64{{1}, {-1}})
	A := matrix.FromRows([][]float64{{1, 0.5, 0.25}, {1, 2, 4}})
	fmt.Println(matrix.TMul(d, A))
	// Output:
	// [[0 -1.5 -3.75]]
}

func ExampleWithBiasCol() {
	X := matrix.FromRows([][]float64{{3, 4}, {5, 6}})
	fmt.Println(matrix.WithBiasCol(X))
	fmt.Println(matrix.DropFirstCol(matrix.WithBiasCol(X)))
	// Output:
	// [[1 3 4]
	//  [1 5 6]]
	// [[3 4]
	//  [5 6]]
}

func ExampleArgmaxRows() {
	h := matrix.FromRows([][]float64{{0.9, 0.1}, {0.3, 0.7}})
	fmt.Println(matrix.ArgmaxRows(h))
	// Output:
	// [0 1]
}
