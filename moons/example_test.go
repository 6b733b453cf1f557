package moons_test

import (
	"fmt"

	"github.com/ann-go/ann/moons"
)

// The tutorial's data set: make_moons(n_samples=1000, noise=0.1, random_state=0).
func ExampleMake() {
	X, y := moons.Make(1000, 0.1, 0)
	fmt.Println(X.Rows, X.Cols, len(y))
	for i := 0; i < 3; i++ {
		fmt.Printf("%.6f %.6f %d\n", X.At(i, 0), X.At(i, 1), y[i])
	}
	// Output:
	// 1000 2 1000
	// 2.042715 0.518124 1
	// 1.720337 -0.132338 1
	// -0.263867 0.763826 0
}
