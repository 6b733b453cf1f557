package moons_test

import (
	"fmt"

	"github.com/ann-go/ann/moons"
)

// scikit-learn's make_circles(n_samples=6, noise=0.05, random_state=0,
// factor=0.5): 3 points on the unit circle (label 0), 3 on the circle of
// radius 0.5 (label 1), shuffled, with noise.
func ExampleCircles() {
	X, y := moons.Circles(6, 0.05, 0, 0.5)
	for i := 0; i < X.Rows; i++ {
		fmt.Printf("%6.3f %6.3f %d\n", X.At(i, 0), X.At(i, 1), y[i])
	}
	// Output:
	// -0.292 -0.335 1
	// -0.437 -0.891 0
	// -0.373  0.920 0
	//  0.524  0.029 1
	//  0.991  0.071 0
	// -0.269  0.447 1
}

// Label 1 where exactly one coordinate is positive. The same points in numpy:
// rs = np.random.RandomState(1); X = 2*rs.rand(5, 2) - 1.
func ExampleXOR() {
	X, y := moons.XOR(5, 0, 1)
	for i := 0; i < X.Rows; i++ {
		fmt.Printf("%6.3f %6.3f %d\n", X.At(i, 0), X.At(i, 1), y[i])
	}
	// Output:
	// -0.166  0.441 1
	// -1.000 -0.395 0
	// -0.706 -0.815 0
	// -0.627 -0.309 0
	// -0.206  0.078 1
}

// Three arms of two points each, at t = 0.1 and t = 1, shuffled.
func ExampleSpiral() {
	X, y := moons.Spiral(6, 0, 0, 3)
	for i := 0; i < X.Rows; i++ {
		fmt.Printf("%6.3f %6.3f %d\n", X.At(i, 0), X.At(i, 1), y[i])
	}
	// Output:
	// -0.329  0.944 2
	// -0.080  0.060 1
	// -0.654 -0.757 0
	//  0.982 -0.188 1
	//  0.092  0.039 0
	// -0.012 -0.099 2
}
