package model_test

import (
	"fmt"

	"github.com/ann-go/ann/matrix"
	"github.com/ann-go/ann/network/model"
)

// Feature inputs in place of a point's two coordinates: the xor data set's
// classes are the signs of x1·x2, a line in the third input.
func ExampleFeatures_Apply() {
	fs, err := model.ParseFeatures("x1,x2,x1*x2")
	if err != nil {
		fmt.Println(err)
		return
	}
	F, err := fs.Apply(matrix.FromRows([][]float64{{0.5, -2}, {3, 1}}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fs, "->", F.Row(0), F.Row(1))
	// Output:
	// x1,x2,x1*x2 -> [0.5 -2 -1] [3 1 3]
}
